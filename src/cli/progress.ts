/**
 * A progress bar on stderr for long extractions, shown only on a terminal (never in CI logs).
 */
import type { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** `unit` names what is counted (`pages`, `interactions`). */
export function createProgress(enabled: boolean, label: string, total: number, unit = 'pages'): Progress {
  if (!enabled || !process.stderr.isTTY || total < 50) return SILENT;
  // Loaded only when a bar is shown: CI and piped runs skip its start-up cost.
  const { SingleBar: Bar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar: SingleBar = new Bar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
