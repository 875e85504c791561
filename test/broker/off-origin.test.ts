/**
 * The broker's credentials go to the configured broker's origin only (issue 14, item 8): a broker
 * (or a pact) whose links point at another host (`pb:publish-verification-results`,
 * `pb:pacticipant-branch-version`, `pb:provider-pacts-for-verification`, a pact's self link) gets
 * those links refused, with a message saying why, and the other host receives nothing, in the
 * serverless handler and in the CLI's broker-driven verification alike.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { handleVerificationWebhook } from '../../src/serverless/handler';
import { verifyFromBroker } from '../../src/compose/verify-from-broker';
import { mockTarget } from '../../src/compose/targets';
import { extract } from '../../src/docs/extract';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const TOKEN = 'broker-token-off-origin-7c6b5a49';
const SEED = JSON.parse(readFileSync(join(REPO_ROOT, 'pacts', 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8')) as Record<string, unknown> & { provider: { name: string } };
const PROVIDER = SEED.provider.name;
const model = extract([CONTRACTS_DIR], { cwd: REPO_ROOT }).model;

interface Recorder {
  url: string;
  requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 answering `answer(method, path)` (JSON), recording every request. */
async function recorder(answer: (method: string, path: string, base: string) => { status: number; body: unknown }): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization });
      const { status, body } = answer(req.method ?? 'GET', req.url ?? '/', base);
      res.writeHead(status, { 'Content-Type': 'application/hal+json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, requests, close: () => new Promise<void>((done) => server.close(() => done())) };
}

describe('broker credentials stay on the broker', () => {
  let elsewhere: Recorder;
  beforeAll(async () => {
    elsewhere = await recorder(() => ({ status: 201, body: { _links: { self: { href: 'http://127.0.0.1:9/x' } } } }));
  });
  afterAll(() => elsewhere.close());
  beforeEach(() => elsewhere.requests.splice(0));

  /** A broker whose index and pacts link where `links` says (relative to the broker when starting with /). */
  function evilBroker(links: { publish?: string; branchVersion?: string; forVerification?: string; pactSelf?: string; relative?: boolean }): Promise<Recorder> {
    const at = (href: string, base: string): string => (href.startsWith('/') && !links.relative ? `${base}${href}` : href);
    return recorder((method, path, base) => {
      if (method === 'GET' && path === '/') {
        return {
          status: 200,
          body: {
            _links: {
              'pb:pacticipant-branch-version': { href: at(links.branchVersion ?? '/pacticipants/{pacticipant}/branches/{branch}/versions/{version}', base), templated: true },
              'pb:provider-pacts-for-verification': { href: at(links.forVerification ?? '/pacts/provider/{provider}/for-verification', base), templated: true },
            },
          },
        };
      }
      if (method === 'POST' && path.endsWith('/for-verification')) return { status: 200, body: { _embedded: { pacts: [{ verificationProperties: {}, _links: { self: { href: at(links.pactSelf ?? '/pacts/p', base) } } }] } } };
      if (method === 'GET' && path === '/pacts/p') return { status: 200, body: { ...SEED, _links: { 'pb:publish-verification-results': { href: at(links.publish ?? '/pacts/p/verification-results', base) } } } };
      if (method === 'PUT') return { status: 200, body: {} };
      if (method === 'POST' && path === '/pacts/p/verification-results') return { status: 201, body: { _links: { self: { href: `${base}/pacts/p/verification-results/1` } } } };
      return { status: 404, body: { error: 'unknown' } };
    });
  }

  const payload = (broker: Recorder): Record<string, string> => ({ pactUrl: `${broker.url}/pacts/p`, providerVersionNumber: '1.2.3', providerVersionBranch: 'main' });
  const handlerConfig = (broker: Recorder) => ({ settings: { baseUrl: broker.url, token: TOKEN }, webhookSecret: null, target: () => mockTarget(model) });

  it.each([
    ['the pact\'s pb:publish-verification-results link', { publish: 'ELSEWHERE/steal/verification-results' }],
    ['the index\'s pb:pacticipant-branch-version link', { branchVersion: 'ELSEWHERE/pacticipants/{pacticipant}/branches/{branch}/versions/{version}' }],
  ])('handler: %s on another host is refused (502 saying why); that host receives nothing', async (_name, raw) => {
    const links = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.replace('ELSEWHERE', elsewhere.url)]));
    const broker = await evilBroker(links);
    try {
      const result = await handleVerificationWebhook(payload(broker), handlerConfig(broker));
      expect(result.status).toBe(502);
      expect(String(result.body.error)).toContain(`Refusing to send a request with the broker's credentials to ${elsewhere.url}`);
      expect(elsewhere.requests).toEqual([]);
      // The broker itself got every request with the token.
      expect(broker.requests.length).toBeGreaterThan(0);
      for (const request of broker.requests) expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it.each([
    ['the index\'s pb:provider-pacts-for-verification link', { forVerification: 'ELSEWHERE/pacts/provider/{provider}/for-verification' }],
    ['a listed pact\'s self link', { pactSelf: 'ELSEWHERE/pacts/p' }],
    ['the pact\'s pb:publish-verification-results link', { publish: 'ELSEWHERE/steal/verification-results' }],
    ['the index\'s pb:pacticipant-branch-version link', { branchVersion: 'ELSEWHERE/pacticipants/{pacticipant}/branches/{branch}/versions/{version}' }],
  ])('verify --broker: %s on another host is refused; that host receives nothing', async (_name, raw) => {
    const links = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.replace('ELSEWHERE', elsewhere.url)]));
    const broker = await evilBroker(links);
    const target = await mockTarget(model);
    try {
      await expect(
        verifyFromBroker({ settings: { baseUrl: broker.url, token: TOKEN }, providers: [PROVIDER], providerVersion: { number: '1.2.3', branch: 'main' }, publish: true, target }),
      ).rejects.toThrow(`Refusing to send a request with the broker's credentials to ${elsewhere.url}`);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await target.close();
      await broker.close();
    }
  }, 60_000);

  it('a relative link resolves against the broker and is followed with the credentials', async () => {
    const relative = await evilBroker({ relative: true });
    try {
      const result = await handleVerificationWebhook(payload(relative), handlerConfig(relative));
      expect(result.status).toBe(200);
      expect(relative.requests.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['PUT /pacticipants/' + encodeURIComponent(PROVIDER) + '/branches/main/versions/1.2.3', 'POST /pacts/p/verification-results']));
    } finally {
      await relative.close();
    }
  }, 60_000);
});
