/** The report formats, keyed by the names `--report` accepts, with their file names. */
import type { VerificationReport } from './model';
import { renderConsole } from './reporters/console';
import { renderHtml } from './reporters/html';
import { renderJson } from './reporters/json';
import { renderJunit } from './reporters/junit';
import { renderMarkdown } from './reporters/markdown';

import type { RenderOptions } from './render-options';

export type { RenderOptions };

export interface Reporter {
  /** File written under `--out`, or null for the console. */
  file: string | null;
  render(report: VerificationReport, options?: RenderOptions): string;
}

export const REPORTERS = {
  console: { file: null, render: renderConsole },
  json: { file: 'verification.json', render: renderJson },
  junit: { file: 'verification.junit.xml', render: renderJunit },
  markdown: { file: 'verification.md', render: renderMarkdown },
  html: { file: 'verification.html', render: renderHtml },
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];
