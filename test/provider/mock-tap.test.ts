/**
 * The mock's tap: verification records each answer where the mock sends it instead of through a
 * proxy in front of it. What is recorded must be what the client read (status, headers, body),
 * provider-state calls are not exchanges, and an answer not ready in time is a 504 recorded as
 * "no answer" (status 0), as the proxy recorded it.
 */
import { request } from 'node:http';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock, type Tap } from '../../src/mock/server';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
type Recorded = Parameters<Tap['record']>[0];

/** One request as a client sends it: what it read back. */
function call(mock: RunningMock, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const sent = request(`${mock.url}${path}`, { method, headers: { Authorization: 'Bearer t', ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (response) => {
      let received = '';
      response.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      response.on('end', () => resolve({ method, path, status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body: received }));
    });
    sent.on('error', reject);
    sent.end(text);
  });
}

describe("the mock's tap", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ model, seed: 3 });
  });
  afterAll(() => mock.close());

  it('records each answer as the client read it, and no provider-state call', async () => {
    const recorded: Recorded[] = [];
    mock.tap({ timeoutMs: 5_000, record: (exchange) => recorded.push(exchange) });
    const state = await call(mock, 'POST', '/_graph-contracts/provider-states', { state: 'a deviceManagementPartner exists', params: { id: 'p1', '@entitySet': '/v1.0/deviceManagement/deviceManagementPartners' }, action: 'setup' });
    expect(state.status).toBe(200);
    const read = await call(mock, 'GET', '/v1.0/deviceManagement/deviceManagementPartners/p1?$select=displayName');
    const missing = await call(mock, 'GET', '/v1.0/no/such/thing');
    const head = await call(mock, 'HEAD', '/v1.0/deviceManagement/deviceManagementPartners/p1');
    mock.tap(null);
    await call(mock, 'GET', '/v1.0/deviceManagement/deviceManagementPartners/p1');
    expect(recorded).toEqual([read, missing, { ...head, body: '' }]);
    // Headers Node adds on the wire are recorded too, as a proxy read them.
    expect(recorded[0]!.headers['date']).toEqual(expect.any(String));
    expect(recorded[0]!.headers['connection']).toEqual(expect.any(String));
    expect(recorded[0]!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 504 and records no answer (status 0) when the answer is not ready in time', async () => {
    const slow = await startMock({ model, seed: 3, faults: { mode: 'latency', latencyMs: 400 } });
    try {
      const recorded: Recorded[] = [];
      slow.tap({ timeoutMs: 100, record: (exchange) => recorded.push(exchange) });
      const answer = await call(slow, 'GET', '/v1.0/deviceManagement/deviceManagementPartners');
      expect(answer.status).toBe(504);
      expect(recorded).toEqual([{ method: 'GET', path: '/v1.0/deviceManagement/deviceManagementPartners', status: 0, headers: {}, body: '' }]);
      // The late answer is not sent on top of the 504, nor recorded.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(recorded).toHaveLength(1);
      const next = await call(slow, 'GET', '/v1.0/deviceManagement/deviceManagementPartners', undefined, { 'x-graph-contracts-fault': 'none' });
      expect(next.status).not.toBe(504);
    } finally {
      await slow.close();
    }
  });
});
