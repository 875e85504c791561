/**
 * The token endpoint's requests time out like every other request of a run (issue 14, item 13): an
 * endpoint that accepts the connection and never answers is a TokenAcquisitionError after the
 * timeout, not a stalled run.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readLiveConfig } from '../../src/live/config';
import { liveTokenProvider } from '../../src/live/token';
import { closeServer } from '../../src/internal/local-server';
import { TEST_CA_FILE, TLS_DIR, testHttpsAgent } from './stand-ins';

describe('a token endpoint that never answers', () => {
  let server: Server;
  let url: string;
  const held: { destroy(): void }[] = [];
  beforeAll(async () => {
    // Reads the request, then says nothing.
    server = createServer({ key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(TEST_CA_FILE) }, (request) => {
      request.resume();
      held.push(request.socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await closeServer(server);
  });

  it('is a TokenAcquisitionError after the timeout, naming the endpoint', async () => {
    const { auth } = readLiveConfig({ AZURE_TENANT_ID: '00000000-0000-4000-8000-00000000bbbb', AZURE_CLIENT_ID: '44444444-5555-4666-8777-888888888888', AZURE_CLIENT_SECRET: 'never-answered-secret-123', AZURE_AUTHORITY_HOST: url, GRAPH_BASE_URL: 'http://127.0.0.1:9' });
    const started = Date.now();
    const error = await liveTokenProvider(auth, { httpsAgent: testHttpsAgent(), timeoutMs: 1_000 }).getToken().then(() => null, (e: Error) => e);
    const elapsed = Date.now() - started;
    expect(error?.name).toBe('TokenAcquisitionError');
    expect(error?.message).toContain(url);
    expect(held.length).toBeGreaterThan(0);
    // One timeout per request MSAL makes (discovery, then the token), with room for a slow machine.
    expect(elapsed).toBeLessThan(15_000);
  }, 30_000);
});
