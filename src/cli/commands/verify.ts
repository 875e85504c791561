import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { integer, positiveInteger, rate, shard } from '../arguments';
import type { ContractModel } from '../../contract/model';
import { writeFileAtomic } from '../../internal/atomic-write';
import { FAULT_MODES, type FaultConfig, type FaultMode } from '../../mock/faults';
import type { Target } from '../../provider/verify';
import { createLogger, LOG_LEVELS, parseLogLevel, type LogLevel } from '../../internal/log';
import { redact, redactDeep } from '../../internal/secrets';
import { formatCleanupSummary } from '../../live/created-objects';
import { DEFAULT_RETRY_POLICY } from '../../internal/retry';
import type { LiveTarget } from '../../live/target';
import type { NotGeneratedExample, VerificationReport } from '../../report/model';
import { REPORTER_NAMES, REPORTERS, type RenderOptions, type ReporterName } from '../../report/registry';
import { createProgressLines } from '../progress';
import { pactDir } from '../config';
import { collectPatterns, ONLY_HELP } from '../only';
import { docsForMock } from './mock';
import { statesHint, statesNeeded, statesWarning, type StatesNeeded } from '../provider-states';
import { errorLine, type Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';
import { addBrokerVerifyOptions, runBrokerVerification, type BrokerVerifyCommandOptions } from './verify-broker';
import type { Shard } from '../../internal/shard';
import { blockingFailures } from '../../report/pending';

export interface VerifyCommandOptions extends Partial<BrokerVerifyCommandOptions> {
  shard?: Shard;
  only?: string[];
  target: string;
  docs?: string[];
  statesUrl?: string;
  fault?: FaultMode;
  faultRate?: number;
  seed: number;
  report: ReporterName[];
  out: string;
  requestTimeout?: number;
  latencyMs?: number;
  strict?: boolean;
  allowWrites?: boolean;
  concurrency?: number;
  maxRetries?: number;
  logLevel?: LogLevel;
  /** Console report: list every interaction, not only the failures. */
  verbose?: boolean;
  /** Progress on stderr (a bar on a terminal, a line per 10% elsewhere; default true). */
  progress?: boolean;
}

/** Verifies pacts against the target, writes the chosen reports, and returns the exit code. */
export async function runVerify(
  pacts: string[],
  options: VerifyCommandOptions,
  writer: Writer,
  model?: ContractModel,
): Promise<{ report: VerificationReport | null; exitCode: number }> {
  // Loaded on use: the verifier pulls in Pact and axios, which `extract` must not pay for at start-up.
  const { chooseTarget, startTarget, unreachableUrl } = await import('../../compose/targets');
  const { verifyAndReport } = await import('../../compose/verification');
  const { VerificationInterrupted } = await import('../../provider/verify');
  const { PactLoadError } = await import('../../provider/load-pacts');
  // Likewise Microsoft's identity library: only a live run loads it.
  const liveModules = options.target === 'live' ? await import('../../live/token') : null;
  const logLevel = options.logLevel ?? parseLogLevel(process.env['GRAPH_CONTRACTS_LOG_LEVEL']) ?? 'info';
  const logger = createLogger(logLevel, (text) => writer.err(text));
  const chosen = chooseTarget(options.target, '--target', { statesUrl: options.statesUrl });
  if ('error' in chosen) {
    writer.err(`[graph-contracts] Failed to verify${options.target === 'live' ? ' against the live target' : ''}: ${chosen.error}\n`);
    return { report: null, exitCode: EXIT.usage };
  }
  const { choice } = chosen;
  const unreachable = await unreachableUrl(choice, options.requestTimeout);
  if (unreachable) {
    const flag = unreachable.which === 'baseUrl' ? '--target' : '--states-url';
    writer.err(`[graph-contracts] Failed to verify: ${flag} ${unreachable.url} cannot be reached: ${unreachable.reason}. Start the provider there, or correct ${flag}; nothing was replayed.\n`);
    return { report: null, exitCode: EXIT.usage };
  }
  const docsModel = choice.kind === 'mock' ? (model ?? docsForMock(options.docs)) : null;
  const faults: FaultConfig | undefined = options.fault
    ? { mode: options.fault, ...(options.faultRate !== undefined ? { rate: options.faultRate } : {}), ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}) }
    : undefined;
  const started = await startTarget(choice, {
    model: () => docsModel!,
    ...(faults ? { faults } : {}),
    seed: options.seed,
    live: {
      allowWrites: options.allowWrites ?? false,
      logger,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.maxRetries !== undefined ? { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries } } : {}),
    },
  });
  const { target, live } = started;
  if (live) logger.info(`verifying against ${live.baseUrl}${options.allowWrites ? ' with writes allowed' : ' read-only (writes are skipped; --allow-writes replays them)'}`);
  // The docs' examples that generate skipped: the report lists them (the mock target knows the docs).
  const notGenerated: NotGeneratedExample[] | null = docsModel && !options.broker ? await notGeneratedExamples(docsModel) : null;
  // Ctrl-C stops Pact's verifier; the live target's objects are still deleted (cleanUp below).
  const interrupt = new AbortController();
  const onSigint = (): void => {
    writer.err('[graph-contracts] Interrupted: stopping the verifier and cleaning up.\n');
    interrupt.abort();
    live?.stop();
  };
  process.once('SIGINT', onSigint);
  let left = 0;
  const outcome = await (async (): Promise<{ report: VerificationReport | null; exitCode: number }> => {
    try {
      // verify's onProgress counts judged interactions (one call per interaction replayed).
      const progress = createProgressLines(options.progress ?? true, 'verify', 'interactions', (line) => writer.err(line));
      const verifyOptions = {
        logger,
        signal: interrupt.signal,
        onProgress: (done: number, total: number) => progress.update(done, total),
        ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
        ...(options.strict ? { strict: true } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.only ? { only: options.only } : {}),
      };
      if (options.publish && options.only) {
        writer.err('[graph-contracts] Failed to verify: --publish cannot be used with --only: the broker would record a partial result as the whole pact\'s.\n');
        return { report: null, exitCode: EXIT.usage };
      }
      if (options.broker && pacts.length > 0) {
        writer.err('[graph-contracts] Failed to verify: give pact files or --broker, not both.\n');
        return { report: null, exitCode: EXIT.usage };
      }
      const needed = !options.broker && options.target !== 'mock' && options.target !== 'live' && !options.statesUrl ? await statesNeededBy(pacts.length > 0 ? pacts : [pactDir(undefined)]) : null;
      if (needed && needed.keys.size > 0) writer.err(statesWarning(needed));
      const report = options.broker
        ? await runBrokerVerification({ pending: true, ...options }, target, verifyOptions, writer)
        : await verifyAndReport({ pacts: pacts.length > 0 ? pacts : [pactDir(undefined)], target, ...verifyOptions });
      progress.stop();
      if (notGenerated && notGenerated.length > 0) report.notGenerated = notGenerated;
      const hint = needed ? statesHint(report, needed) : null;
      if (options.shard) report.shard = { index: options.shard.index, count: options.shard.count };
      writeReports(report, options.report, options.out, writer, { ...(options.verbose ? { verbose: true } : {}) });
      if (hint) writer.err(hint);
      // Failures of pending and WIP pacts from the broker are reported but do not fail the run.
      return { report, exitCode: blockingFailures(report) > 0 ? EXIT.findings : EXIT.ok };
    } catch (error) {
      if (error instanceof PactLoadError) {
        writer.err(errorLine(error, 'Failed to load pacts: '));
        return { report: null, exitCode: error.exitCode };
      }
      if (liveModules && error instanceof liveModules.TokenAcquisitionError) {
        writer.err(errorLine(error, 'Failed to verify against the live target: '));
        return { report: null, exitCode: error.exitCode };
      }
      if (error instanceof VerificationInterrupted) return { report: null, exitCode: EXIT.interrupted };
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  })().finally(async () => {
    left = await cleanUp(target, live, writer);
  });
  // Objects left in the tenant fail an otherwise passing run: someone has to remove them by hand.
  return left > 0 && outcome.exitCode === EXIT.ok ? { ...outcome, exitCode: EXIT.leftBehind } : outcome;
}

