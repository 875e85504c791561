/**
 * Several documented examples can share one description (two pages with the same title and example
 * name). Pact's report names failures by description: the one that fails must not count against
 * the other (which showed as a disagreement, and made verdicts depend on which run held which).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFailures, placeTag } from '../../src/provider/pact-verifier';
import { verifyAndReport } from '../../src/compose/verification';
import { urlTarget } from '../../src/provider/verify';

const interaction = (id: string) => ({
  type: 'Synchronous/HTTP',
  description: 'Get item: example-1',
  providerStates: [{ name: `item ${id} exists` }],
  pending: false,
  request: { method: 'GET', path: `/items/${id}`, headers: { Authorization: ['Bearer test-token'] } },
  response: { status: 200, headers: { 'Content-Type': ['application/json'] }, body: { content: { id }, contentType: 'application/json', encoded: false } },
});

it('reads failures by place in the run, whatever the descriptions', () => {
  const output = `Failures:\n\n1) Verifying a pact between c and p Given item b exists - Get item: example-1${placeTag(1)} - error sending request\n`;
  expect([...parseFailures(output)]).toEqual([1]);
});

it('fails only the interaction that failed among two with one description, by both verdicts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duplicates-'));
  const file = join(dir, 'pact.json');
  writeFileSync(file, JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [interaction('a'), interaction('b')], metadata: { pactSpecification: { version: '4.0' } } }));
  const server = createServer((request, response) => {
    if (request.method === 'POST') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    if (request.url === '/items/b') return void response.writeHead(500).end();
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'a' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const report = await verifyAndReport({ pacts: [file], target: urlTarget(url, `${url}/states`) });
    expect(report.pacts[0]!.interactions.map((i) => [i.path, i.passed, i.pactPassed])).toEqual([
      ['/items/a', true, true],
      ['/items/b', false, false],
    ]);
    expect(report.summary.disagreements).toBe(0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
