/**
 * `verify --target live` end to end, in its own process, against local stand-ins only: the
 * built-in mock (widgets) as the Graph service, behind a proxy that records what reached it, and
 * an HTTPS token endpoint on 127.0.0.1 for the client-credentials grant.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { generatePacts } from '../../src/pact/generate';
import { FAKE_BEARER_TOKEN } from '../../src/pact/interactions';
import type { InteractionResult, VerificationReport } from '../../src/report/model';
import { REPO_ROOT } from '../helpers';
import { runCli } from './cli';
import { fakeJwt, startFrontProxy, startTokenEndpoint, type FrontProxy, type TokenEndpoint } from './stand-ins';

const CLIENT_ID = '0c0ffee0-1111-4222-8333-444444444444';
const SECRET = 'Zq8~live-SECRET-do-not-print-4f1e9b';
const widgets = extract([join(REPO_ROOT, 'test', 'fixtures', 'docs')], { cwd: REPO_ROOT }).model;

let work: string;
let pacts: string;
let endpoint: TokenEndpoint;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'live-verify-'));
  pacts = join(work, 'pacts');
  const summary = await generatePacts(widgets, { consumer: 'app', pactDir: pacts });
  expect(summary.written).toBe(5);
  endpoint = await startTokenEndpoint({ clientId: CLIENT_ID, clientSecret: SECRET, roles: ['Widget.ReadWrite.All'], expiresInSeconds: 3600 });
}, 60_000);

afterAll(async () => {
  await endpoint.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh Graph stand-in (mock + recording proxy) per test, so that leftovers are its own. */
async function graph(options: { throttleRate?: number; hold?: (method: string, path: string) => boolean } = {}): Promise<{ mock: RunningMock; front: FrontProxy; close(): Promise<void> }> {
  const mock = await startMock({ model: widgets, seed: 11, ...(options.throttleRate ? { faults: { mode: 'throttle', rate: options.throttleRate, retryAfterSeconds: 1 } } : {}) });
  const front = await startFrontProxy(mock.url, options.hold ? { hold: options.hold } : {});
  return { mock, front, close: async () => (await front.close(), await mock.close()) };
}

function clientCredentials(graphUrl: string): Record<string, string> {
  return { GRAPH_BASE_URL: graphUrl, AZURE_TENANT_ID: endpoint.tenantId, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: SECRET, AZURE_AUTHORITY_HOST: endpoint.url };
}

function readReport(out: string): VerificationReport {
  return JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
}

const byName = (report: VerificationReport): Record<string, InteractionResult> => Object.fromEntries(report.pacts.flatMap((p) => p.interactions).map((i) => [i.description.split(':')[0], i]));

describe('verify --target live: configuration', () => {
  it('exits 2 with one message naming what to set when no credentials are configured', async () => {
    const { code, err } = await runCli(['verify', pacts, '--target', 'live'], { GRAPH_BASE_URL: 'http://127.0.0.1:9' }, work).done;
    expect(code).toBe(2);
    expect(err).toContain('No credentials for the live target: set GRAPH_ACCESS_TOKEN');
    expect(err).toContain('AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET');
  });

  it('exits 2 on contradictory or incomplete settings, naming the variables', async () => {
    const both = await runCli(['verify', pacts, '--target', 'live'], { GRAPH_BASE_URL: 'http://127.0.0.1:9', GRAPH_ACCESS_TOKEN: 'ready-token-123456', AZURE_CLIENT_ID: CLIENT_ID }, work).done;
    expect(both.code).toBe(2);
    expect(both.err).toContain('Both GRAPH_ACCESS_TOKEN and client credentials (AZURE_CLIENT_ID) are set');
    const partial = await runCli(['verify', pacts, '--target', 'live'], { GRAPH_BASE_URL: 'http://127.0.0.1:9', AZURE_CLIENT_ID: CLIENT_ID }, work).done;
    expect(partial.code).toBe(2);
    expect(partial.err).toContain('Client credentials are incomplete: set AZURE_TENANT_ID and AZURE_CLIENT_SECRET too');
    expect(both.err + partial.err).not.toContain('ready-token-123456');
  });

  it('reads the credentials from .env in the working directory', async () => {
    const dir = mkdtempSync(join(work, 'dotenv-'));
    const stand = await graph();
    try {
      writeFileSync(join(dir, '.env'), Object.entries(clientCredentials(stand.front.url)).map(([k, v]) => `${k}=${v}`).join('\n'));
      const { code } = await runCli(['verify', pacts, '--target', 'live', '--report', 'json', '--out', join(dir, 'reports')], {}, dir).done;
      expect(code).toBe(0);
      expect(readReport(join(dir, 'reports')).summary).toMatchObject({ passed: 1, skipped: 4 });
    } finally {
      await stand.close();
    }
  });
});

