/**
 * AWS Lambda adapter: an API Gateway HTTP API (payload format 2.0) or Lambda function URL event
 * in, a proxy result out. Configuration comes from the function's environment
 * (see `handlerConfigFromEnv`). Deploy with `handler` as the entry point.
 */
import { configureOrFail, handleVerificationWebhook, handlerConfigFromEnv, type HandlerConfig } from './handler';

/** The parts of the API Gateway HTTP API v2 event this adapter reads. */
export interface ApiGatewayHttpEvent {
  body?: string | null;
  /** Payload format 2.0 gives header names in lower case. */
  headers?: Record<string, string | undefined>;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

export interface ApiGatewayHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function createLambdaHandler(configure: () => HandlerConfig = handlerConfigFromEnv): (event: ApiGatewayHttpEvent) => Promise<ApiGatewayHttpResult> {
  return async (event) => {
    const method = event?.requestContext?.http?.method;
    if (method && method !== 'POST') return result(405, { error: `Send the webhook with POST, not ${method}.` });
    const configured = configureOrFail(configure);
    if ('failure' in configured) return result(configured.failure.status, configured.failure.body);
    const { config } = configured;
    const raw = event?.body ?? '';
    const body = event?.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    const headers = Object.fromEntries(Object.entries(event?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const response = await handleVerificationWebhook(body, config, (name) => headers[name.toLowerCase()]);
    return result(response.status, response.body);
  };
}

function result(statusCode: number, body: unknown): ApiGatewayHttpResult {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

export const handler = createLambdaHandler();
