/** Selection patterns (src/contract/select.ts), shared by --only and the library API. */
import { interactionTarget, matches, parsePattern, PatternError, select, selectModel, SelectionError, type SelectionTarget } from '../../src/contract/select';
import type { ContractModel } from '../../src/contract/model';

const target = (over: Partial<SelectionTarget>): SelectionTarget => ({ page: 'docs/api/user-get.md', example: 'get_user', method: 'GET', paths: ['/me'], version: 'v1.0', ...over });

describe('operation patterns', () => {
  it.each([
    ['GET /me', target({}), true],
    ['get /ME', target({}), true],
    ['POST /me', target({}), false],
    ['* /me', target({}), true],
    ['GET /me/events', target({}), false],
    ['GET /users/{id}', target({ paths: ['/users/{id | userPrincipalName}'] }), true],
    ['GET /users/{id}', target({ paths: ['/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd'] }), true],
    ['GET /users/{id}', target({ paths: ['/users/{id}/events'] }), false],
    ['GET /users/*/events', target({ paths: ['/users/{id}/events'] }), true],
    ['GET /users/**', target({ paths: ['/users/{id}/calendar/events'] }), true],
    ['GET /**/events', target({ paths: ['/users/{id}/calendar/events'] }), true],
    ['GET /**/events', target({ paths: ['/users/{id}/calendar'] }), false],
    ['GET /v1.0/me', target({}), true],
    ['GET /beta/me', target({}), false],
    ['GET /v1.0/me', target({ version: null }), false],
    ['GET /me?$select=displayName', target({}), true],
    ['GET /me/', target({}), true],
    ['GET /drives/{drive-id}/items/{item-id}', target({ paths: ['/drives/{drive-id}/items/{item-id}'] }), true],
    ["GET /users('{id}')", target({ paths: ["/users('{id}')"] }), true],
  ])('%s on %j → %s', (pattern, t, expected) => {
    expect(matches(parsePattern(pattern), t)).toBe(expected);
  });

  it('a path without a leading slash or with spaces is a PatternError; so is an empty pattern', () => {
    expect(() => parsePattern('GET me')).toThrow(PatternError);
    expect(() => parsePattern('GET /me /events')).toThrow(PatternError);
    expect(() => parsePattern('')).toThrow(PatternError);
  });
});

describe('page and example patterns', () => {
  it.each([
    ['user-get.md', true],
    ['user-get', true],
    ['api/user-get.md', true],
    ['docs/api/user-get.md', true],
    ['./docs/api/user-*.md', true],
    ['api/*.md', true],
    ['user-list-events.md', false],
    ['ser-get.md', false],
    ['**/user-get.md', true],
    ['get_user', true],
    ['get_*', true],
    ['GET_USER', true],
    ['get_user_2', false],
    ['user-get.md#get_user', true],
    ['user-get.md#get_user_2', false],
    ['api/*.md#get_*', true],
    ['user-list-events.md#get_user', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(parsePattern(pattern), target({}))).toBe(expected);
  });
});

it('select keeps items any pattern matches and names the patterns that matched none', () => {
  const items = [target({}), target({ example: 'list_events', method: 'GET', paths: ['/me/events'] })];
  const { selected, unmatched } = select(items, ['GET /me/events', 'DELETE /me', 'nothing_here'].map(parsePattern), (t) => t);
  expect(selected).toEqual([items[1]]);
  expect(unmatched).toEqual(['DELETE /me', 'nothing_here']);
});

it('reads page and example from a pact interaction\'s testname comment and the version from its path', () => {
  const t = interactionTarget({ request: { method: 'GET', path: '/v1.0/users/abc%20def/events' }, comments: { testname: 'docs/api/user-list-events.md#list_events' } });
  expect(t).toEqual({ page: 'docs/api/user-list-events.md', example: 'list_events', method: 'GET', paths: ['/users/abc def/events'], version: 'v1.0' });
  const foreign = interactionTarget({ request: { method: 'GET', path: '/me' } });
  expect(foreign).toMatchObject({ page: null, example: null, version: null });
  expect(matches(parsePattern('GET /me'), foreign)).toBe(true);
  expect(matches(parsePattern('get_user'), foreign)).toBe(false);
});

it('selectModel keeps every page and type and only the selected pairs; a pattern selecting nothing throws', () => {
  const pair = (id: string, path: string) => ({ id, request: { method: 'GET', path, pathTemplate: null, version: 'v1.0' }, response: {} });
  const model = {
    schemaVersion: 1,
    pages: [
      { file: 'api/a.md', pairs: [pair('one', '/a'), pair('two', '/a/b')] },
      { file: 'api/b.md', pairs: [pair('three', '/b')] },
    ],
    types: { 'microsoft.graph.x': {} },
    diagnostics: [],
  } as unknown as ContractModel;
  const selected = selectModel(model, ['GET /a/*', 'b.md']);
  expect(selected.pages.map((p) => p.pairs.map((x) => x.id))).toEqual([['two'], ['three']]);
  expect(selected.types).toBe(model.types);
  expect(() => selectModel(model, ['GET /a', 'GET /c'])).toThrow(SelectionError);
  expect(() => selectModel(model, ['GET /a', 'GET /c'])).toThrow(/"GET \/c" selects nothing in the docs/);
});
