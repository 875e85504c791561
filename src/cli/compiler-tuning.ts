/**
 * V8 settings for the command line, a short-lived batch process.
 *
 * Why: a cold `graph-contracts extract` of the 13 MB corpus spends most of its time before V8's
 * optimising compiler (TurboFan) has caught up. TurboFan runs on a background thread, and on a
 * 2-core machine its queue is the bottleneck: `--trace-opt` summed 1.78 s of compile time in a
 * 1.2 s run (Node 20), much of it inlining callees into large functions and recompiling them after
 * deoptimisations. Hot code waits in the interpreter meanwhile. Without inlining and loop peeling
 * each compile is smaller (1.14 s summed) and hot functions get their optimised code sooner.
 * Measured: median wall 1.38 s → 1.23 s, lower quartile 1.30 → 1.04 s (20 alternating runs each,
 * Node 20); neutral on Node 24, whose mid-tier compiler (Maglev) already shortens the wait.
 * `npm run bench:extract` prints the comparison.
 *
 * Only optimisation heuristics are changed, never semantics. The library (`extract()` called from
 * another program) is not affected: only the CLI entry point calls this. Set
 * GRAPH_CONTRACTS_V8_TUNING=off to run with V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

export const SHORT_RUN_V8_FLAGS = ['--no-turbo-inlining', '--no-turbo-loop-peeling', '--no-turbo-loop-variable'] as const;

/** Applies SHORT_RUN_V8_FLAGS unless the environment turns them off; returns the flags applied. */
export function tuneCompilerForShortRun(environment: NodeJS.ProcessEnv = process.env): readonly string[] {
  if ((environment.GRAPH_CONTRACTS_V8_TUNING ?? '').toLowerCase() === 'off') return [];
  // Flags take effect for compile jobs started afterwards, so this runs before the CLI loads.
  setFlagsFromString(SHORT_RUN_V8_FLAGS.join(' '));
  return SHORT_RUN_V8_FLAGS;
}
