import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAzureHandler } from '../../src/serverless/azure-functions';
import { createLambdaHandler, type ApiGatewayHttpEvent } from '../../src/serverless/aws-lambda';
import { handlerConfigFromEnv } from '../../src/serverless/handler';
import { REPO_ROOT } from '../helpers';
import { startBrokerStandIn, type BrokerStandIn } from '../broker/broker-stand-in';

const TOKEN = 'webhook-token-0a1b2c3d4e';
const WEBHOOK_SECRET = 'shared-webhook-secret-5f6e7d8c';
const SEED = JSON.parse(readFileSync(join(REPO_ROOT, 'pacts', 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8'));
const PROVIDER: string = SEED.provider.name;

function brokenCopy(): Record<string, unknown> {
  const content = structuredClone(SEED);
  content.consumer.name = 'consumer-broken';
  for (const interaction of content.interactions) interaction.response.status = 299;
  return content;
}

/**
 * The body the broker sends for the webhook docs/pipelines.md defines: each `${pactbroker.*}` template
 * parameter of a contract_requiring_verification_published event, filled in.
 */
function webhookPayload(broker: BrokerStandIn, consumer: string): Record<string, string> {
  return {
    eventName: 'contract_requiring_verification_published',
    pactUrl: `${broker.url}/pacts/provider/${encodeURIComponent(PROVIDER)}/consumer/${consumer}/version/1.0.0`,
    providerName: PROVIDER,
    providerVersionNumber: '3.1.4',
    providerVersionBranch: 'main',
    consumerName: consumer,
    consumerVersionNumber: '1.0.0',
    consumerVersionBranch: 'feat/partner-api',
  };
}

/** An API Gateway HTTP API (payload 2.0) event as Lambda receives it. */
function apiGatewayEvent(body: string, options: { method?: string; base64?: boolean; secret?: string | null } = {}): ApiGatewayHttpEvent {
  const event = {
    version: '2.0',
    routeKey: 'POST /verify',
    rawPath: '/verify',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'Pact Broker', ...(options.secret === null ? {} : { 'x-graph-contracts-webhook-secret': options.secret ?? WEBHOOK_SECRET }) },
    requestContext: { http: { method: options.method ?? 'POST', path: '/verify', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'Pact Broker' }, routeKey: 'POST /verify', stage: '$default' },
    body: options.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
  };
  return event;
}

/** An Azure Functions v4 HttpRequest: fetch Headers (case-insensitive), as the broker sends them. */
const azureRequest = (body: string, method = 'POST', secret: string | null = WEBHOOK_SECRET) => {
  const headers = new Headers({ 'Content-Type': 'application/json', ...(secret === null ? {} : { 'X-Graph-Contracts-Webhook-Secret': secret }) });
  return { method, headers, text: async () => body };
};

describe('serverless verification handler', () => {
  let broker: BrokerStandIn;
  let configure: () => ReturnType<typeof handlerConfigFromEnv>;
  beforeAll(async () => {
    broker = await startBrokerStandIn({
      token: TOKEN,
      pacts: [
        { consumer: 'graph-contracts', consumerVersion: '1.0.0', provider: PROVIDER, content: SEED },
        { consumer: 'consumer-broken', consumerVersion: '1.0.0', provider: PROVIDER, content: brokenCopy() },
        { consumer: 'no-provider', consumerVersion: '1.0.0', provider: PROVIDER, content: { ...structuredClone(SEED), provider: undefined } },
      ],
    });
    configure = () => handlerConfigFromEnv({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, GRAPH_CONTRACTS_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });
  afterAll(() => broker.close());
  beforeEach(() => broker.requests.splice(0));

  it('AWS Lambda: verifies the webhook\'s pact against the mock, publishes the result, answers 200 with the summary', async () => {
    const result = await createLambdaHandler(configure)(apiGatewayEvent(JSON.stringify(webhookPayload(broker, 'graph-contracts'))));
    expect(result.statusCode).toBe(200);
    expect(result.headers['Content-Type']).toBe('application/json');
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({ success: true, consumer: 'graph-contracts', provider: PROVIDER, providerVersionNumber: '3.1.4', providerVersionBranch: 'main', target: 'mock', failed: 0, failures: [] });
    expect(body.interactions).toBe(SEED.interactions.length);
    expect(body.verificationResultUrl).toContain('/verification-results');
    const get = broker.requests.find((r) => r.method === 'GET' && r.path.includes('/consumer/graph-contracts/'))!;
    expect(get.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(broker.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([`/pacticipants/${encodeURIComponent(PROVIDER)}/branches/main/versions/3.1.4`]);
    const published = broker.requests.find((r) => r.method === 'POST' && r.path.endsWith('/verification-results'))!;
    expect(published.body).toMatchObject({ success: true, providerApplicationVersion: '3.1.4' });
    // Each test result names its interaction by the broker's id as well as its description.
    const results = (published.body as { testResults: { interactionId?: string; interactionDescription: string }[] }).testResults;
    expect(results.map((r) => r.interactionDescription)).toEqual(SEED.interactions.map((i: { description: string }) => i.description));
    expect(results.every((r) => typeof r.interactionId === 'string' && r.interactionId.length > 0)).toBe(true);
    expect(result.body).not.toContain(TOKEN);
  }, 60_000);

  it('AWS Lambda: a base64-encoded body works the same', async () => {
    const result = await createLambdaHandler(configure)(apiGatewayEvent(JSON.stringify(webhookPayload(broker, 'graph-contracts')), { base64: true }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).success).toBe(true);
  }, 60_000);

  it('Azure Functions: a failing verification is a 200 with the failing summary, and the failure is published', async () => {
    const result = await createAzureHandler(configure)(azureRequest(JSON.stringify(webhookPayload(broker, 'consumer-broken'))));
    expect(result.status).toBe(200);
    const body = result.jsonBody as { success: boolean; failed: number; failures: { findings: { verdict: string; expected: string }[] }[] };
    expect(body.success).toBe(false);
    expect(body.failed).toBe(SEED.interactions.length);
    expect(body.failures[0]!.findings).toContainEqual(expect.objectContaining({ code: 'status_mismatch', path: ['status'], expected: { kind: 'status', status: 299 } }));
    const published = broker.requests.find((r) => r.method === 'POST' && r.path.endsWith('/verification-results'))!;
    expect(published.path).toContain('/consumer/consumer-broken/');
    expect(published.body).toMatchObject({ success: false, providerApplicationVersion: '3.1.4' });
  }, 60_000);

  const broken: [string, string, RegExp][] = [
    ['an empty body', '', /no body/],
    ['a body that is not JSON', '{"pactUrl": ', /not JSON/],
    ['a JSON array', '[]', /JSON object/],
    ['no pactUrl', JSON.stringify({ providerVersionNumber: '1' }), /pactUrl is missing/],
    ['no providerVersionNumber', JSON.stringify({ pactUrl: 'http://127.0.0.1:1/pacts/x' }), /providerVersionNumber is missing/],
    ['an unfilled template', JSON.stringify({ pactUrl: 'http://127.0.0.1:1/${pactbroker.pactUrl}', providerVersionNumber: '1' }), /unfilled template/],
    ['a pactUrl that is no URL', JSON.stringify({ pactUrl: 'pacts/x.json', providerVersionNumber: '1' }), /http\(s\) URL/],
    ['a pactUrl that cannot be parsed', JSON.stringify({ pactUrl: 'http://[broken/pact', providerVersionNumber: '1' }), /http\(s\) URL/],
    ['another event', JSON.stringify({ eventName: 'provider_verification_published', pactUrl: 'http://127.0.0.1:1/p', providerVersionNumber: '1' }), /not "provider_verification_published"/],
    ['a branch that is not a string', JSON.stringify({ pactUrl: 'http://127.0.0.1:1/p', providerVersionNumber: '1', providerVersionBranch: 7 }), /providerVersionBranch must be a string/],
  ];

  it.each(broken)('both adapters answer 400 to %s, saying what is wrong', async (_name, body, message) => {
    const lambda = await createLambdaHandler(configure)(apiGatewayEvent(body));
    expect(lambda.statusCode).toBe(400);
    expect(JSON.parse(lambda.body).error).toMatch(message);
    const azure = await createAzureHandler(configure)(azureRequest(body));
    expect(azure.status).toBe(400);
    expect((azure.jsonBody as { error: string }).error).toMatch(message);
    expect(broker.requests).toEqual([]);
  });

  it('a pactUrl on another host than the broker is refused (400): the broker token is never sent elsewhere', async () => {
    const payload = { ...webhookPayload(broker, 'graph-contracts'), pactUrl: 'http://127.0.0.1:9/pacts/x' };
    const result = await createLambdaHandler(configure)(apiGatewayEvent(JSON.stringify(payload)));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error).toContain('must be on the configured Pact Broker');
  });

  it('GET is a 405 in both adapters', async () => {
    expect((await createLambdaHandler(configure)(apiGatewayEvent('', { method: 'GET' }))).statusCode).toBe(405);
    expect((await createAzureHandler(configure)(azureRequest('', 'GET'))).status).toBe(405);
  });

  it('a pact the broker does not have is a 502 naming the broker\'s answer, without the token', async () => {
    const payload = { ...webhookPayload(broker, 'nobody') };
    const result = await createAzureHandler(configure)(azureRequest(JSON.stringify(payload)));
    expect(result.status).toBe(502);
    expect((result.jsonBody as { error: string }).error).toMatch(/answered 404/);
    expect(result.jsonBody).toMatchObject({ code: 'broker_request_failed' });
    expect(JSON.stringify(result.jsonBody)).not.toContain(TOKEN);
  });

  it('a broker that refuses the token is a 502 whose message does not contain it', async () => {
    const wrong = 'wrong-webhook-token-99';
    const result = await createLambdaHandler(() => handlerConfigFromEnv({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: wrong, GRAPH_CONTRACTS_WEBHOOK_SECRET: WEBHOOK_SECRET }))(apiGatewayEvent(JSON.stringify(webhookPayload(broker, 'graph-contracts'))));
    expect(result.statusCode).toBe(502);
    expect(result.body).toMatch(/answered 401/);
    expect(result.body).not.toContain(wrong);
  });

  it('without the shared webhook secret, or with a wrong one, both adapters answer 401 and verify nothing', async () => {
    const body = JSON.stringify(webhookPayload(broker, 'graph-contracts'));
    for (const secret of [null, 'wrong-secret-of-some-length']) {
      const lambda = await createLambdaHandler(configure)(apiGatewayEvent(body, { secret }));
      expect(lambda.statusCode).toBe(401);
      expect(JSON.parse(lambda.body).error).toContain('x-graph-contracts-webhook-secret');
      const azure = await createAzureHandler(configure)(azureRequest(body, 'POST', secret));
      expect(azure.status).toBe(401);
    }
    expect(broker.requests).toEqual([]);
  });

  it('a function without a webhook secret of at least 16 characters is misconfigured (500 saying what to set)', async () => {
    const result = await createAzureHandler(() => handlerConfigFromEnv({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, GRAPH_CONTRACTS_WEBHOOK_SECRET: 'short' }))(azureRequest('{}'));
    expect(result.status).toBe(500);
    expect((result.jsonBody as { error: string }).error).toContain('Set GRAPH_CONTRACTS_WEBHOOK_SECRET to a random secret of at least 16 characters');
    expect(result.jsonBody).toMatchObject({ code: 'broker_config_invalid' });
  });

  it('a document that is not a pact (no provider) is a 502 naming it, not a crash', async () => {
    const result = await createAzureHandler(configure)(azureRequest(JSON.stringify(webhookPayload(broker, 'no-provider'))));
    expect(result.status).toBe(502);
    expect((result.jsonBody as { error: string }).error).toMatch(/\/consumer\/no-provider\/version\/1\.0\.0 is not a pact that can be verified: .*provider(\.name: missing| or interactions)/);
    expect(result.jsonBody).toMatchObject({ code: 'pact_load_failed' });
  }, 60_000);

  it('a target that cannot start is a 500 with the reason, not a crash', async () => {
    const failing = () => ({ ...configure(), target: async () => Promise.reject(new Error(`no route to the target (token ${TOKEN})`)) });
    const result = await createLambdaHandler(failing)(apiGatewayEvent(JSON.stringify(webhookPayload(broker, 'graph-contracts'))));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).error).toBe('The verification target could not start: no route to the target (token [redacted])');
  });

  it('a function without PACT_BROKER_BASE_URL answers 500 saying what to set', async () => {
    const result = await createAzureHandler(() => handlerConfigFromEnv({}))(azureRequest('{}'));
    expect(result.status).toBe(500);
    expect((result.jsonBody as { error: string }).error).toContain('PACT_BROKER_BASE_URL');
  });

  it('a function set to the live target without credentials answers 500 naming what to set, secrets unshown', async () => {
    const env = { PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: TOKEN, GRAPH_CONTRACTS_WEBHOOK_SECRET: WEBHOOK_SECRET, GRAPH_CONTRACTS_TARGET: 'live', AZURE_CLIENT_ID: 'app', AZURE_CLIENT_SECRET: 'live-secret-not-shown-123' };
    const result = await createAzureHandler(() => handlerConfigFromEnv(env))(azureRequest('{}'));
    expect(result.status).toBe(500);
    const error = (result.jsonBody as { error: string }).error;
    expect(error).toContain('Client credentials are incomplete: set AZURE_TENANT_ID too');
    expect(error).not.toContain('live-secret-not-shown-123');
  });
});
