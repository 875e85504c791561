/**
 * The mock never dies of a request and never holds more than it must (issue 14, items 5-7): deep
 * nesting, huge bodies, bodies of the wrong shape and unbounded provider-state params are each a
 * 4xx Graph error envelope, and the mock answers the next request as before.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { REPO_ROOT } from '../helpers';

const widgets = extract([join(REPO_ROOT, 'test', 'fixtures', 'docs')], { cwd: REPO_ROOT }).model;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One raw request: `body` as given (a string, or chunks streamed one after another), nothing added but what is asked. */
function send(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer; chunks?: () => Iterable<Buffer>; endBody?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server that answers and closes before the whole body is sent resets the upload: expected here.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.flushHeaders();
    if (options.body !== undefined) req.write(options.body);
    if (options.chunks) {
      for (const chunk of options.chunks()) req.write(chunk);
    }
    if (options.endBody !== false) req.end();
  });
}

const auth = { Authorization: 'Bearer any-token', 'Content-Type': 'application/json' };

/** A Graph error envelope with this status class and a request id. */
function expectGraphError(answer: Answer, status: number): { code: string; message: string } {
  expect(answer.status).toBe(status);
  const body = JSON.parse(answer.text) as { error: { code: string; message: string; innerError: { 'request-id': string } } };
  expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String), innerError: { 'request-id': expect.any(String), date: expect.any(String) } } });
  return body.error;
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

