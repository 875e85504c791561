/**
 * Publishing verification results, as the broker documents: the provider version is put on its
 * branch (`pb:pacticipant-branch-version`, PUT), then the result is `POST`ed to the pact's own
 * `pb:publish-verification-results` link with `success`, `providerApplicationVersion`, the build
 * URL, who verified it and one test result per interaction.
 */
import type { PactResult } from '../report/model';
import { expectationText, observationText, pathText } from '../report/wording';
import { BrokerError, type HalClient } from './hal-client';
import type { PactInteractionRef } from './pacts-for-verification';
import { packageVersion } from '../internal/paths';

export interface ProviderVersion {
  number: string;
  branch?: string;
  buildUrl?: string;
}

export interface PublishedResult {
  pactUrl: string;
  resultUrl: string;
  success: boolean;
}


/**
 * The broker-assigned `_id` of each result's interaction, or undefined: matched by description in
 * order (a pact's descriptions are unique but for provider states; the verifier keeps the order).
 */
function interactionIds(result: PactResult, pactInteractions: PactInteractionRef[]): (string | undefined)[] {
  const unused = [...pactInteractions];
  return result.interactions.map((interaction) => {
    const at = unused.findIndex((candidate) => candidate.description === interaction.description);
    return at < 0 ? undefined : unused.splice(at, 1)[0]!._id;
  });
}

/**
 * The documented verification result body. Each test result names its interaction by
 * `interactionId` (the `_id` the broker gives each interaction it serves, as Pact's own verifiers
 * send it) when the pact has one, and always by `interactionDescription`.
 */
function verificationResultBody(result: PactResult, version: ProviderVersion, pactInteractions: PactInteractionRef[] = []): Record<string, unknown> {
  const ids = interactionIds(result, pactInteractions);
  return {
    success: result.interactions.every((i) => i.passed),
    providerApplicationVersion: version.number,
    ...(version.buildUrl ? { buildUrl: version.buildUrl } : {}),
    verifiedBy: { implementation: 'graph-contracts', version: packageVersion() },
    testResults: result.interactions.map((i, n) => ({
      ...(typeof ids[n] === 'string' ? { interactionId: ids[n] } : {}),
      interactionDescription: i.description,
      success: i.passed,
      ...(i.passed ? {} : { mismatches: i.findings.filter((f) => f.severity === 'error').map((f) => ({ attribute: pathText(f.path), description: `${f.code}: expected ${expectationText(f.expected)}, got ${observationText(f.actual)}` })) }),
    })),
  };
}

const branchesRecorded = new WeakMap<HalClient, Set<string>>();

export async function publishVerificationResult(client: HalClient, publishUrl: string | null, pactUrl: string, result: PactResult, version: ProviderVersion, pactInteractions: PactInteractionRef[] = []): Promise<PublishedResult> {
  if (!publishUrl) throw new BrokerError(`The pact ${pactUrl} has no pb:publish-verification-results link, so its result cannot be published. Upgrade the broker, or verify without --publish.`);
  if (version.branch) {
    const done = branchesRecorded.get(client) ?? new Set<string>();
    const key = `${result.provider}\u0000${version.branch}\u0000${version.number}`;
    if (!done.has(key)) {
      const url = await client.indexLink('pb:pacticipant-branch-version', { pacticipant: result.provider, branch: version.branch, version: version.number });
      await client.put(url, {});
      done.add(key);
      branchesRecorded.set(client, done);
    }
  }
  const body = verificationResultBody(result, version, pactInteractions);
  const answer = (await client.post(publishUrl, body)) as { _links?: { self?: { href?: string } } } | null;
  return { pactUrl, resultUrl: answer?._links?.self?.href ?? publishUrl, success: body.success as boolean };
}
