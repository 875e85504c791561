/**
 * The one wording of findings (src/report/wording.ts): every kind of expectation and observation
 * reads as a phrase after "expected" and "got", and a kind this release does not know (a report
 * of a later one) prints as its data rather than failing.
 */
import type { Expectation, Observation } from '../../src/conformance/finding';
import { checkInteraction } from '../../src/conformance/check';
import { expectationText, findingText, observationText, pathText } from '../../src/report/wording';

describe('expectations in words', () => {
  it.each<[Expectation, string]>([
    [{ kind: 'value', json: '"abc"' }, '"abc"'],
    [{ kind: 'equal', json: '42' }, 'equals 42'],
    [{ kind: 'type', type: 'string' }, 'a string'],
    [{ kind: 'type', type: 'object' }, 'an object'],
    [{ kind: 'type', type: 'array' }, 'a list'],
    [{ kind: 'list', min: 1 }, 'a list of at least 1 item(s) like the example'],
    [{ kind: 'list', min: 1, max: 3 }, 'a list of at least 1 and at most 3 item(s) like the example'],
    [{ kind: 'length', items: 0 }, 'an empty list'],
    [{ kind: 'length', items: 2 }, 'a list of 2 item(s)'],
    [{ kind: 'regex', pattern: '^\\d+$' }, 'matches ^\\d+$'],
    [{ kind: 'include', text: 'x' }, 'includes "x"'],
    [{ kind: 'date', matcher: 'date', format: 'yyyy-MM-dd' }, 'a date like yyyy-MM-dd'],
    [{ kind: 'date', matcher: 'timestamp', format: null }, 'a timestamp like ISO 8601'],
    [{ kind: 'contentType', mediaType: 'text/plain' }, 'text/plain content'],
    [{ kind: 'matcher', matcher: 'integer' }, 'an integer'],
    [{ kind: 'status', status: 204 }, '204'],
    [{ kind: 'statusClass', status: 'success' }, 'a "success" status'],
    [{ kind: 'statusClass', status: [200, 201] }, 'a [200,201] status'],
    [{ kind: 'header', value: 'application/json' }, 'application/json'],
    [{ kind: 'body', mediaType: 'application/json' }, 'an application/json body'],
    [{ kind: 'emptyBody' }, 'an empty body'],
    [{ kind: 'unstructured', mediaType: 'application/xml' }, 'application/xml content (not compared field by field)'],
    [{ kind: 'contains', json: '{"id":1}' }, 'contains {"id":1}'],
    [{ kind: 'variant', index: 2 }, 'variant 2 of the expected list'],
    [{ kind: 'key', rule: { kind: 'regex', pattern: '^[a-z]+$' } }, 'a key that matches ^[a-z]+$'],
    [{ kind: 'key', rule: { kind: 'matcher', matcher: 'number' } }, 'a key that is a number'],
    [{ kind: 'pactJson' }, "the pact's body to be valid JSON"],
    [{ kind: 'anyOf', of: [{ kind: 'matcher', matcher: 'integer' }, { kind: 'matcher', matcher: 'decimal' }] }, 'an integer or a decimal'],
    [{ kind: 'allOf', of: [{ kind: 'type', type: 'string' }, { kind: 'regex', pattern: 'x' }] }, 'a string and matches x'],
    [{ kind: 'undocumented' }, '(not documented)'],
    [{ kind: 'text', text: 'as release 1 wrote it' }, 'as release 1 wrote it'],
  ])('%j reads "%s"', (expected, text) => {
    expect(expectationText(expected)).toBe(text);
  });

  it('a kind from a later release prints as its data', () => {
    expect(expectationText({ kind: 'future', x: 1 } as unknown as Expectation)).toBe('{"kind":"future","x":1}');
    expect(observationText({ kind: 'future' } as unknown as Observation)).toBe('{"kind":"future"}');
  });
});

describe('observations in words', () => {
  it.each<[Observation, string]>([
    [{ kind: 'value', json: 'null' }, 'null'],
    [{ kind: 'absent' }, '(absent)'],
    [{ kind: 'items', count: 3 }, '3 item(s)'],
    [{ kind: 'body', mediaType: 'text/html' }, 'a text/html body'],
    [{ kind: 'emptyBody' }, '(empty)'],
    [{ kind: 'status', status: 404 }, '404'],
    [{ kind: 'noAnswer', reason: 'no response recorded' }, '(no response recorded)'],
    [{ kind: 'text', text: 'W/"1"' }, 'W/"1"'],
  ])('%j reads "%s"', (actual, text) => {
    expect(observationText(actual)).toBe(text);
  });
});

describe('paths in words', () => {
  it.each<[Parameters<typeof pathText>[0], string]>([
    [['status'], 'status'],
    [['header', 'ETag'], 'header:ETag'],
    [['body'], '$'],
    [['body', 'value', 0, 'id'], '$.value[0].id'],
    [['body', '@odata.type'], "$['@odata.type']"],
  ])('%j is %s', (path, text) => {
    expect(pathText(path)).toBe(text);
  });
});

describe('a checked response reads as before findings were data', () => {
  it('the lines the console shows for a missing field, a list and an absent header', () => {
    const findings = checkInteraction(
      {
        description: 'd',
        request: { method: 'GET', path: '/' },
        response: {
          status: 200,
          headers: { ETag: 'W/"1"' },
          body: { content: { id: 'a', value: [{ n: 1 }] }, contentType: 'application/json' },
          matchingRules: { body: { '$.id': { matchers: [{ match: 'type' }] }, '$.value': { matchers: [{ match: 'type', min: 1 }] } } },
        },
      },
      { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ value: [], extra: 'x' }) },
    );
    expect(findings.filter((f) => f.severity !== 'ok').map(findingText)).toEqual([
      'header:ETag: header_missing (expected W/"1", got (absent))',
      '$.id: missing (expected a string, got (absent))',
      '$.value: missing (expected a list of at least 1 item(s) like the example, got 0 item(s))',
      '$.extra: unexpected (expected (not documented), got "x")',
    ]);
  });
});
