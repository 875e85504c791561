import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConcurrencyLimiter } from '../../src/internal/limiter';
import { decideRetry, DEFAULT_RETRY_POLICY, retryAfterMs, type RetryPolicy } from '../../src/internal/retry';
import { startRecorder } from '../../src/provider/recorder';

describe('retry policy', () => {
  const policy: RetryPolicy = { maxRetries: 3, maxDelayMs: 5_000, maxTotalMs: 8_000, baseDelayMs: 500 };

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(10_000 + 3_000).toUTCString(), 10_000)).toBe(3000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });

  it('waits as long as 429 and 503 ask, capped at the longest single wait', () => {
    expect(decideRetry({ status: 429, headers: { 'retry-after': '2' } }, 0, 0, policy)).toMatchObject({ retry: true, delayMs: 2000 });
    expect(decideRetry({ status: 503, headers: { 'retry-after': '3' } }, 1, 2000, policy)).toMatchObject({ retry: true, delayMs: 3000 });
    // Asked to wait longer than allowed: no early retry, the 429 stands.
    expect(decideRetry({ status: 429, headers: { 'retry-after': '120' } }, 0, 0, policy)).toMatchObject({ retry: false, reason: 'the service asks to wait 120000 ms, longer than the 5000 ms allowed' });
  });

  it('sends a POST again only when the answer says it was not processed (429, 503 with Retry-After)', () => {
    const post = (status: number | null, headers: Record<string, string> = {}) => decideRetry(status === null ? null : { status, headers }, 0, 0, policy, () => 1, Date.now(), 'POST');
    expect(post(429, { 'retry-after': '1' })).toMatchObject({ retry: true, delayMs: 1000 });
    expect(post(503, { 'retry-after': '1' })).toMatchObject({ retry: true });
    for (const refused of [post(500), post(502), post(503), post(null)]) expect(refused).toMatchObject({ retry: false, reason: expect.stringContaining('may have taken effect') });
    expect(decideRetry({ status: 500, headers: {} }, 0, 0, policy, () => 1, Date.now(), 'DELETE').retry).toBe(true);
  });

  it('backs off other 5xx and lost connections with jitter, growing per attempt', () => {
    expect(decideRetry({ status: 500, headers: {} }, 0, 0, policy, () => 1)).toMatchObject({ retry: true, delayMs: 500 });
    expect(decideRetry({ status: 502, headers: {} }, 2, 0, policy, () => 1)).toMatchObject({ retry: true, delayMs: 2000 });
    expect(decideRetry({ status: 500, headers: {} }, 2, 0, policy, () => 0.25)).toMatchObject({ retry: true, delayMs: 500 });
    expect(decideRetry(null, 0, 0, policy, () => 0.5)).toMatchObject({ retry: true, delayMs: 250 });
  });

  it('does not retry answers that are not throttling or server errors', () => {
    for (const status of [200, 201, 204, 400, 401, 403, 404]) expect(decideRetry({ status, headers: {} }, 0, 0, policy).retry).toBe(false);
  });

  it('is bounded by the number of retries and by the total time budget', () => {
    expect(decideRetry({ status: 429, headers: { 'retry-after': '1' } }, 3, 3000, policy)).toMatchObject({ retry: false, reason: 'gave up after 3 retries' });
    expect(decideRetry({ status: 429, headers: { 'retry-after': '5' } }, 1, 5000, policy)).toMatchObject({ retry: false });
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBeGreaterThan(0);
  });
});

