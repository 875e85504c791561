import { enumMembers, parseTypeCell } from '../../src/docs/type-ref';

const context = (description = '', links: [string, string][] = []) => ({ description, linkDefinitions: new Map(links) });

describe('parseTypeCell', () => {
  it.each([
    ['String', { kind: 'primitive', name: 'Edm.String' }],
    ['string', { kind: 'primitive', name: 'Edm.String' }],
    ['`Edm.Int32`', { kind: 'primitive', name: 'Edm.Int32' }],
    ['GUID', { kind: 'primitive', name: 'Edm.Guid' }],
    ['DateTimeOffset', { kind: 'primitive', name: 'Edm.DateTimeOffset' }],
    ['Duration', { kind: 'primitive', name: 'Edm.Duration' }],
    ['**Boolean**', { kind: 'primitive', name: 'Edm.Boolean' }],
    ['(Optional) String', { kind: 'primitive', name: 'Edm.String' }],
    ['string, maximum size 20', { kind: 'primitive', name: 'Edm.String' }],
    ['String collection', { kind: 'collection', of: { kind: 'primitive', name: 'Edm.String' } }],
    ['Collection(String)', { kind: 'collection', of: { kind: 'primitive', name: 'Edm.String' } }],
    ['Collection of String', { kind: 'collection', of: { kind: 'primitive', name: 'Edm.String' } }],
    ['[identitySet](../resources/identityset.md)', { kind: 'complex', name: 'microsoft.graph.identitySet', ref: '../resources/identityset.md' }],
    [
      '[recipient](../resources/recipient.md) collection',
      { kind: 'collection', of: { kind: 'complex', name: 'microsoft.graph.recipient', ref: '../resources/recipient.md' } },
    ],
    [
      '[Microsoft.DirectoryServices.crossTenantAccessPolicyB2BSetting](../resources/crosstenantaccesspolicyb2bsetting.md)',
      { kind: 'complex', name: 'Microsoft.DirectoryServices.crossTenantAccessPolicyB2BSetting', ref: '../resources/crosstenantaccesspolicyb2bsetting.md' },
    ],
    ['[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](b.md)', { kind: 'unknown', raw: '[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](b.md)' }],
    ['string/number', { kind: 'unknown', raw: 'string/number' }],
  ])('%s', (cell, expected) => {
    expect(parseTypeCell(cell, context())).toEqual(expected);
  });

  it('resolves reference-style links through the page definitions', () => {
    expect(parseTypeCell('[driveItem][]', context('', [['driveitem', '../resources/driveitem.md']]))).toEqual({
      kind: 'complex',
      name: 'microsoft.graph.driveItem',
      ref: '../resources/driveitem.md',
    });
  });

  it('reads an `Enumeration` cell with members from the description (seed quirk)', () => {
    const description = 'Partner state of this tenant. Possible values are: `unknown`, `unavailable`, `enabled`.';
    expect(parseTypeCell('Enumeration', context(description))).toEqual({ kind: 'enum', name: null, members: ['unknown', 'unavailable', 'enabled'] });
  });

  it('treats a bare type name with listed values as an enum', () => {
    expect(parseTypeCell('riskLevel', context('Possible values are: low, medium, high.'))).toEqual({
      kind: 'enum',
      name: 'microsoft.graph.riskLevel',
      members: ['low', 'medium', 'high'],
    });
  });
});

describe('enumMembers', () => {
  it('returns nothing without a values phrase', () => {
    expect(enumMembers('The display name.')).toEqual([]);
  });
  it('reads plain-word lists', () => {
    expect(enumMembers('The valid values are: none, low or high.')).toEqual(['none', 'low', 'high']);
  });
});
