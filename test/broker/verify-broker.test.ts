import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SELECTORS } from '../../src/broker/pacts-for-verification';
import type { VerificationReport } from '../../src/report/model';
import { REPO_ROOT } from '../helpers';
import * as versionInfo from '../../src/broker/version-info';
import { inShard, interactionIdentity } from '../../src/internal/shard';
import { interactionId, startBrokerStandIn, type BrokerPact, type BrokerStandIn, expectTokenOnlyInAuthorization } from './broker-stand-in';
import { runCli } from './cli-env';

const TOKEN = 'broker-token-7a6b5c4d3e';
const SEED = JSON.parse(readFileSync(join(REPO_ROOT, 'pacts', 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8'));
const PROVIDER: string = SEED.provider.name;

/** A copy of the seed pact from another consumer; `broken` expects a status the mock never answers. */
function variant(consumer: string, options: { broken: boolean; pending?: boolean; wip?: boolean }): BrokerPact {
  const content = structuredClone(SEED);
  content.consumer.name = consumer;
  for (const interaction of content.interactions) {
    interaction.description = `${interaction.description} (${consumer})`;
    if (options.broken) interaction.response.status = 299;
  }
  return { consumer, consumerVersion: '1.0.0', provider: PROVIDER, content, ...(options.pending ? { pending: true } : {}), ...(options.wip ? { wip: true } : {}) };
}

describe('verify --broker: pacts for verification, pending and WIP pacts, published results', () => {
  let broker: BrokerStandIn;
  let out: string;
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'graph-contracts-broker-verify-'));
    broker = await startBrokerStandIn({
      token: TOKEN,
      pacts: [variant('graph-contracts', { broken: false }), variant('consumer-pending', { broken: true, pending: true }), variant('consumer-wip', { broken: true, wip: true })],
    });
    result = await runCli(
      { PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN },
      'verify', '--broker', '--provider', PROVIDER, '--include-wip-pacts-since', '2026-01-01', '--publish', '--provider-version', '2.0.0', '--provider-branch', 'main', '--build-url', 'http://ci.example/2', '--report', 'console,json,junit,markdown', '--out', out,
    );
  }, 120_000);
  afterAll(async () => {
    await broker.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('asks the index for pb:provider-pacts-for-verification and posts the selectors, pending and WIP options to it', () => {
    expect(broker.requests[0]).toMatchObject({ method: 'GET', path: '/' });
    const post = broker.requests.find((r) => r.method === 'POST' && r.path.endsWith('/for-verification'))!;
    expect(post.path).toBe(`/pacts/provider/${encodeURIComponent(PROVIDER)}/for-verification`);
    expect(post.body).toEqual({ consumerVersionSelectors: DEFAULT_SELECTORS, providerVersionBranch: 'main', includePendingStatus: true, includeWipPactsSince: '2026-01-01' });
    expect(DEFAULT_SELECTORS).toEqual([{ mainBranch: true }, { deployedOrReleased: true }]);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('downloads the three pacts and reports the pending and WIP failures without failing the exit code', () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
    const byConsumer = new Map(report.pacts.map((p) => [p.consumer, p]));
    expect([...byConsumer.keys()].sort()).toEqual(['consumer-pending', 'consumer-wip', 'graph-contracts']);
    expect(byConsumer.get('graph-contracts')!.broker).toMatchObject({ pending: false, wip: false });
    expect(byConsumer.get('graph-contracts')!.interactions.every((i) => i.passed)).toBe(true);
    expect(byConsumer.get('consumer-pending')!.broker).toMatchObject({ pending: true, wip: false });
    expect(byConsumer.get('consumer-wip')!.broker).toMatchObject({ pending: true, wip: true });
    for (const consumer of ['consumer-pending', 'consumer-wip']) {
      const pact = byConsumer.get(consumer)!;
      expect(pact.interactions.every((i) => !i.passed && i.findings.some((f) => f.code === 'status_mismatch'))).toBe(true);
      expect(pact.file).toMatch(new RegExp(`^${broker.url}/pacts/provider/.+/consumer/${consumer}/version/1.0.0$`));
    }
    expect(result.out).toContain('[pending: failures do not fail the build]');
    expect(result.out).toContain('[WIP: failures do not fail the build]');
    expect(result.out).toMatch(/Fetched 3 pact\(s\) for verification .* \(2 pending, 1 WIP\)/);
    const junit = readFileSync(join(out, 'verification.junit.xml'), 'utf8');
    expect(junit).toContain(`name="consumer-pending → ${PROVIDER} [pending]"`);
    expect(junit).toContain(`name="consumer-wip → ${PROVIDER} [WIP]"`);
    const markdown = readFileSync(join(out, 'verification.md'), 'utf8');
    expect(markdown).toContain(`${2 * SEED.interactions.length} failure(s) are in pending or WIP pacts`);
  });

  it('puts the provider version on its branch, then publishes one result per pact to its pb:publish-verification-results link', () => {
    const put = broker.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.path)).toEqual([`/pacticipants/${encodeURIComponent(PROVIDER)}/branches/main/versions/2.0.0`]);
    const results = broker.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/verification-results'));
    expect(results).toHaveLength(3);
    const byConsumer = new Map(results.map((r) => [/consumer\/([^/]+)\//.exec(r.path)![1], r.body as Record<string, unknown>]));
    expect(byConsumer.get('graph-contracts')).toMatchObject({ success: true, providerApplicationVersion: '2.0.0', buildUrl: 'http://ci.example/2', verifiedBy: { implementation: 'graph-contracts' } });
    expect(byConsumer.get('consumer-pending')).toMatchObject({ success: false, providerApplicationVersion: '2.0.0' });
    expect(byConsumer.get('consumer-wip')).toMatchObject({ success: false });
    const failed = byConsumer.get('consumer-wip')!.testResults as { success: boolean; mismatches: { attribute: string }[] }[];
    expect(failed.length).toBe(SEED.interactions.length);
    expect(failed[0]!.mismatches.map((m) => m.attribute)).toContain('status');
    // Each test result names the broker's `_id` of its interaction, and its description.
    for (const [consumer, body] of byConsumer) {
      const pact = broker.pacts.find((p) => p.consumer === consumer)!;
      const testResults = body.testResults as { interactionId?: string; interactionDescription: string }[];
      expect(testResults.map((t) => [t.interactionId, t.interactionDescription])).toEqual((pact.content.interactions as { description: string }[]).map((i, n) => [interactionId(pact, n), i.description]));
    }
    for (const r of results) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('prints the before_verification notices before verifying, and after it only the after_verification notice of each pact\'s outcome', () => {
    const fetchedAt = result.out.indexOf('Fetched 3 pact(s)');
    const beforeAt = result.out.indexOf('is being verified because it matches the given selectors');
    const publishedAt = result.out.indexOf('Published the verification result');
    expect(fetchedAt).toBeGreaterThanOrEqual(0);
    expect(beforeAt).toBeGreaterThan(fetchedAt);
    expect(publishedAt).toBeGreaterThan(beforeAt);
    const after = result.out.split('\n').filter((line) => line.includes('After verification of'));
    expect(after.map((line) => line.trim()).sort()).toEqual([
      'After verification of consumer-pending: success false, published true',
      'After verification of consumer-wip: success false, published true',
      'After verification of graph-contracts: success true, published true',
    ]);
    for (const line of after) expect(result.out.indexOf(line)).toBeGreaterThan(publishedAt);
    const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
    const notices = report.pacts.find((p) => p.consumer === 'graph-contracts')!.broker!.notices;
    expect(notices).toHaveLength(2);
    expect(notices[1]).toBe('After verification of graph-contracts: success true, published true');
  });

  it('keeps the token out of the output, every report and every request but its Authorization header', () => {
    expect(result.out + result.err).not.toContain(TOKEN);
    for (const file of require('node:fs').readdirSync(out) as string[]) expect(`${file}: ${readFileSync(join(out, file), 'utf8').includes(TOKEN)}`).toBe(`${file}: false`);
    expectTokenOnlyInAuthorization(broker.requests, TOKEN);
  });
});

describe('verify --broker: what fails the build', () => {
  it('a failing pact that is not pending fails with exit 1; WIP pacts are not fetched without --include-wip-pacts-since', async () => {
    const broker = await startBrokerStandIn({ pacts: [variant('consumer-main', { broken: true }), variant('consumer-wip', { broken: true, wip: true })] });
    const out = mkdtempSync(join(tmpdir(), 'graph-contracts-broker-verify-'));
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url }, 'verify', '--broker', '--provider', PROVIDER, '--consumer-version-selectors', '[{"branch":"main"}]', '--report', 'json', '--out', out);
      expect(result.code).toBe(1);
      const post = broker.requests.find((r) => r.path.endsWith('/for-verification'))!;
      expect(post.body).toMatchObject({ consumerVersionSelectors: [{ branch: 'main' }], includePendingStatus: true });
      expect(post.body).not.toHaveProperty('includeWipPactsSince');
      const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
      expect(report.pacts.map((p) => p.consumer)).toEqual(['consumer-main']);
      // Without --publish nothing is written to the broker.
      expect(broker.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/for-verification'))).toEqual([]);
    } finally {
      await broker.close();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('a broker that refuses the token: exit 2, a message that says what to check, no token in it', async () => {
    const broker = await startBrokerStandIn({ token: 'right-token-abcdef' });
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 'wrong-token-ghijkl' }, 'verify', '--broker', '--provider', PROVIDER, '--report', 'json', '--out', tmpdir());
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/answered 401 .*Check PACT_BROKER_TOKEN/);
      expect(result.err + result.out).not.toContain('wrong-token-ghijkl');
    } finally {
      await broker.close();
    }
  });

  it('--include-wip-pacts-since without a provider branch is a usage error naming --provider-branch', async () => {
    const broker = await startBrokerStandIn({ pacts: [variant('consumer-wip', { broken: true, wip: true })] });
    // No branch from CI variables (runCli clears them) nor git (as in a detached checkout).
    const detached = jest.spyOn(versionInfo, 'gitBranch').mockReturnValue(undefined);
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url }, 'verify', '--broker', '--provider', PROVIDER, '--include-wip-pacts-since', '2026-01-01', '--report', 'json', '--out', tmpdir());
      expect(detached).toHaveBeenCalled();
      expect(result.code).toBe(2);
      expect(result.err).toContain('--include-wip-pacts-since needs the provider branch: pass --provider-branch');
      expect(broker.requests).toEqual([]);
    } finally {
      detached.mockRestore();
      await broker.close();
    }
  });

  it('the stand-in, like a broker, selects WIP pacts only for a provider branch', async () => {
    const broker = await startBrokerStandIn({ pacts: [variant('consumer-wip', { broken: true, wip: true })] });
    try {
      const ask = (body: object): Promise<{ _embedded: { pacts: unknown[] } }> =>
        fetch(`${broker.url}/pacts/provider/${encodeURIComponent(PROVIDER)}/for-verification`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ _embedded: { pacts: unknown[] } }>);
      expect((await ask({ includeWipPactsSince: '2026-01-01' }))._embedded.pacts).toHaveLength(0);
      expect((await ask({ includeWipPactsSince: '2026-01-01', providerVersionBranch: 'main' }))._embedded.pacts).toHaveLength(1);
    } finally {
      await broker.close();
    }
  });

  it('--publish with --shard is a usage error: each shard would publish a partial result', async () => {
    const result = await runCli({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9' }, 'verify', '--broker', '--provider', PROVIDER, '--shard', '1/2', '--publish', '--provider-version', '1', '--report', 'json', '--out', tmpdir());
    expect(result.code).toBe(2);
    expect(result.err).toContain('--publish cannot be used with --shard');
    expect(result.err).toContain('unsharded run');
  });

  it('with --shard, a pact with no interaction in the shard does not shift the others\' broker status', async () => {
    // consumer-other's only interaction is renamed into shard 1 of 2; the seed's is in shard 2.
    const other = variant('consumer-other', { broken: true, pending: true });
    const interaction = (other.content.interactions as { description: string; comments: { testname: string } }[])[0]!;
    for (let n = 0; !inShard(interactionIdentity(PROVIDER, interaction), { index: 1, count: 2 }); n++) interaction.comments.testname = `elsewhere.md#example-${n}`;
    const main = variant('consumer-main', { broken: true });
    expect(inShard(interactionIdentity(PROVIDER, (main.content.interactions as typeof interaction[])[0]!), { index: 2, count: 2 })).toBe(true);
    expect(SEED.interactions).toHaveLength(1);
    const broker = await startBrokerStandIn({ pacts: [other, main] });
    const out = mkdtempSync(join(tmpdir(), 'graph-contracts-broker-shard-'));
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: broker.url }, 'verify', '--broker', '--provider', PROVIDER, '--shard', '2/2', '--report', 'json', '--out', out);
      const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
      expect(report.pacts.map((p) => p.consumer)).toEqual(['consumer-main']);
      expect(report.pacts[0]!.broker).toMatchObject({ pending: false, wip: false });
      expect(report.pacts[0]!.file).toMatch(/\/consumer\/consumer-main\/version\/1\.0\.0$/);
      // Its failure is not pending, so it fails the build.
      expect(result.code).toBe(1);
    } finally {
      await broker.close();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('--publish without a provider version is a usage error naming --provider-version, not an internal error', async () => {
    // No version from CI variables (runCli clears them) nor git (as outside a checkout).
    const noCommit = jest.spyOn(versionInfo, 'gitCommit').mockReturnValue(undefined);
    try {
      const result = await runCli({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9' }, 'verify', '--broker', '--provider', PROVIDER, '--publish', '--report', 'json', '--out', tmpdir());
      expect(noCommit).toHaveBeenCalled();
      expect(result.code).toBe(2);
      expect(result.err).toContain('pass --provider-version');
      expect(result.err).toContain('[broker_usage_invalid]');
    } finally {
      noCommit.mockRestore();
    }
  });

  it('verify --broker without a provider name is a usage error', async () => {
    const result = await runCli({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', GRAPH_CONTRACTS_PROVIDER: undefined }, 'verify', '--broker', '--report', 'json', '--out', tmpdir());
    expect(result.code).toBe(2);
    expect(result.err).toContain('--provider NAME');
  });
});
