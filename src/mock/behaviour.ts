/**
 * What the mock answers, Graph-like, for what the docs describe: entity sets that hold what
 * clients create (the values sent, never a write-only value such as a password), list it, read
 * it back in one shape, update and delete it by key, also where only one page of the set is in
 * the docs (OData conventions, see routes.ts); request bodies checked against the documented
 * types (the derived type an `@odata.type` names, where given); provider states that set up the
 * object an example documents (its key, derived type and shape) or seed a list's set.
 * No HTTP here: server.ts reads requests and sends replies.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ContractModel, TypeRef } from '../contract/model';
import { contradiction } from '../docs/lint';
import { singular } from '../internal/names';
import { keyParams, STATE_DETAILS } from '../internal/provider-states';
import { propertiesOf, typeLookup, type TypeLookup } from '../contract/types';
import { randomUuid } from './random';
import { errorReply, type Reply } from './reply';
import { buildRoutes, findOperation, knownType, odataTypeOf, type Operation, type RouteTable } from './routes';
import { decodeSegment, EntityStore, type Stored } from './store';
import { isRecord } from '../internal/records';

const GRAPH_ROOT = 'https://graph.microsoft.com';
/** Descriptions that say a property is sent but never read back. */
const WRITE_ONLY = /\bwrite-only\b|\bnot returned in (the )?responses?\b|\bnever returned\b/i;

/**
 * Each model's route table, built once for all the mocks of that model: it is derived from the
 * docs alone and never changed (objects live in each mock's own store), and `verify` starts one
 * mock per lane, each of which spent about 0.3 s of CPU on the corpus building the same table.
 */
const ROUTES = new WeakMap<ContractModel, RouteTable>();

function routesOf(model: ContractModel): RouteTable {
  const routes = ROUTES.get(model) ?? buildRoutes(model);
  ROUTES.set(model, routes);
  return routes;
}

export class GraphBehaviour {
  private readonly routes: RouteTable;
  private readonly lookup: TypeLookup;
  private readonly store: EntityStore;
  /** Property names (lower case) never returned: `password` and those the docs call write-only. */
  private readonly writeOnly: Set<string>;
  private readonly notes = new Set<string>();

  constructor(
    model: ContractModel,
    private readonly random: () => number,
  ) {
    this.routes = routesOf(model);
    this.lookup = typeLookup(model.types);
    this.store = new EntityStore((setPath) => this.initialContent(setPath));
    this.writeOnly = new Set(['password']);
    for (const type of Object.values(model.types)) {
      for (const property of type.properties) if (WRITE_ONLY.test(property.description)) this.writeOnly.add(property.name.toLowerCase());
    }
  }

  /** Objects clients and provider states put here and did not remove, as `set/key`. */
  objects(): string[] {
    return this.store.objects();
  }

  /** What the mock could not check (types the docs given do not define), one line each. */
  diagnostics(): string[] {
    return [...this.notes];
  }

  route(method: string, path: string, query: Record<string, string[]>, headers: IncomingHttpHeaders, text: string, requestId: string): Reply {
    if (!/^Bearer \S+/.test(headers.authorization ?? '')) return errorReply('unauthenticated', 'send an Authorization: Bearer <token> header', requestId);
    let body: unknown = null;
    if (text.trim() !== '' && (headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return errorReply('badRequest', 'the request body is not valid JSON', requestId);
      }
    }
    const found = findOperation(this.routes, method, path, query, body);
    if (!found) return errorReply('noRoute', `${method} ${path}`, requestId);
    const { operation } = found;
    const documented = operation.body && 'json' in operation.body ? structuredClone(operation.body.json) : null;
    const asDocumented = (): Reply =>
      operation.body && 'text' in operation.body
        ? { status: operation.status, body: null, text: operation.body, headers: operation.headers }
        : { status: operation.status, body: documented, headers: operation.headers };

    const keyed = operation.kind === 'read' || operation.kind === 'update' || operation.kind === 'delete';
    const segments = path.replace(/\/+$/, '').split('/');
    const setPath = keyed ? segments.slice(0, -1).join('/') : segments.join('/');
    const key = decodeSegment(segments[segments.length - 1] ?? '');
    const name = operation.entity ?? '';
    const stored = keyed && operation.setSegments !== null ? this.store.get(setPath, key, name) : undefined;

    const invalid = this.validate(operation, body, typeof stored?.value['@odata.type'] === 'string' ? stored.value['@odata.type'] : null);
    if (invalid) return errorReply('badRequest', invalid, requestId);
    // Without an entity set there is no state to keep: answer as documented.
    if (operation.setSegments === null || operation.kind === 'other') return asDocumented();
    // PUT on a key replaces the object, or creates it when it is not there (an upsert, as Graph's
    // PUT endpoints do): what it answers never depends on what was there before.
    if (operation.kind === 'update' && operation.method === 'PUT') {
      const created = { ...asRecord(structuredClone(documented)) };
      merge(created, this.sent(body), operation.fieldPatterns);
      this.store.put(setPath, key, created, 'given');
      return { status: operation.status, body: operation.status === 204 || documented === null ? null : structuredClone(created) };
    }
    if (keyed && !stored) return errorReply('notFound', `no ${name} with id ${key}`, requestId);

    switch (operation.kind) {
      case 'create':
        return this.create(operation, setPath, documented, body, requestId);
      case 'read':
        return { status: operation.status, body: this.shapeFor(operation, stored!, documented) };
      case 'update': {
        merge(stored!.value, this.sent(body), operation.fieldPatterns, true);
        if (operation.status === 204 || documented === null) return { status: operation.status, body: null };
        return { status: operation.status, body: this.shapeFor(operation, stored!, documented) };
      }
      case 'delete':
        this.store.delete(setPath, key, name);
        return { status: operation.status, body: null };
      case 'list': {
        const value = this.store.list(setPath).map((s) => s.value);
        const list = isRecord(documented) ? { ...documented, value } : { '@odata.context': `${GRAPH_ROOT}${setPath.replace(/^\/([^/]+)/, '/$1/$metadata#')}`, value };
        return { status: operation.status, body: list, headers: operation.headers };
      }
    }
  }

