import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { fixtureInteraction, startBrokerStandIn, type BrokerStandIn, expectTokenOnlyInAuthorization } from './broker-stand-in';
import { runCli } from './cli-env';

const PACTS = join(REPO_ROOT, 'pacts');
const TOKEN = 'tok-9f8e7d6c5b4a-secret';
const seedPacts = readdirSync(PACTS).filter((f) => f.endsWith('.json')).sort();
/** The documented publish request, from the broker client's own pact with the broker. */
const documented = fixtureInteraction('a request to publish contracts').request as {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: { contracts: Record<string, unknown>[] } & Record<string, unknown>;
};

describe('graph-contracts publish against the local broker stand-in', () => {
  let broker: BrokerStandIn;
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    broker = await startBrokerStandIn({ token: TOKEN });
    result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN }, 'publish', '--pacts', PACTS, '--consumer-version', '5556b8149bf8', '--branch', 'main', '--tag', 'dev', 'ci', '--build-url', 'http://ci.example/build/1');
  }, 60_000);
  afterAll(() => broker.close());

  it('exits 0 and names what it published', () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('as version 5556b8149bf8 on branch main');
  });

  it('reads the HAL index, then posts to its pb:publish-contracts relation only', () => {
    expect(broker.requests[0]).toMatchObject({ method: 'GET', path: '/' });
    // The stand-in's index takes pb:publish-contracts from the fixture (`/contracts/publish`).
    const publishHref = documented.path;
    const rest = broker.requests.slice(1);
    expect(rest.length).toBeGreaterThan(0);
    for (const request of rest) expect([request.method, request.path]).toEqual([documented.method, publishHref]);
  });

  it('sends the documented headers, with the token in Authorization', () => {
    for (const request of broker.requests.slice(1)) {
      for (const [name, value] of Object.entries(documented.headers)) expect(request.headers[name.toLowerCase()]).toBe(value);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('sends the documented body: consumer, version, branch, tags, build URL, and each seed pact base64-encoded with its content type', () => {
    const bodies = broker.requests.slice(1).map((r) => r.body as typeof documented.body);
    const contracts = bodies.flatMap((b) => b.contracts);
    for (const body of bodies) {
      expect(Object.keys(body).sort()).toEqual(Object.keys(documented.body).sort());
      expect(body).toMatchObject({ pacticipantName: 'graph-contracts', pacticipantVersionNumber: '5556b8149bf8', branch: 'main', tags: ['dev', 'ci'], buildUrl: 'http://ci.example/build/1' });
    }
    // Every seed pact exactly once, with the documented keys and its content intact.
    expect(contracts).toHaveLength(seedPacts.length);
    const byProvider = new Map(contracts.map((c) => [c.providerName as string, c]));
    for (const file of seedPacts) {
      const pact = JSON.parse(readFileSync(join(PACTS, file), 'utf8'));
      const contract = byProvider.get(pact.provider.name)!;
      expect(contract).toBeDefined();
      expect(Object.keys(contract).sort()).toEqual(Object.keys(documented.body.contracts[0]!).sort());
      expect(contract).toMatchObject({ consumerName: 'graph-contracts', specification: 'pact', contentType: 'application/json' });
      // The official client re-serialises the pact and stamps its own library versions into
      // metadata.pactRust; everything else arrives as written.
      const sent = JSON.parse(Buffer.from(contract.content as string, 'base64').toString('utf8'));
      expect({ ...sent, metadata: { ...sent.metadata, pactRust: null } }).toEqual({ ...pact, metadata: { ...pact.metadata, pactRust: null } });
    }
  });

  it('never prints the token, and sends it only in the Authorization header', () => {
    expect(result.out + result.err).not.toContain(TOKEN);
    expectTokenOnlyInAuthorization(broker.requests, TOKEN);
  });
});

describe('graph-contracts publish: credentials and bad configuration', () => {
  it('uses basic auth from PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD', async () => {
    const broker = await startBrokerStandIn({ basic: { username: 'ci-user', password: 'pw-5up3r-s3cret' } });
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_USERNAME: 'ci-user', PACT_BROKER_PASSWORD: 'pw-5up3r-s3cret' }, 'publish', '--pacts', PACTS, '--consumer-version', '1.0.0', '--branch', 'feat/x');
      expect(result.code).toBe(0);
      const posts = broker.requests.filter((r) => r.method === 'POST');
      expect(posts.length).toBe(seedPacts.length);
      for (const post of posts) expect(post.headers.authorization).toBe(`Basic ${Buffer.from('ci-user:pw-5up3r-s3cret').toString('base64')}`);
      expect(result.out + result.err).not.toContain('pw-5up3r-s3cret');
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('a refused token fails with exit 1 and the output does not show it', async () => {
    const broker = await startBrokerStandIn({ token: 'the-right-token' });
    try {
      const wrong = 'wrong-token-1234567';
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: wrong }, 'publish', '--pacts', PACTS, '--consumer-version', '1.0.0');
      expect(result.code).toBe(1);
      expect(result.err).toContain('Failed to publish');
      expect(broker.requests.some((r) => r.headers.authorization === `Bearer ${wrong}`)).toBe(true);
      expect(result.out + result.err).not.toContain(wrong);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('without PACT_BROKER_BASE_URL it exits 2 and says what to set', async () => {
    const result = await runCli({}, 'publish', '--pacts', PACTS, '--consumer-version', '1');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Set PACT_BROKER_BASE_URL');
  });

  it('an empty or missing pact folder exits 2 naming it', async () => {
    const result = await runCli({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9' }, 'publish', '--pacts', join(REPO_ROOT, 'no-such-folder'), '--consumer-version', '1');
    expect(result.code).toBe(2);
    expect(result.err).toContain('no-such-folder does not exist');
  });
});
