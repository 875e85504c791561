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
import { DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH, nestedDeeperThan, readBody } from './request-body';
import { excerpt } from '../internal/secrets';
import { flatHeaders } from '../internal/headers';

const STATES_PATH = '/_graph-contracts/provider-states';
const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface MockOptions {
  model: ContractModel;
  host?: string;
  port?: number;
  faults?: FaultConfig;
  seed?: number;
  /** Largest JSON request body held (default 4 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /** Most objects held at once (default: 10 per documented operation, at least 10,000); more is a 400 quota error. */
  maxEntities?: number;
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
  /** Reports every answer to a request other than a provider-state call to `tap` (null: stop). */
  tap(tap: Tap | null): void;
  close(): Promise<void>;
}

/**
 * A listener for what the mock answered, as its client received it: verification records the
 * exchanges here instead of through a proxy in front of the mock (one HTTP hop less per request).
 * Like that proxy, it holds each request to a time limit: an answer not ready within `timeoutMs`
 * is a 504 and is recorded with status 0 (no answer within the request timeout).
 */
export interface Tap {
  timeoutMs: number;
  record(exchange: { method: string; path: string; status: number; headers: Record<string, string>; body: string }): void;
}

export async function startMock(options: MockOptions): Promise<RunningMock> {
  const mock = new GraphMock(options);
  let tap: Tap | null = null;
  const server: Server = createServer((request, response) => {
    if (tap && !(request.method === 'POST' && (request.url ?? '').split('?')[0] === STATES_PATH)) watch(request, response, tap);
    mock.handle(request, response).catch((failure: unknown) => {
      // The last line of defence: a Graph error if nothing was sent yet, else the connection ends.
      if (response.headersSent) return void response.destroy();
      const requestId = randomUuid(Math.random);
      send(response, error('serverError', `the mock failed on this request: ${excerpt(failure instanceof Error ? failure.message : String(failure), 200)}`, requestId), requestId, request, true);
    });
  });
  // A request Node cannot parse (malformed, or headers over its limit) still gets a Graph error.
  server.on('clientError', (failure: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = failure.code === 'HPE_HEADER_OVERFLOW';
    const requestId = randomUuid(Math.random);
    const body = JSON.stringify(error('badRequest', tooLarge ? 'the request headers are too large' : 'the request is not valid HTTP', requestId).body);
    socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: ${GRAPH_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nrequest-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`);
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
    tap: (listener) => {
      tap = listener;
      // A tapped lane serves one verifier, one interaction at a time, which sends no teardowns.
      mock.deferTeardowns = listener !== null;
    },
    close: () => closeServer(server),
  };
}

class GraphMock {
  readonly injected: InjectedFault[] = [];
  /** Where the mock listens: documented Location URLs are rewritten to it (see `send`). */
  baseUrl = '';
  private readonly random: () => number;
  readonly behaviour: GraphBehaviour;
  private readonly maxEntities: number;
  /**
   * Tear provider states down on the mock's side (set for a verify lane, see `tap`): pact-core
   * asks for a teardown after every interaction that has a state, a third of a run's requests.
   * The lane's verifier is told not to send them; the mock applies each interaction's teardowns
   * itself, before the first request that follows its own (the next setup or the next request),
   * which leaves the store as the verifier's teardown would have, at the moment it matters.
   */
  deferTeardowns = false;
  /** The teardowns of the current interaction's states, as the verifier would have sent them. */
  private owedTeardowns: string[] = [];
  /** The current interaction's request has come: its teardowns are due before anything else. */
  private teardownsDue = false;

  constructor(private readonly options: MockOptions) {
    this.random = seededRandom(options.seed ?? 1);
    this.behaviour = new GraphBehaviour(options.model, this.random);
    // Room for every documented operation's objects many times over, whatever the doc set's size.
    this.maxEntities = options.maxEntities ?? Math.max(10_000, 10 * options.model.pages.reduce((n, page) => n + page.pairs.length, 0));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUuid(this.random);
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    const isStates = request.method === 'POST' && path === STATES_PATH;
    if (this.deferTeardowns) {
      this.settleTeardowns();
      // The request of an interaction whose states were set up: theirs come due after it.
      if (!isStates) this.teardownsDue = this.owedTeardowns.length > 0;
    }
    // The token is checked before the body is read: without one, nothing of the body is held.
    if (!isStates && !/^Bearer \S+/.test(request.headers.authorization ?? '')) {
      return send(response, error('unauthenticated', 'send an Authorization: Bearer <token> header', requestId), requestId, request, true);
    }
    const maxBytes = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const read = await readBody(request, maxBytes, isStates || (request.headers['content-type'] ?? '').includes('json'));
    if (!read.ok) return send(response, error('tooLarge', `the body has more than ${maxBytes} bytes (${read.bytes} sent)`, requestId), requestId, request, true);
    const text = read.text;
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) return send(response, error('badRequest', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`, requestId), requestId, request);
    if (isStates) return send(response, this.checkStateRequest(text, requestId) ?? this.providerState(text), requestId, request);
    // Only creates and upserts add objects: they wait while the mock holds its most.
    if ((request.method === 'POST' || request.method === 'PUT') && this.full(1)) return send(response, this.quotaError(requestId), requestId, request);

    const fault = this.faultFor(request);
    // A throttled or failed request has no effect, as with Graph: it is answered before routing,
    // so a retried create or delete does not act twice.
    const refused = fault?.mode === 'throttle' || fault?.mode === 'server-error';
    const reply = refused ? { status: 200, body: null } : this.behaviour.route(request.method ?? 'GET', path, parseSearch(search), request.headers, text, requestId);
    const final = fault ? await this.inject(fault, reply, request.method ?? 'GET', path, requestId) : reply;
    send(response, this.localLocation(final), requestId, request);
  }

  /**
   * Pact's provider-state protocol: `{state, params, action}`. A body of another shape is a 400
   * saying what is expected; each scalar param value is an object key, so their number and length
   * are bounded, and so is the store. Null when the request may go to the behaviour.
   */
  private checkStateRequest(text: string, requestId: string): Reply | null {
    const expected = 'send {"state": "a widget exists", "params": {"id": "..."}, "action": "setup" | "teardown"}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text || '{}');
    } catch {
      return error('badRequest', `the provider state request is not JSON: ${expected}`, requestId);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return error('badRequest', `the provider state request must be a JSON object: ${expected}`, requestId);
    const request = parsed as { state?: unknown; params?: unknown; action?: unknown };
    if (request.state !== undefined && typeof request.state !== 'string') return error('badRequest', `"state" must be a string: ${expected}`, requestId);
    if (request.action !== undefined && request.action !== 'setup' && request.action !== 'teardown') return error('badRequest', `"action" must be "setup" or "teardown": ${expected}`, requestId);
    if (request.params !== undefined && request.params !== null && (typeof request.params !== 'object' || Array.isArray(request.params))) return error('badRequest', `"params" must be an object: ${expected}`, requestId);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const keys = Object.values(params).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
    if (keys.length > MAX_STATE_PARAMS) return error('badRequest', `a provider state takes at most ${MAX_STATE_PARAMS} params, not ${keys.length}`, requestId);
    if (keys.some((key) => key.length > MAX_KEY_LENGTH)) return error('badRequest', `a provider state param is longer than ${MAX_KEY_LENGTH} characters`, requestId);
    const entities = Array.isArray(params['@entities']) ? params['@entities'].length : 0;
    if (request.action !== 'teardown' && this.full(keys.length + entities)) return this.quotaError(requestId);
    return null;
  }

  /** A valid provider-state request: set up (owing its teardown when they are deferred) or torn down. */
  private providerState(text: string): Reply {
    const reply = this.behaviour.providerState(text);
    if (!this.deferTeardowns) return reply;
    const request = JSON.parse(text || '{}') as { action?: unknown };
    // A teardown sent after all (a verifier that was not told) settles what was owed.
    if (request.action === 'teardown') this.owedTeardowns = [];
    else if (reply.status < 300) this.owedTeardowns.push(JSON.stringify({ ...request, action: 'teardown' }));
    return reply;
  }

  /** Applies the teardowns of the interaction before, once its request has come. */
  private settleTeardowns(): void {
    if (!this.teardownsDue) return;
    for (const teardown of this.owedTeardowns) this.behaviour.providerState(teardown);
    this.owedTeardowns = [];
    this.teardownsDue = false;
  }

  /** Whether `adding` more objects would exceed the store's bound. */
  private full(adding: number): boolean {
    return this.behaviour.objects().length + adding > this.maxEntities;
  }

  private quotaError(requestId: string): Reply {
    return error('quotaExceeded', `the mock holds at most ${this.maxEntities} objects; delete some (or tear provider states down) first`, requestId);
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

/** Most provider-state params (object keys) one request may set up: Graph paths hold a few ids. */
const MAX_STATE_PARAMS = 100;
/** Longest object key a provider state may set up (Graph ids are tens of characters). */
const MAX_KEY_LENGTH = 1024;

/** Reports the answer to this request to `tap` when it is sent, or a 504 when it is not ready within the tap's time limit. */
function watch(request: IncomingMessage, response: ServerResponse, tap: Tap): void {
  const method = request.method ?? 'GET';
  const path = request.url ?? '/';
  const deadline = setTimeout(() => {
    if (response.headersSent) return;
    response.writeHead(504).end();
    tap.record({ method, path, status: 0, headers: {}, body: '' });
  }, tap.timeoutMs);
  response.once('finish', () => {
    clearTimeout(deadline);
    const sent = SENT_BODIES.get(response);
    if (sent === undefined) return;
    tap.record({ method, path, status: response.statusCode, headers: headersSent(response), body: method === 'HEAD' ? '' : sent });
  });
}

/** The body `send` wrote on each response (a response that never got one is not reported). */
const SENT_BODIES = new WeakMap<ServerResponse, string>();

/**
 * The response's headers as its client read them: the head Node wrote (with the Date,
 * Connection and Content-Length it adds) when it is there to read, else those set on it.
 */
function headersSent(response: ServerResponse): Record<string, string> {
  const head = (response as ServerResponse & { _header?: unknown })._header;
  if (typeof head !== 'string') return flatHeaders(response.getHeaders());
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/**
 * Sends a reply. The body is serialised before the head is written, so a body that cannot be
 * serialised is a 500 Graph error rather than a second head on a sent response. `close`: end the
 * connection after the answer (an unread body is not read).
 */
function send(response: ServerResponse, reply: Reply, requestId: string, request: IncomingMessage, close = false): void {
  // Answered already: a tap's time limit ran out first (see `watch`).
  if (response.headersSent) return;
  const clientRequestId = typeof request.headers['client-request-id'] === 'string' ? request.headers['client-request-id'] : requestId;
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers, ...(close ? { Connection: 'close' } : {}) };
  if (reply.text) {
    SENT_BODIES.set(response, reply.text.text);
    response.writeHead(reply.status, { ...headers, 'Content-Type': reply.text.contentType }).end(reply.text.text);
  } else if (reply.body === null || reply.body === undefined || reply.status === 204) {
    SENT_BODIES.set(response, '');
    response.writeHead(reply.status, headers).end();
  } else {
    let json: string;
    try {
      json = JSON.stringify(reply.body);
    } catch (failure) {
      json = JSON.stringify(error('serverError', `the answer could not be serialised: ${excerpt(failure instanceof Error ? failure.message : String(failure), 200)}`, requestId).body);
      SENT_BODIES.set(response, json);
      response.writeHead(500, { ...headers, 'Content-Type': GRAPH_CONTENT_TYPE }).end(json);
      return;
    }
    SENT_BODIES.set(response, json);
    response.writeHead(reply.status, { ...headers, 'Content-Type': GRAPH_CONTENT_TYPE }).end(json);
  }
}
