/**
 * The `verify --broker` options: pacts fetched from the Pact Broker with consumer version
 * selectors, pending and WIP pacts, and the verification results published back.
 */
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_SELECTORS, type ConsumerVersionSelector } from '../../broker/pacts-for-verification';
import { brokerSettings, BROKER_ENV, BrokerUsageError } from '../../broker/settings';
import { ciBuildUrl, gitBranch, gitCommit } from '../../broker/version-info';
import type { Target, VerifyOptions } from '../../provider/verify';
import type { VerificationReport } from '../../report/model';
import { ENV, providerOverride } from '../config';
import type { Writer } from '../output';

export interface BrokerVerifyCommandOptions {
  broker?: boolean;
  brokerUrl?: string;
  provider?: string[];
  consumerVersionSelectors?: ConsumerVersionSelector[];
  pending: boolean;
  includeWipPactsSince?: string;
  publish?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  buildUrl?: string;
}

const selectorsJson = (value: string): ConsumerVersionSelector[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`expected a JSON array of selectors, e.g. '[{"mainBranch":true},{"deployedOrReleased":true}]'`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0 || !list.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) throw new InvalidArgumentError('expected one selector object or an array of them');
  return list as ConsumerVersionSelector[];
};

const isoDate = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`expected a date such as 2026-01-31, got "${value}"`);
  return value;
};

export function addBrokerVerifyOptions(command: Command): Command {
  return command
    .option('--broker', `fetch the pacts from the Pact Broker ($${BROKER_ENV.baseUrl}) with consumer version selectors instead of files`)
    .option('--broker-url <url>', `Pact Broker base URL (default: $${BROKER_ENV.baseUrl}; credentials: $${BROKER_ENV.token} or $${BROKER_ENV.username}/$${BROKER_ENV.password})`)
    .option('--provider <names...>', `with --broker: provider names to fetch pacts for (default: $${ENV.provider})`)
    .option('--consumer-version-selectors <json>', `with --broker: selectors as JSON (default: ${JSON.stringify(DEFAULT_SELECTORS)})`, selectorsJson)
    .option('--no-pending', 'with --broker: do not ask for pending status (failures of new pacts then fail the build)')
    .option('--include-wip-pacts-since <date>', 'with --broker: also verify work-in-progress pacts published since this date (as pending; needs the provider branch)', isoDate)
    .option('--publish', 'with --broker: publish the verification results to the broker (not with --shard)')
    .option('--provider-version <version>', 'provider version for published results (default: $GITHUB_SHA, else the git commit)')
    .option('--provider-branch <branch>', 'provider branch for published results and pending status (default: the CI or git branch)')
    .option('--build-url <url>', 'build URL for published results (default: the GitHub Actions run, when there)');
}

/** Broker-driven verification for `verify --broker`: returns the report, prints what was fetched and published. */
export async function runBrokerVerification(options: BrokerVerifyCommandOptions, target: Target, verifyOptions: Omit<VerifyOptions, 'pacts' | 'target'>, writer: Writer): Promise<VerificationReport> {
  const settings = brokerSettings(process.env, options.brokerUrl);
  const providers = options.provider && options.provider.length > 0 ? options.provider : [providerOverride(undefined)].filter((p): p is string => Boolean(p));
  if (providers.length === 0) throw new BrokerUsageError(`verify --broker needs the provider name(s) the pacts were published for: --provider NAME... or $${ENV.provider}.`);
  // Each shard would publish its part of a pact as the whole pact's result.
  if (options.publish && verifyOptions.shard) throw new BrokerUsageError('--publish cannot be used with --shard: each shard would publish a partial result as the whole pact\'s. Publish from an unsharded run (verify --broker --publish without --shard).');
  const number = options.providerVersion ?? gitCommit();
  const branch = options.providerBranch ?? gitBranch();
  // The broker selects WIP pacts for a provider branch only; without one it would find none, silently.
  if (options.includeWipPactsSince && !branch) throw new BrokerUsageError('--include-wip-pacts-since needs the provider branch: pass --provider-branch BRANCH (none was found in $GITHUB_HEAD_REF, $GITHUB_REF_NAME or the git checkout, which may be detached).');
  const buildUrl = options.buildUrl ?? ciBuildUrl();
  // Loaded on use: the broker client and the verifier pull in axios and Pact (see extract's start-up test).
  const { HalClient } = await import('../../broker/hal-client');
  const { verifyFromBroker } = await import('../../compose/verify-from-broker');
  const { noticesFor } = await import('../../broker/pacts-for-verification');
  const client = new HalClient(settings);
  const result = await verifyFromBroker({
    settings,
    client,
    providers,
    ...(options.consumerVersionSelectors ? { selectors: options.consumerVersionSelectors } : {}),
    includePendingStatus: options.pending,
    ...(options.includeWipPactsSince ? { includeWipPactsSince: options.includeWipPactsSince } : {}),
    ...(number ? { providerVersion: { number, ...(branch ? { branch } : {}), ...(buildUrl ? { buildUrl } : {}) } } : {}),
    publish: options.publish ?? false,
    target,
    verifyOptions,
    onFetched: (fetched) => {
      writer.out(`Fetched ${fetched.length} pact(s) for verification from ${settings.baseUrl} (${fetched.filter((p) => p.pending).length} pending, ${fetched.filter((p) => p.wip).length} WIP)\n`);
      for (const pact of fetched) for (const notice of noticesFor(pact.notices, 'before')) writer.out(`  ${notice}\n`);
    },
  });
  for (const published of result.published) writer.out(`Published the verification result (${published.success ? 'success' : 'failure'}) of ${published.pactUrl}\n`);
  for (const notice of result.afterNotices) writer.out(`  ${notice}\n`);
  return result.report;
}
