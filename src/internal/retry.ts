/**
 * Retries for a shared, rate-limited service. 429 and 503 answers wait as long as `Retry-After`
 * asks (seconds or an HTTP date); other 5xx answers and connection errors back off exponentially
 * with full jitter. Everything is bounded: a number of retries, a longest single wait, and a
 * total time budget, after which the last answer stands. A service asking for a longer wait than
 * allowed gets its answer passed on rather than an early retry.
 *
 * A POST is not idempotent: after a 5xx or a lost connection it may have created something, and
 * sending it again would create a second. It is retried only on 429, and on 503 with
 * `Retry-After`, the answers that say the request was not processed.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  maxRetries: number;
  /** Longest single wait, also the cap on `Retry-After` (default 30 s). */
  maxDelayMs: number;
  /** Time budget for all waits of one request (default 60 s). */
  maxTotalMs: number;
  /** First backoff step for 5xx without `Retry-After` (default 500 ms). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, maxDelayMs: 30_000, maxTotalMs: 60_000, baseDelayMs: 500 };

export interface Attempt {
  status: number;
  headers: Record<string, string>;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/** Seconds or an HTTP date, as ms from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Whether to retry after attempt number `attempt` (0 = the first) that got `result` (null: no
 * answer, a connection error), having waited `waitedMs` so far.
 */
export function decideRetry(
  result: Attempt | null,
  attempt: number,
  waitedMs: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  now: number = Date.now(),
  method = 'GET',
): RetryDecision {
  const status = result?.status ?? null;
  const retryable = status === null || status === 429 || status >= 500;
  if (!retryable) return { retry: false, delayMs: 0, reason: 'not a retryable answer' };
  const asked = status === 429 || status === 503 ? retryAfterMs(result?.headers['retry-after'], now) : null;
  if (method.toUpperCase() === 'POST' && status !== 429 && !(status === 503 && asked !== null)) {
    return { retry: false, delayMs: 0, reason: `a POST that got ${status ?? 'no answer'} may have taken effect; not sent again` };
  }
  if (attempt >= policy.maxRetries) return { retry: false, delayMs: 0, reason: `gave up after ${policy.maxRetries} retries` };
  if (asked !== null && asked > policy.maxDelayMs) return { retry: false, delayMs: 0, reason: `the service asks to wait ${asked} ms, longer than the ${policy.maxDelayMs} ms allowed` };
  const backoff = Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
  const delayMs = Math.min(asked ?? backoff, policy.maxDelayMs);
  if (waitedMs + delayMs > policy.maxTotalMs) return { retry: false, delayMs: 0, reason: `a further wait of ${delayMs} ms would pass the ${policy.maxTotalMs} ms retry budget` };
  return { retry: true, delayMs, reason: asked !== null ? `${status} with Retry-After: waiting ${delayMs} ms` : `${status ?? 'no answer'}: backing off ${delayMs} ms` };
}

/**
 * The retry loop both the recording proxy and the run's own Graph calls use: `send` once, read
 * its result with `attemptOf` (an answer's status and headers; null for no answer; `'final'` for
 * a result never to retry, a success or a timeout), and send again while `decideRetry` says so,
 * waiting in between. An abort of `signal` ends the waiting and leaves the last result standing.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  attemptOf: (result: T) => Attempt | null | 'final',
  options: { policy: RetryPolicy; method: string; signal?: AbortSignal; onRetry?: (result: T, attempt: number, decision: RetryDecision) => void; onGiveUp?: (decision: RetryDecision) => void },
): Promise<{ result: T; attempts: number }> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const result = await send();
    const read = attemptOf(result);
    if (read === 'final' || options.signal?.aborted) return { result, attempts: attempt + 1 };
    const decision = decideRetry(read, attempt, waited, options.policy, Math.random, Date.now(), options.method);
    if (!decision.retry) {
      if (attempt > 0) options.onGiveUp?.(decision);
      return { result, attempts: attempt + 1 };
    }
    options.onRetry?.(result, attempt, decision);
    const stopped = await sleep(decision.delayMs, false, options.signal ? { signal: options.signal } : {}).catch(() => true);
    if (stopped) return { result, attempts: attempt + 1 };
    waited += decision.delayMs;
  }
}