/** The interactions of the given pacts that need provider states (pacts are read once more, in a folder of their own). */
async function statesNeededBy(sources: string[]): Promise<StatesNeeded> {
  const { loadPacts } = await import('../../provider/load-pacts');
  const dir = mkdtempSync(join(tmpdir(), 'graph-contracts-states-'));
  try {
    return statesNeeded(await loadPacts(sources, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Closes the target; for the live target, deletes what the run created and prints the summary.
 * Ctrl-C during cleanup says what is going on; a second one stops it, listing what is left.
 */
async function cleanUp(target: Target, live: LiveTarget | null, writer: Writer): Promise<number> {
  if (!live) {
    await target.close();
    return 0;
  }
  let presses = 0;
  const duringCleanup = (): void => {
    if (++presses === 1) {
      writer.err(`[graph-contracts] Deleting the ${live.present().length} object(s) this run created; Ctrl-C again stops and leaves them in the tenant.\n`);
      return;
    }
    writer.err(`[graph-contracts] Cleanup stopped. Left in the tenant, to delete by hand:\n${live.present().map((p) => `  ${p}\n`).join('')}`);
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', duringCleanup);
  try {
    // Closing the live target is its cleanup: everything the run created is deleted.
    const summary = await live.cleanup();
    writer.out(formatCleanupSummary(summary));
    return summary.left.length;
  } finally {
    process.removeListener('SIGINT', duringCleanup);
  }
}

/** The documented examples generate makes no interaction of (see src/pact/interactions.ts), as the report lists them. */
async function notGeneratedExamples(model: ContractModel): Promise<NotGeneratedExample[]> {
  const { buildExampleSpecs } = await import('../../pact/interactions');
  return buildExampleSpecs(model).flatMap((spec) => (spec.kind === 'skip' ? [{ key: spec.key, description: spec.description, source: spec.source, reason: spec.reason }] : []));
}

export function writeReports(report: VerificationReport, formats: ReporterName[], out: string, writer: Writer, options: RenderOptions = {}): void {
  for (const name of formats) {
    const reporter = REPORTERS[name];
    // The model is redacted before rendering (rendering escapes text), the output after it.
    const text = redact(reporter.render(redactDeep(report), { ...options, outDir: out }));
    if (reporter.file === null) writer.out(text);
    else {
      writeFileAtomic(join(out, reporter.file), text);
      writer.out(`Wrote the ${name} report to ${join(out, reporter.file)}\n`);
    }
  }
}

/** `--report`, its default shown as the list it is (`console,json,...`), not as a JSON array. */
export function reportOption(extra = ''): Option {
  return new Option('--report <formats>', `comma-separated report formats: ${REPORTER_NAMES.join(', ')}${extra}`).argParser(reportList).default([...REPORTER_NAMES], REPORTER_NAMES.join(','));
}

const reportList = (value: string): ReporterName[] => {
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) if (!(REPORTER_NAMES as string[]).includes(name)) throw new InvalidArgumentError(`unknown report "${name}"; choose from ${REPORTER_NAMES.join(', ')}`);
  return names as ReporterName[];
};



function addVerifyOptions(command: Command): Command {
  return addBrokerVerifyOptions(addFileVerifyOptions(command)).option(
    '--shard <i/n>',
    'verify only shard i of n (a stable split by interaction, for CI matrices; merge the JSON reports with `report --merge`)',
    shard,
  ).option('--only <patterns...>', `${ONLY_HELP} (pages and example names are those graph-contracts recorded in the pact's comments)`, collectPatterns);
}

function addFileVerifyOptions(command: Command): Command {
  return command
    .option('--target <mock|live|url>', 'provider to verify against: the built-in mock, the live Graph ($GRAPH_BASE_URL, default https://graph.microsoft.com; credentials from the environment or .env), or a base URL', 'mock')
    .option('--allow-writes', 'live target: also replay creates (POSTs documented to answer 201) and changes to objects the run creates itself through provider states; all are deleted afterwards, other writes stay skipped')
    .option('--concurrency <n>', 'live target: requests in flight at once (default 4)', positiveInteger)
    .option('--max-retries <n>', `live target: retries of a throttled (429, 503) or failed (5xx) request (default ${DEFAULT_RETRY_POLICY.maxRetries}; waits honour Retry-After, ${DEFAULT_RETRY_POLICY.maxTotalMs / 1000} s in all at most)`, integer)
    .addOption(new Option('--log-level <level>', 'diagnostic log on stderr (default: $GRAPH_CONTRACTS_LOG_LEVEL or info); debug includes Pact\'s verifier log').choices([...LOG_LEVELS]))
    .option('--docs <paths...>', 'docs the mock is built from (default: the bundled contracts)')
    .option('--states-url <url>', 'provider-state setup URL for a URL target (the mock serves its own; without it, interactions that need provider states are replayed without setup)')
    .addOption(new Option('--fault <mode>', 'make the mock misbehave (for testing the harness itself)').choices([...FAULT_MODES]))
    .option('--fault-rate <rate>', 'share of requests that get the fault, 0..1 (default 1)', rate)
    .option('--seed <n>', 'seed for the mock\'s ids and fault choices', integer, 1)
    .option('--latency-ms <ms>', 'delay of the `latency` fault (default 200)', positiveInteger)
    .option('--request-timeout <ms>', 'a provider answer slower than this fails the interaction (default 5000)', positiveInteger)
    .option('--strict', 'undocumented fields fail the interaction too (stricter than Pact, which ignores them)')
    .addOption(reportOption())
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--verbose', 'console report: list every interaction (by default failures are listed and passes counted)')
    .option('--no-progress', 'no progress on stderr (a bar on a terminal, otherwise a line per 10% of the interactions)');
}

export function verifyCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addVerifyOptions(
    new Command('verify')
      .description('Replay pacts against the mocked Graph endpoint (default), the live Microsoft Graph (--target live) or a base URL with Pact\'s verifier, and report conformance field by field.')
      .argument('[pacts...]', 'pact files, folders of pact files or URLs (default: $GRAPH_CONTRACTS_PACT_DIR or pacts)'),
  ).action(async (pacts: string[], options: VerifyCommandOptions) => {
    setExit((await runVerify(pacts, options, writer)).exitCode);
  });
}
