import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { integer, positiveInteger, rate } from '../arguments';
import type { ContractModel } from '../../contract/model';
import { extract } from '../../docs/extract';
import { writeFileAtomic } from '../../internal/atomic-write';
import { BUNDLED_CONTRACTS } from '../../internal/paths';
import { FAULT_MODES, type FaultConfig, type FaultMode } from '../../mock/faults';
import type { Target } from '../../provider/verify';
import type { VerificationReport } from '../../report/model';
import { REPORTER_NAMES, REPORTERS, type ReporterName } from '../../report/registry';
import { pactDir } from '../config';
import type { Writer } from '../output';
import { EXIT } from './extract';

export interface VerifyCommandOptions {
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
}

/** Verifies pacts against the target, writes the chosen reports, and returns the exit code. */
export async function runVerify(
  pacts: string[],
  options: VerifyCommandOptions,
  writer: Writer,
  model?: ContractModel,
): Promise<{ report: VerificationReport | null; exitCode: number }> {
  // Loaded on use: the verifier pulls in Pact and axios, which `extract` must not pay for at start-up.
  const { mockTarget, urlTarget, verify } = await import('../../provider/verify');
  const { PactLoadError } = await import('../../provider/load-pacts');
  let target: Target;
  if (options.target === 'mock') {
    const docsModel = model ?? extract(options.docs && options.docs.length > 0 ? options.docs : [BUNDLED_CONTRACTS]).model;
    const faults: FaultConfig | undefined = options.fault
      ? { mode: options.fault, ...(options.faultRate !== undefined ? { rate: options.faultRate } : {}), ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}) }
      : undefined;
    target = await mockTarget(docsModel, { ...(faults ? { faults } : {}), seed: options.seed });
  } else if (/^https?:\/\//.test(options.target)) {
    target = urlTarget(options.target, options.statesUrl);
  } else {
    writer.err(`[graph-contracts] Failed to verify: --target must be "mock" or an http(s) URL, not "${options.target}".\n`);
    return { report: null, exitCode: EXIT.usage };
  }
  try {
    const report = await verify({
      pacts: pacts.length > 0 ? pacts : [pactDir(undefined)],
      target,
      ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
      ...(options.strict ? { strict: true } : {}),
    });
    for (const name of options.report) {
      const reporter = REPORTERS[name];
      const text = reporter.render(report);
      if (reporter.file === null) writer.out(text);
      else {
        writeFileAtomic(join(options.out, reporter.file), text);
        writer.out(`Wrote the ${name} report to ${join(options.out, reporter.file)}\n`);
      }
    }
    return { report, exitCode: report.summary.failed > 0 ? EXIT.findings : EXIT.ok };
  } catch (error) {
    if (error instanceof PactLoadError) {
      writer.err(`[graph-contracts] Failed to load pacts: ${error.message}\n`);
      return { report: null, exitCode: EXIT.usage };
    }
    throw error;
  } finally {
    await target.close();
  }
}

const reportList = (value: string): ReporterName[] => {
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) if (!(REPORTER_NAMES as string[]).includes(name)) throw new InvalidArgumentError(`unknown report "${name}"; choose from ${REPORTER_NAMES.join(', ')}`);
  return names as ReporterName[];
};



export function addVerifyOptions(command: Command): Command {
  return command
    .option('--target <mock|url>', 'provider to verify against: the built-in mock, or a base URL', 'mock')
    .option('--docs <paths...>', 'docs the mock is built from (default: the bundled contracts)')
    .option('--states-url <url>', 'provider-state setup URL for a URL target (the mock serves its own)')
    .addOption(new Option('--fault <mode>', 'make the mock misbehave (for testing the harness itself)').choices([...FAULT_MODES]))
    .option('--fault-rate <rate>', 'share of requests that get the fault, 0..1 (default 1)', rate)
    .option('--seed <n>', 'seed for the mock\'s ids and fault choices', integer, 1)
    .option('--latency-ms <ms>', 'delay of the `latency` fault (default 200)', positiveInteger)
    .option('--request-timeout <ms>', 'a provider answer slower than this fails the interaction (default 5000)', positiveInteger)
    .option('--strict', 'undocumented fields fail the interaction too (stricter than Pact, which ignores them)')
    .option('--report <formats>', `comma-separated report formats: ${REPORTER_NAMES.join(', ')}`, reportList, [...REPORTER_NAMES])
    .option('--out <dir>', 'folder for the report files', 'reports');
}

export function verifyCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addVerifyOptions(
    new Command('verify')
      .description('Replay pacts against the mocked Graph endpoint (default) or a base URL with Pact\'s verifier, and report conformance field by field.')
      .argument('[pacts...]', 'pact files, folders of pact files or URLs (default: $GRAPH_CONTRACTS_PACT_DIR or pacts)'),
  ).action(async (pacts: string[], options: VerifyCommandOptions) => {
    setExit((await runVerify(pacts, options, writer)).exitCode);
  });
}

export function mockCommand(writer: Writer, _setExit: (code: number) => void): Command {
  return new Command('mock')
    .description('Serve the mocked Graph endpoint derived from the docs until interrupted (Ctrl-C).')
    .option('--docs <paths...>', 'docs to build the mock from (default: the bundled contracts)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (default: a free one)', integer, 0)
    .addOption(new Option('--fault <mode>', 'misbehave on every request').choices([...FAULT_MODES]))
    .option('--seed <n>', 'seed for ids and fault choices', integer, 1)
    .action(async (options: { docs?: string[]; host: string; port: number; fault?: FaultMode; seed: number }) => {
      const { startMock } = await import('../../mock/server');
      const model = extract(options.docs && options.docs.length > 0 ? options.docs : [BUNDLED_CONTRACTS]).model;
      const mock = await startMock({ model, host: options.host, port: options.port, seed: options.seed, ...(options.fault ? { faults: { mode: options.fault } } : {}) });
      writer.out(`Mock Graph endpoint listening on ${mock.url} (provider states: ${mock.statesUrl}). Ctrl-C stops it.\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await mock.close();
    });
}
