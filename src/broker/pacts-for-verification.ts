/**
 * Which pacts a provider must verify, from the broker's "pacts for verification" API: `POST` to the
 * index's `pb:provider-pacts-for-verification` relation with consumer version selectors, pending
 * and WIP options, then each selected pact is downloaded.
 *
 * Why our HAL client and not the Rust verifier's own broker support: the field-level report needs
 * every pact's contents (the verifier does not hand them back), and pending/WIP pacts must be
 * judged apart (their failures do not fail the build), which needs the `verificationProperties`
 * the broker returns per pact. Verification results are then published to each pact's own
 * `pb:publish-verification-results` link, as the broker documents.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerError, linkOf, type HalClient } from './hal-client';

/** A consumer version selector (https://docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors). */
export interface ConsumerVersionSelector {
  mainBranch?: true;
  branch?: string;
  matchingBranch?: true;
  deployed?: true;
  released?: true;
  deployedOrReleased?: true;
  environment?: string;
  consumer?: string;
  tag?: string;
  latest?: boolean;
  fallbackBranch?: string;
}

/** The recommended default: the consumers' main branches and whatever is deployed or released. */
export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];

export interface PactsForVerificationOptions {
  provider: string;
  selectors?: ConsumerVersionSelector[];
  providerVersionBranch?: string;
  /** Ask for the pending flag per pact (default true). */
  includePendingStatus?: boolean;
  /** Also the work-in-progress pacts published since this date (YYYY-MM-DD). */
  includeWipPactsSince?: string;
}

export interface PactForVerification {
  url: string;
  provider: string;
  /** Local copy for Pact's verifier and the conformance pass. */
  file: string;
  pending: boolean;
  wip: boolean;
  /** The broker's notices with when to show them (`before_verification`, `after_verification:success_true_published_false`, ...). */
  notices: BrokerNotice[];
  /** The pact's `pb:publish-verification-results` href, or null when the broker gives none. */
  publishUrl: string | null;
  /** The pact's interactions as the broker served them (with their `_id`, which results refer to). */
  interactions: PactInteractionRef[];
}

export interface BrokerNotice {
  text: string;
  when?: string;
}

export interface PactInteractionRef {
  description: string;
  _id?: string;
}

interface ForVerificationResponse {
  _embedded?: {
    pacts?: {
      verificationProperties?: { pending?: boolean; wip?: boolean; notices?: { text?: string; when?: string }[] };
      _links?: { self?: { href?: string } };
    }[];
  };
}

function pactsForVerificationBody(options: PactsForVerificationOptions): Record<string, unknown> {
  return {
    consumerVersionSelectors: options.selectors ?? DEFAULT_SELECTORS,
    ...(options.providerVersionBranch ? { providerVersionBranch: options.providerVersionBranch } : {}),
    includePendingStatus: options.includePendingStatus ?? true,
    ...(options.includeWipPactsSince ? { includeWipPactsSince: options.includeWipPactsSince } : {}),
  };
}

export async function fetchPactsForVerification(client: HalClient, options: PactsForVerificationOptions, downloadDir: string): Promise<PactForVerification[]> {
  const url = await client.indexLink('pb:provider-pacts-for-verification', { provider: options.provider });
  const answer = (await client.post(url, pactsForVerificationBody(options))) as ForVerificationResponse;
  const listed = answer?._embedded?.pacts;
  if (!Array.isArray(listed)) throw new BrokerError(`The Pact Broker's pacts for verification of ${options.provider} have no _embedded.pacts list. Check that PACT_BROKER_BASE_URL is a Pact Broker (2.x or later) and --provider the provider's name.`);
  const pacts: PactForVerification[] = [];
  for (const entry of listed) {
    const pactUrl = entry._links?.self?.href;
    if (!pactUrl) throw new BrokerError(`A pact for verification of ${options.provider} has no _links.self.href, so it cannot be downloaded. Check that PACT_BROKER_BASE_URL is a Pact Broker (2.x or later).`);
    const props = entry.verificationProperties ?? {};
    const downloaded = await downloadPact(client, pactUrl, join(downloadDir, `broker-${options.provider.replace(/[^\w.-]/g, '_')}-${pacts.length}.json`));
    pacts.push({
      url: pactUrl,
      provider: options.provider,
      file: downloaded.file,
      pending: props.pending === true,
      wip: props.wip === true,
      notices: (props.notices ?? []).filter((n) => Boolean(n.text)).map((n) => ({ text: n.text!, ...(n.when ? { when: n.when } : {}) })),
      publishUrl: downloaded.publishUrl,
      interactions: downloaded.pact.interactions as PactInteractionRef[],
    });
  }
  return pacts;
}

/** Downloads a pact from the broker, keeps its publish link, and writes the pact (without `_links`) to `file`. */
export async function downloadPact(client: HalClient, url: string, file: string): Promise<{ file: string; publishUrl: string | null; pact: Record<string, unknown> & { interactions: unknown[] } }> {
  const document = (await client.get(url)) as Record<string, unknown> | null;
  if (!document || typeof document !== 'object' || !Array.isArray(document.interactions)) throw new BrokerError(`${url} is not a pact: it has no interactions. Publish the consumer's pact file again (graph-contracts publish).`);
  const publishUrl = linkOf(document, 'pb:publish-verification-results');
  const { _links: _ignored, _embedded: _alsoIgnored, ...rest } = document;
  const pact = rest as Record<string, unknown> & { interactions: unknown[] };
  writeFileSync(file, JSON.stringify(pact));
  return { file, publishUrl, pact };
}

/**
 * The notices to show at a point of the run, as the broker's `when` says: `before_verification`
 * (and notices without `when`) before; after verification only those of the actual outcome
 * (`after_verification:success_<bool>_published_<bool>`) or of any outcome (`after_verification`).
 */
export function noticesFor(notices: BrokerNotice[], moment: 'before' | { success: boolean; published: boolean }): string[] {
  return notices
    .filter((n) => {
      const when = n.when ?? 'before_verification';
      if (moment === 'before') return !when.startsWith('after_verification');
      return when === 'after_verification' || when === `after_verification:success_${moment.success}_published_${moment.published}`;
    })
    .map((n) => n.text);
}
