/**
 * The CLI's V8 settings (src/cli/compiler-tuning.ts): applied by default, skipped when
 * GRAPH_CONTRACTS_V8_TUNING=off, and without effect on what extraction produces.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const setFlagsFromString = jest.fn();
jest.mock('node:v8', () => ({ ...jest.requireActual('node:v8'), setFlagsFromString: (flags: string) => setFlagsFromString(flags) }));

import { SHORT_RUN_V8_FLAGS, tuneCompilerForShortRun } from '../../src/cli/compiler-tuning';

beforeEach(() => setFlagsFromString.mockClear());

test('the flags are handed to V8 by default', () => {
  expect(tuneCompilerForShortRun({})).toEqual(SHORT_RUN_V8_FLAGS);
  expect(setFlagsFromString).toHaveBeenCalledWith(SHORT_RUN_V8_FLAGS.join(' '));
});

test.each(['off', 'OFF'])('GRAPH_CONTRACTS_V8_TUNING=%s leaves V8 as it is', (value) => {
  expect(tuneCompilerForShortRun({ GRAPH_CONTRACTS_V8_TUNING: value })).toEqual([]);
  expect(setFlagsFromString).not.toHaveBeenCalled();
});

test('every flag is one this Node.js knows (V8 would print "unrecognized flag" on every run)', () => {
  const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  for (const flag of SHORT_RUN_V8_FLAGS) expect(known).toContain(`  ${flag.replace(/^--no-/, '--')} `);
});

test('the CLI extracts the same summary and model with and without the tuning', () => {
  const root = join(__dirname, '..', '..');
  const folder = mkdtempSync(join(tmpdir(), 'tuning-'));
  const summary = (tuning: string): { figures: Record<string, unknown>; model: string } => {
    const file = join(folder, `summary-${tuning}.json`);
    const model = join(folder, `model-${tuning}.json`);
    const run = spawnSync(process.execPath, ['bin/graph-contracts.js', 'extract', 'contracts', '--show', 'none', '--no-progress', '--summary-json', file, '--json', model], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GRAPH_CONTRACTS_V8_TUNING: tuning },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const { durationMs, ...figures } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(typeof durationMs).toBe('number');
    return { figures, model: readFileSync(model, 'utf8') };
  };
  try {
    const tuned = summary('on');
    expect(tuned.figures.pages).toBe(5);
    expect(summary('off')).toEqual(tuned);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the entry point applies the tuning before it loads the CLI', () => {
  const bin = readFileSync(join(__dirname, '..', '..', 'bin', 'graph-contracts.js'), 'utf8');
  const tuning = bin.indexOf("require('../dist/cli/compiler-tuning.js').tuneCompilerForShortRun()");
  expect(tuning).toBeGreaterThan(0);
  expect(tuning).toBeLessThan(bin.indexOf("require('../dist/cli/main.js')"));
});
