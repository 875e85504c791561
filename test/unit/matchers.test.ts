import { MatchersV3 } from '@pact-foundation/pact';
import { EDM_PATTERNS as PATTERNS } from '../../src/contract/edm';
import { deriveBody } from '../../src/pact/matchers';
import { typeLookup } from '../../src/contract/types';
import type { TypeRef } from '../../src/contract/model';

const noTypes = typeLookup({});
const shape = (entries: [string, TypeRef][]) => new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
const p = (name: string): TypeRef => ({ kind: 'primitive', name: name as never });

describe('format patterns accept what Graph returns', () => {
  it.each([
    ['dateTimeOffset', '2017-01-01T00:00:34.0507931+03:00', true],
    ['dateTimeOffset', '2021-07-16T12:00:00Z', true],
    ['dateTimeOffset', '2021-07-16T12:00:00.123Z', true],
    ['dateTimeOffset', '2021-07-16T12:00Z', true],
    ['dateTimeOffset', 'String (timestamp)', false],
    ['dateTimeOffset', '2021-07-16', false],
    ['date', '2021-07-16', true],
    ['date', '2021-07-16T00:00:00Z', false],
    ['timeOfDay', '08:30:00.0000000', true],
    ['duration', 'P1D', true],
    ['duration', 'PT1H30M', true],
    ['duration', 'P2Y', true],
    ['duration', 'P', false],
    ['duration', 'PT', false],
    ['duration', 'String (duration)', false],
    ['guid', '8ecfcf20-cf20-8ecf-20cf-cf8e20cfcf8e', true],
    ['guid', '7B00EC38-EC38-7B00-38EC-007B38EC007B', true],
    ['guid', 'Guid', false],
  ] as const)('%s %j → %s', (pattern, value, ok) => {
    expect(new RegExp(PATTERNS[pattern]).test(value)).toBe(ok);
  });
});

describe('deriveBody', () => {
  it('maps documented types to matchers and keeps valid examples', () => {
    const body = { id: '8ecfcf20-cf20-8ecf-20cf-cf8e20cfcf8e', count: 3, enabled: false, when: '2021-07-16T12:00:00Z', name: 'Contoso' };
    const derived = deriveBody(body, null, noTypes, shape([
      ['id', p('Edm.Guid')],
      ['count', p('Edm.Int32')],
      ['enabled', p('Edm.Boolean')],
      ['when', p('Edm.DateTimeOffset')],
      ['name', p('Edm.String')],
    ]));
    expect(derived.template).toEqual({
      id: MatchersV3.regex(PATTERNS.guid, body.id),
      count: MatchersV3.integer(3),
      enabled: MatchersV3.boolean(false),
      when: MatchersV3.regex(PATTERNS.dateTimeOffset, body.when),
      name: MatchersV3.string('Contoso'),
    });
    expect(derived.example).toEqual(body);
    expect(derived.replaced).toEqual([]);
  });

  it('replaces placeholders with deterministic typed examples and reports each', () => {
    const body = { isServiceProvider: 'Boolean', partnerState: 'String', duration: 'String (duration)', created: 'String (timestamp)' };
    const types = shape([
      ['isServiceProvider', p('Edm.Boolean')],
      ['partnerState', { kind: 'enum', name: null, members: ['unknown', 'enabled'] }],
      ['duration', p('Edm.Duration')],
      ['created', p('Edm.DateTimeOffset')],
    ]);
    const first = deriveBody(body, null, noTypes, types);
    expect(first.example).toEqual({ isServiceProvider: true, partnerState: 'unknown', duration: 'P1D', created: expect.stringMatching(new RegExp(PATTERNS.dateTimeOffset)) });
    expect(first.replaced.map((r) => r.path)).toEqual(['$.isServiceProvider', '$.partnerState', '$.duration', '$.created']);
    expect(deriveBody(body, null, noTypes, types)).toEqual(first);
  });

  it('matches enum members case-insensitively with the Rust regex flag', () => {
    const { template } = deriveBody({ contentType: 'HTML' }, null, noTypes, shape([['contentType', { kind: 'enum', name: null, members: ['text', 'html'] }]]));
    expect(template).toEqual({ contentType: MatchersV3.regex('(?i)^(text|html)(,\\s*(text|html))*$', 'HTML') });
  });

  it('matches `@odata.type` by equality and collections each-like', () => {
    const { template } = deriveBody({ '@odata.type': '#microsoft.graph.user', value: [{ a: 1 }, { a: 2 }] }, null, noTypes);
    expect(template).toEqual({ '@odata.type': MatchersV3.equal('#microsoft.graph.user'), value: MatchersV3.eachLike({ a: MatchersV3.like(1) }, 1) });
  });

  it('matches polymorphic arrays item by item', () => {
    const ranges = [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '1.2.3.4/32' }, { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '::1/128' }];
    const { template } = deriveBody({ ipRanges: ranges }, null, noTypes);
    expect(Array.isArray((template as Record<string, unknown>)['ipRanges'])).toBe(true);
  });

  it('follows complex types and base types through documented resource types', () => {
    const lookup = typeLookup({
      'microsoft.graph.entity': { name: 'microsoft.graph.entity', kind: 'entity', baseType: null, keyProperty: 'id', openType: false, optionalProperties: [], properties: [{ name: 'id', type: p('Edm.Guid'), description: '', required: null, readOnly: true, nullable: null, source: { file: 'x', line: 1, column: 1 } }], relationships: [], members: [], file: 'x', source: { file: 'x', line: 1, column: 1 } },
      'microsoft.graph.thing': { name: 'microsoft.graph.thing', kind: 'entity', baseType: 'microsoft.graph.entity', keyProperty: 'id', openType: false, optionalProperties: [], properties: [{ name: 'size', type: p('Edm.Int64'), description: '', required: null, readOnly: false, nullable: null, source: { file: 'x', line: 1, column: 1 } }], relationships: [], members: [], file: 'x', source: { file: 'x', line: 1, column: 1 } },
    });
    const { template } = deriveBody({ id: 'Guid', size: 12 }, { kind: 'complex', name: 'microsoft.graph.thing' }, lookup);
    expect(template).toEqual({ id: MatchersV3.regex(PATTERNS.guid, expect.stringMatching(new RegExp(PATTERNS.guid))), size: MatchersV3.integer(12) });
  });
});
