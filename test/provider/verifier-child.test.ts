/**
 * The verifier child runs Pact's core with no proxy of its own in between: the provider gets the
 * request as the pact has it. pact-js's `Verifier` re-sent request bodies through an express proxy
 * that drops an empty JSON object (`{}` went out as no body under `Content-Length: 2`, so the
 * provider waited for a body that never came and the interaction failed by timeout).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPactVerifier } from '../../src/provider/pact-verifier';

const json = { 'Content-Type': ['application/json'] };

it('sends each request body to the provider as the pact has it, an empty object included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-child-'));
  const file = join(dir, 'pact.json');
  const interactions = ['{}', '{"displayName":"Bob"}'].map((body, n) => ({
    type: 'Synchronous/HTTP',
    description: `create ${n}`,
    request: { method: 'POST', path: '/things', headers: json, body: { content: JSON.parse(body), contentType: 'application/json', encoded: false } },
    response: { status: 201 },
  }));
  writeFileSync(file, JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions, metadata: { pactSpecification: { version: '4.0' } } }));
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(body);
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const verdict = await runPactVerifier({ pactFiles: [file], providerBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requestTimeoutMs: 3_000, stallTimeoutMs: 20_000 });
    expect(received).toEqual(['{}', '{"displayName":"Bob"}']);
    expect(verdict.passed).toBe(true);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
