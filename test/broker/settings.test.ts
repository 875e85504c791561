import { authorizationHeader, brokerSettings, BrokerConfigError, registerBrokerSecrets } from '../../src/broker/settings';
import { redact } from '../../src/internal/secrets';
import { expand, HalClient } from '../../src/broker/hal-client';
import { publishArguments } from '../../src/broker/publish';

describe('broker settings', () => {
  it('reads the base URL and a token, without a trailing slash', () => {
    expect(brokerSettings({ PACT_BROKER_BASE_URL: 'https://broker.example/', PACT_BROKER_TOKEN: 't0ken' })).toEqual({ baseUrl: 'https://broker.example', token: 't0ken' });
    expect(authorizationHeader({ baseUrl: 'x', token: 't0ken' })).toBe('Bearer t0ken');
    expect(authorizationHeader({ baseUrl: 'x', username: 'u', password: 'p' })).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it.each([
    [{}, /Set PACT_BROKER_BASE_URL/],
    [{ PACT_BROKER_BASE_URL: 'broker.example' }, /must be an http\(s\) URL/],
    [{ PACT_BROKER_BASE_URL: 'http://b', PACT_BROKER_TOKEN: 't', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' }, /not both/],
    [{ PACT_BROKER_BASE_URL: 'http://b', PACT_BROKER_USERNAME: 'u' }, /go together/],
  ])('refuses %j with a message that says how to fix it', (env, message) => {
    expect(() => brokerSettings(env)).toThrow(BrokerConfigError);
    expect(() => brokerSettings(env)).toThrow(message);
  });

  it('refuses a base URL with credentials in it, naming PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD and not repeating the password', () => {
    for (const url of ['https://ci-user:s3cret-pass@broker.example', 'http://token-only-abc@127.0.0.1:9292/']) {
      const error = (() => {
        try {
          brokerSettings({ PACT_BROKER_BASE_URL: url });
        } catch (e) {
          return e as Error;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(BrokerConfigError);
      expect(error!.message).toContain('PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD');
      expect(error!.message).not.toMatch(/s3cret-pass|token-only-abc/);
    }
    // An @ after the host (a path or query) is not a credential.
    expect(brokerSettings({ PACT_BROKER_BASE_URL: 'https://broker.example/teams/@graph' }).baseUrl).toBe('https://broker.example/teams/@graph');
  });

  it('redacts the token, the password and the basic-auth header value', () => {
    const settings = { baseUrl: 'http://b', username: 'ci', password: 'pa$$word-1' };
    const basic = Buffer.from('ci:pa$$word-1').toString('base64');
    registerBrokerSecrets(settings);
    expect(redact(`password pa$$word-1, header Basic ${basic}, url-encoded ${encodeURIComponent('pa$$word-1')}`)).toBe('password [redacted], header Basic [redacted], url-encoded [redacted]');
    registerBrokerSecrets({ baseUrl: 'http://b', token: 'abc-123-xyz' });
    expect(redact('token abc-123-xyz here')).toBe('token [redacted] here');
  });

  it('a broker that cannot be reached is an error naming the request, not the token', async () => {
    const client = new HalClient({ baseUrl: 'http://127.0.0.1:9', token: 'unreachable-token-1' }, 2_000);
    const error = await client.get('http://127.0.0.1:9/').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Failed to reach the Pact Broker: GET http:\/\/127.0.0.1:9\//);
    expect((error as Error).message).not.toContain('unreachable-token-1');
  });

  it('expands HAL templates with URI-encoded values', () => {
    expect(expand('http://b/pacts/provider/{provider}/for-verification', { provider: 'graph v1.0/users' })).toBe('http://b/pacts/provider/graph%20v1.0%2Fusers/for-verification');
  });

  it('passes tags to the official client as one comma-separated --tag (it refuses the flag twice)', () => {
    expect(publishArguments({ pactDir: '/p', consumerVersion: '1', branch: 'main', tags: ['a', 'b'], buildUrl: 'http://ci' })).toEqual(['/p', '--consumer-app-version', '1', '--branch', 'main', '--tag', 'a,b', '--build-url', 'http://ci']);
  });
});
