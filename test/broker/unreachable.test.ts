/**
 * An unreachable broker is a configuration error, exit 2, as the README says: `publish`,
 * `can-i-deploy` and `record-deployment` exited 1 ("not deployable") after a minute of the official
 * client's retries (issue 14, item 15).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { join } from 'node:path';
import { unreachableInOutput } from '../../src/broker/reachable';
import { proxiedFor, unreachableReason } from '../../src/internal/reachability';
import { REPO_ROOT } from '../helpers';
import { runCli } from './cli-env';
import { closedPort } from '../support/run-cli';

describe('an unreachable Pact Broker', () => {
  let broker: string;
  beforeAll(async () => {
    broker = `http://127.0.0.1:${await closedPort()}`;
  });

  it.each([
    ['publish', ['publish', '--pacts', join(REPO_ROOT, 'pacts'), '--consumer-version', '1.0.0']],
    ['can-i-deploy', ['can-i-deploy', '--pacticipant', 'graph-contracts', '--version', '1.0.0', '--to-environment', 'production']],
    ['record-deployment', ['record-deployment', '--pacticipant', 'graph-contracts', '--version', '1.0.0', '--environment', 'production']],
  ])('%s exits 2 with one line saying the broker cannot be reached', async (_name, args) => {
    const { code, err, out } = await runCli({ PACT_BROKER_BASE_URL: broker, PACT_BROKER_TOKEN: 'unreachable-broker-token-0123456789' }, ...args);
    expect(code).toBe(2);
    expect(err).toContain(`Cannot reach the Pact Broker at ${broker}: connection refused (ECONNREFUSED)`);
    expect(err).not.toMatch(/\n\s+at /);
    expect(`${out}${err}`).not.toContain('unreachable-broker-token');
  });

  it('the official client\'s own words for no answer also mean unreachable (behind a proxy, where no direct check is made)', () => {
    expect(unreachableInOutput("❌ Failed to access pact broker path '' - error sending request for url (http://127.0.0.1:1/). URL: 'http://127.0.0.1:1'")).toBe(true);
    expect(unreachableInOutput('Computer says no ¯\\_(ツ)_/¯')).toBe(false);
  });
});

describe('reachability', () => {
  it('says why a server cannot be reached, and null for one that listens', async () => {
    expect(await unreachableReason(`http://127.0.0.1:${await closedPort()}`, 5_000)).toMatch(/connection refused \(ECONNREFUSED\)/);
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await unreachableReason(`http://127.0.0.1:${(server.address() as { port: number }).port}/some/path`, 5_000)).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an https server whose certificate is not trusted is unreachable too (the run could not talk to it either)', async () => {
    const tls = join(REPO_ROOT, 'test', 'fixtures', 'tls');
    const server = createTlsServer({ cert: readFileSync(join(tls, 'cert.pem')), key: readFileSync(join(tls, 'key.pem')) }, (socket) => socket.end());
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => sockets.add(socket));
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await unreachableReason(`https://127.0.0.1:${(server.address() as { port: number }).port}`, 5_000)).toMatch(/certificate/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('knows when requests would go through a proxy', () => {
    expect(proxiedFor('https://broker.example', {})).toBe(false);
    expect(proxiedFor('https://broker.example', { HTTPS_PROXY: 'http://proxy:3128' })).toBe(true);
    expect(proxiedFor('http://broker.example', { https_proxy: 'http://proxy:3128' })).toBe(false);
    expect(proxiedFor('http://broker.example', { http_proxy: 'http://proxy:3128' })).toBe(true);
    expect(proxiedFor('https://broker.example', { ALL_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost,.example' })).toBe(false);
    expect(proxiedFor('https://broker.example', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'broker.example' })).toBe(false);
    expect(proxiedFor('https://notbroker.example.org', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'example' })).toBe(true);
  });
});
