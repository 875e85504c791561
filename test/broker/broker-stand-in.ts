/**
 * A local stand-in for a Pact Broker on 127.0.0.1 (no real broker can run here). It answers from
 * the official broker client's own pacts with the Pact Broker (test/fixtures/pact-broker),
 * which record what a real broker was verified to answer, and from the broker's API docs for the
 * two resources those pacts do not cover (pacts for verification, verification results). Every
 * request is recorded, so tests assert exactly what this project sends.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const FIXTURE_DIR = resolve(__dirname, '..', 'fixtures', 'pact-broker');
const BROKER_FIXTURE = join(FIXTURE_DIR, 'pact-broker-client-v2--pact-broker.json');

export interface FixtureInteraction {
  description: string;
  providerState?: string;
  request: { method: string; path: string; query?: string; headers?: Record<string, string>; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

function fixtureInteractions(file = BROKER_FIXTURE): FixtureInteraction[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { interactions: FixtureInteraction[] }).interactions;
}

/** The one fixture interaction with this description (and provider state, when given). */
export function fixtureInteraction(description: string, providerState?: string): FixtureInteraction {
  const found = fixtureInteractions().filter((i) => i.description === description && (providerState === undefined || i.providerState === providerState));
  if (found.length !== 1) throw new Error(`expected one fixture interaction "${description}", found ${found.length}`);
  return found[0]!;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody: string;
}

export interface BrokerPact {
  consumer: string;
  consumerVersion: string;
  provider: string;
  /** The pact document (consumer, provider, interactions, metadata). */
  content: Record<string, unknown>;
  pending?: boolean;
  wip?: boolean;
}

export interface StandInOptions {
  /** Bearer token the stand-in requires (401 otherwise); or basic auth credentials. */
  token?: string;
  basic?: { username: string; password: string };
  pacts?: BrokerPact[];
  /**
   * Changes an answer before it is sent (a broker whose links or redirects point elsewhere); `base`
   * is the stand-in's own URL. Headers given are added to the answer.
   */
  alter?: (request: { method: string; path: string; query: string }, answer: { status: number; body: unknown }, base: string) => { status: number; body: unknown; headers?: Record<string, string> };
}

/** Every request carried the token as its bearer Authorization header, and nowhere else (path, query, body, other headers). */
export function expectTokenOnlyInAuthorization(requests: RecordedRequest[], token: string): void {
  for (const request of requests) {
    expect(`${request.path}?${request.query} ${request.rawBody}`).not.toContain(token);
    const { authorization, ...others } = request.headers;
    expect(authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(others)).not.toContain(token);
  }
}

export interface BrokerStandIn {
  url: string;
  requests: RecordedRequest[];
  pacts: BrokerPact[];
  close(): Promise<void>;
}

/**
 * The HAL index: the union of the `_links` every index interaction of the fixture shows, plus the
 * relations of the broker's docs that the fixture lacks (`pb:provider-pacts-for-verification`,
 * `pb:pacticipant-branch-version`). Relative hrefs become absolute, as a real broker answers.
 */
function indexLinks(base: string): Record<string, { href: string; templated?: boolean }> {
  const links: Record<string, { href: string; templated?: boolean }> = {};
  for (const interaction of fixtureInteractions()) {
    if (interaction.request.method !== 'GET' || interaction.request.path !== '/') continue;
    const body = interaction.response.body as { _links: Record<string, { href: string }> };
    for (const [rel, link] of Object.entries(body._links)) links[rel] = { ...link };
  }
  links['pb:provider-pacts-for-verification'] = { href: '/pacts/provider/{provider}/for-verification', templated: true };
  links['pb:pacticipant-branch-version'] = { href: '/pacticipants/{pacticipant}/branches/{branch}/versions/{version}', templated: true };
  for (const link of Object.values(links)) if (link.href.startsWith('/')) link.href = `${base}${link.href}`;
  return links;
}

function pactPath(pact: BrokerPact): string {
  return `/pacts/provider/${encodeURIComponent(pact.provider)}/consumer/${encodeURIComponent(pact.consumer)}/version/${encodeURIComponent(pact.consumerVersion)}`;
}

