/**
 * Broker-driven verification: fetch the provider's pacts for verification (selectors, pending,
 * WIP), verify them with the usual runner (Pact's verifier plus the field-level pass), mark each
 * pact's broker status in the report, and publish the results when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Target, VerifyOptions } from '../provider/verify';
import { buildReport } from '../report/build';
import type { VerificationReport } from '../report/model';
import { HalClient } from '../broker/hal-client';
import { fetchPactsForVerification, noticesFor, type ConsumerVersionSelector, type PactForVerification } from '../broker/pacts-for-verification';
import { BrokerUsageError, type BrokerSettings } from '../broker/settings';
import { publishVerificationResult, type ProviderVersion, type PublishedResult } from '../broker/verification-results';
import { verifyAndReport } from './verification';

export interface BrokerVerifyOptions {
  settings: BrokerSettings;
  /** Provider names as the broker knows them (graph-contracts pacts have one per API area). */
  providers: string[];
  selectors?: ConsumerVersionSelector[];
  includePendingStatus?: boolean;
  includeWipPactsSince?: string;
  providerVersion?: ProviderVersion;
  /** Publish the verification results (needs `providerVersion`). */
  publish: boolean;
  target: Target;
  verifyOptions?: Omit<VerifyOptions, 'pacts' | 'target'>;
  client?: HalClient;
  /** Called with the fetched pacts before they are verified (to show the broker's before_verification notices then). */
  onFetched?: (fetched: PactForVerification[]) => void;
}

export interface BrokerVerifyResult {
  report: VerificationReport;
  fetched: PactForVerification[];
  published: PublishedResult[];
  /** The broker's after_verification notices for each pact's actual outcome, in report order. */
  afterNotices: string[];
}

export async function verifyFromBroker(options: BrokerVerifyOptions): Promise<BrokerVerifyResult> {
  if (options.publish && !options.providerVersion?.number) throw new BrokerUsageError('Publishing verification results needs the provider version: pass --provider-version, or run in a git checkout.');
  // A shard's result covers part of each pact but would be published as the whole pact's.
  if (options.publish && options.verifyOptions?.shard) throw new BrokerUsageError('Verification results cannot be published from a shard: publish from an unsharded run.');
  const client = options.client ?? new HalClient(options.settings);
  const dir = mkdtempSync(join(tmpdir(), 'graph-contracts-broker-'));
  try {
    const fetched: PactForVerification[] = [];
    for (const provider of options.providers) {
      fetched.push(
        ...(await fetchPactsForVerification(
          client,
          {
            provider,
            ...(options.selectors ? { selectors: options.selectors } : {}),
            ...(options.providerVersion?.branch ? { providerVersionBranch: options.providerVersion.branch } : {}),
            ...(options.includePendingStatus !== undefined ? { includePendingStatus: options.includePendingStatus } : {}),
            ...(options.includeWipPactsSince ? { includeWipPactsSince: options.includeWipPactsSince } : {}),
          },
          dir,
        )),
      );
    }
    options.onFetched?.(fetched);
    const report = fetched.length > 0 ? await verifyAndReport({ ...options.verifyOptions, pacts: fetched.map((p) => p.file), target: options.target }) : null;
    const published: PublishedResult[] = [];
    const afterNotices: string[] = [];
    if (!report) return { report: buildReport(options.target.name, [], 0), fetched, published, afterNotices };
    // Matched by file, not position: --shard drops the pacts with no interaction in the shard.
    const byFile = new Map(fetched.map((p) => [resolve(p.file), p]));
    const sources = report.pacts.map((pact) => {
      const source = byFile.get(resolve(pact.file));
      if (!source) throw new Error(`Internal error: the verified pact ${pact.file} is none of the pacts fetched from the broker.`);
      pact.file = source.url;
      pact.broker = { url: source.url, pending: source.pending, wip: source.wip, notices: noticesFor(source.notices, 'before') };
      return source;
    });
    for (const [i, pact] of report.pacts.entries()) {
      const source = sources[i]!;
      let wasPublished = false;
      if (options.publish) {
        const result = await publishVerificationResult(client, source.publishUrl, source.url, pact, options.providerVersion!, source.interactions);
        pact.broker!.resultUrl = result.resultUrl;
        published.push(result);
        wasPublished = true;
      }
      const success = pact.interactions.every((interaction) => interaction.passed);
      const after = noticesFor(source.notices, { success, published: wasPublished });
      pact.broker!.notices.push(...after);
      afterNotices.push(...after);
    }
    return { report, fetched, published, afterNotices };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
