/** Operations as the docs name them: the pact's provider-state path generator gives the template. */
import { operationOf, pageOf, pathTemplate } from '../../src/report/operation';

describe('operation names', () => {
  it('a provider-state path generator becomes the documented template', () => {
    expect(pathTemplate('/beta/me/drive/items/item-id-5977/restore', { type: 'ProviderState', expression: '/beta/me/drive/items/${item-id}/restore' })).toBe('/beta/me/drive/items/{item-id}/restore');
    expect(pathTemplate('/v1.0/users/a/b/c', { type: 'ProviderState', expression: '/v1.0/users/${user-id}/b/${c-id}' })).toBe('/v1.0/users/{user-id}/b/{c-id}');
  });

  it('without a generator (or another kind), the path itself', () => {
    expect(pathTemplate('/v1.0/me', undefined)).toBe('/v1.0/me');
    expect(pathTemplate('/v1.0/me', { type: 'RandomString', expression: 'x' })).toBe('/v1.0/me');
  });

  it('METHOD template; the page from the key, else the documented source\'s file', () => {
    expect(operationOf({ method: 'GET', template: '/v1.0/users/{id}' })).toBe('GET /v1.0/users/{id}');
    expect(pageOf({ key: 'docs/api/a#b.md#ex1', source: null })).toBe('docs/api/a#b.md');
    expect(pageOf({ key: null, source: { file: 'docs/api/a.md', line: 3, column: 1 } })).toBe('docs/api/a.md');
    expect(pageOf({ key: null, source: null })).toBeNull();
  });
});
