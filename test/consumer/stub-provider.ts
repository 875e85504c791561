/**
 * A throwaway provider for reading pacts back with Pact's own verifier: it answers each request
 * with the documented response of the interaction whose method and path match. It knows nothing
 * about Graph; it only proves that the pact files are valid and self-consistent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MatchersV3 } from '@pact-foundation/pact';
import type { InteractionSpec } from '../../src/pact/interactions';

export async function startStubProvider(specs: InteractionSpec[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const spec = specs.find((s) => s.request.method === request.method && s.request.path === (request.url ?? '').split('?')[0]);
    if (!spec) {
      response.writeHead(404).end();
      return;
    }
    const body = spec.response.body;
    if (body?.kind === 'json') {
      response.writeHead(spec.response.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(MatchersV3.reify(body.template)));
    } else if (body?.kind === 'text') {
      response.writeHead(spec.response.status, { 'Content-Type': body.contentType }).end(body.text);
    } else {
      response.writeHead(spec.response.status).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
