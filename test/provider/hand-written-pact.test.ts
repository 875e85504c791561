/**
 * A pact written by hand, as an app team or another consumer would publish it, using every kind
 * of matcher Pact V4 has, verified with Pact's own verifier against a local stand-in provider
 * (each matcher once with a response that conforms and once with one that does not) and against
 * the built-in mock: our field-level verdict must agree with Pact's on every interaction.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import { urlTarget } from '../../src/provider/verify';
import type { VerificationReport } from '../../src/report/model';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

type Rules = Record<string, { combine?: 'AND' | 'OR'; matchers: Record<string, unknown>[] }>;

interface Case {
  kind: string;
  expected: { status?: number; headers?: Record<string, string | string[]>; body?: unknown; rules?: { body?: Rules; header?: Rules; status?: Rules } };
  /** The stand-in's answers: one Pact accepts, one it rejects. */
  good: Answer;
  bad: Answer;
}

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

const one = (matcher: Record<string, unknown>): Rules[string] => ({ combine: 'AND', matchers: [matcher] });

const CASES: Case[] = [
  { kind: 'type', expected: { body: { name: 'Mary' }, rules: { body: { '$.name': one({ match: 'type' }) } } }, good: { body: { name: 'Fred' } }, bad: { body: { name: 3 } } },
  {
    kind: 'type with min and max on a list',
    expected: { body: { items: [1, 2] }, rules: { body: { '$.items': one({ match: 'type', min: 2, max: 3 }) } } },
    good: { body: { items: [5, 6, 7] } },
    bad: { body: { items: [5] } },
  },
  { kind: 'regex (whole value)', expected: { body: { id: 'cafebabe' }, rules: { body: { '$.id': one({ match: 'regex', regex: '[a-f0-9]{8}' }) } } }, good: { body: { id: 'deadbeef' } }, bad: { body: { id: 'deadbeef!' } } },
  { kind: 'integer', expected: { body: { n: 1 }, rules: { body: { '$.n': one({ match: 'integer' }) } } }, good: { body: { n: 7 } }, bad: { body: { n: 7.5 } } },
  { kind: 'decimal', expected: { body: { d: 1.5 }, rules: { body: { '$.d': one({ match: 'decimal' }) } } }, good: { body: { d: 1.25 } }, bad: { body: { d: 'x' } } },
  { kind: 'number', expected: { body: { x: 1 }, rules: { body: { '$.x': one({ match: 'number' }) } } }, good: { body: { x: 4.5 } }, bad: { body: { x: true } } },
  { kind: 'boolean', expected: { body: { b: true }, rules: { body: { '$.b': one({ match: 'boolean' }) } } }, good: { body: { b: false } }, bad: { body: { b: 'yes' } } },
  { kind: 'null', expected: { body: { z: null }, rules: { body: { '$.z': one({ match: 'null' }) } } }, good: { body: { z: null } }, bad: { body: { z: 0 } } },
  { kind: 'date', expected: { body: { day: '2024-01-31' }, rules: { body: { '$.day': one({ match: 'date', format: 'yyyy-MM-dd' }) } } }, good: { body: { day: '2023-12-25' } }, bad: { body: { day: '2023/12/25' } } },
  { kind: 'time', expected: { body: { at: '10:00:00' }, rules: { body: { '$.at': one({ match: 'time', format: 'HH:mm:ss' }) } } }, good: { body: { at: '23:59:01' } }, bad: { body: { at: 'noon' } } },
  {
    kind: 'timestamp',
    expected: { body: { ts: '2024-01-02T03:04:05+01:00' }, rules: { body: { '$.ts': one({ match: 'timestamp', format: "yyyy-MM-dd'T'HH:mm:ssXXX" }) } } },
    good: { body: { ts: '2025-06-07T08:09:10Z' } },
    bad: { body: { ts: '2025-06-07 08:09:10' } },
  },
  { kind: 'include', expected: { body: { text: 'the graph api' }, rules: { body: { '$.text': one({ match: 'include', value: 'graph' }) } } }, good: { body: { text: 'microsoft graph' } }, bad: { body: { text: 'nothing here' } } },
  {
    kind: 'equality under a type rule',
    expected: { body: { fixed: 'v1', free: 'a' }, rules: { body: { $: one({ match: 'type' }), '$.fixed': one({ match: 'equality' }) } } },
    good: { body: { fixed: 'v1', free: 'b' } },
    bad: { body: { fixed: 'v2', free: 'b' } },
  },
  { kind: 'values', expected: { body: { map: { a: 1 } }, rules: { body: { '$.map': one({ match: 'values' }) } } }, good: { body: { map: { x: 1, y: 1 } } }, bad: { body: { map: { x: 1, y: 2 } } } },
  {
    kind: 'eachKey',
    expected: { body: { map: { a: 'v' } }, rules: { body: { '$.map': one({ match: 'eachKey', rules: [{ match: 'regex', regex: '^[a-z]+$' }], value: 'a' }) } } },
    good: { body: { map: { b: 'w', c: 'z' } } },
    bad: { body: { map: { B1: 'w' } } },
  },
  {
    kind: 'eachValue',
    expected: { body: { tags: ['#a'] }, rules: { body: { '$.tags': one({ match: 'eachValue', rules: [{ match: 'regex', regex: '#\\w+' }], value: '#a' }) } } },
    good: { body: { tags: ['#x', '#yy'] } },
    bad: { body: { tags: ['#x', 'nope'] } },
  },
  {
    kind: 'arrayContains',
    expected: {
      body: { list: [{ id: 1, kind: 'a' }] },
      rules: { body: { '$.list': one({ match: 'arrayContains', variants: [{ index: 0, rules: { '$.id': one({ match: 'type' }) }, generators: {} }] }) } },
    },
    good: { body: { list: [{ other: true }, { id: 9, kind: 'a' }] } },
    bad: { body: { list: [{ id: 9, kind: 'b' }] } },
  },
  { kind: 'notEmpty', expected: { body: { s: 'x' }, rules: { body: { '$.s': one({ match: 'notEmpty' }) } } }, good: { body: { s: 'y' } }, bad: { body: { s: '' } } },
  { kind: 'semver', expected: { body: { v: '1.0.0' }, rules: { body: { '$.v': one({ match: 'semver' }) } } }, good: { body: { v: '2.10.3' } }, bad: { body: { v: '2.10' } } },
  {
    kind: 'wildcards and their precedence',
    expected: {
      body: { people: [{ name: 'Ann', age: 3 }] },
      rules: { body: { '$.people': one({ match: 'type', min: 1 }), '$.people[*].*': one({ match: 'type' }), '$.people[*].name': one({ match: 'regex', regex: '[A-Z][a-z]*' }) } },
    },
    good: { body: { people: [{ name: 'Bob', age: 4 }, { name: 'Cy', age: 5, extra: true }] } },
    bad: { body: { people: [{ name: 'Bob', age: 4 }, { name: 'cy', age: 5 }] } },
  },
  { kind: 'list length without a matcher', expected: { body: { list: [1, 2] } }, good: { body: { list: [1, 2] } }, bad: { body: { list: [1, 2, 3] } } },
  {
    kind: 'statusCode',
    expected: { status: 200, body: { ok: true }, rules: { status: { $: one({ match: 'statusCode', status: 'success' }) } } },
    good: { status: 201, body: { ok: true } },
    bad: { status: 404, body: { ok: true } },
  },
  {
    kind: 'content type parameters',
    expected: { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: { ok: true } },
    good: { headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: { ok: true } },
    bad: { headers: { 'Content-Type': 'application/json; charset=utf-16' }, body: { ok: true } },
  },
  { kind: 'header value list', expected: { headers: { 'X-List': ['a', 'b'] }, body: { ok: true } }, good: { headers: { 'X-List': 'a,b' }, body: { ok: true } }, bad: { headers: { 'X-List': 'b, a' }, body: { ok: true } } },
  {
    kind: 'header regex',
    expected: { headers: { 'X-Req': 'req-1' }, body: { ok: true }, rules: { header: { 'X-Req': one({ match: 'regex', regex: 'req-\\d+' }) } } },
    good: { headers: { 'X-Req': 'req-12' }, body: { ok: true } },
    bad: { headers: { 'X-Req': 'req-x' }, body: { ok: true } },
  },
];

