/**
 * A recording proxy between Pact's verifier and the provider: it forwards each request unchanged
 * and keeps the exchange (request line, response status, headers, body) so that the conformance
 * pass can judge every field of every response, which Pact's verifier does not expose.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Recorder {
  url: string;
  /** Exchanges since the last `take()`. */
  take(): Exchange[];
  close(): Promise<void>;
}

/** An exchange whose answer did not come within the request timeout has this status. */
export const TIMED_OUT = 0;

export async function startRecorder(
  targetBaseUrl: string,
  options: { requestTimeoutMs?: number; extraHeaders?: () => Promise<Record<string, string>> } = {},
): Promise<Recorder> {
  const extraHeaders = options.extraHeaders ?? (async () => ({}));
  const target = new URL(targetBaseUrl);
  let exchanges: Exchange[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const headers: IncomingHttpHeaders = { ...incoming.headers, ...(await extraHeaders()), host: target.host };
        const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
        let answered = false;
        const basePath = target.pathname.replace(/\/$/, '');
        const upstream = send(
          { protocol: target.protocol, hostname: target.hostname, port: target.port, method: incoming.method, path: `${basePath}${incoming.url ?? '/'}`, headers },
          (response) => {
            answered = true;
            upstream.setTimeout(0);
            const body: Buffer[] = [];
            response.on('data', (chunk: Buffer) => body.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(body);
              const flat: Record<string, string> = {};
              for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
              exchanges.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: response.statusCode ?? 0, headers: flat, body: text.toString('utf8') });
              outgoing.writeHead(response.statusCode ?? 502, response.headers).end(text);
            });
          },
        );
        // Judge a slow answer as Pact's verifier does: past the request timeout there is no answer.
        if (options.requestTimeoutMs) {
          upstream.setTimeout(options.requestTimeoutMs, () => {
            if (answered) return;
            exchanges.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: TIMED_OUT, headers: {}, body: '' });
            upstream.destroy();
            if (!outgoing.headersSent) outgoing.writeHead(504).end();
          });
        }
        upstream.on('error', (error) => {
          if (upstream.destroyed && options.requestTimeoutMs && exchanges.at(-1)?.status === TIMED_OUT) return;
          exchanges.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: 502, headers: {}, body: error.message });
          outgoing.writeHead(502).end();
        });
        upstream.end(Buffer.concat(chunks));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