export async function startBrokerStandIn(options: StandInOptions = {}): Promise<BrokerStandIn> {
  const requests: RecordedRequest[] = [];
  const pacts = [...(options.pacts ?? [])];
  let base = '';
  const server: Server = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?');
      let body: unknown = rawBody;
      try {
        body = rawBody ? JSON.parse(rawBody) : null;
      } catch {
        /* keep the text */
      }
      requests.push({ method: req.method ?? 'GET', path, query, headers: { ...req.headers }, body, rawBody });
      const send = (status: number, json: unknown): void => {
        const answer = options.alter ? options.alter({ method: req.method ?? 'GET', path, query }, { status, body: json }, base) : { status, body: json };
        res.writeHead(answer.status, { 'Content-Type': 'application/hal+json;charset=utf-8', ...('headers' in answer ? answer.headers : {}) });
        res.end(JSON.stringify(answer.body));
      };
      if (!authorised(req.headers.authorization, options)) return send(401, { error: 'Unauthorized' });
      const method = req.method ?? 'GET';
      if (method === 'GET' && path === '/') return send(200, { _links: indexLinks(base) });
      if (method === 'POST' && path === '/contracts/publish') {
        const fixture = fixtureInteraction('a request to publish contracts');
        const published = body as { pacticipantName: string; pacticipantVersionNumber: string; tags?: string[]; contracts: { providerName: string; content: string }[] };
        for (const contract of published.contracts ?? []) {
          pacts.push({ consumer: published.pacticipantName, consumerVersion: published.pacticipantVersionNumber, provider: contract.providerName, content: JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) });
        }
        // The fixture's answer, with this publication's names and pact links.
        const answer = structuredClone(fixture.response.body) as {
          _embedded: { pacticipant: { name: string }; version: { number: string } };
          _links: Record<string, unknown>;
        };
        answer._embedded.pacticipant.name = published.pacticipantName;
        answer._embedded.version.number = published.pacticipantVersionNumber;
        answer._links['pb:contracts'] = (published.contracts ?? []).map((c) => ({ href: `${base}${pactPath({ consumer: published.pacticipantName, consumerVersion: published.pacticipantVersionNumber, provider: c.providerName, content: {} })}` }));
        answer._links['pb:pacticipant-version-tags'] = (published.tags ?? []).map((name) => ({ name }));
        return send(fixture.response.status, answer);
      }
      const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(path);
      if (method === 'POST' && forVerification) {
        const provider = decodeURIComponent(forVerification[1]!);
        const request = body as { includePendingStatus?: boolean; includeWipPactsSince?: string; providerVersionBranch?: string };
        // As a real broker: WIP pacts are those not yet verified on the provider's branch, so none without one.
        const selected = pacts.filter((p) => p.provider === provider && (!p.wip || (request.includeWipPactsSince && request.providerVersionBranch)));
        return send(200, {
          _embedded: {
            pacts: selected.map((p) => ({
              shortDescription: `latest from ${p.consumer}`,
              verificationProperties: {
                notices: [
                  { when: 'before_verification', text: `The pact at ${base}${pactPath(p)} is being verified because it matches the given selectors` },
                  // The broker sends one after-verification notice per outcome; verifiers show the one that happened.
                  ...[true, false].flatMap((success) => [true, false].map((published) => ({ when: `after_verification:success_${success}_published_${published}`, text: `After verification of ${p.consumer}: success ${success}, published ${published}` }))),
                ],
                ...(request.includePendingStatus ? { pending: Boolean(p.pending || p.wip) } : {}),
                ...(p.wip ? { wip: true } : {}),
              },
              _links: { self: { href: `${base}${pactPath(p)}`, name: `Pact between ${p.consumer} (${p.consumerVersion}) and ${p.provider}` } },
            })),
          },
          _links: { self: { href: `${base}${path}`, title: 'Pacts to be verified' } },
        });
      }
      const pact = pacts.find((p) => pactPath(p) === path || `${pactPath(p)}/verification-results` === path);
      if (pact && method === 'GET' && path === pactPath(pact)) {
        // A real broker adds an `_id` to each interaction it serves (verification results refer to it).
        const interactions = (pact.content.interactions as Record<string, unknown>[]).map((interaction, n) => ({ _id: interactionId(pact, n), ...interaction }));
        return send(200, { ...pact.content, interactions, _links: { self: { href: `${base}${path}` }, 'pb:publish-verification-results': { title: 'Publish verification results', href: `${base}${path}/verification-results` } } });
      }
      if (pact && method === 'POST') return send(201, { ...(body as object), _links: { self: { href: `${base}${path}/1` } } });
      if (method === 'PUT' && /^\/pacticipants\/[^/]+\/branches\/[^/]+\/versions\/[^/]+$/.test(path)) return send(200, { number: decodeURIComponent(path.split('/').pop()!) });
      // record-deployment: the version's pb:record-deployment links (one per environment), then a POST to the named one.
      const version = /^\/pacticipants\/([^/]+)\/versions\/([^/]+)$/.exec(path);
      if (method === 'GET' && version) {
        const fixture = fixtureInteraction('a request for a pacticipant version', 'version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with a test environment available for deployment');
        const answer = structuredClone(fixture.response.body) as { _links: { 'pb:record-deployment': { href: string; name: string }[] } };
        for (const link of answer._links['pb:record-deployment']) link.href = `${base}${link.href.replace(fixture.request.path, path)}`;
        return send(fixture.response.status, answer);
      }
      if (method === 'POST' && /^\/pacticipants\/[^/]+\/versions\/[^/]+\/deployed-versions\/environment\/[^/]+$/.test(path)) {
        const fixture = fixtureInteraction('a request to record a deployment');
        return send(fixture.response.status, fixture.response.body);
      }
      if (method === 'GET' && path === '/matrix') {
        const fixture = matrixInteraction(query);
        return fixture ? send(fixture.response.status, fixture.response.body) : send(404, { error: `The fixture documents no matrix query like ${query}` });
      }
      return send(404, { error: `The stand-in does not know ${method} ${path}` });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    pacts,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * The fixture's `/matrix` interaction for a query: the one whose documented parameters the query
 * all has with the same values (the most specific when several do), so can-i-deploy gets the
 * documented answer, deployable or not.
 */
function matrixInteraction(query: string): FixtureInteraction | undefined {
  const sent = new URLSearchParams(query);
  const matches = fixtureInteractions().filter((i) => {
    if (i.request.method !== 'GET' || i.request.path !== '/matrix') return false;
    const documented = new URLSearchParams(i.request.query ?? '');
    return [...new Set(documented.keys())].every((key) => JSON.stringify(sent.getAll(key)) === JSON.stringify(documented.getAll(key)));
  });
  return matches.sort((a, b) => new URLSearchParams(b.request.query ?? '').size - new URLSearchParams(a.request.query ?? '').size)[0];
}

/** The `_id` the stand-in gives a served interaction: stable per pact and position, like the broker's hash. */
export function interactionId(pact: BrokerPact, n: number): string {
  return createHash('sha1').update(`${pactPath(pact)}#${n}`).digest('hex');
}

function authorised(header: string | undefined, options: StandInOptions): boolean {
  if (options.token) return header === `Bearer ${options.token}`;
  if (options.basic) return header === `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`;
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}