const slug = (kind: string): string => kind.replace(/[^a-z]+/gi, '-').toLowerCase();

function interaction(description: string, method: string, path: string, expected: Case['expected'], requestBody?: unknown): Record<string, unknown> {
  return {
    type: 'Synchronous/HTTP',
    description,
    pending: false,
    request: { method, path, headers: { Authorization: ['Bearer hand-written'], ...(requestBody ? { 'Content-Type': ['application/json'] } : {}) }, ...(requestBody ? { body: { content: requestBody, contentType: 'application/json', encoded: false } } : {}) },
    response: {
      status: expected.status ?? 200,
      headers: { 'Content-Type': ['application/json'], ...Object.fromEntries(Object.entries(expected.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])) },
      body: { content: expected.body, contentType: 'application/json', encoded: false },
      ...(expected.rules ? { matchingRules: expected.rules } : {}),
    },
  };
}

function writePact(dir: string, name: string, interactions: Record<string, unknown>[]): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ consumer: { name: 'hand-written-app' }, provider: { name }, interactions, metadata: { pactSpecification: { version: '4.0' } } }, null, 2));
  return file;
}

const verdicts = (report: VerificationReport): { description: string; ours: boolean; pact: boolean }[] =>
  report.pacts.flatMap((p) => p.interactions.map((i) => ({ description: i.description, ours: i.passed, pact: i.pactPassed })));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hand-written-pact-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a hand-written pact with every kind of matcher', () => {
  it('agrees with Pact against a stand-in provider, which conforms once and breaks once per matcher', async () => {
    const answers = new Map<string, Answer>();
    const interactions = CASES.flatMap((c) =>
      (['good', 'bad'] as const).map((variant) => {
        const path = `/cases/${slug(c.kind)}/${variant}`;
        answers.set(path, c[variant]);
        return interaction(`${c.kind} (${variant})`, 'GET', path, c.expected);
      }),
    );
    const server: Server = createServer((request, response) => {
      const answer = answers.get((request.url ?? '').split('?')[0]!);
      if (!answer) return void response.writeHead(404).end();
      response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const report = await verifyAndReport({ pacts: [writePact(dir, 'stand-in', interactions)], target: urlTarget(`http://127.0.0.1:${port}`) });
      const results = verdicts(report);
      expect(results).toHaveLength(CASES.length * 2);
      // The stand-in's answers are Pact's: the good ones pass its verifier, the bad ones fail it...
      expect(results.filter((r) => r.pact !== r.description.endsWith('(good)')).map((r) => r.description)).toEqual([]);
      // ...and our verdict is Pact's on every one.
      expect(results.filter((r) => r.ours !== r.pact).map((r) => r.description)).toEqual([]);
      expect(report.summary.disagreements).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 180_000);

  it('agrees with Pact against the built-in mock', async () => {
    const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
    const partner = { '@odata.type': '#microsoft.graph.deviceManagementPartner', displayName: 'Contoso partner', partnerState: 'enabled', partnerAppType: 'multiTenantApp', isConfigured: true, lastHeartbeatDateTime: '2024-01-01T00:00:00Z' };
    const path = '/v1.0/deviceManagement/deviceManagementPartners';
    const expected = (rules: Rules, extra: Case['expected'] = {}): Case['expected'] => ({ status: 201, body: { ...partner, id: '00000000-0000-0000-0000-000000000000' }, ...extra, rules: { body: rules, ...extra.rules } });
    const interactions = [
      interaction('mock: regex, include, boolean, timestamp', 'POST', path, expected({
        '$.id': one({ match: 'regex', regex: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' }),
        '$.displayName': one({ match: 'include', value: 'Contoso' }),
        '$.isConfigured': one({ match: 'boolean' }),
        '$.lastHeartbeatDateTime': one({ match: 'timestamp', format: "yyyy-MM-dd'T'HH:mm:ssX" }),
      }), partner),
      interaction('mock: eachKey on the whole body, equality on @odata.type', 'POST', path, expected({
        $: one({ match: 'eachKey', rules: [{ match: 'regex', regex: '[@A-Za-z][\\w.@]*' }], value: 'id' }),
        "$['@odata.type']": one({ match: 'equality' }),
      }), partner),
      interaction('mock: statusCode and a Content-Type with parameters', 'POST', path, expected({ '$.*': one({ match: 'type' }) }, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, rules: { status: { $: one({ match: 'statusCode', status: 'success' }) } } }), partner),
      interaction('mock: a wrong enum value by regex', 'POST', path, expected({ '$.partnerState': one({ match: 'regex', regex: 'unknown|unavailable' }) }), partner),
      interaction('mock: values over an object that is not there', 'POST', path, expected({ '$.settings': one({ match: 'values' }) }, { body: { ...partner, settings: { a: 1 } } }), partner),
    ];
    const target = await mockTarget(model, { seed: 5 });
    try {
      const report = await verifyAndReport({ pacts: [writePact(dir, 'graph-mock', interactions)], target });
      const results = verdicts(report);
      expect(results).toHaveLength(interactions.length);
      expect(results.filter((r) => r.ours !== r.pact).map((r) => r.description)).toEqual([]);
      // Both verdicts occur, so the agreement is not all-pass (or all-fail) by accident.
      expect(new Set(results.map((r) => r.pact))).toEqual(new Set([true, false]));
      expect(report.summary.disagreements).toBe(0);
    } finally {
      await target.close();
    }
  }, 180_000);
});
