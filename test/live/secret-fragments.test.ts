/**
 * Not even part of a secret reaches output (issue 14, item 9): text that quotes a secret and is
 * then shortened (a broker's error body, a token endpoint's description, a mismatching field that
 * echoes the bearer header) is redacted first and cut after. Each test places the secret across
 * the cut and checks that no 8-character piece of it appears anywhere: the console, every report,
 * the error, the logs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { startMock } from '../../src/mock/server';
import { generatePacts } from '../../src/pact/generate';
import { HalClient } from '../../src/broker/hal-client';
import { liveTokenProvider } from '../../src/live/token';
import { readLiveConfig } from '../../src/live/config';
import { closeServer } from '../../src/internal/local-server';
import { REPO_ROOT } from '../helpers';
import { runCli } from './cli';
import { fakeJwt, startTokenEndpoint, testHttpsAgent } from './stand-ins';

/** A distinctive secret of `length` characters (no 8-character piece of it occurs in ordinary text). */
function secret(label: string, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += createHash('sha256').update(`${label}-${i}`).digest('base64url');
  return text.slice(0, length);
}

/** No 8-character piece of `secret` in `text`; the failure names the piece and where it is. */
function expectNoPiece(text: string, secretValue: string, where: string): void {
  for (let i = 0; i + 8 <= secretValue.length; i++) {
    const piece = secretValue.slice(i, i + 8);
    const at = text.indexOf(piece);
    if (at >= 0) throw new Error(`${where} holds "${piece}" (characters ${i}-${i + 7} of a secret) at ${at}: ...${text.slice(Math.max(0, at - 40), at + 48)}...`);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('no piece of a secret in any output', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'secret-pieces-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a broker error body echoing the token across the 300-character cut: not in the error, not on the console', async () => {
    const token = secret('broker', 34);
    // The token starts 280 characters into the body: a cut at 300 would keep its first 20.
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${'e'.repeat(280)}${req.headers.authorization ?? ''} and more`);
    });
    const url = await listen(server);
    try {
      const error = await new HalClient({ baseUrl: url, token }).get(`${url}/`).catch((e: Error) => e);
      expect(String(error)).toContain('answered 500');
      expectNoPiece(`${String(error)} ${(error as Error).stack}`, token, 'the BrokerError');
      const cli = await runCli(['verify', '--broker', '--provider', 'graph-v1.0-x'], { PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: token }, work).done;
      expect(cli.out + cli.err).toContain('answered 500');
      expectNoPiece(cli.out + cli.err, token, 'the console');
      for (const file of filesUnder(work)) expectNoPiece(readFileSync(file, 'utf8'), token, file);
    } finally {
      await closeServer(server);
    }
  }, 60_000);

  it('a token endpoint echoing the client secret across the 300-character cut: not in the error', async () => {
    const clientSecret = secret('client', 400);
    // The endpoint expects another secret, and its error description quotes the one sent.
    const endpoint = await startTokenEndpoint({ clientId: '33333333-4444-4555-8666-777777777777', clientSecret: 'the-right-one-1234567890', roles: [] });
    try {
      const { auth } = readLiveConfig({ AZURE_TENANT_ID: endpoint.tenantId, AZURE_CLIENT_ID: '33333333-4444-4555-8666-777777777777', AZURE_CLIENT_SECRET: clientSecret, AZURE_AUTHORITY_HOST: endpoint.url, GRAPH_BASE_URL: 'http://127.0.0.1:9' });
      const error = await liveTokenProvider(auth, { httpsAgent: testHttpsAgent() }).getToken().then(() => null, (e: Error) => e);
      expect(error?.name).toBe('TokenAcquisitionError');
      expect(error?.message).toContain('invalid_client');
      expectNoPiece(`${error?.message} ${error?.stack} ${JSON.stringify(error)}`, clientSecret, 'the TokenAcquisitionError');
    } finally {
      await endpoint.close();
    }
  }, 60_000);

  it('a mismatching field echoing the bearer header across the 120-character cut: not on the console, in the logs or in any report', async () => {
    const widgets = extract([join(REPO_ROOT, 'test', 'fixtures', 'docs')], { cwd: REPO_ROOT }).model;
    const dir = mkdtempSync(join(work, 'live-'));
    await generatePacts(widgets, { consumer: 'app', pactDir: join(dir, 'pacts') });
    const token = fakeJwt({ scp: 'Widget.ReadWrite.All Widget.Read.All', marker: secret('graph', 24) });
    const mock = await startMock({ model: widgets, seed: 9 });
    // Graph stand-in that puts the caller's Authorization header into `size` (an Int32, so a
    // mismatch whose actual value is quoted), 70 characters in: a cut at 117 keeps ~38 of it.
    const target = new URL(mock.url);
    const proxy = createServer((incoming, outgoing) => {
      const upstream = request({ hostname: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          let text = Buffer.concat(chunks).toString('utf8');
          try {
            const json = JSON.parse(text) as Record<string, unknown>;
            if (json && typeof json === 'object' && 'size' in json) {
              json['size'] = `${'s'.repeat(70)} ${incoming.headers.authorization ?? ''}`;
              text = JSON.stringify(json);
            }
          } catch {
            // not JSON: passed on as it is
          }
          const headers = { ...response.headers };
          delete headers['content-length'];
          outgoing.writeHead(response.statusCode ?? 502, headers).end(text);
        });
      });
      upstream.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(upstream);
    });
    const url = await listen(proxy);
    try {
      const out = join(dir, 'reports');
      const run = await runCli(['verify', join(dir, 'pacts'), '--target', 'live', '--allow-writes', '--out', out, '--report', 'console,json,junit,markdown,html', '--log-level', 'debug'], { GRAPH_BASE_URL: url, GRAPH_ACCESS_TOKEN: token }, dir).done;
      // The echo made fields fail: the scenario happened.
      expect(run.out).toMatch(/size/);
      const reports = filesUnder(out);
      expect(reports.length).toBe(4);
      expectNoPiece(run.out, token, 'stdout');
      expectNoPiece(run.err, token, 'stderr (logs)');
      for (const file of filesUnder(dir)) expectNoPiece(readFileSync(file, 'utf8'), token, file);
    } finally {
      await closeServer(proxy);
      await mock.close();
    }
  }, 120_000);
});
