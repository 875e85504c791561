import { analyseUrl, matchTemplate } from '../../src/docs/url';

const codes = (url: string, version = 'v1.0'): string[] => analyseUrl(url, version).issues.map((i) => i.code);

describe('analyseUrl', () => {
  it('splits an absolute Graph URL into version, path and query', () => {
    expect(analyseUrl('https://graph.microsoft.com/v1.0/users/{id}/messages?$select=subject', 'v1.0')).toEqual({
      host: 'graph.microsoft.com',
      version: 'v1.0',
      path: '/users/{id}/messages',
      query: '$select=subject',
      usable: true,
      issues: [],
    });
  });

  it('reports unresolved generator output and refuses it (seed quirk)', () => {
    const result = analyseUrl('https://graph.microsoft.com/docs\\api** Collection URI for microsoft.graph.x not found', 'v1.0');
    expect(result.usable).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['url_unresolved']);
  });

  it('reports a `localtest` version segment and uses the page version (seed quirk)', () => {
    const result = analyseUrl('https://graph.microsoft.com/localtest/deviceManagement/deviceManagementPartners', 'beta');
    expect(result).toMatchObject({ version: 'beta', path: '/deviceManagement/deviceManagementPartners', usable: true });
    expect(result.issues.map((i) => i.code)).toEqual(['url_version_unknown']);
  });

  it.each([
    ['https://graph.microsoft.com/V1.0/me', ['url_version_case']],
    ['https://graph.microsoft.com/v1/me', ['url_version_unknown']],
    ['https://graph.microsoft.com/beta/me', ['url_version_mismatch']],
    ['/me/drive', ['url_relative']],
    ['https://graph.microsoft.com/beta/teams/{id}//members', ['url_empty_segment', 'url_version_mismatch']],
    ["https://graph.microsoft.com/v1.0/x?$filter=a eq 'b'", ['url_unencoded']],
    ['https://bot.contoso.com/callback', ['url_non_graph_host']],
  ])('%s → %j', (url, expected) => {
    expect(codes(url)).toEqual(expected);
  });

  it('marks other hosts unusable', () => {
    expect(analyseUrl('https://login.microsoftonline.com/x', 'v1.0').usable).toBe(false);
  });
});

describe('matchTemplate', () => {
  it('binds placeholders, including `{id | userPrincipalName}`', () => {
    expect(matchTemplate('/users/87d349ed/messages', '/users/{id | userPrincipalName}/messages')).toEqual({ id: '87d349ed' });
  });

  it('matches literal segments case-insensitively and placeholders inside segments', () => {
    expect(matchTemplate("/Me/messages('AAMk')", "/me/messages('{message-id}')")).toEqual({ 'message-id': 'AAMk' });
    expect(matchTemplate('/me/cell(row=1,column=2)', '/me/cell(row=<row>,column=<column>)')).toEqual({ row: '1', column: '2' });
  });

  it('does not match a different shape', () => {
    expect(matchTemplate('/users/1', '/users/{id}/messages')).toBeNull();
    expect(matchTemplate('/groups/1', '/users/{id}')).toBeNull();
  });
});
