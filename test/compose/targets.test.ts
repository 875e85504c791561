/**
 * The one module that chooses, checks and starts verification targets, for the CLI (`--target`)
 * and the serverless handler (GRAPH_CONTRACTS_TARGET) alike.
 */
import { createServer } from 'node:http';
import { extract } from '../../src/docs/extract';
import { silentLogger } from '../../src/internal/log';
import { closeServer, listenLocally } from '../../src/internal/local-server';
import { chooseTarget, startTarget, unreachableUrl, type TargetChoice } from '../../src/compose/targets';
import { handlerConfigFromEnv } from '../../src/serverless/handler';
import { CONTRACTS_DIR } from '../helpers';
import { closedPort } from '../support/run-cli';

describe('chooseTarget', () => {
  it('takes mock, live and http(s) URLs, keeping the states URL for a URL target only', () => {
    expect(chooseTarget('mock', '--target', { statesUrl: 'http://127.0.0.1:1/states' })).toEqual({ choice: { kind: 'mock' } });
    expect(chooseTarget('http://127.0.0.1:1', '--target', { statesUrl: 'http://127.0.0.1:2/states' })).toEqual({ choice: { kind: 'url', baseUrl: 'http://127.0.0.1:1', statesUrl: 'http://127.0.0.1:2/states' } });
    expect(chooseTarget('https://127.0.0.1:1', '--target')).toEqual({ choice: { kind: 'url', baseUrl: 'https://127.0.0.1:1' } });
    expect(chooseTarget('live', '--target', { env: { GRAPH_BASE_URL: 'http://127.0.0.1:9', GRAPH_ACCESS_TOKEN: 'a-token' } })).toEqual({
      choice: { kind: 'live', config: { baseUrl: 'http://127.0.0.1:9', auth: { kind: 'token', accessToken: 'a-token' } } },
    });
  });

  it('says what is wrong with any other setting, naming where it was given', () => {
    expect(chooseTarget('ftp://127.0.0.1', '--target')).toEqual({ error: '--target must be "mock", "live" or an http(s) URL, not "ftp://127.0.0.1".' });
    expect(chooseTarget('mocks', 'GRAPH_CONTRACTS_TARGET')).toEqual({ error: 'GRAPH_CONTRACTS_TARGET must be "mock", "live" or an http(s) URL, not "mocks".' });
  });

  it('reads the live configuration from the environment it is given, and says what to set', () => {
    const chosen = chooseTarget('live', 'GRAPH_CONTRACTS_TARGET', { env: {} });
    expect('error' in chosen && chosen.error).toMatch(/^No credentials for the live target: set GRAPH_ACCESS_TOKEN/);
  });
});

describe('unreachableUrl', () => {
  it('names the URL of a URL target that cannot be reached, the base URL first', async () => {
    const port = await closedPort();
    const server = createServer((_, res) => res.end('ok'));
    const up = await listenLocally(server);
    try {
      const down = `http://127.0.0.1:${port}`;
      expect(await unreachableUrl({ kind: 'url', baseUrl: down, statesUrl: down })).toMatchObject({ which: 'baseUrl', url: down });
      expect(await unreachableUrl({ kind: 'url', baseUrl: up, statesUrl: `${down}/states` })).toMatchObject({ which: 'statesUrl', url: `${down}/states` });
      expect(await unreachableUrl({ kind: 'url', baseUrl: up })).toBeNull();
      expect(await unreachableUrl({ kind: 'mock' })).toBeNull();
    } finally {
      await closeServer(server);
    }
  });
});

describe('startTarget', () => {
  it('starts the mock from the model, asked for only when the mock is chosen', async () => {
    let asked = 0;
    const model = () => {
      asked++;
      return extract([CONTRACTS_DIR]).model;
    };
    const url = await startTarget({ kind: 'url', baseUrl: 'http://127.0.0.1:1' }, { model });
    expect(url).toEqual({ target: expect.objectContaining({ name: 'http://127.0.0.1:1', baseUrl: 'http://127.0.0.1:1' }), live: null });
    expect(asked).toBe(0);
    const { target, live } = await startTarget({ kind: 'mock' }, { model, seed: 3 });
    try {
      expect(asked).toBe(1);
      expect(live).toBeNull();
      expect(target.name).toBe('mock');
      // The mock Graph answers as Graph does a request without a bearer token.
      const answer = await fetch(`${target.baseUrl}/beta/tenantRelationship/delegatedAdminRelationships`);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ error: { code: expect.any(String) } });
      expect(target.statesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      await target.close();
    }
  });

  it('gives the live target back as such, for its cleanup', async () => {
    const choice: TargetChoice = { kind: 'live', config: { baseUrl: 'http://127.0.0.1:9', auth: { kind: 'token', accessToken: 'a-token' } } };
    const { target, live } = await startTarget(choice, { model: () => extract([CONTRACTS_DIR]).model, live: { allowWrites: false, logger: silentLogger } });
    expect(live).toBe(target);
    expect(target.baseUrl).toBe('http://127.0.0.1:9');
    expect(live!.present()).toEqual([]);
    await target.close();
  });
});

describe('the serverless handler chooses its target here too', () => {
  const env = { PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: 'broker-token-123', GRAPH_CONTRACTS_WEBHOOK_SECRET: 'a-webhook-secret-of-32-characters' };

  it('a URL target with its provider-state URL, started per call', async () => {
    const config = handlerConfigFromEnv({ ...env, GRAPH_CONTRACTS_TARGET: 'http://127.0.0.1:9', GRAPH_CONTRACTS_STATES_URL: 'http://127.0.0.1:9/states' });
    const target = await config.target();
    expect(target).toMatchObject({ name: 'http://127.0.0.1:9', baseUrl: 'http://127.0.0.1:9', statesUrl: 'http://127.0.0.1:9/states' });
    await target.close();
  });

  it('any other setting is a configuration error in the same words as the CLI\'s', () => {
    expect(() => handlerConfigFromEnv({ ...env, GRAPH_CONTRACTS_TARGET: 'ftp://127.0.0.1' })).toThrow('GRAPH_CONTRACTS_TARGET must be "mock", "live" or an http(s) URL, not "ftp://127.0.0.1".');
  });
});
