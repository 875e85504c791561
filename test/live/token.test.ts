import { readLiveConfig } from '../../src/live/config';
import { CachingTokenProvider, ClientCredentialsSource, liveTokenProvider } from '../../src/live/token';
import { grantedPermissions } from '../../src/live/permissions';
import { startTokenEndpoint, testHttpsAgent, type TokenEndpoint } from './stand-ins';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const CLIENT_SECRET = 'stand-in-client-secret-value';

describe('live auth: client credentials with MSAL against a local token endpoint (https://127.0.0.1)', () => {
  let endpoint: TokenEndpoint;
  beforeAll(async () => {
    endpoint = await startTokenEndpoint({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, roles: ['Widget.Read.All'], expiresInSeconds: 3600 });
  });
  afterAll(() => endpoint.close());

  const auth = () =>
    readLiveConfig({ AZURE_TENANT_ID: endpoint.tenantId, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: CLIENT_SECRET, AZURE_AUTHORITY_HOST: endpoint.url, GRAPH_BASE_URL: 'http://127.0.0.1:9' }).auth;

  it('acquires a token with the client-credentials grant, for the Graph resource\'s .default scope', async () => {
    const before = endpoint.tokenRequests.length;
    const provider = liveTokenProvider(auth(), { httpsAgent: testHttpsAgent() });
    const token = await provider.getToken();
    expect(endpoint.issued).toContain(token);
    const request = endpoint.tokenRequests[before]!;
    expect(request.form).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'http://127.0.0.1:9/.default' });
    expect(grantedPermissions(token)).toEqual({ kind: 'application', scopes: ['Widget.Read.All'] });
    // Only the configured authority host was asked: discovery and token, nothing else.
    expect(endpoint.paths.every((p) => p.startsWith(`/${endpoint.tenantId}/`))).toBe(true);
  });

  it('caches the token until shortly before it expires, then acquires a new one', async () => {
    let now = Date.now();
    const source = new ClientCredentialsSource(auth() as Extract<ReturnType<typeof auth>, { kind: 'clientCredentials' }>, { httpsAgent: testHttpsAgent() });
    const provider = new CachingTokenProvider(source, { now: () => now });
    const before = endpoint.tokenRequests.length;
    const first = await provider.getToken();
    expect(await provider.getToken()).toBe(first);
    now += 50 * 60_000; // 50 of 60 minutes: still outside the 5-minute margin
    expect(await provider.getToken()).toBe(first);
    expect(endpoint.tokenRequests.length - before).toBe(1);
    now += 6 * 60_000; // 56 minutes: within 5 minutes of expiry
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    expect(endpoint.tokenRequests.length - before).toBe(2);
    expect(provider.acquisitions).toBe(2);
  });

  it('concurrent callers share one acquisition', async () => {
    const before = endpoint.tokenRequests.length;
    const provider = liveTokenProvider(auth(), { httpsAgent: testHttpsAgent() });
    const tokens = await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(endpoint.tokenRequests.length - before).toBe(1);
  });

  it('a wrong secret gives a typed error that names what to check and never shows the secret', async () => {
    const wrong = { ...(auth() as Extract<ReturnType<typeof auth>, { kind: 'clientCredentials' }>), clientSecret: 'wrong-secret-that-must-not-show' };
    const provider = liveTokenProvider(wrong, { httpsAgent: testHttpsAgent() });
    const error = await provider.getToken().then(() => null, (e: Error) => e);
    expect(error?.name).toBe('TokenAcquisitionError');
    expect(error?.message).toContain('AZURE_CLIENT_SECRET');
    expect(error?.message).toContain('invalid_client');
    expect(JSON.stringify(error) + String(error?.message) + String(error?.stack)).not.toContain('wrong-secret-that-must-not-show');
  });
});
