import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient, serializeQuery } from '../../src/consumer/graph-client';
import { GraphApiError } from '../../src/consumer/graph-error';
import { StaticTokenProvider } from '../../src/consumer/token-provider';

let server: Server;
let baseURL: string;
const seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
      if (request.url!.startsWith('/v1.0/missing')) {
        response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'Request_ResourceNotFound', message: 'Not here.', innerError: { 'request-id': 'r1' } } }));
      } else if (request.url!.startsWith('/v1.0/report')) {
        response.writeHead(302, { Location: 'https://example.com/report.csv' }).end();
      } else if (request.url!.startsWith('/v1.0/count')) {
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end('17');
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json; odata.metadata=minimal' }).end(JSON.stringify({ id: '1', echo: body ? JSON.parse(body) : null }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => new GraphClient({ baseURL, tokenProvider: new StaticTokenProvider('test-token') });

describe('GraphClient', () => {
  it('sends the bearer token and a JSON body, and parses the JSON response', async () => {
    const response = await client().request({ method: 'POST', path: '/v1.0/things', body: { displayName: 'x' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: '1', echo: { displayName: 'x' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', authorization: 'Bearer test-token' });
  });

  it('keeps `$` in OData query keys and encodes values', async () => {
    await client().request({ method: 'GET', path: '/v1.0/things', query: { $filter: "displayName eq 'a b'", $top: '5' } });
    expect(seen.at(-1)!.url).toBe("/v1.0/things?$filter=displayName%20eq%20'a%20b'&$top=5");
    expect(serializeQuery({ $select: ['id', 'name'] })).toBe('$select=id&$select=name');
  });

  it('turns a Graph error envelope into a typed GraphApiError', async () => {
    const error = await client().request({ method: 'GET', path: '/v1.0/missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({ status: 404, graphCode: 'Request_ResourceNotFound', code: 'graph_request_failed', graphMessage: 'Not here.', innerError: { 'request-id': 'r1' } });
    expect((error as Error).message).toBe('Graph request failed with status 404 (Request_ResourceNotFound): GET /v1.0/missing: Not here.');
  });

  it('returns redirects instead of following them, and text bodies as text', async () => {
    expect(await client().request({ method: 'GET', path: '/v1.0/report' })).toMatchObject({ status: 302, headers: { location: 'https://example.com/report.csv' } });
    expect((await client().request({ method: 'GET', path: '/v1.0/count' })).body).toBe('17');
  });

  it('never shows the token when its provider is serialised', () => {
    expect(JSON.stringify({ provider: new StaticTokenProvider('secret-token') })).not.toContain('secret-token');
  });
});
