/**
 * The CLI's runtime settings (src/cli/runtime-tuning.ts): V8 flags and lower-priority helper
 * threads, applied by default, skipped when GRAPH_CONTRACTS_V8_TUNING=off, and without effect on
 * what extraction produces.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HELPER_THREAD_NICENESS, SHORT_RUN_V8_FLAGS, tuneRuntimeForShortRun, type TuningHost } from '../../src/cli/runtime-tuning';

/** A host that records what the tuning asks of it. */
function fakeHost(overrides: Partial<TuningHost> = {}): TuningHost & { flags: string[]; priorities: Array<[number, number]> } {
  const flags: string[] = [];
  const priorities: Array<[number, number]> = [];
  return {
    platform: 'linux',
    isMainThread: true,
    mainThreadId: 100,
    threadIds: () => [100, 101, 102],
    setPriority: (threadId, niceness) => void priorities.push([threadId, niceness]),
    setV8Flags: (value) => void flags.push(value),
    ...overrides,
    flags,
    priorities,
  };
}

test('by default the flags go to V8 and every thread but the main one gets the lowest priority', () => {
  const host = fakeHost();
  expect(tuneRuntimeForShortRun({}, host)).toEqual({ flags: SHORT_RUN_V8_FLAGS, helperThreads: [101, 102] });
  expect(host.flags).toEqual([SHORT_RUN_V8_FLAGS.join(' ')]);
  expect(host.priorities).toEqual([
    [101, HELPER_THREAD_NICENESS],
    [102, HELPER_THREAD_NICENESS],
  ]);
});

test.each(['off', 'OFF'])('GRAPH_CONTRACTS_V8_TUNING=%s leaves V8 and the threads as they are', (value) => {
  const host = fakeHost();
  expect(tuneRuntimeForShortRun({ GRAPH_CONTRACTS_V8_TUNING: value }, host)).toEqual({ flags: [], helperThreads: [] });
  expect(host.flags).toEqual([]);
  expect(host.priorities).toEqual([]);
});

test('outside Linux only the flags apply (a nice value there is the whole process\'s)', () => {
  const host = fakeHost({ platform: 'darwin' });
  expect(tuneRuntimeForShortRun({}, host)).toEqual({ flags: SHORT_RUN_V8_FLAGS, helperThreads: [] });
  expect(host.priorities).toEqual([]);
});

test('no thread list (no /proc) and threads that refuse are skipped, never fatal', () => {
  const noProc = fakeHost({
    threadIds: () => {
      throw new Error("ENOENT: no such file or directory, scandir '/proc/self/task'");
    },
  });
  expect(tuneRuntimeForShortRun({}, noProc)).toEqual({ flags: SHORT_RUN_V8_FLAGS, helperThreads: [] });

  const refusing = fakeHost({
    threadIds: () => [100, 101, 102, 103],
    setPriority: (threadId) => {
      if (threadId === 102) throw new Error('ESRCH: no such process');
    },
  });
  expect(tuneRuntimeForShortRun({}, refusing).helperThreads).toEqual([101, 103]);
});

test('inside a worker thread, or with /proc from another pid namespace, no thread is touched', () => {
  const inWorker = fakeHost({ isMainThread: false });
  expect(tuneRuntimeForShortRun({}, inWorker)).toEqual({ flags: SHORT_RUN_V8_FLAGS, helperThreads: [] });
  expect(inWorker.priorities).toEqual([]);

  // The process's own id is missing from the list: the ids belong to another namespace.
  const otherNamespace = fakeHost({ mainThreadId: 1, threadIds: () => [8777, 8778, 8779] });
  expect(tuneRuntimeForShortRun({}, otherNamespace)).toEqual({ flags: SHORT_RUN_V8_FLAGS, helperThreads: [] });
  expect(otherNamespace.priorities).toEqual([]);
});

const linuxOnly = process.platform === 'linux' ? test : test.skip;
linuxOnly('in a real Node process the helper threads end at nice 19 and the main thread keeps its priority (skipped: Linux only)', () => {
  const tuning = JSON.stringify(join(__dirname, '..', '..', 'dist', 'cli', 'runtime-tuning.js'));
  const script = `const os = require('os'), fs = require('fs');
    const before = os.getPriority(process.pid);
    const applied = require(${tuning}).tuneRuntimeForShortRun({});
    const threads = fs.readdirSync('/proc/self/task').map(Number);
    console.log(JSON.stringify({ before, main: os.getPriority(process.pid), applied,
      helpers: threads.filter((t) => t !== process.pid).map((t) => [t, os.getPriority(t)]) }));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as { before: number; main: number; applied: { helperThreads: number[] }; helpers: Array<[number, number]> };
  expect(result.main).toBe(result.before);
  // Node starts V8's helper threads before any script runs.
  expect(result.applied.helperThreads.length).toBeGreaterThanOrEqual(1);
  // Every thread but the main one, not some of them.
  expect(result.applied.helperThreads.sort()).toEqual(result.helpers.map(([threadId]) => threadId).sort());
  for (const [, niceness] of result.helpers) expect(niceness).toBe(HELPER_THREAD_NICENESS);
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
  const tuning = bin.indexOf("require('../dist/cli/runtime-tuning.js').tuneRuntimeForShortRun()");
  expect(tuning).toBeGreaterThan(0);
  expect(tuning).toBeLessThan(bin.indexOf("require('../dist/cli/main.js')"));
});
