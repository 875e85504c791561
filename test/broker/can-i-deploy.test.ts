import { fixtureInteraction, startBrokerStandIn } from './broker-stand-in';
import { runCli } from './cli-env';

describe('graph-contracts can-i-deploy (passed through to the official client)', () => {
  it('asks the broker\'s matrix with the given options and the token, and exits 0 when the broker says deployable', async () => {
    const token = 'cid-token-5e6f7a8b';
    const broker = await startBrokerStandIn({ token });
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: token }, 'can-i-deploy', '--pacticipant', 'Foo', '--version', '1.2.3', '--pacticipant', 'Bar', '--version', '4.5.6');
      const matrix = broker.requests.filter((r) => r.path === '/matrix');
      expect(matrix).toHaveLength(1);
      // The fixture documents this query for "Foo version 1.2.3 and Bar version 4.5.6".
      const documented = new URLSearchParams(fixtureInteraction('a request for the compatibility matrix for Foo version 1.2.3 and Bar version 4.5.6', 'the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6').request.query!);
      const sent = new URLSearchParams(matrix[0]!.query);
      for (const key of new Set(documented.keys())) expect([key, sent.getAll(key)]).toEqual([key, documented.getAll(key)]);
      expect(matrix[0]!.headers.authorization).toBe(`Bearer ${token}`);
      expect(result.code).toBe(0);
      expect(result.out + result.err).not.toContain(token);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('exits 1 when the broker\'s answer is not deployable (one or more versions does not exist)', async () => {
    const broker = await startBrokerStandIn();
    try {
      const documented = fixtureInteraction('a request for the compatibility matrix where one or more versions does not exist');
      // The documented answer has a reason but no `deployable: true`.
      expect((documented.response.body as { summary: { deployable?: boolean } }).summary.deployable).toBeUndefined();
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url }, 'can-i-deploy', '--pacticipant', 'Foo', '--version', '1.2.3', '--pacticipant', 'Bar', '--version', '9.9.9');
      const matrix = broker.requests.filter((r) => r.path === '/matrix');
      expect(matrix).toHaveLength(1);
      expect(new URLSearchParams(matrix[0]!.query).getAll('q[][version]')).toEqual(['1.2.3', '9.9.9']);
      expect(result.code).toBe(1);
      // The client says why (the fixture's minimal body has no matrix rows, which it reports too).
      expect(result.out + result.err).toMatch(/No deployable version found|not deployable/i);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('--help shows the official client\'s options', async () => {
    const result = await runCli({}, 'can-i-deploy', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--to-environment');
    expect(result.out).toContain('--retry-while-unknown');
  });
});

describe('graph-contracts record-deployment (passed through to the official client)', () => {
  it('reads the version\'s pb:record-deployment link for the environment and posts the documented request to it, with the token', async () => {
    const token = 'rd-token-1a2b3c4d';
    const broker = await startBrokerStandIn({ token });
    try {
      const documented = fixtureInteraction('a request to record a deployment');
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: token }, 'record-deployment', '--pacticipant', 'Foo', '--version', '5556b8149bf8bac76bc30f50a8a2dd4c22c85f30', '--environment', 'test', '--application-instance', 'blue');
      expect(result.code).toBe(0);
      const posts = broker.requests.filter((r) => r.method === 'POST');
      expect(posts.map((r) => r.path)).toEqual([documented.request.path]);
      expect(posts[0]!.body).toMatchObject({ applicationInstance: 'blue' });
      for (const [name, value] of Object.entries(documented.request.headers ?? {})) expect(`${name}: ${String(posts[0]!.headers[name.toLowerCase()]).split(';')[0]}`).toBe(`${name}: ${value}`);
      for (const request of broker.requests) expect(request.headers.authorization).toBe(`Bearer ${token}`);
      expect(result.out + result.err).not.toContain(token);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('exits 1 when the environment has no pb:record-deployment link (nothing is posted)', async () => {
    const broker = await startBrokerStandIn();
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url }, 'record-deployment', '--pacticipant', 'Foo', '--version', '5556b8149bf8bac76bc30f50a8a2dd4c22c85f30', '--environment', 'production');
      expect(result.code).toBe(1);
      expect(broker.requests.filter((r) => r.method === 'POST')).toEqual([]);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('--help shows the official client\'s options', async () => {
    const result = await runCli({}, 'record-deployment', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--environment');
    expect(result.out).toContain('--application-instance');
  });
});
