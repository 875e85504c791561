/**
 * Provider-state teardowns in a verify lane of the built-in mock: pact-core asks for one after
 * every interaction with a state (a third of a corpus run's requests), so the lane's verifier is
 * told to send none and the mock tears each interaction's states down itself, before the first
 * request that follows the interaction's own. The store then looks to every request as it would
 * after the verifier's teardown.
 */
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { runPactVerifier } from '../../src/provider/pact-verifier';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
const SET = '/v1.0/deviceManagement/deviceManagementPartners';

function call(mock: RunningMock, method: string, path: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const sent = request(`${mock.url}${path}`, { method, headers: { Authorization: 'Bearer t', ...(text ? { 'Content-Type': 'application/json' } : {}) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end(text);
  });
}
const setup = (id: string, action = 'setup') => ({ state: 'a deviceManagementPartner exists', params: { id, '@entitySet': SET }, action });

describe('provider-state teardowns', () => {
  it('a tapped lane tears the states of an interaction down itself, before the next request', async () => {
    const lane = await startMock({ model, seed: 3 });
    try {
      lane.tap({ timeoutMs: 5_000, record: () => undefined });
      expect(await call(lane, 'POST', '/_graph-contracts/provider-states', setup('p1'))).toBe(200);
      expect(await call(lane, 'GET', `${SET}/p1`)).toBe(200);
      // The next interaction, without a state: p1 is gone, as after the verifier's teardown.
      expect(await call(lane, 'GET', `${SET}/p1`)).toBe(404);
      // The next one with a state: the one before is torn down first, its own is set up.
      expect(await call(lane, 'POST', '/_graph-contracts/provider-states', setup('p2'))).toBe(200);
      expect(await call(lane, 'GET', `${SET}/p2`)).toBe(200);
      expect(await call(lane, 'POST', '/_graph-contracts/provider-states', setup('p3'))).toBe(200);
      expect(await call(lane, 'GET', `${SET}/p2`)).toBe(404);
      // A teardown sent all the same settles what was owed.
      expect(await call(lane, 'POST', '/_graph-contracts/provider-states', setup('p3', 'teardown'))).toBe(200);
      expect(await call(lane, 'GET', `${SET}/p3`)).toBe(404);
    } finally {
      await lane.close();
    }
  });

  it('an untapped mock (graph-contracts mock) keeps a state until its teardown is sent', async () => {
    const mock = await startMock({ model, seed: 3 });
    try {
      await call(mock, 'POST', '/_graph-contracts/provider-states', setup('p1'));
      expect(await call(mock, 'GET', `${SET}/p1`)).toBe(200);
      expect(await call(mock, 'GET', `${SET}/p1`)).toBe(200);
      await call(mock, 'POST', '/_graph-contracts/provider-states', setup('p1', 'teardown'));
      expect(await call(mock, 'GET', `${SET}/p1`)).toBe(404);
    } finally {
      await mock.close();
    }
  });

  describe("Pact's verifier", () => {
    let server: Server;
    let url: string;
    let dir: string;
    const actions: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          if (req.url === '/states') actions.push((JSON.parse(body || '{}') as { action?: string }).action ?? '?');
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      dir = mkdtempSync(join(tmpdir(), 'state-teardowns-'));
      const interaction = (n: number) => ({
        type: 'Synchronous/HTTP',
        description: `get thing ${n}`,
        providerStates: [{ name: 'a thing exists', params: { id: String(n) } }],
        request: { method: 'GET', path: `/things/${n}` },
        response: { status: 200 },
      });
      writeFileSync(join(dir, 'pact.json'), JSON.stringify({ consumer: { name: 'a' }, provider: { name: 'b' }, interactions: [interaction(1), interaction(2)], metadata: { pactSpecification: { version: '4.0' } } }));
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    });

    it.each([
      [undefined, ['setup', 'teardown', 'setup', 'teardown']],
      [false, ['setup', 'setup']],
    ])('with stateTeardowns %s sends %j', async (stateTeardowns, expected) => {
      actions.length = 0;
      const verdict = await runPactVerifier({ pactFiles: [join(dir, 'pact.json')], providerBaseUrl: url, providerStatesSetupUrl: `${url}/states`, stallTimeoutMs: 60_000, ...(stateTeardowns === false ? { stateTeardowns } : {}) });
      expect(verdict.passed).toBe(true);
      expect(actions).toEqual(expected);
    }, 90_000);
  });
});