  /**
   * A create: the documented response's shape with the values sent where the docs show a value of
   * that kind (a documented `null` stays: the service does not return that value), a new key,
   * stored under it and located by a `Location` header, as OData services answer a create.
   */
  private create(operation: Operation, setPath: string, documented: unknown, body: unknown, requestId: string): Reply {
    const shape = isRecord(documented) ? documented : {};
    const created: Record<string, unknown> = { '@odata.context': `${GRAPH_ROOT}${setPath.replace(/^\/([^/]+)/, '/$1/$metadata#')}/$entity`, ...shape };
    merge(created, this.sent(body), operation.fieldPatterns);
    // A derived type posted to the set is the created object's type; the same type keeps the docs' spelling.
    const sentType = isRecord(body) ? body['@odata.type'] : undefined;
    if (typeof sentType === 'string' && typeName(sentType) !== typeName(created['@odata.type'])) created['@odata.type'] = sentType;
    const keyProperty = operation.keyProperty ?? ('id' in shape || documented === null ? 'id' : Object.keys(created).find((k) => /Id$/.test(k) && typeof created[k] === 'string') ?? 'id');
    let key: string;
    if (keyProperty === 'id' || typeof created[keyProperty] !== 'string' || created[keyProperty] === '') {
      key = randomUuid(this.random);
      created['id'] = key;
    } else {
      key = String(created[keyProperty]);
    }
    void requestId;
    this.store.put(setPath, key, created, 'given');
    return { status: operation.status, body: structuredClone(created), headers: { ...operation.headers, Location: `${GRAPH_ROOT}${setPath}/${encodeURIComponent(key)}` } };
  }

  /**
   * What a read or update answers for a stored object: as held, when a client or a state gave it;
   * for the docs' own objects, this operation's documented shape with the object's values.
   */
  private shapeFor(operation: Operation, stored: Stored, documented: unknown): unknown {
    if (stored.origin === 'given' || !isRecord(documented)) return structuredClone(stored.value);
    const shaped = structuredClone(documented);
    overlay(shaped, stored.value, operation.fieldPatterns);
    return shaped;
  }

