/**
 * The process exit codes of the `graph-contracts` command, as docs/cli.md ("Exit codes") documents
 * them. CI jobs branch on these numbers, so a value never changes; a new meaning gets a new number.
 */
export const EXIT = {
  /** The run did what it was asked and nothing fails it. */
  ok: 0,
  /** Findings fail the run: a failing interaction, `--fail-on` diagnostics, can-i-deploy saying no. */
  findings: 1,
  /** A usage or configuration error: nothing was written or removed (see the error's message). */
  usage: 2,
  /** A live run left objects in the tenant (listed in its summary), to delete by hand. */
  leftBehind: 3,
  /** A bug in graph-contracts: the stack trace goes to stderr (sysexits' EX_SOFTWARE). */
  internal: 70,
  /** Output could not be written, a full disk say (sysexits' EX_IOERR); bin/graph-contracts.js sets it. */
  outputFailed: 74,
  /** Stopped with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
