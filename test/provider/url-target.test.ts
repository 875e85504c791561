/**
 * A URL target that cannot be reached is one clear error (exit 2), not a field failure per
 * interaction; a URL target without --states-url says that the interactions needed provider
 * states and how to give them (issue 14, item 14).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { runInProcess as run, closedPort } from '../support/run-cli';

const PACTS = join(REPO_ROOT, 'pacts');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-url-target-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verify --target URL', () => {
  it('an unreachable target is one error naming it and the cause, exit 2, no report', async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    const out = join(dir, 'unreachable');
    const result = await run('verify', PACTS, '--target', target, '--out', out);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`[graph-contracts] Failed to verify: --target ${target} cannot be reached: connection refused (ECONNREFUSED). Start the provider there, or correct --target; nothing was replayed.\n`);
    expect(result.out).not.toMatch(/status_mismatch|conform/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unreachable --states-url is exit 2 too', async () => {
    const listening = createHttpServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    try {
      const target = `http://127.0.0.1:${(listening.address() as { port: number }).port}`;
      const states = `http://127.0.0.1:${await closedPort()}/states`;
      const result = await run('verify', PACTS, '--target', target, '--states-url', states, '--out', join(dir, 'states-unreachable'));
      expect(result.code).toBe(2);
      expect(result.err).toContain(`--states-url ${states} cannot be reached: connection refused`);
    } finally {
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  });

  describe('without --states-url, for pacts whose interactions need provider states', () => {
    let provider: Server;
    let target: string;
    beforeAll(async () => {
      // A provider that has none of the objects the states would create.
      provider = createHttpServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"Request_ResourceNotFound","message":"not found"}}'));
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      target = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

    it('says before the run that states were needed and how to give them, and after it how many failures that explains', async () => {
      const pact = JSON.parse(readFileSync(join(PACTS, 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8'));
      pact.interactions = pact.interactions.map((interaction: Record<string, unknown>) => ({ ...interaction, providerStates: [{ name: 'a deviceManagementPartner exists', params: { id: '1' } }] }));
      const file = join(dir, 'with-states.json');
      writeFileSync(file, JSON.stringify(pact));
      const result = await run('verify', file, '--target', target, '--out', join(dir, 'states'), '--report', 'json');
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${pact.interactions.length} of ${pact.interactions.length} interactions need provider states (e.g. "a deviceManagementPartner exists") and no --states-url was given`);
      expect(result.err).toContain('Give --states-url URL');
      expect(result.err).toMatch(new RegExp(`${pact.interactions.length} of the failing interactions needed provider states that were not set up \\(no --states-url\\)`));
    });

    it('says nothing of states for pacts without any', async () => {
      const result = await run('verify', PACTS, '--target', target, '--out', join(dir, 'no-states'), '--report', 'json');
      expect(result.code).toBe(1);
      expect(result.err).not.toMatch(/provider states/);
    });
  });
});
