/** The pieces of Pact V4 matching that Pact's specification cases do not pin down one by one. */
import { registerSecret } from '../../src/internal/secrets';
import { checkInteraction, passed, strictFindings } from '../../src/conformance/check';
import { headerValues } from '../../src/conformance/headers';
import { fullMatch, matchesDateFormat } from '../../src/conformance/matchers';
import { parsePath } from '../../src/conformance/path';
import { RuleCategory } from '../../src/conformance/rules';

const type = { matchers: [{ match: 'type' }] };
const regex = (r: string): { matchers: { match: string; regex: string }[] } => ({ matchers: [{ match: 'regex', regex: r }] });

describe('rule paths', () => {
  it('parses dots, brackets, quoted names and both wildcards', () => {
    expect(parsePath("$.value[*]['@odata.type']")).toEqual([{ kind: 'root' }, { kind: 'field', name: 'value' }, { kind: 'starIndex' }, { kind: 'field', name: '@odata.type' }]);
    expect(parsePath('$[0].*')).toEqual([{ kind: 'root' }, { kind: 'index', index: 0 }, { kind: 'star' }]);
    expect(parsePath('value.id')).toBeNull();
    expect(parsePath('$.a[')).toBeNull();
  });

  it('chooses the heaviest applicable rule: exact steps weigh 2, wildcards 1, times the length', () => {
    const rules = new RuleCategory({ '$.people': type, '$.people[*].*': type, '$.people[*].name': regex('[A-Z].*') });
    expect(rules.best(['$', 'people', '0', 'name'])).toMatchObject({ expression: '$.people[*].name', cascaded: false });
    expect(rules.best(['$', 'people', '0', 'age'])).toMatchObject({ expression: '$.people[*].*', cascaded: false });
    // A rule written for an ancestor still applies, cascaded (so its min/max do not).
    expect(rules.best(['$', 'people', '0'])).toMatchObject({ expression: '$.people', cascaded: true });
    expect(rules.best(['$', 'other'])).toBeNull();
  });

  it('keys header rules by name, any index', () => {
    const rules = new RuleCategory({ 'X-Req': regex('req-\\d+'), 'X-List[1]': type });
    expect(rules.best(['$', 'X-Req'])?.expression).toBe('X-Req');
    expect(rules.best(['$', 'X-List', '1'])?.expression).toBe('X-List[1]');
    expect(rules.best(['$', 'X-List', '0'])).toBeNull();
  });
});

describe('matchers', () => {
  it('matches regexes against the whole value, (?i) as a flag', () => {
    expect(fullMatch('[a-f0-9]{8}', 'deadbeef')).toBe(true);
    expect(fullMatch('[a-f0-9]{8}', 'deadbeef!')).toBe(false);
    expect(fullMatch('(?i)enabled|disabled', 'Enabled')).toBe(true);
  });

  it('checks Java date/time formats by shape and range', () => {
    expect(matchesDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2024-01-02T03:04:05.123+01:00')).toBe(true);
    expect(matchesDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2024-13-02T03:04:05.123+01:00')).toBe(false);
    expect(matchesDateFormat('HH:mm:ss', '24:00:00')).toBe(false);
    expect(matchesDateFormat('dd/MM/yyyy', '31/12/1999')).toBe(true);
  });

  it("splits a header string on commas, keeps a pact's value list and date headers whole", () => {
    expect(headerValues('Accept', 'a, b,c')).toEqual(['a', 'b', 'c']);
    expect(headerValues('X-List', ['a, b'])).toEqual(['a, b']);
    expect(headerValues('Date', 'Thu, 03 Dec 2026 21:00:00 GMT')).toEqual(['Thu, 03 Dec 2026 21:00:00 GMT']);
  });
});

describe('findings beyond Pact', () => {
  const interaction = {
    description: 'd',
    request: { method: 'GET', path: '/' },
    response: { status: 200, body: { content: { id: 'x', name: 'n' }, contentType: 'application/json' }, matchingRules: { body: { '$.name': type } } },
  };

  it('gives every compared field a verdict and reports undocumented ones as warnings that never fail', () => {
    const findings = checkInteraction(interaction, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'x', name: 'm', extra: 1, '@odata.etag': 'e' }) });
    expect(findings.map((f) => [f.path, f.code, f.severity])).toEqual([
      [['status'], 'ok', 'ok'],
      [['body', 'id'], 'ok', 'ok'],
      [['body', 'name'], 'ok', 'ok'],
      [['body', 'extra'], 'unexpected', 'warning'],
    ]);
    expect(passed(findings)).toBe(true);
    expect(passed(strictFindings(findings))).toBe(false);
  });

  it('names the failing field and why', () => {
    const findings = checkInteraction(interaction, { status: 200, headers: {}, body: JSON.stringify({ id: 'y', name: null }) });
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.code])).toEqual([
      [['body', 'id'], 'value_mismatch'],
      [['body', 'name'], 'null_not_allowed'],
    ]);
  });
});