  /** A request body as the service keeps it: no annotations but the type, no write-only values. */
  private sent(body: unknown): Record<string, unknown> {
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (!isRecord(value)) return value;
      return Object.fromEntries(Object.entries(value).filter(([k]) => !this.writeOnly.has(k.toLowerCase())).map(([k, v]) => [k, strip(v)]));
    };
    return Object.fromEntries(
      Object.entries(asRecord(body))
        .filter(([k]) => !k.startsWith('@') && !k.includes('@odata.') && !this.writeOnly.has(k.toLowerCase()))
        .map(([k, v]) => [k, strip(v)]),
    );
  }

  /**
   * The first problem with a request body: a documented property of the wrong type, or a
   * required one missing from a create. The properties are the page's request-body table, unless
   * the body's `@odata.type` (or, for an update, the object's) names another derived type than
   * the example's: then that type's own properties. A type the docs given do not define is
   * unknown and accepts anything (noted in `diagnostics()`).
   */
  private validate(operation: Operation, body: unknown, storedType: string | null): string | null {
    if (!isRecord(body)) return null;
    const bodyType = odataTypeOf(body) ?? (storedType ? storedType.replace(/^#/, '') : null);
    const sameType = bodyType === null || operation.requestType === null || bodyType.toLowerCase() === operation.requestType.toLowerCase();
    let properties: { name: string; type: TypeRef; required: boolean | null }[];
    if (operation.requestProperties.length > 0 && sameType) properties = operation.requestProperties;
    else if (bodyType !== null) properties = [...propertiesOf(bodyType, this.lookup)].map(([name, type]) => ({ name, type, required: null }));
    else return null;
    for (const property of properties) {
      const value = Object.entries(body).find(([name]) => name.toLowerCase() === property.name.toLowerCase())?.[1];
      if (value === undefined) {
        const bound = Object.keys(body).some((name) => name.toLowerCase() === `${property.name.toLowerCase()}@odata.bind`);
        if (property.required === true && operation.kind === 'create' && !bound) return `the required property '${property.name}' is missing`;
        continue;
      }
      const problem = contradiction(value, this.known(property.type, property.name));
      if (problem) return `the property '${property.name}' has an invalid value ${JSON.stringify(value)}${problem}`;
    }
    return null;
  }

  /** A type as far as the docs given define it; an undefined one is unknown, and noted. */
  private known(type: TypeRef, property: string): TypeRef {
    const { type: known, undefinedName } = knownType(type, this.lookup);
    if (undefinedName !== null) {
      const link = (type.kind === 'complex' || type.kind === 'enum') && type.ref ? `, linked as ${type.ref}` : '';
      this.notes.add(`The type of '${property}' (${undefinedName}${link}) is not defined in the docs given: the mock accepts any value for it.`);
    }
    return known;
  }

  /** Pact's provider-state protocol: `{state, params, action}`; setup answers the keys to inject. */
  providerState(text: string): Reply {
    let request: { state?: unknown; params?: unknown; action?: unknown };
    try {
      request = JSON.parse(text || '{}');
    } catch {
      return { status: 400, body: { error: 'invalid provider state request' } };
    }
    const params = asRecord(request.params);
    const keys = keyParams(params);
    const entitySet = typeof params[STATE_DETAILS.entitySet] === 'string' ? (params[STATE_DETAILS.entitySet] as string) : null;
    const entity = isRecord(params[STATE_DETAILS.entity]) ? (params[STATE_DETAILS.entity] as Record<string, unknown>) : null;
    const entities = Array.isArray(params[STATE_DETAILS.entities]) ? (params[STATE_DETAILS.entities] as unknown[]).filter(isRecord) : null;
    const odataType = typeof params[STATE_DETAILS.odataType] === 'string' ? (params[STATE_DETAILS.odataType] as string) : null;
    const match = /^an? (.+) exists$/.exec(typeof request.state === 'string' ? request.state : '');
    const name = match ? singular(match[1]!) : null;

    if (request.action === 'teardown') {
      for (const key of Object.values(keys)) {
        if (entitySet) this.store.delete(entitySet, key, name ?? '');
        else if (name) this.store.deleteByName(name, key);
      }
      return { status: 200, body: keys };
    }
    if (entitySet && entities) {
      this.store.seed(
        entitySet,
        entities.map((item, index) => [keyOf(item, null) ?? String(index + 1), structuredClone(item)]),
      );
    }
    // The object a state documents is set up as shown; without a shape, the docs' example object
    // stands in, under the state's key. A state named only (no `@entitySet`) keeps an object that is there.
    const keyed = (object: Record<string, unknown>, key: string): Record<string, unknown> => ('id' in object ? { ...object, id: key } : object);
    for (const key of Object.values(keys)) {
      if (entitySet && entity) this.store.put(entitySet, key, structuredClone(entity), 'given');
      // Set up afresh each time, so that no interaction's answer depends on those before it.
      else if (entitySet) this.store.put(entitySet, key, keyed(this.standIn(entitySet, odataType), key), 'stand-in');
      else if (!entitySet && name) this.store.putByName(name, key, keyed(this.standInByName(name), key), 'stand-in');
    }
    return { status: 200, body: keys };
  }

  /** An object for a state that gave no shape: the set's documented read, list item or create answer. */
  private standIn(setPath: string, odataType: string | null): Record<string, unknown> {
    const read = this.routes.documented.candidates('GET', `${setPath}/x`).find((o) => o.kind === 'read' && o.pattern.test(`${setPath}/x`) && o.body && 'json' in o.body);
    const item = [...this.initialContent(setPath).values()][0];
    const create = this.routes.documented.candidates('POST', setPath).find((o) => o.kind === 'create' && o.pattern.test(setPath) && o.body && 'json' in o.body);
    const source = read?.body && 'json' in read.body ? read.body.json : item ?? (create?.body && 'json' in create.body ? create.body.json : {});
    const object = { ...asRecord(structuredClone(source)) };
    if (odataType && typeof object['@odata.type'] !== 'string') object['@odata.type'] = odataType;
    return object;
  }

  /** An object for a state known by its name only: the documented read example of a set of that name. */
  private standInByName(name: string): Record<string, unknown> {
    const wanted = name.toLowerCase();
    const source =
      this.routes.all.find((o) => o.kind === 'read' && o.entity?.toLowerCase() === wanted && o.body && 'json' in o.body) ??
      this.routes.all.find((o) => o.entity?.toLowerCase() === wanted && o.body && 'json' in o.body);
    return { ...asRecord(structuredClone(source?.body && 'json' in source.body ? source.body.json : {})) };
  }

  /** What a set holds before anything changed it: the objects its documented list examples show. */
  private initialContent(setPath: string): Map<string, Record<string, unknown>> {
    const content = new Map<string, Record<string, unknown>>();
    for (const operation of this.routes.documented.candidates('GET', setPath)) {
      if (operation.kind !== 'list' || !operation.pattern.test(setPath) || !operation.body || !('json' in operation.body)) continue;
      const items = asRecord(operation.body.json)['value'];
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (!isRecord(item)) continue;
        const key = keyOf(item, operation.keyProperty) ?? randomUuid(this.random);
        if (!content.has(key)) content.set(key, structuredClone(item));
      }
    }
    return content;
  }
}

