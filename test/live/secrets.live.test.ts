/**
 * No credential of a live run reaches any file it writes or anything it prints: a distinctive
 * client secret (client credentials) and a distinctive ready token, live verification with
 * writes, reports in every format and debug logging (Pact's verifier log included).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { startMock } from '../../src/mock/server';
import { generatePacts } from '../../src/pact/generate';
import { REDACTED } from '../../src/internal/secrets';
import { REPO_ROOT } from '../helpers';
import { runCli } from './cli';
import { fakeJwt, startTokenEndpoint } from './stand-ins';

const SECRET = 'Qx7~SECRET-client-credential-9a8b7c6d5e';
const READY_TOKEN = fakeJwt({ scp: 'Widget.ReadWrite.All Widget.Read.All', marker: 'READY-TOKEN-3e2d1c0b' });
const CLIENT_ID = '22222222-3333-4444-8555-666666666666';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets in live mode', () => {
  const widgets = extract([join(REPO_ROOT, 'test', 'fixtures', 'docs')], { cwd: REPO_ROOT }).model;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'live-secrets-'));
    await generatePacts(widgets, { consumer: 'app', pactDir: join(work, 'pacts') });
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('neither the client secret nor the issued tokens appear in any file written or in the output', async () => {
    const endpoint = await startTokenEndpoint({ clientId: CLIENT_ID, clientSecret: SECRET, roles: ['Widget.ReadWrite.All'] });
    const mock = await startMock({ model: widgets, seed: 5 });
    try {
      const out = join(work, 'reports-cc');
      const env = { GRAPH_BASE_URL: mock.url, AZURE_TENANT_ID: endpoint.tenantId, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: SECRET, AZURE_AUTHORITY_HOST: endpoint.url };
      const { code, out: stdout, err } = await runCli(['verify', join(work, 'pacts'), '--target', 'live', '--allow-writes', '--out', out, '--log-level', 'debug'], env, work).done;
      expect(code).toBe(0);
      expect(endpoint.issued.length).toBeGreaterThan(0);
      const written = filesUnder(work);
      expect(written.map((f) => f.replace(`${work}/`, '')).sort()).toEqual(expect.arrayContaining(['reports-cc/verification.json', 'reports-cc/verification.junit.xml', 'reports-cc/verification.md', 'reports-cc/verification.html']));
      // Debug logging was on: Pact's verifier log and the proxy's request log are in the output.
      expect(err).toContain("Pact's verifier output");
      expect(err).toContain('acquired an access token');
      for (const text of [stdout, err, ...written.map((f) => readFileSync(f, 'utf8'))]) {
        expect(text).not.toContain(SECRET);
        for (const token of endpoint.issued) expect(text).not.toContain(token);
        // Not even redacted: no code path tried to print a credential in the first place.
        expect(text).not.toContain(REDACTED);
      }
    } finally {
      await mock.close();
      await endpoint.close();
    }
  }, 90_000);

  it('a ready GRAPH_ACCESS_TOKEN appears in no file written and not in the output', async () => {
    const mock = await startMock({ model: widgets, seed: 6 });
    try {
      const out = join(work, 'reports-token');
      const { code, out: stdout, err } = await runCli(['verify', join(work, 'pacts'), '--target', 'live', '--allow-writes', '--out', out, '--log-level', 'debug'], { GRAPH_BASE_URL: mock.url, GRAPH_ACCESS_TOKEN: READY_TOKEN }, work).done;
      expect(code).toBe(0);
      expect(err).toContain("Pact's verifier output");
      for (const text of [stdout, err, ...filesUnder(work).map((f) => readFileSync(f, 'utf8'))]) {
        expect(text).not.toContain(READY_TOKEN);
        expect(text).not.toContain(READY_TOKEN.split('.')[1]!);
        expect(text).not.toContain(REDACTED);
      }
    } finally {
      await mock.close();
    }
  }, 90_000);
});