describe('the mock against hostile requests', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ model: widgets, seed: 11, maxEntities: 50 });
  });
  afterAll(() => mock.close());

  /** The mock still serves a documented request normally. */
  async function stillServes(): Promise<void> {
    const created = await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: JSON.stringify({ displayName: 'Gear', size: 3 }) });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { id: string }).id;
    expect((await send(mock.url, 'DELETE', `/v1.0/widgets/${id}`, { headers: auth })).status).toBe(204);
  }

  it('provider-state params nested 5,000 deep are a 400, and the mock lives on', async () => {
    const body = `{"state":"a widget exists","params":{"id":${nested(5000, '{"a":', '}')}},"action":"setup"}`;
    expect(body.length).toBeGreaterThan(25_000);
    expect(expectGraphError(await send(mock.url, 'POST', '/_graph-contracts/provider-states', { headers: { 'Content-Type': 'application/json' }, body }), 400).message).toContain('deeper than');
    await stillServes();
  });

  it('an array nested 5,000 deep to a documented route is a 400, and the mock lives on', async () => {
    const answer = await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: nested(5000, '[', ']') });
    expect(expectGraphError(answer, 400).message).toContain('deeper than');
    const asProperty = await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: `{"displayName":${nested(5000, '[', ']')}}` });
    expectGraphError(asProperty, 400);
    await stillServes();
  });

  it('a JSON body over the limit is a 413, streamed or declared, and the mock lives on', async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    // Streamed (chunked, no Content-Length): 5 MiB of spaces inside a JSON string.
    const streamed = await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: '{"displayName":"', chunks: function* () { for (let i = 0; i < 5; i++) yield mib; } });
    expect(expectGraphError(streamed, 413).code).toBe('RequestEntityTooLarge');
    // Declared: the Content-Length alone decides, before any of the body arrives.
    const declared = await send(mock.url, 'POST', '/v1.0/widgets', { headers: { ...auth, 'Content-Length': String(530 * 1024 * 1024) }, endBody: false });
    expectGraphError(declared, 413);
    const states = await send(mock.url, 'POST', '/_graph-contracts/provider-states', { headers: { 'Content-Length': String(530 * 1024 * 1024) }, endBody: false });
    expectGraphError(states, 413);
    await stillServes();
  });

  it('the token is checked before the body is read: no token and a 530 MiB body announced is a prompt 401', async () => {
    const answer = await send(mock.url, 'POST', '/v1.0/widgets', { headers: { 'Content-Type': 'application/json', 'Content-Length': String(530 * 1024 * 1024) }, body: '{"displayName":', endBody: false });
    expect(expectGraphError(answer, 401).code).toBe('InvalidAuthenticationToken');
    await stillServes();
  });

  it('a request that is not HTTP, or has oversized headers, gets a Graph error envelope too', async () => {
    const raw = (text: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(Number(new URL(mock.url).port), '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
    for (const [text, status] of [
      ['GARBAGE\r\n\r\n', 400],
      [`GET /v1.0/widgets HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`, 431],
    ] as const) {
      const answer = await raw(text);
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Request Header Fields Too Large'}`);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(JSON.parse(body)).toEqual({ error: { code: 'BadRequest', message: expect.any(String), innerError: { 'request-id': expect.any(String), date: expect.any(String) } } });
    }
    await stillServes();
  });

  it.each([
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['a string', '"x"'],
    ['params that are an array', '{"state":"a widget exists","params":[1],"action":"setup"}'],
    ['a state that is no string', '{"state":{"a":1},"params":{"id":"w"}}'],
    ['an unknown action', '{"state":"a widget exists","params":{"id":"w"},"action":"explode"}'],
    ['text that is not JSON', '{"state":'],
  ])('a provider-state body that is %s is a 400 Graph error', async (_name, body) => {
    expectGraphError(await send(mock.url, 'POST', '/_graph-contracts/provider-states', { headers: { 'Content-Type': 'application/json' }, body }), 400);
  });

  it('body keys named constructor or __proto__, and such query parameters, are ordinary names', async () => {
    const created = await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: '{"displayName":"Gear","constructor":"x","__proto__":{"size":"big"},"toString":1}' });
    expect(created.status).toBe(201);
    const widget = JSON.parse(created.text) as { id: string };
    const patched = await send(mock.url, 'PATCH', `/v1.0/widgets/${widget.id}`, { headers: auth, body: '{"__proto__":{"displayName":7},"constructor":"y"}' });
    expect(patched.status).toBe(204);
    const read = await send(mock.url, 'GET', `/v1.0/widgets/${widget.id}`, { headers: auth });
    expect(JSON.parse(read.text)).toMatchObject({ displayName: 'Gear' });
    for (const query of ['__proto__=1', 'constructor=1', 'hasOwnProperty=x&toString=y']) {
      const listed = await send(mock.url, 'GET', `/v1.0/widgets?${query}`, { headers: auth });
      expect(listed.status).toBeLessThan(500);
      expect(() => JSON.parse(listed.text)).not.toThrow();
    }
    await send(mock.url, 'DELETE', `/v1.0/widgets/${widget.id}`, { headers: auth });
  });

  it('200,000 provider-state params are a 400, and the store holds at most maxEntities', async () => {
    const params = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`p${i}`, `w-${i}`]));
    const many = await send(mock.url, 'POST', '/_graph-contracts/provider-states', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ state: 'a widget exists', params, action: 'setup' }) });
    expect(expectGraphError(many, 400).message).toContain('at most 100 params');
    expect(mock.objects()).toEqual([]);
    // One at a time up to the bound (50 here), then a quota error; tearing down frees room.
    const setup = (id: string, action = 'setup') => send(mock.url, 'POST', '/_graph-contracts/provider-states', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ state: 'a gadget exists', params: { id }, action }) });
    for (let i = 0; i < 50; i++) expect((await setup(`g-${i}`)).status).toBe(200);
    expect(expectGraphError(await setup('g-50'), 400).code).toBe('Directory_QuotaExceeded');
    expect(expectGraphError(await send(mock.url, 'POST', '/v1.0/widgets', { headers: auth, body: '{"displayName":"Gear"}' }), 400).code).toBe('Directory_QuotaExceeded');
    expect(mock.objects()).toHaveLength(50);
    for (let i = 0; i < 50; i++) expect((await setup(`g-${i}`, 'teardown')).status).toBe(200);
    expect(mock.objects()).toEqual([]);
    expect((await setup('x'.repeat(2000))).status).toBe(400);
    await stillServes();
  });
});
