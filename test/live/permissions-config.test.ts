import type { Permission } from '../../src/contract/model';
import { LiveConfigError, readLiveConfig } from '../../src/live/config';
import { documentedPermissions, grantedPermissions, permissionComments, permissionSkipReason } from '../../src/live/permissions';
import { fakeJwt } from './stand-ins';

const source = { file: 'x.md', line: 1, column: 1 };
const row = (type: Permission['type'], scopes: string[], supported: boolean | null): Permission => ({ type, label: type, scopes, supported, source });

describe('documented permissions travel in pact comments', () => {
  it('writes one line per readable row and reads it back', () => {
    const lines = permissionComments([row('delegatedWork', ['Group.Read.All', 'Group.ReadWrite.All'], true), row('delegatedPersonal', [], false), row('application', [], false)]);
    expect(lines).toEqual(['Permissions (delegated): Group.Read.All, Group.ReadWrite.All', 'Permissions (application): not supported']);
    expect(documentedPermissions(['Documented at x.md:1:1', ...lines])).toEqual({ delegated: { supported: true, scopes: ['Group.Read.All', 'Group.ReadWrite.All'] }, application: { supported: false } });
  });

  it('TODO rows give no line: nothing is known, nothing is skipped', () => {
    expect(permissionComments([row('delegatedWork', [], null), row('application', [], null)])).toEqual([]);
    expect(permissionSkipReason(documentedPermissions([]), { kind: 'application', scopes: [] })).toBeNull();
  });
});

describe('granted permissions and skipping', () => {
  it('reads roles (application) and scp (delegated) from a JWT; an opaque token shows nothing', () => {
    expect(grantedPermissions(fakeJwt({ roles: ['User.Read.All'] }))).toEqual({ kind: 'application', scopes: ['User.Read.All'] });
    expect(grantedPermissions(fakeJwt({ scp: 'User.Read Mail.Send' }))).toEqual({ kind: 'delegated', scopes: ['User.Read', 'Mail.Send'] });
    expect(grantedPermissions(fakeJwt({ appid: 'x' }))).toEqual({ kind: 'application', scopes: [] });
    expect(grantedPermissions('opaque-token')).toBeNull();
    expect(grantedPermissions('a.!!!.c')).toBeNull();
  });

  it('runs an interaction when the token holds any one documented permission (case-insensitive)', () => {
    const documented = documentedPermissions(['Permissions (application): User.Read.All, User.ReadWrite.All']);
    expect(permissionSkipReason(documented, { kind: 'application', scopes: ['user.readwrite.all'] })).toBeNull();
    expect(permissionSkipReason(documented, { kind: 'application', scopes: ['Mail.Read'] })).toBe('the token has none of the application permissions the docs require (User.Read.All, User.ReadWrite.All); it has Mail.Read');
    expect(permissionSkipReason(documented, { kind: 'delegated', scopes: [] })).toBeNull();
  });

  it('skips what the docs say the token\'s kind cannot call', () => {
    const documented = documentedPermissions(['Permissions (application): not supported']);
    expect(permissionSkipReason(documented, { kind: 'application', scopes: ['Anything.All'] })).toBe('the docs say application permissions are not supported for this API, and the token is an application token');
  });
});

describe('live configuration', () => {
  const error = (env: NodeJS.ProcessEnv): string => {
    try {
      readLiveConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(LiveConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a LiveConfigError');
  };

  it('defaults to the public cloud and derives the .default scope from GRAPH_BASE_URL', () => {
    expect(readLiveConfig({ GRAPH_ACCESS_TOKEN: 't' })).toEqual({ baseUrl: 'https://graph.microsoft.com', auth: { kind: 'token', accessToken: 't' } });
    expect(readLiveConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.us/', AZURE_TENANT_ID: 'a', AZURE_CLIENT_ID: 'b', AZURE_CLIENT_SECRET: 'c', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' })).toEqual({
      baseUrl: 'https://graph.microsoft.us',
      auth: { kind: 'clientCredentials', tenantId: 'a', clientId: 'b', clientSecret: 'c', authorityHost: 'https://login.microsoftonline.us', scope: 'https://graph.microsoft.us/.default' },
    });
  });

  it('names what to set when settings are missing, partial, contradictory or malformed', () => {
    expect(error({})).toContain('No credentials for the live target');
    expect(error({ AZURE_TENANT_ID: 'a', AZURE_CLIENT_SECRET: 'secret-value-123' })).toBe('Client credentials are incomplete: set AZURE_CLIENT_ID too (or use GRAPH_ACCESS_TOKEN instead).');
    expect(error({ GRAPH_ACCESS_TOKEN: 't', AZURE_TENANT_ID: 'a' })).toContain('Both GRAPH_ACCESS_TOKEN and client credentials (AZURE_TENANT_ID) are set');
    expect(error({ GRAPH_ACCESS_TOKEN: 't', GRAPH_BASE_URL: 'graph' })).toContain('GRAPH_BASE_URL is not a URL: "graph"');
    expect(error({ AZURE_TENANT_ID: 'a', AZURE_CLIENT_ID: 'b', AZURE_CLIENT_SECRET: 'c', AZURE_AUTHORITY_HOST: 'http://127.0.0.1:1' })).toContain('AZURE_AUTHORITY_HOST must be an https:// URL');
    expect(error({ AZURE_TENANT_ID: 'a', AZURE_CLIENT_SECRET: 'secret-value-123' })).not.toContain('secret-value-123');
    expect(error({ GRAPH_ACCESS_TOKEN: 't', GRAPH_BASE_URL: 'http://graph.example.test' })).toContain('GRAPH_BASE_URL must be https://');
    expect(error({ GRAPH_ACCESS_TOKEN: 't', GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' })).toContain('without a path');
    expect(readLiveConfig({ GRAPH_ACCESS_TOKEN: 't', GRAPH_BASE_URL: 'http://127.0.0.1:8080' }).baseUrl).toBe('http://127.0.0.1:8080');
  });
});
