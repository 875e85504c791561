/**
 * Runs one interaction spec as a consumer test: registers it with Pact's mock server (pact-js
 * PactV4), drives the real GraphClient against the mock, checks what the client returns, and
 * lets Pact write the interaction to a pact file.
 *
 * Each interaction writes into its own folder. pact-js merges every test into the pact file on
 * disk (read, merge, write), which is quadratic in the file's size (measured 34 ms/interaction at
 * 200 interactions, 77 ms at 600); one small file per interaction keeps each write constant, and
 * `pact-files.ts` joins them per provider in one linear pass.
 */
import { join } from 'node:path';
import { MatchersV3, PactV4, type V3MockServer } from '@pact-foundation/pact';
import { applySpec } from './builder';
import { GraphClient, type GraphResponse } from '../consumer/graph-client';
import { GraphApiError } from '../consumer/graph-error';
import { StaticTokenProvider } from '../consumer/token-provider';
import { FAKE_BEARER_TOKEN, type InteractionSpec } from './interactions';
import { excerpt } from '../internal/secrets';
import { GraphContractsError } from '../internal/errors';

export interface ConsumerRunOptions {
  consumer: string;
  provider: string;
  /** Folder for this interaction's pact file. */
  dir: string;
}

export interface ConsumerOutcome {
  status: number;
  body: unknown;
  /** Graph error code when the client raised a GraphApiError. */
  errorCode: string | null;
}

export class ConsumerCheckError extends GraphContractsError {
  override readonly name = 'ConsumerCheckError' as const;
  readonly code = 'consumer_check_failed' as const;
  constructor(
    readonly spec: InteractionSpec,
    readonly problems: string[],
  ) {
    super(`The Graph client did not get what the docs show for ${spec.key}: ${problems.join('; ')}. Check the example on its page (its response must be one Graph can send for its request); if it is right, the Graph client read the answer wrong: report it.`, { where: spec.key });
  }
}

/**
 * Runs the consumer test for one spec; rejects when Pact or the client check fails. Pact writes
 * the interaction's pact file when the mock server saw the documented request, so a caller must
 * only keep the file of an interaction that resolved.
 */
export async function runInteraction(spec: InteractionSpec, options: ConsumerRunOptions): Promise<ConsumerOutcome> {
  const pact = new PactV4({ consumer: options.consumer, provider: options.provider, dir: options.dir, logLevel: 'error' });
  const outcome = await applySpec(pact.addInteraction(), spec)
    // The callback only records what the client got: throwing inside it would make pact-js log
    // the mock server's mismatches itself. Pact's own verdict comes back as a rejection.
    .executeTest((mock: V3MockServer) => callClient(spec, mock.url));
  const problems = checkOutcome(spec, outcome as ConsumerOutcome);
  if (problems.length > 0) throw new ConsumerCheckError(spec, problems);
  return outcome as ConsumerOutcome;
}

async function callClient(spec: InteractionSpec, baseURL: string): Promise<ConsumerOutcome> {
  const client = new GraphClient({ baseURL, tokenProvider: new StaticTokenProvider(FAKE_BEARER_TOKEN) });
  const { request } = spec;
  try {
    const result: GraphResponse = await client.request({
      method: request.method,
      path: request.path,
      ...(request.query ? { query: request.query } : {}),
      headers: request.clientHeaders,
      ...(request.body ? { body: request.body.kind === 'json' ? request.body.example : request.body.text } : {}),
    });
    return { status: result.status, body: result.body, errorCode: null };
  } catch (error) {
    if (error instanceof GraphApiError) return { status: error.status, body: null, errorCode: error.graphCode };
    throw error;
  }
}

/** What the client returned against what the docs show: status, parsed body, error code. */
function checkOutcome(spec: InteractionSpec, outcome: ConsumerOutcome): string[] {
  const problems: string[] = [];
  const { response } = spec;
  if (outcome.status !== response.status) problems.push(`status ${outcome.status}, documented ${response.status}`);
  if (outcome.errorCode !== null) {
    const documented = response.body?.kind === 'json' ? errorCodeOf(response.body.example) : null;
    if (documented && documented !== outcome.errorCode) problems.push(`error code ${outcome.errorCode}, documented ${documented}`);
    return problems;
  }
  // What the mock server serves: the template's example values (an each-like array serves one item).
  const expected = response.body === null ? null : response.body.kind === 'json' ? MatchersV3.reify(response.body.template) : response.body.text;
  if (canonical(outcome.body) !== canonical(expected)) {
    problems.push(`body ${excerpt(canonical(outcome.body), 300)}, documented ${excerpt(canonical(expected), 300)}`);
  }
  return problems;
}

/** JSON with object keys sorted: Pact's mock server does not keep the documented key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}

function errorCodeOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const error = (body as Record<string, unknown>)['error'];
  if (error === null || typeof error !== 'object') return null;
  const code = (error as Record<string, unknown>)['code'];
  return typeof code === 'string' ? code : null;
}

/** The per-interaction pact folder inside a work folder. */
export function interactionDir(workDir: string, index: number): string {
  return join(workDir, String(index).padStart(6, '0'));
}
