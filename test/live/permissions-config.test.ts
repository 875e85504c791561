import { readDocumentedOrigin, type DocumentedPermissions } from '../../src/contract/pact-comments';
import { LiveConfigError, readLiveConfig } from '../../src/live/config';
import { grantedPermissions, permissionSkipReason } from '../../src/live/permissions';
import { fakeJwt } from './stand-ins';

/** Permissions as a pact of the previous version carries them (text lines), read as live runs read them. */
const fromText = (...lines: string[]): DocumentedPermissions => readDocumentedOrigin({ text: lines }).permissions;

describe('documented permissions and skipping', () => {
  it('nothing documented (TODO rows): nothing is skipped', () => {
    expect(permissionSkipReason(fromText(), { kind: 'application', scopes: [] })).toBeNull();
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
    const documented = fromText('Permissions (application): User.Read.All, User.ReadWrite.All');
    expect(permissionSkipReason(documented, { kind: 'application', scopes: ['user.readwrite.all'] })).toBeNull();
    expect(permissionSkipReason(documented, { kind: 'application', scopes: ['Mail.Read'] })).toBe('the token has none of the application permissions the docs require (User.Read.All, User.ReadWrite.All); it has Mail.Read');
    expect(permissionSkipReason(documented, { kind: 'delegated', scopes: [] })).toBeNull();
  });

  it('skips what the docs say the token\'s kind cannot call', () => {
    const documented = fromText('Permissions (application): not supported');
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