/** `#microsoft.graph.user`, `microsoft.graph.user` and `user` name one type. */
function typeName(value: unknown): string {
  return typeof value === 'string' ? value.replace(/^#/, '').replace(/^microsoft\.graph\./i, '').toLowerCase() : '';
}

function keyOf(object: Record<string, unknown>, keyProperty: string | null): string | null {
  const value = object[keyProperty ?? 'id'] ?? object['id'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * Puts the values sent into a documented shape: a key the docs do not show is added; a documented
 * `null` stays (the service does not return that value), and so do the docs' annotations
 * (`@odata.type` as the service spells it); a documented value is replaced by a sent value of the
 * same kind that fits its pattern (enum, date, GUID); objects are merged key by key, arrays item by
 * item on the documented item (the service adds fields such as an attendee's `status`); an empty
 * array sent where the docs show items keeps the documented items. An update (PATCH) merges the
 * same way into the object held, and may also set or clear a null.
 */
function merge(target: Record<string, unknown>, source: Record<string, unknown>, patterns: Record<string, RegExp> = {}, update = false): void {
  for (const [key, value] of Object.entries(source)) {
    // `__proto__` would replace the object's prototype when assigned.
    if (key === '__proto__') continue;
    // Own keys only: a body key such as `constructor` is not a documented property (Object.prototype's would be found).
    if (!Object.hasOwn(target, key)) {
      target[key] = value;
      continue;
    }
    const current = target[key];
    if (key.startsWith('@')) continue;
    // An update may set a value or clear it; a create does not make the service return what it does not.
    if (update && (current === null || value === null)) {
      target[key] = value;
      continue;
    }
    if (current === null || value === null) continue;
    if (isRecord(current) && isRecord(value)) merge(current, value, {}, update);
    else if (Array.isArray(current) && Array.isArray(value)) {
      if (value.length > 0 || current.length === 0) target[key] = mergeItems(current, value);
    } else if (typeof current === typeof value && typeof value !== 'object' && patternAllows(patterns, key, value)) target[key] = value;
  }
}

function mergeItems(documented: unknown[], sent: unknown[]): unknown[] {
  return sent.map((item, index) => {
    const shape = documented[index] ?? documented[0];
    if (!isRecord(item) || !isRecord(shape)) return item;
    const merged = structuredClone(shape);
    merge(merged, item);
    return merged;
  });
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
    if (!patternAllows(patterns, key, value)) continue;
    if (value !== null && typeof value !== 'object' && typeof value === typeof current) target[key] = value;
  }
}

/** Whether a documented value pattern lets `value` through (own keys only: `constructor` is no pattern). */
function patternAllows(patterns: Record<string, RegExp>, key: string, value: unknown): boolean {
  return !Object.hasOwn(patterns, key) || patterns[key]!.test(String(value));
}
