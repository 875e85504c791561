/**
 * The official broker client (`publish`, `can-i-deploy`, `record-deployment`) follows the
 * broker's links and redirects itself; the broker's credentials must still reach the configured
 * broker's origin only (issue 14, item 8). Two servers on 127.0.0.1 with different ports are two
 * origins: a broker stand-in whose answers point at the second server, which must never see an
 * `Authorization` header nor any 8 characters of a credential, though the client does go there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { startBrokerStandIn, type StandInOptions } from './broker-stand-in';
import { runCli } from './cli-env';

const PACTS = join(REPO_ROOT, 'pacts');
const TOKEN = 'relay-test-token-3f9a7c21d4e8b650';
const USERNAME = 'ci-relay-user';
const PASSWORD = 'relay-pw-8c1e5b72a9d4f036';
const VERSION = '5556b8149bf8bac76bc30f50a8a2dd4c22c85f30';

interface Elsewhere {
  url: string;
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}

/** Another origin (same host, another port), answering every request with 201 and an empty HAL document. */
async function startElsewhere(): Promise<Elsewhere> {
  const requests: Elsewhere['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201, { 'Content-Type': 'application/hal+json' }).end(JSON.stringify({ _links: {} }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Every 8-character piece of each secret. */
function pieces(...secrets: string[]): string[] {
  return secrets.flatMap((secret) => Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)));
}

