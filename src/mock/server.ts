/**
 * The mocked Graph endpoint: an HTTP server derived from the contract model, bound to 127.0.0.1.
 *
 * It behaves like Graph for the documented operations: a bearer token is required (401 with the
 * Graph error envelope otherwise); POST to an entity set creates an entity with a generated id
 * (201), GET reads it, PATCH updates it, DELETE removes it, and a missing entity is a 404; request
 * bodies are checked against the documented types and required properties (400 naming the
 * field); responses carry `@odata.context`, `request-id`, `client-request-id` and Graph's
 * Content-Type. Other documented operations (actions, functions, lists) answer their documented
 * response. Pact provider states are set up through `POST /_graph-contracts/provider-states`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractModel } from '../contract/model';
import { applyBodyFault, FAULT_HEADER, parseFaultMode, type FaultConfig, type FaultMode, type InjectedFault } from './faults';
import { randomUuid, seededRandom } from './random';
import { parseSearch } from '../internal/query';
import { GraphBehaviour } from './behaviour';
import { errorReply as error, type Reply } from './reply';
import { closeServer } from '../internal/local-server';

export const STATES_PATH = '/_graph-contracts/provider-states';
const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface MockOptions {
  model: ContractModel;
  host?: string;
  port?: number;
  faults?: FaultConfig;
  seed?: number;
}

export interface RunningMock {
  url: string;
  statesUrl: string;
  /** Faults injected so far, in order. */
  faults: InjectedFault[];
  /** The objects clients and provider states put in the mock and did not remove, as `set/key` (to check what a run left behind). */
  objects(): string[];
  /** What the mock could not check (types the docs given do not define), one line each. */
  diagnostics(): string[];
  close(): Promise<void>;
}

export async function startMock(options: MockOptions): Promise<RunningMock> {
  const mock = new GraphMock(options);
  const server: Server = createServer((request, response) => {
    mock.handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`mock error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  mock.baseUrl = url;
  return {
    url,
    statesUrl: `${url}${STATES_PATH}`,
    faults: mock.injected,
    objects: () => mock.behaviour.objects(),
    diagnostics: () => mock.behaviour.diagnostics(),
    close: () => closeServer(server),
  };
}

class GraphMock {
  readonly injected: InjectedFault[] = [];
  /** Where the mock listens: documented Location URLs are rewritten to it (see `send`). */
  baseUrl = '';
  private readonly random: () => number;
  readonly behaviour: GraphBehaviour;

  constructor(private readonly options: MockOptions) {
    this.random = seededRandom(options.seed ?? 1);
    this.behaviour = new GraphBehaviour(options.model, this.random);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const requestId = randomUuid(this.random);
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    if (request.method === 'POST' && path === STATES_PATH) return send(response, this.behaviour.providerState(text), requestId, request);

    const fault = this.faultFor(request);
    // A throttled or failed request has no effect, as with Graph: it is answered before routing,
    // so a retried create or delete does not act twice.
    const refused = fault?.mode === 'throttle' || fault?.mode === 'server-error';
    const reply = refused ? { status: 200, body: null } : this.behaviour.route(request.method ?? 'GET', path, parseSearch(search), request.headers, text, requestId);
    const final = fault ? await this.inject(fault, reply, request.method ?? 'GET', path, requestId) : reply;
    send(response, this.localLocation(final), requestId, request);
  }

  /**
   * A documented Location points at Graph or a download host; a client that follows it must stay
   * on this machine, so the mock answers with the same path on itself.
   */
  private localLocation(reply: Reply): Reply {
    const location = reply.headers?.['Location'];
    if (!location || !/^https?:\/\//i.test(location)) return reply;
    const url = new URL(location);
    return { ...reply, headers: { ...reply.headers, Location: `${this.baseUrl}${url.pathname}${url.search}` } };
  }

  private faultFor(request: IncomingMessage): FaultConfig | null {
    const asked = request.headers[FAULT_HEADER];
    if (typeof asked === 'string') {
      const mode = parseFaultMode(asked);
      return mode ? { ...this.options.faults, mode } : null;
    }
    const config = this.options.faults;
    if (!config) return null;
    return this.random() < (config.rate ?? 1) ? config : null;
  }

  private async inject(config: FaultConfig, reply: Reply, method: string, path: string, requestId: string): Promise<Reply> {
    const log = (mode: FaultMode, field: string | null): void => {
      this.injected.push({ mode, method, path, field });
    };
    switch (config.mode) {
      case 'throttle':
        log('throttle', null);
        return { ...error('throttled', 'retry later', requestId), headers: { 'Retry-After': String(config.retryAfterSeconds ?? 1) } };
      case 'server-error':
        log('server-error', null);
        return error('serverError', 'injected fault', requestId);
      case 'wrong-status': {
        log('wrong-status', null);
        return { ...reply, status: reply.status === 200 ? 202 : 200 };
      }
      case 'latency':
        log('latency', null);
        await new Promise((resolve) => setTimeout(resolve, config.latencyMs ?? 200));
        return reply;
      default: {
        if (reply.status >= 400) return reply;
        const body = structuredClone(reply.body);
        const field = applyBodyFault(config.mode, body, this.random);
        if (field === null) return reply;
        log(config.mode, field);
        return { ...reply, body };
      }
    }
  }
}

function send(response: ServerResponse, reply: Reply, requestId: string, request: IncomingMessage): void {
  const clientRequestId = typeof request.headers['client-request-id'] === 'string' ? request.headers['client-request-id'] : requestId;
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers };
  if (reply.text) {
    response.writeHead(reply.status, { ...headers, 'Content-Type': reply.text.contentType }).end(reply.text.text);
  } else if (reply.body === null || reply.body === undefined || reply.status === 204) {
    response.writeHead(reply.status, headers).end();
  } else {
    response.writeHead(reply.status, { ...headers, 'Content-Type': GRAPH_CONTENT_TYPE }).end(JSON.stringify(reply.body));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
