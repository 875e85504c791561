/**
 * A Graph error response, typed. Graph reports failures as
 * `{"error": {"code": "...", "message": "...", "innerError": {...}}}` with a 4xx/5xx status.
 */
import { excerpt } from '../internal/secrets';
import { isRecord } from '../internal/records';
import { GraphContractsError } from '../internal/errors';

export class GraphApiError extends GraphContractsError {
  override readonly name = 'GraphApiError' as const;
  readonly code = 'graph_request_failed' as const;
  /** The answer's `Retry-After` header (429 and 503 carry one), for callers that retry. */
  retryAfter: string | null = null;

  constructor(
    readonly status: number,
    /** Graph's error code, e.g. `Request_ResourceNotFound`; `unknownError` when the body has none. */
    readonly graphCode: string,
    readonly graphMessage: string,
    readonly innerError: Record<string, unknown> | null,
    /** The request, as `METHOD path`, for the message. Never includes headers or tokens. */
    readonly request: string,
  ) {
    super(`Graph request failed with status ${status} (${graphCode}): ${request}: ${graphMessage}`, { where: request });
  }

  /** Reads the Graph error envelope from a response body, tolerating bodies that are not one. */
  static fromResponse(status: number, body: unknown, request: string): GraphApiError {
    const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
    const code = typeof error?.['code'] === 'string' ? error['code'] : 'unknownError';
    const message = typeof error?.['message'] === 'string' ? error['message'] : typeof body === 'string' && body ? excerpt(body, 200) : 'no error message';
    const inner = error?.['innerError'] ?? error?.['innererror'];
    return new GraphApiError(status, code, message, isRecord(inner) ? inner : null, request);
  }
}

export function isGraphApiError(value: unknown): value is GraphApiError {
  return value instanceof GraphApiError;
}

