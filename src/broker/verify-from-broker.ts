/**
 * Broker-driven verification: fetch the provider's pacts for verification (selectors, pending,
 * WIP), verify them with the usual runner (Pact's verifier plus the field-level pass), mark each
 * pact's broker status in the report, and publish the results when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, verify, type Target, type VerifyOptions } from '../provider/verify';
import type { VerificationReport } from '../report/model';
import { HalClient } from './hal-client';
import { fetchPactsForVerification, type ConsumerVersionSelector, type PactForVerification } from './pacts-for-verification';
import type { BrokerSettings } from './settings';
import { publishVerificationResult, type ProviderVersion, type PublishedResult } from './verification-results';

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
}

export interface BrokerVerifyResult {
  report: VerificationReport;
  fetched: PactForVerification[];
  published: PublishedResult[];
}

export async function verifyFromBroker(options: BrokerVerifyOptions): Promise<BrokerVerifyResult> {
  if (options.publish && !options.providerVersion?.number) throw new Error('Publishing verification results needs the provider version (--provider-version, or a git checkout).');
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
    const report = fetched.length > 0 ? await verify({ ...options.verifyOptions, pacts: fetched.map((p) => p.file), target: options.target }) : null;
    const published: PublishedResult[] = [];
    if (!report) return { report: buildReport(options.target.name, [], 0), fetched, published };
    // loadPacts keeps the order of the sources: one pact per downloaded file.
    report.pacts.forEach((pact, i) => {
      const source = fetched[i]!;
      pact.file = source.url;
      pact.broker = { url: source.url, pending: source.pending, wip: source.wip, notices: source.notices };
    });
    if (options.publish) {
      for (const [i, pact] of report.pacts.entries()) {
        const result = await publishVerificationResult(client, fetched[i]!.publishUrl, fetched[i]!.url, pact, options.providerVersion!);
        pact.broker!.resultUrl = result.resultUrl;
        published.push(result);
      }
    }
    return { report, fetched, published };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
