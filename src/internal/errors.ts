/**
 * The one base class of graph-contracts' errors, and the catalog of their codes.
 *
 * Every error graph-contracts throws on purpose is a GraphContractsError with a stable `code`
 * (snake_case, listed below and in docs/cli.md, "Error codes"): scripts and the serverless handler
 * branch on the code, never on the message or the class name. The code also fixes the exit code the
 * CLI ends with, so one table says which errors are usage errors (2), which fail the run (1) and
 * which mean a bug (70). Messages say what went wrong, where (a path, a field, a flag, file:line)
 * and how to fix it; they never carry credentials.
 */
import { EXIT, type ExitCode } from './exit-codes';

interface ErrorCodeEntry {
  /** The CLI's exit code when this error ends a command. */
  exitCode: ExitCode;
  /** When it is raised, for the table in docs/cli.md. */
  when: string;
}

/** Every error code, its exit code and when it is raised. A code is never renamed or reused. */
export const ERROR_CODES = {
  input_path_invalid: { exitCode: EXIT.usage, when: 'a path given to a command does not exist, or holds no reference pages' },
  pattern_invalid: { exitCode: EXIT.usage, when: 'an `--only` or `interaction()` pattern is empty or cannot be read' },
  selection_empty: { exitCode: EXIT.usage, when: 'patterns select nothing in the docs or the pacts' },
  selection_ambiguous: { exitCode: EXIT.usage, when: '`interaction()` wants one documented example and the pattern selects several' },
  shard_invalid: { exitCode: EXIT.usage, when: '`--shard` is not `i/n` with 1 <= i <= n' },
  contract_load_failed: { exitCode: EXIT.usage, when: '`loadContracts()` gets a docs folder or model file that is missing, unreadable or not what it should be' },
  not_an_interaction: { exitCode: EXIT.usage, when: 'a documented example cannot become a Pact interaction (binary body, another host, a redirect)' },
  unknown_type: { exitCode: EXIT.usage, when: '`matchersFor()` is given a type the loaded docs do not document' },
  undocumented_property: { exitCode: EXIT.usage, when: 'a value given to `matchersFor()` has properties its documented type does not have' },
  pact_file_invalid: { exitCode: EXIT.usage, when: '`writeSourceComments()` is given a file that is missing or not a pact' },
  pact_load_failed: { exitCode: EXIT.usage, when: 'a pact file, folder or URL given to `verify` is missing, cannot be downloaded or is not a pact' },
  report_invalid: { exitCode: EXIT.usage, when: 'a file given to `report` is not a verification report, or the shards given to `report --merge` do not fit together' },
  report_unreadable: { exitCode: EXIT.usage, when: 'a file given to `report` cannot be read' },
  changed_files_failed: { exitCode: EXIT.usage, when: '`lint --changed-since` cannot ask git what changed (not a work tree, an unknown ref)' },
  broker_config_invalid: { exitCode: EXIT.usage, when: 'the Pact Broker settings are missing or malformed (`PACT_BROKER_BASE_URL`, credentials), or the serverless handler is misconfigured' },
  broker_usage_invalid: { exitCode: EXIT.usage, when: 'a broker command lacks what it needs (a consumer version, the provider version to publish)' },
  broker_request_failed: { exitCode: EXIT.usage, when: 'the Pact Broker cannot be reached, refuses the credentials or answers what a broker would not' },
  live_config_invalid: { exitCode: EXIT.usage, when: 'the live Graph settings are missing, contradictory or unsafe (`GRAPH_*`, `AZURE_*` variables)' },
  token_acquisition_failed: { exitCode: EXIT.usage, when: 'the live run cannot get an access token (refused credentials, an unreachable authority)' },
  consumer_check_failed: { exitCode: EXIT.findings, when: 'a consumer test: the Graph client did not return what the docs show' },
  verification_interrupted: { exitCode: EXIT.interrupted, when: 'verification was stopped with Ctrl-C; the report is incomplete' },
  graph_request_failed: { exitCode: EXIT.internal, when: 'Graph (or the mock) answered an error envelope to the client where the caller expected success' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** Where the problem is, when known: `file:line:column`, a path, a field, a flag or a variable. */
  where?: string;
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * The base of every error graph-contracts throws on purpose. `instanceof` with a subclass, or the
 * `code`, tells them apart; `exitCode` is what the CLI ends with.
 */
export abstract class GraphContractsError extends Error {
  abstract override readonly name: string;
  /** Stable, documented in docs/cli.md; safe to branch on. */
  abstract readonly code: ErrorCode;
  /** Where the problem is, when known (see ErrorDetails.where). */
  readonly where: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.where = details.where;
  }

  /** The exit code the CLI ends with for this error (docs/cli.md, "Exit codes"). */
  get exitCode(): ExitCode {
    return ERROR_CODES[this.code].exitCode;
  }
}