describe('findings are data: a code, the path as segments, expected and actual as tagged values', () => {
  const interaction = {
    description: 'd',
    request: { method: 'GET', path: '/' },
    response: {
      status: 200,
      headers: { ETag: 'W/"1"' },
      body: { content: { value: [{ id: 'a', '@odata.type': '#x', n: 1 }], tags: ['t'] }, contentType: 'application/json' },
      matchingRules: { body: { '$.value': { matchers: [{ match: 'type', min: 1 }] }, '$.value[*].id': { matchers: [{ match: 'regex', regex: '^[a-f]+$' }] }, '$.value[*].n': { matchers: [{ match: 'integer' }, { match: 'decimal' }], combine: 'OR' as const } } },
    },
  };
  const findings = checkInteraction(interaction, { status: 200, headers: {}, body: JSON.stringify({ value: [{ id: 'A1', '@odata.type': 7, n: 'x' }, { '@odata.type': '#x', n: 2 }], tags: [] }) });
  const at = (...path: unknown[]) => findings.find((f) => JSON.stringify(f.path) === JSON.stringify(path));

  it('list indexes are numbers, keys strings; the header by its name, the status alone', () => {
    expect(findings.map((f) => f.path)).toEqual(expect.arrayContaining([['status'], ['header', 'ETag'], ['body', 'value'], ['body', 'value', 0, 'id'], ['body', 'value', 0, '@odata.type'], ['body', 'value', 1, 'id'], ['body', 'tags']]));
  });

  it('expected is what the rule or example says, as data; actual is what came, as data', () => {
    expect(at('header', 'ETag')).toEqual({ path: ['header', 'ETag'], code: 'header_missing', expected: { kind: 'header', value: 'W/"1"' }, actual: { kind: 'absent' }, severity: 'error' });
    expect(at('body', 'value')).toMatchObject({ code: 'ok', expected: { kind: 'list', min: 1 }, actual: { kind: 'items', count: 2 } });
    expect(at('body', 'value', 0, 'id')).toMatchObject({ code: 'format_mismatch', expected: { kind: 'regex', pattern: '^[a-f]+$' }, actual: { kind: 'value', json: '"A1"' } });
    expect(at('body', 'value', 0, '@odata.type')).toMatchObject({ code: 'type_mismatch', expected: { kind: 'type', type: 'string' }, actual: { kind: 'value', json: '7' } });
    expect(at('body', 'value', 0, 'n')).toMatchObject({ code: 'type_mismatch', expected: { kind: 'anyOf', of: [{ kind: 'matcher', matcher: 'integer' }, { kind: 'matcher', matcher: 'decimal' }] } });
    expect(at('body', 'value', 1, 'id')).toMatchObject({ code: 'missing', expected: { kind: 'regex', pattern: '^[a-f]+$' }, actual: { kind: 'absent' } });
    expect(at('body', 'tags')).toMatchObject({ code: 'missing', expected: { kind: 'length', items: 1 }, actual: { kind: 'items', count: 0 } });
  });

  it('no answer is a status finding with the reason as data', () => {
    expect(checkInteraction(interaction, { status: 0, headers: {}, body: '' })).toEqual([
      { path: ['status'], code: 'status_mismatch', expected: { kind: 'status', status: 200 }, actual: { kind: 'noAnswer', reason: 'no answer within the request timeout' }, severity: 'error' },
    ]);
  });
});

describe('bodies pinned by a content type (Pact JS text and binary bodies)', () => {
  const pinned = (contentType: string, text: string): Parameters<typeof checkInteraction>[0] => ({
    description: 'd',
    request: { method: 'GET', path: '/' },
    response: {
      status: 200,
      headers: { 'Content-Type': [contentType] },
      body: { content: Buffer.from(text).toString('base64'), contentType, encoded: 'base64' },
      matchingRules: { body: { $: { matchers: [{ match: 'contentType', value: contentType }] } } },
    },
  });
  const judge = (contentType: string, sent: string): boolean => passed(checkInteraction(pinned(contentType, 'documented'), { status: 200, headers: { 'Content-Type': contentType }, body: sent }));

  it('judge the content by its detected type only, as Pact does', () => {
    expect(judge('application/json', '{\n  "value": [ { "id": "1" broken')).toBe(true);
    expect(judge('application/json', 'plain words')).toBe(false);
    expect(judge('text/plain', 'any other text')).toBe(true);
    expect(judge('text/plain', '\t<CY4PR22.prod.outlook.com>\nContent-Language: en-US')).toBe(true);
    expect(judge('text/plain', 'Received: from contoso.com\nMIME-Version: 1.0\n\nbody')).toBe(false);
  });
});

describe('values in findings are redacted before they are cut', () => {
  const secret = 'Zq7sSecretTokenValue9Xk2';
  registerSecret(secret);
  const pieces = (text: string): string[] => Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((piece) => text.includes(piece));

  it('no piece of a registered secret in any finding, whether the field is expected, mismatched, undocumented or cut at 120 characters', () => {
    const interaction = {
      description: 'd',
      request: { method: 'GET', path: '/' },
      response: { status: 200, body: { content: { id: 'x', note: 'n', list: ['a'] }, contentType: 'application/json' } },
    };
    // The secret straddles the 117-character cut of a long value.
    const long = `${'a'.repeat(105)}${secret} and more text after it`;
    const findings = checkInteraction(interaction, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: secret, note: long, list: [secret], echo: `Bearer ${secret}` }) });
    expect(findings.filter((f) => f.severity !== 'ok').length).toBeGreaterThanOrEqual(4);
    expect(pieces(JSON.stringify(findings))).toEqual([]);
    expect(JSON.stringify(findings)).toContain('[redacted]');
  });
});
