/**
 * A recording proxy between Pact's verifier and the provider: it forwards each request and keeps
 * the exchange (request line, response status, headers, body) so that the conformance pass can
 * judge every field of every response, which Pact's verifier does not expose.
 *
 * For a live target it is also the request filter: it puts the real Authorization header in place
 * of the pact's fake one (so Pact's verifier, its logs and the pacts never see a real token),
 * retries throttled and failed answers within bounds, and keeps to a concurrency limit.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConcurrencyLimiter } from '../internal/limiter';
import type { Logger } from '../internal/log';
import { silentLogger } from '../internal/log';
import { withRetries, type RetryPolicy } from '../internal/retry';
import { closeServer, listenLocally } from '../internal/local-server';
import { flatHeaders } from '../internal/headers';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Requests sent for this exchange (1 without retries). */
  attempts?: number;
}

export interface Recorder {
  url: string;
  /** Exchanges since the last `take()`. */
  take(): Exchange[];
  close(): Promise<void>;
}

export interface RecorderOptions {
  requestTimeoutMs?: number;
  /** Headers put on every forwarded request (lower-case names), replacing the incoming ones. */
  extraHeaders?: () => Promise<Record<string, string>>;
  retry?: RetryPolicy;
  limiter?: ConcurrencyLimiter;
  /** Called with each finished exchange and the request body (the live target records what it creates). */
  onExchange?: (exchange: Exchange, requestBody: string) => void;
  logger?: Logger;
}

/** An exchange whose answer did not come within the request timeout has this status. */
const TIMED_OUT = 0;

/**
 * A target that reports its own answers (the built-in mock, see its `tap`): what it answered each
 * request, as its client read it, with the same time limit as the proxy's (past it: a 504,
 * recorded with status 0).
 */
export type ExchangeTap = (tap: { timeoutMs: number; record(exchange: Exchange): void } | null) => void;

/**
 * A recorder over a target's own tap instead of a proxy: Pact's verifier calls the target
 * directly, and each answer is recorded as the proxy would have recorded it. On the mock this
 * saves an HTTP hop per request (the proxy's server and client) at no cost to what is recorded.
 */
export function tapRecorder(targetBaseUrl: string, tap: ExchangeTap, options: { requestTimeoutMs: number; onExchange?: (exchange: Exchange) => void }): Recorder {
  let exchanges: Exchange[] = [];
  tap({
    timeoutMs: options.requestTimeoutMs,
    record: (exchange) => {
      const recorded = { ...exchange, attempts: 1 };
      exchanges.push(recorded);
      options.onExchange?.(recorded);
    },
  });
  return {
    url: targetBaseUrl,
    take: () => {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
    close: async () => tap(null),
  };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function startRecorder(targetBaseUrl: string, options: RecorderOptions = {}): Promise<Recorder> {
  const extraHeaders = options.extraHeaders ?? (async () => ({}));
  const logger = options.logger ?? silentLogger;
  const target = new URL(targetBaseUrl);
  const basePath = target.pathname.replace(/\/$/, '');
  let exchanges: Exchange[] = [];
  // Closing aborts retry waits and requests in flight; close() then waits for their handlers, so
  // that every exchange (a write whose outcome is unknown included) is reported before it returns.
  const closing = new AbortController();
  const inFlight = new Set<Promise<void>>();

  /** One request upstream: an answer, 'timeout', or an Error. */
  const forwardOnce = (method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer | 'timeout' | Error> =>
    new Promise((resolve) => {
      if (closing.signal.aborted) return resolve(new Error('the run was stopped before this request was sent'));
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      let deadline: NodeJS.Timeout | undefined;
      const settle = (result: Answer | 'timeout' | Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(result);
      };
      const upstream = send({ protocol: target.protocol, hostname: target.hostname, port: target.port, method, path: `${basePath}${url}`, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', (error) => settle(error));
      });
      // Judge a slow answer as Pact's verifier does: past the request timeout there is no answer,
      // whether its headers never came or its body never ended.
      if (options.requestTimeoutMs) {
        deadline = setTimeout(() => {
          settle('timeout');
          upstream.destroy();
        }, options.requestTimeoutMs);
      }
      upstream.on('error', (error) => settle(error));
      const abort = (): void => {
        settle('timeout');
        upstream.destroy();
      };
      closing.signal.addEventListener('abort', abort, { once: true });
      upstream.on('close', () => closing.signal.removeEventListener('abort', abort));
      upstream.end(body);
    });

  const forward = async (method: string, url: string, incoming: IncomingHttpHeaders, body: Buffer): Promise<{ result: Answer | 'timeout' | Error; attempts: number }> => {
    const send = async (): Promise<Answer | 'timeout' | Error> => {
      const headers: IncomingHttpHeaders = { ...incoming, ...(await extraHeaders()), host: target.host };
      // The concurrency slot is held per attempt, not through the waits between attempts.
      const once = () => forwardOnce(method, url, headers, body);
      return options.limiter ? options.limiter.run(once) : once();
    };
    if (!options.retry) return { result: await send(), attempts: 1 };
    return withRetries(send, (result) => (result === 'timeout' ? 'final' : result instanceof Error ? null : { status: result.status, headers: flatHeaders(result.headers) }), {
      policy: options.retry,
      method,
      signal: closing.signal,
      onRetry: (result, attempt, decision) => logger.debug(`${method} ${url}: attempt ${attempt + 1} got ${typeof result === 'string' ? result : result instanceof Error ? result.message : result.status}; ${decision.reason}`),
      onGiveUp: (decision) => logger.debug(`${method} ${url}: ${decision.reason}`),
    });
  };

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const handled = (async () => {
        const method = incoming.method ?? 'GET';
        const url = incoming.url ?? '/';
        const requestBody = Buffer.concat(chunks);
        let forwarded: { result: Answer | 'timeout' | Error; attempts: number };
        try {
          forwarded = await forward(method, url, incoming.headers, requestBody);
        } catch (error) {
          // A failure before anything was sent (the token could not be renewed): answer, never crash.
          forwarded = { result: error instanceof Error ? error : new Error(String(error)), attempts: 0 };
        }
        const { result, attempts } = forwarded;
        let exchange: Exchange;
        if (result === 'timeout') {
          exchange = { method, path: url, status: TIMED_OUT, headers: {}, body: '', attempts };
          outgoing.writeHead(504).end();
        } else if (result instanceof Error) {
          exchange = { method, path: url, status: 502, headers: {}, body: result.message, attempts };
          outgoing.writeHead(502).end();
        } else {
          exchange = { method, path: url, status: result.status, headers: flatHeaders(result.headers), body: result.body.toString('utf8'), attempts };
          outgoing.writeHead(result.status, result.headers).end(result.body);
        }
        exchanges.push(exchange);
        logger.debug(`${method} ${url} -> ${exchange.status === TIMED_OUT ? 'no answer within the request timeout' : exchange.status}${attempts > 1 ? ` after ${attempts} attempts` : ''}`);
        options.onExchange?.(exchange, requestBody.toString('utf8'));
      })();
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    });
  });
  const proxyUrl = await listenLocally(server);
  return {
    url: proxyUrl,
    take: () => {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
    close: async () => {
      closing.abort();
      await Promise.allSettled([...inFlight]);
      await closeServer(server);
    },
  };
}

