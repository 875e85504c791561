/**
 * The live run's own Graph calls (creating provider-state objects, deleting them), made with the
 * Graph client under the same retry policy and concurrency limit as the replayed requests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphClient, type GraphRequest, type GraphResponse } from '../consumer/graph-client';
import { isGraphApiError } from '../consumer/graph-error';
import type { TokenProvider } from '../consumer/token-provider';
import type { ConcurrencyLimiter } from '../internal/limiter';
import type { Logger } from '../internal/log';
import { decideRetry, type RetryPolicy } from './retry';

export interface LiveCalls {
  send(request: GraphRequest): Promise<GraphResponse>;
  /** DELETE: true when deleted, false when not found (404). */
  remove(path: string): Promise<boolean>;
}

/**
 * Deleting what a run created matters more than any one verdict: cleanup gets twice the retries
 * and twice the time budget (at least 8 retries), still bounded.
 */
export function cleanupPolicy(retry: RetryPolicy): RetryPolicy {
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
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await options.limiter.run(() => client.request(request));
      } catch (error) {
        const status = isGraphApiError(error) ? error.status : null;
        const headers: Record<string, string> = isGraphApiError(error) && error.retryAfter ? { 'retry-after': error.retryAfter } : {};
        const decision = decideRetry(status === null ? null : { status, headers }, attempt, waited, retry, Math.random, Date.now(), request.method);
        if (!decision.retry || options.signal?.aborted) throw error;
        options.logger.debug(`${request.method} ${request.path}: ${decision.reason}`);
        const stopped = await sleep(decision.delayMs, false, options.signal ? { signal: options.signal } : {}).catch(() => true);
        if (stopped) throw error;
        waited += decision.delayMs;
      }
    }
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
