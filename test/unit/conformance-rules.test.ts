/** The pieces of Pact V4 matching that Pact's specification cases do not pin down one by one. */
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
    expect(findings.map((f) => [f.path, f.verdict, f.severity])).toEqual([
      ['status', 'ok', 'ok'],
      ['$.id', 'ok', 'ok'],
      ['$.name', 'ok', 'ok'],
      ['$.extra', 'unexpected', 'warning'],
    ]);
    expect(passed(findings)).toBe(true);
    expect(passed(strictFindings(findings))).toBe(false);
  });

  it('names the failing field and why', () => {
    const findings = checkInteraction(interaction, { status: 200, headers: {}, body: JSON.stringify({ id: 'y', name: null }) });
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.verdict])).toEqual([
      ['$.id', 'value_mismatch'],
      ['$.name', 'null_not_allowed'],
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
