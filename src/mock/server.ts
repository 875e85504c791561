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

  constructor(private readonly options: MockOptions) {
    this.operations = buildRoutes(options.model);
    this.random = seededRandom(options.seed ?? 1);
  }

  objects(): string[] {
    return [...this.store].flatMap(([kind, entities]) => [...entities.keys()].map((key) => `${kind}/${key}`));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const requestId = randomUuid(this.random);
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    if (request.method === 'POST' && path === STATES_PATH) return send(response, this.providerState(text), requestId, request);

    const fault = this.faultFor(request);
    // A throttled or failed request has no effect, as with Graph: it is answered before routing,
    // so a retried create or delete does not act twice.
    const refused = fault?.mode === 'throttle' || fault?.mode === 'server-error';
    const reply = refused ? { status: 200, body: null } : this.route(request.method ?? 'GET', path, parseSearch(search), request.headers, text, requestId);
    const final = fault ? await this.inject(fault, reply, request.method ?? 'GET', path, requestId) : reply;
    send(response, this.localLocation(final), requestId, request);
  }

  private route(method: string, path: string, query: Record<string, string[]>, headers: IncomingMessage['headers'], text: string, requestId: string): Reply {
    if (!/^Bearer \S+/.test(headers.authorization ?? '')) return error('unauthenticated', 'send an Authorization: Bearer <token> header', requestId);
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
      if (problem) return `the property '${property.name}' has an invalid value ${JSON.stringify(value)}${problem}`;
    }
    return null;
  }

  /** Pact's provider-state protocol: `{state, params, action}`; setup returns the params to inject. */
  private providerState(text: string): Reply {
    let request: { state?: string; params?: Record<string, unknown>; action?: string };
    try {
      request = JSON.parse(text || '{}');
    } catch {
      return { status: 400, body: { error: 'invalid provider state request' } };
    }
    const params = request.params ?? {};
    const match = /^an? (.+) exists$/.exec(request.state ?? '');
    if (!match) return { status: 200, body: params };
    const kind = singular(match[1]!).toLowerCase();
    const entities = this.entities(kind);
    for (const value of Object.values(params)) {
      const key = String(value);
      if (request.action === 'teardown') entities.delete(key);
      else if (!entities.has(key)) entities.set(key, this.exampleEntity(kind));
    }
    return { status: 200, body: params };
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

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function hasKey(value: unknown, key: string): boolean {
  return key in asRecord(value);
}

/** Request body without `@`-annotations (`@odata.type` stays the documented one). */
function withoutAnnotations(body: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(asRecord(body)).filter(([key]) => !key.startsWith('@')));
}

/**
 * Copies the source's scalar values onto the target's documented keys of the same JSON type:
 * state (a created name, a patched flag) shows through, while the documented shape, nested
 * objects and `@`-annotations stay as this operation's example has them.
 */
function overlay(target: Record<string, unknown>, source: unknown, patterns: Record<string, RegExp> = {}): void {
  for (const [key, value] of Object.entries(asRecord(source))) {
    if (key.startsWith('@') || !(key in target)) continue;
    const current = target[key];
    // A value the documented response format rejects (a request's free text for a response enum)
    // keeps the documented one.
    if (patterns[key] && !patterns[key]!.test(String(value))) continue;
    if (value !== null && typeof value !== 'object' && typeof value === typeof current) target[key] = value;
  }
}