/** Nothing the other origin received (request line, headers, body) holds an Authorization header or 8 characters of a secret. */
function expectNothingOf(secrets: string[], elsewhere: Elsewhere): void {
  for (const request of elsewhere.requests) {
    expect(request.headers.authorization).toBeUndefined();
    const seen = `${request.method} ${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
    for (const piece of pieces(...secrets)) expect(seen.includes(piece) ? piece : null).toBeNull();
  }
}

interface Pointing {
  alter: NonNullable<StandInOptions['alter']>;
  /** How many answers pointed elsewhere (the test is void unless some did). */
  count: number;
}
/** Points an answer's links (every href on the broker) at the other origin. */
const linksTo = (elsewhere: () => string, when: (method: string, path: string) => boolean): Pointing => {
  const pointing: Pointing = {
    count: 0,
    alter: (request, answer, base) => {
      if (!when(request.method, request.path)) return answer;
      const text = JSON.stringify(answer.body);
      if (text.includes(base)) pointing.count += 1;
      return { ...answer, body: JSON.parse(text.split(base).join(elsewhere())) };
    },
  };
  return pointing;
};
/** Answers with a redirect to the same path (and query) on the other origin. */
const redirectsTo = (elsewhere: () => string, when: (method: string, path: string) => boolean): Pointing => {
  const pointing: Pointing = {
    count: 0,
    alter: (request, answer) => {
      if (!when(request.method, request.path)) return answer;
      pointing.count += 1;
      return { status: 307, body: {}, headers: { Location: `${elsewhere()}${request.path}${request.query ? `?${request.query}` : ''}` } };
    },
  };
  return pointing;
};

describe('the official broker client sends the credentials to the broker\'s origin only', () => {
  let elsewhere: Elsewhere;
  const there = (): string => elsewhere.url;
  beforeAll(async () => {
    elsewhere = await startElsewhere();
  });
  afterAll(() => elsewhere.close());
  beforeEach(() => elsewhere.requests.splice(0));

  const publish = ['publish', '--pacts', PACTS, '--consumer-version', '1.0.0', '--branch', 'main'];
  const canIDeploy = ['can-i-deploy', '--pacticipant', 'Foo', '--version', '1.2.3', '--pacticipant', 'Bar', '--version', '4.5.6'];
  const recordDeployment = ['record-deployment', '--pacticipant', 'Foo', '--version', VERSION, '--environment', 'test'];
  // The client follows links (publish: the index's pb:publish-contracts; record-deployment: the
  // version's pb:record-deployment) and redirects (all three); can-i-deploy asks /matrix directly.
  const cases: [string, string[], () => Pointing][] = [
    ['publish: every link of the index', publish, () => linksTo(there, (m, p) => m === 'GET' && p === '/')],
    ['publish: a redirect of the publication', publish, () => redirectsTo(there, (m, p) => m === 'POST' && p === '/contracts/publish')],
    ['can-i-deploy: a redirect of the matrix query', canIDeploy, () => redirectsTo(there, (m, p) => m === 'GET' && p === '/matrix')],
    ['record-deployment: every link of the version (pb:record-deployment)', recordDeployment, () => linksTo(there, (m, p) => m === 'GET' && p.startsWith('/pacticipants/'))],
    ['record-deployment: a redirect of the version', recordDeployment, () => redirectsTo(there, (m, p) => m === 'GET' && p.startsWith('/pacticipants/'))],
  ];

  it.each(cases)('%s pointing at another origin: it gets no bearer token', async (name, args, point) => {
    const pointing = point();
    const broker = await startBrokerStandIn({ token: TOKEN, alter: pointing.alter });
    try {
      const { out, err } = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN }, ...args);
      expect(pointing.count).toBeGreaterThan(0);
      // A redirect is followed (to the other origin, so a leak would show there); a link is resolved against the broker.
      if (name.includes('redirect')) expect(elsewhere.requests.length).toBeGreaterThan(0);
      expectNothingOf([TOKEN], elsewhere);
      expect(out + err).not.toContain(TOKEN);
      // The broker itself got the token with every request.
      expect(broker.requests.length).toBeGreaterThan(0);
      for (const request of broker.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await broker.close();
    }
  }, 120_000);

  it.each(cases)('%s pointing at another origin: it gets no basic credentials', async (name, args, point) => {
    const pointing = point();
    const broker = await startBrokerStandIn({ basic: { username: USERNAME, password: PASSWORD }, alter: pointing.alter });
    try {
      const { out, err } = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_USERNAME: USERNAME, PACT_BROKER_PASSWORD: PASSWORD }, ...args);
      expect(pointing.count).toBeGreaterThan(0);
      if (name.includes('redirect')) expect(elsewhere.requests.length).toBeGreaterThan(0);
      expectNothingOf([PASSWORD, Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')], elsewhere);
      expect(out + err).not.toContain(PASSWORD);
    } finally {
      await broker.close();
    }
  }, 120_000);

  it('the check above catches a leak: a request carrying the token, or 8 characters of it, fails it', async () => {
    await fetch(`${elsewhere.url}/x`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(() => expectNothingOf([TOKEN], elsewhere)).toThrow();
    elsewhere.requests.splice(0);
    await fetch(`${elsewhere.url}/x?q=${TOKEN.slice(5, 13)}`);
    expect(() => expectNothingOf([TOKEN], elsewhere)).toThrow();
  });
});

describe('the official client\'s output stays redacted however the pipe cuts it', () => {
  it('a broker answer echoing the token 10,000 times (220 KB of output, cut into pipe-sized chunks) shows none of it', async () => {
    const token = 'split-token-4b7e9d2a6c8f1035e7a9';
    const echo = Array(10_000).fill(token).join(' ');
    const broker = await startBrokerStandIn({ token, alter: (request, answer) => (request.path === '/matrix' ? { status: 400, body: { errors: [echo] } } : answer) });
    try {
      const { code, out, err } = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: token }, 'can-i-deploy', '--pacticipant', 'Foo', '--version', '1.2.3');
      expect(code).toBe(1);
      // The client did print the broker's answer (redacted), so a cut through a token would show.
      expect((out + err).split('[redacted]').length - 1).toBeGreaterThanOrEqual(10_000);
      for (const piece of pieces(token)) expect((out + err).includes(piece) ? piece : null).toBeNull();
    } finally {
      await broker.close();
    }
  }, 120_000);
});
