/**
 * `graph-contracts report --compare BASELINE.json CURRENT.json`: what changed between two runs
 * (new failures, fixed, added and removed interactions, field verdict changes), on the console,
 * as Markdown (also appended to the job summary with --job-summary) and as JSON.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../internal/atomic-write';
import { redact } from '../../internal/secrets';
import { blockingNewFailures, compareReports } from '../../report/compare';
import { renderComparisonConsole, renderComparisonJson, renderComparisonMarkdown } from '../../report/compare-render';
import { parseReport } from '../../report/merge';
import { blockingFailures } from '../../report/pending';
import type { VerificationReport } from '../../report/model';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';

export const COMPARE_FORMATS = ['console', 'json', 'markdown'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
const FILES: Record<Exclude<CompareFormat, 'console'>, string> = { json: 'comparison.json', markdown: 'comparison.md' };

/** `new`: exit 1 on new failures only; `any`: on any failure of the current run; `none`: never. */
export const COMPARE_FAIL_ON = ['new', 'any', 'none'] as const;
export type CompareFailOn = (typeof COMPARE_FAIL_ON)[number];

export interface CompareOptions {
  formats: CompareFormat[];
  out: string;
  jobSummary?: boolean;
  failOn: CompareFailOn;
}

/** The formats `--report` names, when a comparison has them all; else what is wrong. */
export function compareFormats(names: string[]): CompareFormat[] | string {
  const wrong = names.filter((n) => !(COMPARE_FORMATS as readonly string[]).includes(n));
  if (wrong.length > 0) return `report --compare writes ${COMPARE_FORMATS.join(', ')}, not ${wrong.join(', ')}.`;
  return names as CompareFormat[];
}

export function runCompare(files: string[], options: CompareOptions, writer: Writer, readReport: (file: string) => VerificationReport): number {
  if (files.length !== 2) {
    writer.err(`[graph-contracts] report --compare takes two reports, the baseline then the current run (got ${files.length}).\n`);
    return EXIT.usage;
  }
  const [baseline, current] = files.map(readReport) as [VerificationReport, VerificationReport];
  const comparison = compareReports(baseline, current);
  for (const format of options.formats) {
    if (format === 'console') {
      writer.out(redact(renderComparisonConsole(comparison)));
      continue;
    }
    const text = redact(format === 'json' ? renderComparisonJson(comparison) : renderComparisonMarkdown(comparison));
    writeFileAtomic(join(options.out, FILES[format]), text);
    writer.out(`Wrote the ${format} comparison to ${join(options.out, FILES[format])}\n`);
  }
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (options.jobSummary && summaryFile) {
    appendFileSync(summaryFile, redact(renderComparisonMarkdown(comparison)));
    writer.out('Appended the comparison to the job summary\n');
  }
  if (options.failOn === 'new') return blockingNewFailures(comparison) > 0 ? EXIT.findings : EXIT.ok;
  if (options.failOn === 'any') return blockingFailures(current) > 0 ? EXIT.findings : EXIT.ok;
  return EXIT.ok;
}

/** Reads one JSON report; a missing file or one that is not a report is a usage error (exit 2). */
export function readReportFile(file: string, missing: (message: string) => Error): VerificationReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw missing(`Cannot read the report ${file}: no such file. Give the verification.json files that \`verify --report json\` wrote.`);
  }
  return parseReport(file, text);
}
