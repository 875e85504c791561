/**
 * One home for Edm values (src/contract/edm.ts): what OData JSON allows per type, and the same
 * answer from the docs lint and the pact matchers, which used to disagree (the lint accepted
 * `NaN` for a Double that the matchers replaced; the matchers rejected a non-GUID that the lint let
 * through).
 */
import { MatchersV3 } from '@pact-foundation/pact';
import { EDM_PATTERNS, edmExample, edmMismatch } from '../../src/contract/edm';
import type { EdmPrimitive, TypeRef } from '../../src/contract/model';
import { matchValue } from '../../src/conformance/matchers';
import { contradiction } from '../../src/docs/lint';
import { deriveBody } from '../../src/pact/matchers';
import { typeLookup } from '../../src/contract/types';

describe('edmMismatch: what OData JSON allows', () => {
  it.each([
    ['Edm.Double', 1.5],
    ['Edm.Double', 'NaN'],
    ['Edm.Double', 'INF'],
    ['Edm.Double', '-INF'],
    ['Edm.Single', 'INF'],
    ['Edm.Decimal', '-INF'],
    ['Edm.Decimal', '12.50'],
    ['Edm.Int64', '9223372036854775807'],
    ['Edm.Int64', 2 ** 40],
    ['Edm.Byte', 255],
    ['Edm.SByte', -128],
    ['Edm.Int16', -32768],
    ['Edm.Int32', 2147483647],
    ['Edm.Guid', '7B00EC38-EC38-7B00-38EC-007B38EC007B'],
    ['Edm.Date', '2021-07-16'],
    ['Edm.DateTimeOffset', '2021-07-16T12:00:00.1234567+03:00'],
    ['Edm.Duration', 'PT1H30M'],
    ['Edm.Boolean', false],
    ['Edm.Untyped', { any: 'thing' }],
  ] as const)('%s %j is legal', (name, value) => {
    expect(edmMismatch(value, name as EdmPrimitive)).toBeNull();
  });

  it.each([
    ['Edm.Double', 'Infinity', 'not a number'],
    ['Edm.Double', 'nan', 'not a number'],
    ['Edm.Double', '1.5', 'not a number'],
    ['Edm.Int32', '12', 'not an integer'],
    ['Edm.Int32', 1.5, 'not an integer'],
    ['Edm.Int32', 2147483648, 'outside the Edm.Int32 range -2147483648..2147483647'],
    ['Edm.Byte', 256, 'outside the Edm.Byte range 0..255'],
    ['Edm.SByte', -129, 'outside the Edm.SByte range -128..127'],
    ['Edm.Guid', 'contoso-id', 'not a GUID'],
    ['Edm.DateTimeOffset', '1974-07-22', 'not an ISO 8601 date and time with offset'],
    ['Edm.Date', '2021-07-16T00:00:00Z', 'not an ISO 8601 date (yyyy-mm-dd)'],
    ['Edm.String', 12, 'not a string'],
    ['Edm.Boolean', 'true', 'not a boolean'],
  ] as const)('%s %j is not: %s', (name, value, why) => {
    expect(edmMismatch(value, name as EdmPrimitive)).toBe(why);
  });

  it('gives examples that are legal values of their type, the same for the same seed', () => {
    const names: EdmPrimitive[] = ['Edm.Boolean', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte', 'Edm.Single', 'Edm.Double', 'Edm.Decimal', 'Edm.Guid', 'Edm.DateTimeOffset', 'Edm.Date', 'Edm.TimeOfDay', 'Edm.Duration', 'Edm.Binary', 'Edm.String'];
    for (const name of names) {
      for (const seed of [0, 7, 0xffffffff]) {
        const example = edmExample(name, 'String', seed, 'field');
        expect([name, edmMismatch(example, name)]).toEqual([name, null]);
        expect(edmExample(name, 'String', seed, 'field')).toEqual(example);
      }
    }
    expect(edmExample('Edm.Boolean', 'false', 1, 'f')).toBe(false);
    expect(edmExample('Edm.Int32', '42', 1, 'f')).toBe(42);
  });
});

describe('the docs lint and the pact matchers give one answer', () => {
  const p = (name: EdmPrimitive): TypeRef => ({ kind: 'primitive', name });

  it('the lint accepts NaN, INF and -INF for a Double, and the matchers keep them', () => {
    for (const special of ['NaN', 'INF', '-INF']) {
      expect(contradiction(special, p('Edm.Double'))).toBeNull();
      const derived = deriveBody({ ratio: special }, null, typeLookup({}), new Map([['ratio', p('Edm.Double')]]));
      expect(derived.replaced).toEqual([]);
      expect(derived.example).toEqual({ ratio: special });
      expect(derived.template).toEqual({ ratio: MatchersV3.regex(EDM_PATTERNS.floatingPoint, special) });
    }
  });

  it('the pact matches a Double kept as NaN by a number or one of the special strings, as Pact judges it', () => {
    const rule = { match: 'regex', regex: EDM_PATTERNS.floatingPoint };
    for (const ok of [1.5, -2, 3e-7, 'NaN', 'INF', '-INF']) expect(matchValue(rule, 'NaN', ok, false)).toBeNull();
    for (const bad of ['1.5x', 'Infinity', true]) expect(matchValue(rule, 'NaN', bad, false)).not.toBeNull();
  });

  it('the lint flags a string that is not of its documented form, as the matchers replace it', () => {
    const cases: [EdmPrimitive, string][] = [
      ['Edm.Guid', 'contoso-id'],
      ['Edm.DateTimeOffset', '1974-07-22'],
      ['Edm.Duration', 'one hour'],
    ];
    for (const [name, value] of cases) {
      expect(contradiction(value, p(name))).toMatch(/^, not /);
      expect(deriveBody({ v: value }, null, typeLookup({}), new Map([['v', p(name)]])).replaced).toHaveLength(1);
    }
  });

  it('a type name given as a value stays a placeholder for the lint (reported as one, not as a contradiction)', () => {
    expect(contradiction('Guid', p('Edm.Guid'))).toBeNull();
    expect(contradiction('String (timestamp)', p('Edm.DateTimeOffset'))).toBeNull();
    expect(contradiction('Boolean', p('Edm.Boolean'))).toBe(', a placeholder string');
  });

  it('an integer outside its type\'s range is flagged and replaced', () => {
    expect(contradiction(300, p('Edm.Byte'))).toBe(', outside the Edm.Byte range 0..255');
    expect(deriveBody({ b: 300 }, null, typeLookup({}), new Map([['b', p('Edm.Byte')]])).replaced).toHaveLength(1);
  });
});