describe('verify --target live: safety', () => {
  it('is read-only by default: writes and state set-ups are skipped with the reason, reads run with the real token', async () => {
    const stand = await graph();
    const out = join(work, 'read-only');
    try {
      const { code, out: stdout } = await runCli(['verify', pacts, '--target', 'live', '--report', 'json,console', '--out', out], clientCredentials(stand.front.url), work).done;
      expect(code).toBe(0);
      const report = readReport(out);
      expect(report.summary).toMatchObject({ interactions: 5, passed: 1, failed: 0, skipped: 4 });
      const results = byName(report);
      expect(results['List widgets']).toMatchObject({ skipped: null, passed: true });
      expect(results['Create widget']!.skipped).toBe('it would change the tenant (POST); live runs are read-only unless --allow-writes is given');
      expect(results['Update widget']!.skipped).toContain('(PATCH)');
      expect(results['Delete widget']!.skipped).toContain('(DELETE)');
      expect(results['Get widget']!.skipped).toBe('its provider state creates /v1.0/widgets objects first (a write); live runs are read-only unless --allow-writes is given');
      // Nothing but the one read reached the service, with the token from the token endpoint.
      expect(stand.front.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /v1.0/widgets']);
      expect(endpoint.issued.map((t) => `Bearer ${t}`)).toContain(stand.front.seen[0]!.authorization);
      expect(stand.front.seen[0]!.authorization).not.toContain(FAKE_BEARER_TOKEN);
      expect(stdout).toContain('Live run cleanup: created 0 object(s), removed 0, already gone 0, left behind 0.');
    } finally {
      await stand.close();
    }
  });

  it('with --allow-writes replays everything, creates state objects, and deletes all it created', async () => {
    const stand = await graph();
    const out = join(work, 'writes');
    try {
      const { code, out: stdout } = await runCli(['verify', pacts, '--target', 'live', '--allow-writes', '--report', 'json', '--out', out], clientCredentials(stand.front.url), work).done;
      expect(code).toBe(0);
      expect(readReport(out).summary).toMatchObject({ interactions: 5, passed: 5, failed: 0, skipped: 0 });
      // Get, update and delete each needed a widget: 3 made by provider states, 1 by the create
      // interaction; the delete interaction removed its own, so its teardown found it gone.
      expect(stdout).toContain('Live run cleanup: created 4 object(s), removed 3, already gone 1, left behind 0.');
      expect(stdout).toMatch(/already gone \(404 on delete; check if it was just created\) \/v1\.0\/widgets\/\S+ \(created by provider state "a widget exists"\)/);
      expect(stand.front.seen.filter((s) => s.method === 'POST' && s.path === '/v1.0/widgets')).toHaveLength(4);
      expect(stand.mock.objects()).toEqual([]);
    } finally {
      await stand.close();
    }
  });

  it('deletes provider-state objects after a failing interaction too', async () => {
    const stand = await graph();
    const out = join(work, 'failing');
    const broken = join(work, 'broken-pacts');
    try {
      // The same pacts, but the read expects a status the service never sends: the interaction fails.
      rmSync(broken, { recursive: true, force: true });
      mkdirSync(broken);
      for (const file of readdirSync(pacts)) {
        const pact = JSON.parse(readFileSync(join(pacts, file), 'utf8'));
        for (const interaction of pact.interactions) if (interaction.description.startsWith('Get widget:')) interaction.response.status = 203;
        writeFileSync(join(broken, file), JSON.stringify(pact));
      }
      const { code, out: stdout } = await runCli(['verify', broken, '--target', 'live', '--allow-writes', '--report', 'json', '--out', out], clientCredentials(stand.front.url), work).done;
      expect(code).toBe(1);
      const report = readReport(out);
      expect(report.summary).toMatchObject({ passed: 4, failed: 1 });
      expect(byName(report)['Get widget']!.findings.find((f) => f.path[0] === 'status')).toMatchObject({ code: 'status_mismatch', expected: { kind: 'status', status: 203 }, actual: { kind: 'status', status: 200 } });
      expect(stdout).toContain('left behind 0.');
      expect(stand.mock.objects()).toEqual([]);
    } finally {
      await stand.close();
    }
  });

  it('Ctrl-C mid-run stops the verifier, deletes what was created, says so, and exits 130', async () => {
    // The read of a state-created widget never gets an answer: the run is interrupted while waiting.
    const stand = await graph({ hold: (method, path) => method === 'GET' && /^\/v1\.0\/widgets\/[^/]+$/.test(path) });
    const out = join(work, 'interrupted');
    try {
      const run = runCli(['verify', pacts, '--target', 'live', '--allow-writes', '--concurrency', '1', '--report', 'json', '--out', out, '--request-timeout', '60000'], clientCredentials(stand.front.url), work);
      const deadline = Date.now() + 60_000;
      while (stand.front.held === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stand.front.held).toBe(1);
      expect(stand.mock.objects().length).toBeGreaterThan(0);
      run.child.kill('SIGINT');
      const { code, out: stdout, err } = await run.done;
      expect(code).toBe(130);
      expect(err).toContain('Interrupted: stopping the verifier and cleaning up.');
      expect(stdout).toMatch(/Live run cleanup: created [1-9]\d* object\(s\), removed [1-9]\d*, already gone \d+, left behind 0\./);
      expect(stand.mock.objects()).toEqual([]);
    } finally {
      await stand.close();
    }
  }, 90_000);
});

describe('verify --target live: Ctrl-C while a create is in flight', () => {
  it('stops without waiting for the answer and reports the create as a write whose outcome is unknown', async () => {
    const stand = await graph({ hold: (method) => method === 'POST' });
    const out = join(work, 'interrupted-post');
    try {
      const run = runCli(['verify', pacts, '--target', 'live', '--allow-writes', '--report', 'json', '--out', out, '--request-timeout', '60000'], clientCredentials(stand.front.url), work);
      const deadline = Date.now() + 60_000;
      while (stand.front.held === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stand.front.held).toBe(1);
      run.child.kill('SIGINT');
      const { code, out: stdout } = await run.done;
      expect(code).toBe(130);
      expect(stdout).toContain('1 write(s) to check by hand (their outcome is unknown, or they changed the tenant without creating an object to delete):');
      expect(stdout).toMatch(/POST \/v1\.0\/widgets got no answer: its outcome is unknown/);
    } finally {
      await stand.close();
    }
  }, 90_000);
});

describe('verify --target live: throttling and permissions', () => {
  it('honours 429 Retry-After from a throttling service and still verifies every interaction', async () => {
    const stand = await graph({ throttleRate: 0.3 });
    const out = join(work, 'throttled');
    try {
      const { code, out: stdout, err } = await runCli(['verify', pacts, '--target', 'live', '--allow-writes', '--report', 'json', '--out', out, '--log-level', 'debug'], clientCredentials(stand.front.url), work).done;
      // The waits followed the service's Retry-After of 1 s.
      expect(err).toContain('429 with Retry-After: waiting 1000 ms');
      const throttled = stand.mock.faults.filter((f) => f.mode === 'throttle').length;
      expect(throttled).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(readReport(out).summary).toMatchObject({ passed: 5, failed: 0 });
      expect(stdout).toContain('left behind 0.');
      expect(stand.mock.objects()).toEqual([]);
    } finally {
      await stand.close();
    }
  }, 90_000);

  it('skips, with the reason, what the token\'s permissions cannot do', async () => {
    const stand = await graph();
    const out = join(work, 'scopes');
    try {
      const token = fakeJwt({ scp: 'Widget.Read.All User.Read' });
      const { code } = await runCli(['verify', pacts, '--target', 'live', '--allow-writes', '--report', 'json', '--out', out], { GRAPH_BASE_URL: stand.front.url, GRAPH_ACCESS_TOKEN: token }, work).done;
      expect(code).toBe(0);
      const results = byName(readReport(out));
      expect(results['List widgets']).toMatchObject({ skipped: null, passed: true });
      expect(results['Create widget']!.skipped).toBe('the token has none of the delegated permissions the docs require (Widget.ReadWrite.All); it has Widget.Read.All, User.Read');
      // Reading a widget needs one made first, which the token cannot do: no write was even tried.
      expect(results['Get widget']!.skipped).toBe('its provider state creates a /v1.0/widgets object first, and for that the token has none of the delegated permissions the docs require (Widget.ReadWrite.All); it has Widget.Read.All, User.Read');
      expect(stand.front.seen.filter((s) => s.method !== 'GET')).toEqual([]);
      expect(stand.front.seen.every((s) => s.authorization === `Bearer ${token}`)).toBe(true);
    } finally {
      await stand.close();
    }
  });
});