describe('recording proxy with retries (a local service that throttles)', () => {
  let server: Server;
  let url: string;
  let throttleFirst = 0;
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failWith500 = false;

  beforeAll(async () => {
    server = createServer((request, response) => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (failWith500) response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":{"code":"generalException"}}');
        else if (calls <= throttleFirst) response.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"error":{"code":"TooManyRequests"}}');
        else response.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"auth":${JSON.stringify(request.headers.authorization ?? null)}}`);
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls = 0;
    maxInFlight = 0;
  });

  it('honours Retry-After on 429 and answers with the eventual success, the real token put in', async () => {
    throttleFirst = 2;
    const recorder = await startRecorder(url, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 4 }, extraHeaders: async () => ({ authorization: 'Bearer real-token' }) });
    try {
      const started = Date.now();
      const response = await fetch(`${recorder.url}/v1.0/me`, { headers: { Authorization: 'Bearer contract-test-token' } });
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ auth: 'Bearer real-token' });
      expect(calls).toBe(3);
      // Two waits of Retry-After: 1 second each.
      expect(elapsed).toBeGreaterThanOrEqual(2000);
      expect(recorder.take()).toEqual([expect.objectContaining({ status: 200, attempts: 3 })]);
    } finally {
      await recorder.close();
    }
  });

  it('gives up after the retry bound and passes the 429 on', async () => {
    throttleFirst = 100;
    const recorder = await startRecorder(url, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 2 } });
    try {
      const response = await fetch(`${recorder.url}/v1.0/me`);
      expect(response.status).toBe(429);
      expect(calls).toBe(3);
      expect(recorder.take()).toEqual([expect.objectContaining({ status: 429, attempts: 3 })]);
    } finally {
      await recorder.close();
    }
  });

  it('gives up when the next wait would pass the time budget', async () => {
    throttleFirst = 100;
    const recorder = await startRecorder(url, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 10, maxTotalMs: 1500 } });
    try {
      const response = await fetch(`${recorder.url}/v1.0/me`);
      expect(response.status).toBe(429);
      // One wait of 1 s fits in 1.5 s, a second does not.
      expect(calls).toBe(2);
    } finally {
      await recorder.close();
    }
  });

  it('does not send a POST again after a 500 (it may have created something)', async () => {
    throttleFirst = 0;
    failWith500 = true;
    const recorder = await startRecorder(url, { retry: DEFAULT_RETRY_POLICY });
    try {
      const response = await fetch(`${recorder.url}/v1.0/groups`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
      expect(response.status).toBe(500);
      expect(calls).toBe(1);
      const get = await fetch(`${recorder.url}/v1.0/groups`);
      expect(get.status).toBe(500);
      expect(calls).toBeGreaterThan(2);
    } finally {
      failWith500 = false;
      await recorder.close();
    }
  });

  it('answers 502 when the token cannot be had, instead of crashing', async () => {
    throttleFirst = 0;
    const recorder = await startRecorder(url, {
      extraHeaders: async () => {
        throw new Error('Could not get an access token: invalid_client');
      },
    });
    try {
      const response = await fetch(`${recorder.url}/v1.0/me`);
      expect(response.status).toBe(502);
      expect(calls).toBe(0);
      expect(recorder.take()).toEqual([expect.objectContaining({ status: 502, body: 'Could not get an access token: invalid_client', attempts: 0 })]);
    } finally {
      await recorder.close();
    }
  });

  it('close() cuts a retry wait short and reports the exchange before returning', async () => {
    throttleFirst = 100;
    const seen: number[] = [];
    const recorder = await startRecorder(url, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 10 }, onExchange: (e) => seen.push(e.status) });
    const pending = fetch(`${recorder.url}/v1.0/me`).catch(() => null);
    // The first 429 has come back (50 ms), and the proxy waits out its Retry-After of 1 s.
    while (calls === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await recorder.close();
    expect(Date.now() - started).toBeLessThan(700);
    expect(calls).toBe(1);
    expect(seen).toEqual([429]);
    await pending;
  });

  it('keeps to the concurrency limit', async () => {
    throttleFirst = 0;
    const recorder = await startRecorder(url, { limiter: new ConcurrencyLimiter(2) });
    try {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${recorder.url}/v1.0/me`).then((r) => r.status)));
      expect(statuses).toEqual(Array(8).fill(200));
      expect(maxInFlight).toBe(2);
    } finally {
      await recorder.close();
    }
  });
});
