/**
 * A bounded fuzz test (issue 14, "Done when"): a fixed number of random and hostile requests, from
 * a fixed seed, at the mock Graph endpoint (in its own process, as `graph-contracts mock` runs) and
 * at the serverless handler (both platform adapters). It asserts that the process stays up, that
 * every answer is a well-formed Graph error envelope (the mock) or the handler's `{error}` answer,
 * or a success, and that RSS stays bounded. FUZZ_SEED and FUZZ_COUNT change the run (a failure
 * prints the seed and the request that broke it, to reproduce).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { buildRoutes } from '../../src/mock/routes';
import { seededRandom } from '../../src/mock/random';
import { FAULT_MODES } from '../../src/mock/faults';
import { createLambdaHandler } from '../../src/serverless/aws-lambda';
import { createAzureHandler } from '../../src/serverless/azure-functions';
import { handlerConfigFromEnv, type HandlerConfig } from '../../src/serverless/handler';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';
import { startBrokerStandIn, type BrokerStandIn } from '../broker/broker-stand-in';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 600);
/**
 * RSS may grow this much over the run (the mock holds JSON bodies up to 4 MiB while reading them,
 * and its entity sets hold what creates and states set up, up to `maxEntities`). Measured with the
 * stateful mock: peak 325 MB after 600 requests and 332 MB after 1,800 (start 95 MB), so the peak
 * does not grow with the request count; a leak would pass this bound within a few hundred more.
 */
const RSS_GROWTH_LIMIT_MB = 300;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number): boolean => random() < p;

/** Hostile JSON texts and values, shared by both targets. */
function hostileText(random: Random): string {
  const depth = pick(random, [10, 100, 5000, 20000]);
  return pick(random, [
    () => 'null',
    () => '[]',
    () => '"just a string"',
    () => '{"unterminated": ',
    () => `${'['.repeat(depth)}${']'.repeat(depth)}`,
    () => `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth + 1)}`,
    () => '{"constructor":{"prototype":{"polluted":true}},"__proto__":{"polluted":true},"toString":"x","hasOwnProperty":1}',
    () => JSON.stringify({ value: 'x'.repeat(Math.floor(random() * 200_000)) }),
    () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))).toString('latin1'),
    () => '\u0000\uffff\ud800',
    () => JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))),
    () => '1e999999',
    () => '{"a":1,"a":2}',
  ])();
}

function randomValue(random: Random, depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, 2 ** 53 + 1, 3.14]);
    case 3:
      return pick(random, ['', 'x', '<script>alert(1)</script>', '${pactbroker.pactUrl}', '\u202e', '../../etc/passwd', 'a'.repeat(1000)]);
    case 4:
      return pick(random, ['2024-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'enabled']);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(random, ['id', 'displayName', 'constructor', '__proto__', '@odata.type', 'value', 'x']), randomValue(random, depth + 1)]));
  }
}

/** Mutates a documented JSON value: a field dropped, retyped or added. */
function mutate(random: Random, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return randomValue(random);
  const copy = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length > 0 && chance(random, 0.5)) copy[pick(random, keys)] = randomValue(random);
  if (keys.length > 0 && chance(random, 0.3)) delete copy[pick(random, keys)];
  if (chance(random, 0.3)) copy[pick(random, ['constructor', '__proto__', 'extra', '@odata.type'])] = randomValue(random);
  return copy;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** A body the mock may refuse before it is all sent (the connection may be reset mid-upload). */
  mayReset: boolean;
}

const agent = new Agent({ keepAlive: false });

function send(base: string, r: FuzzRequest): Promise<Answer | 'reset'> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    // Node frames a DELETE's or OPTIONS' body only with an explicit Content-Length.
    const headers = r.body && !r.headers['Content-Length'] ? { ...r.headers, 'Content-Length': String(r.body.length) } : r.headers;
    const req = httpRequest({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => (r.mayReset ? resolve('reset') : reject(error)));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (error: NodeJS.ErrnoException) => (r.mayReset && (error.code === 'EPIPE' || error.code === 'ECONNRESET') ? resolve('reset') : reject(error)));
    req.end(r.body);
  });
}

