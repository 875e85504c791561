/**
 * Azure Functions adapter (Node programming model v4, HTTP trigger): register it with
 * `app.http('verify-pact', { methods: ['POST'], authLevel: 'function', handler: azureHandler })`.
 * Only the request's `method`, `headers` and `text()` are read, so no Azure package is needed here.
 */
import { configureOrFail, handleVerificationWebhook, handlerConfigFromEnv, type HandlerConfig } from './handler';

/** The parts of `@azure/functions`' HttpRequest this adapter reads. */
export interface AzureHttpRequest {
  method: string;
  /** A fetch `Headers`: case-insensitive `get`. */
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** An `@azure/functions` HttpResponseInit. */
export interface AzureHttpResponse {
  status: number;
  jsonBody: unknown;
  headers: Record<string, string>;
}

export function createAzureHandler(configure: () => HandlerConfig = handlerConfigFromEnv): (request: AzureHttpRequest, context?: unknown) => Promise<AzureHttpResponse> {
  return async (request) => {
    if (request.method !== 'POST') return response(405, { error: `Send the webhook with POST, not ${request.method}.` });
    const configured = configureOrFail(configure);
    if ('failure' in configured) return response(configured.failure.status, configured.failure.body);
    const { config } = configured;
    const result = await handleVerificationWebhook(await request.text(), config, (name) => request.headers.get(name));
    return response(result.status, result.body);
  };
}

function response(status: number, jsonBody: unknown): AzureHttpResponse {
  return { status, jsonBody, headers: { 'Content-Type': 'application/json' } };
}

export const azureHandler = createAzureHandler();
