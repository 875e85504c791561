/**
 * Runtime settings for the command line, a short-lived batch process: V8 compiler flags, and a
 * lower priority for V8's helper threads.
 *
 * Why: a cold `graph-contracts extract` of the 13 MB corpus spends most of its time before V8's
 * optimising compiler (TurboFan) has caught up, and on a 2-core machine two things make that worse.
 *
 * - Compile size. TurboFan's queue is a bottleneck: `--trace-opt` summed 1.78 s of compile time
 *   in a 1.2 s run (Node 20), much of it inlining callees into large functions and recompiling
 *   them after deoptimisations. Without inlining and loop peeling each compile is smaller (1.14 s
 *   summed) and hot functions get their optimised code sooner. Measured: median wall 1.38 s →
 *   1.23 s, lower quartile 1.30 → 1.04 s (20 alternating runs each, Node 20); neutral on Node 24,
 *   whose mid-tier compiler (Maglev) already shortens the wait.
 * - Thread contention. Node starts four V8 helper threads (background compiling, parallel and
 *   concurrent garbage collection) whatever the number of cores. On two cores they take CPU time
 *   from the main thread, which runs the command and is the critical path. At the lowest priority
 *   (nice 19) they still get the cycles the main thread leaves idle, and the main thread keeps its
 *   core. Measured: median wall 1.21 s → 1.15 s, lower quartile 1.09 → 0.99 s (30 alternating
 *   runs each, Node 20). What is lowered is every thread present at start-up but the main one:
 *   V8's four workers and Node's two service threads (delayed tasks, the SIGUSR1 inspector
 *   watchdog). Threads started later inherit the priority of the thread that creates them, in the
 *   CLI the main thread: libuv's thread pool and Pact's threads run at the normal priority. Linux
 *   only: there a thread's nice value is its own (setpriority(2) with the thread id); elsewhere it
 *   would be the whole process's. On a host busy with other work, the lowered threads get little
 *   time and the main thread compiles and collects more itself.
 *
 * Only heuristics and scheduling change, never results. The library (`extract()` called from
 * another program) is not affected: only the CLI entry point calls this. Set
 * GRAPH_CONTRACTS_V8_TUNING=off to run with V8's and the system's defaults.
 * `npm run bench:extract` prints the comparison.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

export const SHORT_RUN_V8_FLAGS = ['--no-turbo-inlining', '--no-turbo-loop-peeling', '--no-turbo-loop-variable'] as const;

/** The lowest priority: helper threads run whenever a core would otherwise be idle. */
export const HELPER_THREAD_NICENESS = 19;

export interface TuningApplied {
  flags: readonly string[];
  /** Ids of the threads whose priority was lowered. */
  helperThreads: number[];
}

/** What the tuning touches, replaceable in tests. */
export interface TuningHost {
  platform: NodeJS.Platform;
  /** False inside a worker thread: the process's main thread is then not the one running the CLI. */
  isMainThread: boolean;
  mainThreadId: number;
  threadIds(): number[];
  setPriority(threadId: number, niceness: number): void;
  setV8Flags(flags: string): void;
}

const processHost: TuningHost = {
  platform: process.platform,
  isMainThread,
  // On Linux the main thread's id is the process id.
  mainThreadId: process.pid,
  threadIds: () => readdirSync('/proc/self/task').map(Number),
  setPriority: (threadId, niceness) => setPriority(threadId, niceness),
  setV8Flags: (flags) => setFlagsFromString(flags),
};

/**
 * Applies both settings unless GRAPH_CONTRACTS_V8_TUNING=off. Runs before the CLI loads: V8 flags
 * take effect for compile jobs started afterwards, and the helper threads exist from start-up.
 */
export function tuneRuntimeForShortRun(environment: NodeJS.ProcessEnv = process.env, host: TuningHost = processHost): TuningApplied {
  if ((environment.GRAPH_CONTRACTS_V8_TUNING ?? '').toLowerCase() === 'off') return { flags: [], helperThreads: [] };
  host.setV8Flags(SHORT_RUN_V8_FLAGS.join(' '));
  return { flags: SHORT_RUN_V8_FLAGS, helperThreads: lowerHelperThreadPriority(host) };
}

/** Sets every thread but the main one to HELPER_THREAD_NICENESS; a thread that refuses is skipped. */
function lowerHelperThreadPriority(host: TuningHost): number[] {
  // In a worker thread, "every thread but the main one" would include the CLI's own.
  if (host.platform !== 'linux' || !host.isMainThread) return [];
  let threadIds: number[];
  try {
    threadIds = host.threadIds();
  } catch {
    return []; // no /proc (a container without it): nothing to tune, nothing lost
  }
  // A /proc mounted for another pid namespace lists ids that mean other processes here.
  if (!threadIds.includes(host.mainThreadId)) return [];
  const lowered: number[] = [];
  for (const threadId of threadIds) {
    if (threadId === host.mainThreadId || !Number.isInteger(threadId)) continue;
    try {
      host.setPriority(threadId, HELPER_THREAD_NICENESS);
      lowered.push(threadId);
    } catch {
      // The thread ended meanwhile, or a security policy forbids it: it keeps its priority.
    }
  }
  return lowered;
}
