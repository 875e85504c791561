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
import { contradiction } from '../docs/lint';
import { graphError, type GraphErrorName } from './errors';
import { applyBodyFault, FAULT_HEADER, parseFaultMode, type FaultConfig, type FaultMode, type InjectedFault } from './faults';
import { randomUuid, seededRandom } from './random';
import { singular } from '../internal/names';
import { parseSearch } from '../internal/query';
import { buildRoutes, findOperation, type Operation } from './routes';
import { closeServer } from '../internal/local-server';
import { DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH, nestedDeeperThan, readBody } from './request-body';
import { excerpt } from '../internal/secrets';

export const STATES_PATH = '/_graph-contracts/provider-states';
const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface MockOptions {
  model: ContractModel;
  host?: string;
  port?: number;
  faults?: FaultConfig;
  seed?: number;
  /** Largest JSON request body held (default 4 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /** Most entities held at once (default: 10 per documented operation, at least 10,000); more is a 400 quota error. */
  maxEntities?: number;
}

export interface RunningMock {
  url: string;
  statesUrl: string;
  /** Faults injected so far, in order. */
  faults: InjectedFault[];
  /** The entities the mock holds now, as `kind/key` (to check what a run left behind). */
  objects(): string[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  text?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

export async function startMock(options: MockOptions): Promise<RunningMock> {
  const mock = new GraphMock(options);
  const server: Server = createServer((request, response) => {
    mock.handle(request, response).catch((failure: unknown) => {
      // The last line of defence: a Graph error if nothing was sent yet, else the connection ends.
      if (response.headersSent) return void response.destroy();
      const requestId = randomUuid(Math.random);
      send(response, error('serverError', `the mock failed on this request: ${excerpt(failure instanceof Error ? failure.message : String(failure), 200)}`, requestId), requestId, request, true);
    });
  });
  server.keepAliveTimeout = 1000;
  // A request Node cannot parse (malformed, or headers over its limit) still gets a Graph error.
  server.on('clientError', (failure: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = failure.code === 'HPE_HEADER_OVERFLOW';
    const requestId = randomUuid(Math.random);
    const body = JSON.stringify(error('badRequest', tooLarge ? 'the request headers are too large' : 'the request is not valid HTTP', requestId).body);
    socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: ${GRAPH_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nrequest-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`);
  });
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
    objects: () => mock.objects(),
    close: () => closeServer(server),
  };
}

class GraphMock {
  readonly injected: InjectedFault[] = [];
  /** Where the mock listens: documented Location URLs are rewritten to it (see `send`). */
  baseUrl = '';
  private readonly operations: Operation[];
  private readonly random: () => number;
  /** Entities by kind (singular entity-set name) and key. */
  private readonly store = new Map<string, Map<string, Record<string, unknown>>>();

  private readonly maxEntities: number;

  constructor(private readonly options: MockOptions) {
    this.operations = buildRoutes(options.model);
    this.random = seededRandom(options.seed ?? 1);
    // Room for every documented operation's entities many times over, whatever the doc set's size.
    this.maxEntities = options.maxEntities ?? Math.max(10_000, 10 * this.operations.length);
  }

  objects(): string[] {
    return [...this.store].flatMap(([kind, entities]) => [...entities.keys()].map((key) => `${kind}/${key}`));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUuid(this.random);
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    const isStates = request.method === 'POST' && path === STATES_PATH;
    // The token is checked before the body is read: without one, nothing of the body is held.
    if (!isStates && !/^Bearer \S+/.test(request.headers.authorization ?? '')) {
      return send(response, error('unauthenticated', 'send an Authorization: Bearer <token> header', requestId), requestId, request, true);
    }
    const maxBytes = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const read = await readBody(request, maxBytes, isStates || (request.headers['content-type'] ?? '').includes('json'));
    if (!read.ok) return send(response, error('tooLarge', `the body has more than ${maxBytes} bytes (${read.bytes} sent)`, requestId), requestId, request, true);
    const text = read.text;
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) return send(response, error('badRequest', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`, requestId), requestId, request);
    if (isStates) return send(response, this.providerState(text, requestId), requestId, request);

    const fault = this.faultFor(request);
    // A throttled or failed request has no effect, as with Graph: it is answered before routing,
    // so a retried create or delete does not act twice.
    const refused = fault?.mode === 'throttle' || fault?.mode === 'server-error';
    const reply = refused ? { status: 200, body: null } : this.route(request.method ?? 'GET', path, parseSearch(search), request.headers, text, requestId);
    const final = fault ? await this.inject(fault, reply, request.method ?? 'GET', path, requestId) : reply;
    send(response, this.localLocation(final), requestId, request);
  }

  private route(method: string, path: string, query: Record<string, string[]>, headers: IncomingMessage['headers'], text: string, requestId: string): Reply {
    let body: unknown = null;
    if (text.trim() !== '' && (headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return error('badRequest', 'the request body is not valid JSON', requestId);
      }
    }
    const found = findOperation(this.operations, method, path, query, body);
    if (!found) return error('noRoute', `${method} ${path}`, requestId);
    const { operation, params } = found;
    const invalid = this.validate(operation, body);
    if (invalid) return error('badRequest', invalid, requestId);

    const documented = operation.body && 'json' in operation.body ? structuredClone(operation.body.json) : null;
    const entities = operation.entity ? this.entities(operation.entity) : null;
    // Without an entity set there is no state to keep: answer as documented.
    if (!entities && operation.kind !== 'list' && operation.kind !== 'other') {
      return { status: operation.status, body: documented, headers: operation.headers };
    }
    const key = params[params.length - 1] ?? '';
    const context = { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${operation.entity ?? 'root'}` };
    switch (operation.kind) {
      case 'create': {
        if (this.full()) return this.quotaError(requestId);
        const id = randomUuid(this.random);
        const created: Record<string, unknown> = { ...context, ...withoutAnnotations(body), ...asRecord(documented) };
        overlay(created, body, operation.fieldPatterns);
        if (hasKey(documented, 'id')) created['id'] = id;
        entities!.set(id, created);
        return { status: operation.status, body: created };
      }
      case 'read': {
        const entity = entities!.get(key);
        if (!entity) return error('notFound', `no ${operation.entity} with id ${key}`, requestId);
        // The documented shape of this read, with the entity's current values where they fit.
        const read = { ...asRecord(documented) };
        overlay(read, entity, operation.fieldPatterns);
        return { status: operation.status, body: documented === null ? entity : read };
      }
      case 'update': {
        const entity = entities!.get(key);
        if (!entity) return error('notFound', `no ${operation.entity} with id ${key}`, requestId);
        Object.assign(entity, withoutAnnotations(body));
        if (operation.status === 204 || documented === null) return { status: operation.status, body: null };
        const updated = { ...asRecord(documented) };
        overlay(updated, entity, operation.fieldPatterns);
        return { status: operation.status, body: updated };
      }
      case 'delete':
        if (!entities!.delete(key)) return error('notFound', `no ${operation.entity} with id ${key}`, requestId);
        return { status: operation.status, body: null };
      case 'list':
      case 'other':
        if (operation.body && 'text' in operation.body) return { status: operation.status, body: null, text: operation.body, headers: operation.headers };
        return { status: operation.status, body: documented, headers: operation.headers };
    }
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

  /** Documented types and required properties of the request body; the first problem found. */
  private validate(operation: Operation, body: unknown): string | null {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || operation.requestProperties.length === 0) return null;
    const record = body as Record<string, unknown>;
    for (const property of operation.requestProperties) {
      const value = Object.entries(record).find(([name]) => name.toLowerCase() === property.name.toLowerCase())?.[1];
      if (value === undefined) {
        if (property.required === true && operation.kind === 'create') return `the required property '${property.name}' is missing`;
        continue;
      }
      const problem = contradiction(value, property.type);
      if (problem) return `the property '${property.name}' has an invalid value ${excerpt(JSON.stringify(value) ?? String(value), 200)}${problem}`;
    }
    return null;
  }

  /**
   * Pact's provider-state protocol: `{state, params, action}`; setup returns the params to inject.
   * A body of another shape is a 400 saying what is expected; each scalar param value is an
   * entity key, so their number and length are bounded, and so is the store.
   */
  private providerState(text: string, requestId: string): Reply {
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
    const match = /^an? (.+) exists$/.exec(request.state ?? '');
    if (!match) return { status: 200, body: params };
    const kind = singular(match[1]!).toLowerCase();
    if (request.action === 'teardown') {
      const entities = this.store.get(kind);
      for (const key of keys) entities?.delete(key);
      if (entities?.size === 0) this.store.delete(kind);
      return { status: 200, body: params };
    }
    const missing = keys.filter((key) => !this.store.get(kind)?.has(key));
    if (missing.length > 0 && this.full(missing.length)) return this.quotaError(requestId);
    for (const key of missing) this.entities(kind).set(key, this.exampleEntity(kind));
    return { status: 200, body: params };
  }

  /** Whether `adding` more entities would exceed the store's bound. */
  private full(adding = 1): boolean {
    let held = 0;
    for (const entities of this.store.values()) held += entities.size;
    return held + adding > this.maxEntities;
  }

  private quotaError(requestId: string): Reply {
    return error('quotaExceeded', `the mock holds at most ${this.maxEntities} entities; delete some (or tear provider states down) first`, requestId);
  }

  /** A new entity of a kind: the documented read example (so its shape is the documented one). */
  private exampleEntity(kind: string): Record<string, unknown> {
    const source = this.operations.find((o) => o.kind === 'read' && o.entity?.toLowerCase() === kind) ?? this.operations.find((o) => o.entity?.toLowerCase() === kind && o.body && 'json' in o.body);
    const json = source?.body && 'json' in source.body ? source.body.json : {};
    return { ...asRecord(structuredClone(json)) };
  }

  private entities(kind: string): Map<string, Record<string, unknown>> {
    const key = kind.toLowerCase();
    let entities = this.store.get(key);
    if (!entities) {
      entities = new Map();
      this.store.set(key, entities);
    }
    return entities;
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

function error(name: GraphErrorName, detail: string, requestId: string): Reply {
  return graphError(name, detail, requestId);
}

/** Most provider-state params (entity keys) one request may set up: Graph paths hold a few ids. */
const MAX_STATE_PARAMS = 100;
/** Longest entity key a provider state may set up (Graph ids are tens of characters). */
const MAX_KEY_LENGTH = 1024;

/**
 * Sends a reply. The body is serialised before the head is written, so a body that cannot be
 * serialised is a 500 Graph error rather than a second head on a sent response. `close`: end the
 * connection after the answer (an unread body is not read).
 */
function send(response: ServerResponse, reply: Reply, requestId: string, request: IncomingMessage, close = false): void {
  const clientRequestId = typeof request.headers['client-request-id'] === 'string' ? request.headers['client-request-id'] : requestId;
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers, ...(close ? { Connection: 'close' } : {}) };
  if (reply.text) {
    response.writeHead(reply.status, { ...headers, 'Content-Type': reply.text.contentType }).end(reply.text.text);
  } else if (reply.body === null || reply.body === undefined || reply.status === 204) {
    response.writeHead(reply.status, headers).end();
  } else {
    let json: string;
    try {
      json = JSON.stringify(reply.body);
    } catch (failure) {
      json = JSON.stringify(error('serverError', `the answer could not be serialised: ${excerpt(failure instanceof Error ? failure.message : String(failure), 200)}`, requestId).body);
      response.writeHead(500, { ...headers, 'Content-Type': GRAPH_CONTENT_TYPE }).end(json);
      return;
    }
    response.writeHead(reply.status, { ...headers, 'Content-Type': GRAPH_CONTENT_TYPE }).end(json);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function hasKey(value: unknown, key: string): boolean {
  return key in asRecord(value);
}

/** Request body without `@`-annotations (`@odata.type` stays the documented one). */
function withoutAnnotations(body: unknown): Record<string, unknown> {
  // `__proto__` would replace the entity's prototype when assigned (Object.assign in update).
  return Object.fromEntries(Object.entries(asRecord(body)).filter(([key]) => !key.startsWith('@') && key !== '__proto__'));
}

/**
 * Copies the source's scalar values onto the target's documented keys of the same JSON type:
 * state (a created name, a patched flag) shows through, while the documented shape, nested
 * objects and `@`-annotations stay as this operation's example has them.
 */
function overlay(target: Record<string, unknown>, source: unknown, patterns: Record<string, RegExp> = {}): void {
  for (const [key, value] of Object.entries(asRecord(source))) {
    if (key.startsWith('@') || !Object.hasOwn(target, key)) continue;
    const current = target[key];
    // A value the documented response format rejects (a request's free text for a response enum)
    // keeps the documented one.
    // Own keys only: a body key such as `constructor` is no pattern (Object.prototype's would be found).
    const pattern = Object.hasOwn(patterns, key) ? patterns[key] : undefined;
    if (pattern && !pattern.test(String(value))) continue;
    if (value !== null && typeof value !== 'object' && typeof value === typeof current) target[key] = value;
  }
}
