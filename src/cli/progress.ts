/**
 * A progress bar on stderr for long runs, shown only on a terminal; where the output is a CI log
 * or a file, `createProgressLines` prints one line per 10% instead (a bar would be noise there).
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
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

/**
 * On a terminal, the bar; elsewhere one line per 10% on `write` (`verify: 30% (700/2334
 * interactions, 41 s)`; `unit` null leaves the unit out), so that a long run in CI says it is alive without flooding the log.
 * Runs of fewer than 50 items show neither.
 */
export function createProgressLines(enabled: boolean, label: string, unit: string | null, write: (line: string) => void, isTTY = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) return SILENT;
  let bar: Progress | null = null;
  let lastStep = 0;
  const started = Date.now();
  return {
    update: (done, total) => {
      if (isTTY) {
        bar ??= createProgress(true, label, total, unit ?? 'done');
        bar.update(done, total);
        return;
      }
      // As for the bar: small runs end before progress would tell anything.
      if (total < 50) return;
      const step = Math.floor((done / total) * 10);
      if (step <= lastStep) return;
      lastStep = step;
      write(`${label}: ${step * 10}% (${done}/${total}${unit ? ` ${unit}` : ''}, ${Math.round((Date.now() - started) / 1000)} s)\n`);
    },
    stop: () => bar?.stop(),
  };
}