/** Resident set size of a process, in MB (Linux /proc, else ps). */
function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))![1]) / 1024;
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** A Graph error envelope: `{"error": {"code", "message", "innerError": {"request-id", "date"}}}`. */
function isGraphError(json: unknown): boolean {
  const error = (json as { error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown } } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' && typeof error.innerError?.['request-id'] === 'string';
}

describe(`fuzz: random and hostile requests (seed ${SEED}, ${COUNT} per target)`, () => {
  const model = extract([CONTRACTS_DIR], { cwd: REPO_ROOT }).model;
  const operations = buildRoutes(model).all;

  describe('the mock Graph endpoint, in its own process', () => {
    let child: ChildProcess;
    let base: string;
    let stderr = '';
    beforeAll(async () => {
      const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');
      if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
      child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'graph-contracts.js'), 'mock', '--port', '0', '--seed', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`the mock exited (${code}) before listening: ${stderr}`)));
      });
    }, 60_000);
    afterAll(() => {
      if (child.exitCode === null) child.kill('SIGINT');
    });

    function fuzzRequest(random: Random, n: number): FuzzRequest {
      const headers: Record<string, string> = {};
      if (chance(random, 0.9)) headers['Authorization'] = pick(random, ['Bearer fuzz-token', 'Bearer fuzz-token', 'Bearer fuzz-token', 'Bearer x'.padEnd(5000, 'y'), 'Bearer ', 'Basic abc']);
      if (chance(random, 0.1)) headers['x-graph-contracts-fault'] = pick(random, [...FAULT_MODES, 'nonsense']);
      if (chance(random, 0.1)) headers['client-request-id'] = pick(random, ['<script>', 'x'.repeat(2000), '']);
      const operation = pick(random, operations);
      const states = chance(random, 0.15);
      let path = states ? '/_graph-contracts/provider-states' : operation.examplePath;
      if (!states && chance(random, 0.3)) {
        path = pick(random, [
          `${path}/${encodeURIComponent(String(randomValue(random)))}`,
          `${path}?$filter=${encodeURIComponent("startswith(displayName,'a')")}&__proto__=1&constructor=2`,
          `${path}?${'a=1&'.repeat(500)}`,
          '/v1.0/../../etc/passwd',
          '/%00/%ff/%zz',
          `/v1.0/${'seg/'.repeat(200)}`,
          '/',
          '*',
        ]);
      }
      const method = states ? 'POST' : chance(random, 0.8) ? operation.method : pick(random, ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
      let body: Buffer | undefined;
      let mayReset = false;
      if (method !== 'GET' && method !== 'HEAD' && chance(random, 0.9)) {
        headers['Content-Type'] = pick(random, ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/octet-stream']);
        const roll = random();
        let text: string;
        if (states) {
          text = roll < 0.5
            ? JSON.stringify({ state: pick(random, ['a widget exists', 'an user exists', 'nothing', '', `a ${'x'.repeat(3000)} exists`]), params: chance(random, 0.2) ? Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`p${i}`, `v${i}`])) : { id: String(randomValue(random)), n: n }, action: pick(random, ['setup', 'teardown', 'boom']) })
            : hostileText(random);
        } else if (roll < 0.45) {
          const documented = operation.body && 'json' in operation.body ? operation.body.json : {};
          text = JSON.stringify(mutate(random, documented));
        } else if (roll < 0.9) {
          text = hostileText(random);
        } else {
          // Over the 4 MiB limit.
          text = `{"displayName":"${'z'.repeat(5 * 1024 * 1024)}"}`;
          mayReset = true;
        }
        body = Buffer.from(text, 'utf8');
        if (chance(random, 0.05)) {
          // A declared length far above the limit, with a short body: the declaration alone is refused.
          headers['Content-Length'] = String(530 * 1024 * 1024);
          headers['Content-Type'] = 'application/json';
          mayReset = true;
          body = Buffer.from('{"a":');
        }
      }
      return { method, path, headers, ...(body ? { body } : {}), mayReset };
    }

    it('stays up, answers every request with a Graph error or a success, and keeps its RSS bounded', async () => {
      const random = seededRandom(SEED);
      const statuses = new Map<number, number>();
      let resets = 0;
      let rssStart = 0;
      let rssPeak = 0;
      const warmup = Math.min(50, Math.floor(COUNT / 10));
      for (let n = 0; n < COUNT; n++) {
        const r = fuzzRequest(random, n);
        const where = `request ${n} (seed ${SEED}): ${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 200)} body ${r.body?.subarray(0, 120).toString('utf8') ?? '(none)'}`;
        let answer: Answer | 'reset';
        try {
          answer = await send(base, r);
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).message}; mock stderr: ${stderr.slice(-2000)}`, { cause: error });
        }
        if (answer === 'reset') {
          resets++;
        } else {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const ok = answer.status >= 200 && answer.status < 400;
          // A HEAD answer has no body, whatever its status.
          if (r.method !== 'HEAD' && (!ok || answer.contentType.includes('json'))) {
            let json: unknown = null;
            if (answer.text !== '' || !ok) {
              try {
                json = JSON.parse(answer.text);
              } catch {
                throw new Error(`${where}: answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 300)}`);
              }
            }
            if (!ok && !isGraphError(json)) throw new Error(`${where}: answered ${answer.status} without a Graph error envelope: ${answer.text.slice(0, 300)}`);
            // An injected server-error fault is Graph-like; the mock failing on its own is a bug.
            if (!ok && String((json as { error: { message: string } }).error.message).includes('the mock failed')) throw new Error(`${where}: the mock failed: ${answer.text.slice(0, 500)}`);
          }
        }
        if (child.exitCode !== null) throw new Error(`${where}: the mock exited (${child.exitCode}): ${stderr.slice(-2000)}`);
        if (n === warmup) rssStart = rssMb(child.pid!);
        if (n > warmup) rssPeak = Math.max(rssPeak, rssMb(child.pid!));
      }
      const rssEnd = rssMb(child.pid!);
      // Figures for the log: how the run went.
      console.log(`fuzz mock: ${COUNT} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, ${resets} reset mid-upload, RSS ${rssStart.toFixed(0)} MB after ${warmup}, peak ${rssPeak.toFixed(0)} MB, end ${rssEnd.toFixed(0)} MB`);
      expect(child.exitCode).toBeNull();
      expect(rssPeak - rssStart).toBeLessThan(RSS_GROWTH_LIMIT_MB);
      // Both kinds of answer happened: the fuzz reached routes, not only the front door.
      expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
      expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
      // And it still serves a documented request.
      const final = await send(base, { method: 'POST', path: '/_graph-contracts/provider-states', headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"state":"a widget exists","params":{"id":"final"},"action":"teardown"}'), mayReset: false });
      expect(final).toEqual(expect.objectContaining({ status: 200, text: '{"id":"final"}' }));
    }, 600_000);
  });

  describe('the serverless handler (AWS Lambda and Azure Functions adapters)', () => {
    const TOKEN = 'fuzz-broker-token-0a1b2c3d';
    const SECRET = 'fuzz-webhook-secret-4e5f6a7b8c';
    let broker: BrokerStandIn;
    let configure: () => HandlerConfig;
    const pact = JSON.parse(readFileSync(join(REPO_ROOT, 'pacts', 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8')) as { provider: { name: string } };
    beforeAll(async () => {
      broker = await startBrokerStandIn({ token: TOKEN, pacts: [{ consumer: 'app', consumerVersion: '1.0.0', provider: pact.provider.name, content: pact as unknown as Record<string, unknown> }] });
      const config = handlerConfigFromEnv({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, GRAPH_CONTRACTS_WEBHOOK_SECRET: SECRET });
      configure = () => ({ ...config, publish: false });
    });
    afterAll(() => broker.close());

    function payload(random: Random): string {
      const good = `${broker.url}/pacts/provider/${encodeURIComponent(pact.provider.name)}/consumer/app/version/1.0.0`;
      // Now and then the real thing (a verification takes a second or two, so not often).
      if (chance(random, 0.03)) return JSON.stringify({ eventName: 'contract_requiring_verification_published', pactUrl: good, providerVersionNumber: '1.0.0' });
      if (chance(random, 0.3)) return hostileText(random);
      const record: Record<string, unknown> = {
        eventName: pick(random, ['contract_requiring_verification_published', undefined, 'x'.repeat(1024 * 1024), randomValue(random)]),
        // Mostly not the real pact: a real verification takes a second or two.
        pactUrl: pick(random, [good, ...Array(12).fill(null).map(() => pick(random, [`${broker.url}/pacts/nope`, 'http://127.0.0.1:9/p', 'ftp://x', '${pactbroker.pactUrl}', `http://${'h'.repeat(300)}`, 'http://[::1', 42, null]))]),
        providerVersionNumber: pick(random, ['1.0.0', '', '  ', 7, null, 'v'.repeat(10_000)]),
      };
      for (const name of ['providerVersionBranch', 'buildUrl', 'consumerName']) if (chance(random, 0.3)) record[name] = randomValue(random);
      return JSON.stringify(record);
    }

    it('never throws, answers each event with a summary or an {error}, and keeps RSS bounded', async () => {
      const random = seededRandom(SEED + 1);
      const count = Math.max(1, Math.floor(COUNT / 2));
      const statuses = new Map<number, number>();
      const lambda = createLambdaHandler(configure);
      const azure = createAzureHandler(configure);
      const rssStart = process.memoryUsage().rss / 2 ** 20;
      let rssPeak = rssStart;
      for (let n = 0; n < count; n++) {
        const body = payload(random);
        const secret = chance(random, 0.8) ? SECRET : pick(random, [null, '', 'wrong', SECRET.slice(0, -1), `${SECRET}x`]);
        const method = chance(random, 0.9) ? 'POST' : pick(random, ['GET', 'PUT', 'DELETE']);
        const where = `event ${n} (seed ${SEED}): ${method} secret ${secret === SECRET ? 'right' : JSON.stringify(secret)} body ${body.slice(0, 200)}`;
        let status: number;
        let answer: unknown;
        try {
          if (chance(random, 0.5)) {
            const base64 = chance(random, 0.2);
            const result = await lambda({
              body: base64 ? Buffer.from(body).toString('base64') : body,
              isBase64Encoded: base64,
              headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-graph-contracts-webhook-secret': secret }) },
              requestContext: { http: { method } },
            });
            status = result.statusCode;
            answer = JSON.parse(result.body);
          } else {
            const headers = new Headers({ 'Content-Type': 'application/json', ...(secret === null ? {} : { 'X-Graph-Contracts-Webhook-Secret': secret }) });
            const result = await azure({ method, headers, text: async () => body });
            status = result.status;
            answer = result.jsonBody;
          }
        } catch (error) {
          throw new Error(`${where}: the handler threw: ${(error as Error).stack}`, { cause: error });
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const record = answer as Record<string, unknown>;
        if (status === 200) {
          if (typeof record['success'] !== 'boolean') throw new Error(`${where}: 200 without a summary: ${JSON.stringify(answer).slice(0, 300)}`);
        } else {
          if (![400, 401, 405, 500, 502].includes(status) || typeof record['error'] !== 'string') throw new Error(`${where}: answered ${status} with ${JSON.stringify(answer).slice(0, 300)}`);
          // What an error quotes is capped: a 1 MB field is never echoed back.
          if ((record['error'] as string).length > 2000) throw new Error(`${where}: a ${(record['error'] as string).length}-character error`);
          if (status === 500 && (record['error'] as string).includes('could not run')) throw new Error(`${where}: ${record['error']}`);
        }
        expect(JSON.stringify(answer)).not.toContain(TOKEN);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
      }
      console.log(`fuzz handler: ${count} events, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, RSS ${rssStart.toFixed(0)} MB at start, peak ${rssPeak.toFixed(0)} MB`);
      expect(rssPeak - rssStart).toBeLessThan(RSS_GROWTH_LIMIT_MB);
      expect(statuses.get(401)).toBeGreaterThan(0);
      expect(statuses.get(400)).toBeGreaterThan(0);
      expect(statuses.get(200)).toBeGreaterThan(0);
    }, 600_000);
  });
});
