/**
 * The live run's own Graph calls (creating provider-state objects, deleting them), made with the
 * Graph client under the same retry policy and concurrency limit as the replayed requests.
 */
import { GraphClient, type GraphRequest, type GraphResponse } from '../consumer/graph-client';
import { isGraphApiError } from '../consumer/graph-error';
import type { TokenProvider } from '../consumer/token-provider';
import type { ConcurrencyLimiter } from '../internal/limiter';
import type { Logger } from '../internal/log';
import { withRetries, type RetryPolicy } from '../internal/retry';

export interface LiveCalls {
  send(request: GraphRequest): Promise<GraphResponse>;
  /** DELETE: true when deleted, false when not found (404). */
  remove(path: string): Promise<boolean>;
}

/**
 * Deleting what a run created matters more than any one verdict: cleanup gets twice the retries
 * and twice the time budget (at least 8 retries), still bounded.
 */
function cleanupPolicy(retry: RetryPolicy): RetryPolicy {
  return { ...retry, maxRetries: Math.max(8, retry.maxRetries * 2), maxTotalMs: retry.maxTotalMs * 2 };
}

export function liveCalls(options: {
  baseUrl: string;
  tokenProvider: TokenProvider;
  retry: RetryPolicy;
  limiter: ConcurrencyLimiter;
  logger: Logger;
  timeoutMs: number;
  /** Aborts the waits between retries (the run is stopping): the last answer stands. */
  signal?: AbortSignal;
}): LiveCalls {
  const client = new GraphClient({ baseURL: options.baseUrl, tokenProvider: options.tokenProvider, timeoutMs: options.timeoutMs });
  const send = async (request: GraphRequest, retry: RetryPolicy = options.retry): Promise<GraphResponse> => {
    type Outcome = { response: GraphResponse } | { error: unknown };
    const once = (): Promise<Outcome> => options.limiter.run(() => client.request(request)).then((response) => ({ response }), (error: unknown) => ({ error }));
    const { result } = await withRetries(
      once,
      (outcome) => {
        if ('response' in outcome) return 'final';
        const { error } = outcome;
        return isGraphApiError(error) ? { status: error.status, headers: error.retryAfter ? { 'retry-after': error.retryAfter } : {} } : null;
      },
      { policy: retry, method: request.method, ...(options.signal ? { signal: options.signal } : {}), onRetry: (_outcome, _attempt, decision) => options.logger.debug(`${request.method} ${request.path}: ${decision.reason}`) },
    );
    if ('error' in result) throw result.error;
    return result.response;
  };
  return {
    send,
    remove: async (path) => {
      try {
        await send({ method: 'DELETE', path }, cleanupPolicy(options.retry));
        options.logger.debug(`deleted ${path}`);
        return true;
      } catch (error) {
        if (isGraphApiError(error) && error.status === 404) return false;
        throw error;
      }
    },
  };
}
