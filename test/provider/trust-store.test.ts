/** Pact's verifier gets an empty trust store only when every URL it calls is plain http. */
import { trustStoreEnv } from '../../src/provider/pact-verifier';

const empty = { file: '/tmp/x/empty.pem', dir: '/tmp/x/empty' };

describe("the verifier child's trust store", () => {
  it('is empty when the verifier only calls the proxy and a provider-state URL over http', () => {
    expect(trustStoreEnv({ providerBaseUrl: 'http://127.0.0.1:4000', providerStatesSetupUrl: 'http://127.0.0.1:4001/states', emptyTrustStore: empty })).toEqual({ SSL_CERT_FILE: empty.file, SSL_CERT_DIR: empty.dir });
    expect(trustStoreEnv({ providerBaseUrl: 'http://127.0.0.1:4000', emptyTrustStore: empty })).toEqual({ SSL_CERT_FILE: empty.file, SSL_CERT_DIR: empty.dir });
  });

  it('stays the system store when a provider-state URL is https', () => {
    expect(trustStoreEnv({ providerBaseUrl: 'http://127.0.0.1:4000', providerStatesSetupUrl: 'https://127.0.0.1:4001/states', emptyTrustStore: empty })).toEqual({});
  });

  it('stays the system store when no empty store is given', () => {
    expect(trustStoreEnv({ providerBaseUrl: 'http://127.0.0.1:4000' })).toEqual({});
  });
});
