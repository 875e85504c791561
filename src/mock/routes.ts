/**
 * The mock's route table, derived from the contract model: one operation per documented example
 * (method + path pattern), classified as create / read / list / update / delete / other so that
 * the mock can behave like Graph (stateful entity sets) rather than replay examples.
 */
import { describeExample, type ExampleDescription } from '../contract/examples';
import type { ContractModel, PropertySpec, TypeRef } from '../contract/model';
import { shapeExample, type Shape } from '../contract/typed-body';
import { singular } from '../internal/names';
import { isCollectionSegment } from '../internal/collections';
import { typeLookup, type TypeLookup } from '../contract/types';
import { toRegExp } from '../conformance/check';
import { contradiction } from '../docs/lint';
import { isRecord } from '../internal/records';
import { escapeRegex } from '../internal/regex';

type OperationKind = 'create' | 'read' | 'list' | 'update' | 'delete' | 'other';

export interface Operation {
  method: string;
  kind: OperationKind;
  pattern: RegExp;
  /** Literal segments count, to prefer the most specific route. */
  specificity: number;
  /** Entity kind (singular collection name) for stateful operations. */
  entity: string | null;
  status: number;
  /** The documented response body, with typed examples (or text), null for none. */
  body: { json: unknown } | { text: string; contentType: string } | null;
  requestProperties: PropertySpec[];
  /** The documented query (`$filter` → value), used to tell apart examples of one route. */
  query: Record<string, string[]> | null;
  /** The example's concrete path: its keys identify the entity the example is about. */
  examplePath: string;
  /** `@odata.type` of the example's request body: tells apart derived types posted to one set. */
  requestType: string | null;
  /** Top-level properties of the example's request body (annotations aside): tell apart examples of one request. */
  requestKeys: string[];
  /** Documented response headers the mock repeats (Location of a 302 or 202). */
  headers: Record<string, string>;
  /** Top-level response fields matched by a pattern (enums, dates, GUIDs): state must fit them. */
  fieldPatterns: Record<string, RegExp>;
  key: string;
  /** The path expression of the entity set the operation acts on, as segments; null when none. */
  setSegments: string[] | null;
  /** Index bucket: method, segment count, top segment (or `*` when it holds a placeholder). */
  bucket: string;
  /** An OData convention the docs imply (get, list, update, delete on a set they create into or read from), not an example. */
  synthesized: boolean;
  /** The key property of the type the operation answers, when the docs define it (`id`, `tenantId`). */
  keyProperty: string | null;
}

/** Documented operations first, then the conventions, each indexed by method and path shape. */
export interface RouteTable {
  documented: RouteIndex;
  conventions: RouteIndex;
  /** Every documented operation, for lookups by entity set (list contents, example objects). */
  all: Operation[];
}

export function buildRoutes(model: ContractModel): RouteTable {
  const lookup = typeLookup(model.types);
  const operations: Operation[] = [];
  for (const page of model.pages) {
    for (const pair of page.pairs) {
      const spec = describeExample(page, pair, lookup);
      if (spec.kind !== 'interaction') continue;
      operations.push(toOperation(spec, checkedProperties(spec, page.requestBody, lookup), keyPropertyOf(spec, page.responseType, lookup)));
    }
  }
  return { documented: new RouteIndex(operations), conventions: new RouteIndex(conventions(operations)), all: operations };
}

/**
 * The request-body properties the mock checks for one example: the page's table, as far as the
 * example itself agrees with it. The docs' own example is what the service accepts, so a property
 * it sends with another kind of value than the table says is not type-checked, and one it leaves
 * out (or binds with `name@odata.bind`) is not required.
 */
function checkedProperties(spec: ExampleDescription, table: PropertySpec[], lookup: TypeLookup): PropertySpec[] {
  const example = spec.request.body?.kind === 'json' && isRecord(spec.request.body.example) ? spec.request.body.example : null;
  if (example === null) return table;
  const sent = new Map(Object.entries(example).map(([k, v]) => [k.toLowerCase(), v]));
  const checked: PropertySpec[] = [];
  for (const property of table) {
    const name = property.name.toLowerCase();
    const value = sent.get(name);
    if (value !== undefined && contradiction(value, knownType(property.type, lookup).type) !== null) continue;
    const required = property.required === true && (sent.has(name) || sent.has(`${name}@odata.bind`)) ? true : property.required === true ? false : property.required;
    checked.push(required === property.required ? property : { ...property, required });
  }
  return checked;
}

/**
 * A type as far as the docs given define it: a complex type, or an enum without members, whose
 * name they do not define is unknown (accepts anything); `undefinedName` says which name.
 */
export function knownType(type: TypeRef, lookup: TypeLookup): { type: TypeRef; undefinedName: string | null } {
  if (type.kind === 'collection') {
    const item = knownType(type.of, lookup);
    return { type: { kind: 'collection', of: item.type }, undefinedName: item.undefinedName };
  }
  const undefinedName = type.kind === 'complex' && !lookup.get(type.name) ? type.name : type.kind === 'enum' && type.members.length === 0 && type.name && !lookup.get(type.name) ? type.name : null;
  return undefinedName === null ? { type, undefinedName } : { type: { kind: 'unknown', raw: undefinedName }, undefinedName };
}

/** The key property of the answered type (its own or a base type's `keyProperty`). */
function keyPropertyOf(spec: ExampleDescription, responseType: string | null, lookup: TypeLookup): string | null {
  const example = spec.response.body?.kind === 'json' ? spec.response.body.example : null;
  const declared = odataTypeOf(example);
  for (const name of [declared, responseType]) {
    const seen = new Set<string>();
    for (let type = name ? lookup.get(name) : undefined; type && !seen.has(type.name); type = type.baseType ? lookup.get(type.baseType) : undefined) {
      seen.add(type.name);
      if (type.keyProperty) return type.keyProperty;
    }
  }
  return null;
}

/**
 * OData conventions for every entity set the docs create into or read from: list (GET on the
 * set), get, update (PATCH) and delete by key, where no example documents them. So a set whose
 * only page is its create page can still be read, changed and cleaned up.
 */
function conventions(operations: Operation[]): Operation[] {
  const documented = new Set(operations.map((o) => `${o.method} ${o.pattern.source}`));
  const sets = new Map<string, { segments: string[]; from: Operation }>();
  for (const operation of operations) {
    if (operation.setSegments === null) continue;
    const id = operation.setSegments.join('/').replace(/\$\{[^}]+\}/g, '${}').toLowerCase();
    if (!sets.has(id)) sets.set(id, { segments: operation.setSegments, from: operation });
  }
  const synthesized: Operation[] = [];
  for (const { segments, from } of sets.values()) {
    const make = (method: string, kind: OperationKind, keyed: boolean, status: number): void => {
      const path = keyed ? [...segments, '${key}'] : segments;
      const pattern = patternOf(path);
      if (documented.has(`${method} ${pattern.source}`)) return;
      synthesized.push({
        ...from,
        method,
        kind,
        pattern,
        specificity: path.filter((s) => !s.includes('${')).length,
        status,
        body: null,
        requestProperties: [],
        query: null,
        examplePath: '',
        requestType: null,
        requestKeys: [],
        headers: {},
        fieldPatterns: {},
        key: `${method} ${path.join('/')} (OData convention)`,
        synthesized: true,
        bucket: bucketOf(method, path),
        setSegments: segments,
      });
    };
    make('GET', 'list', false, 200);
    make('GET', 'read', true, 200);
    make('PATCH', 'update', true, 204);
    make('DELETE', 'delete', true, 204);
  }
  return synthesized;
}

/**
 * Operations by method, number of path segments and top segment, so that finding the operation
 * for a request looks at the few that can match, whatever the size of the docs.
 */
class RouteIndex {
  private readonly buckets = new Map<string, Operation[]>();

  constructor(operations: Operation[]) {
    for (const operation of [...operations].sort((a, b) => b.specificity - a.specificity)) {
      const bucket = this.buckets.get(operation.bucket) ?? [];
      bucket.push(operation);
      this.buckets.set(operation.bucket, bucket);
    }
  }

  candidates(method: string, path: string): Operation[] {
    const segments = path.split('/');
    const exact = this.buckets.get(bucketKey(method, segments.length, segments[2] ?? '')) ?? [];
    const any = this.buckets.get(bucketKey(method, segments.length, '*')) ?? [];
    if (any.length === 0) return exact;
    if (exact.length === 0) return any;
    return [...exact, ...any].sort((a, b) => b.specificity - a.specificity);
  }
}

function bucketKey(method: string, segmentCount: number, top: string): string {
  return `${method} ${segmentCount} ${top.toLowerCase()}`;
}

function toOperation(spec: ExampleDescription, requestProperties: PropertySpec[], keyProperty: string | null): Operation {
  const pathPattern = spec.request.pathExpression ?? spec.request.path;
  const segments = pathPattern.split('/');
  // A trailing slash (`/members/`) names the same set as without it.
  const named = segments.filter((segment, index) => segment !== '' || index === 0);
  const last = named[named.length - 1] ?? '';
  const isKey = /^\$\{[^}]+\}$/.test(last);
  const rawCollection = (isKey ? named[named.length - 2] : last) ?? '';
  // `/thumbnails/{thumb-id}/{size}`: a key after a key is not an entity set's item; nor are
  // functions (`delta()`), casts, `$value` or `root:` paths entity sets.
  const collection = isCollectionSegment(rawCollection) ? rawCollection : '';
  const body = spec.response.body;
  // Served as Pact's mock serves the pact: each-like arrays with their first item.
  const json = body?.kind === 'json' ? shapeExample(body.shape) : undefined;
  // A list of objects (a set's content); a function answering strings in `value` is not one.
  const items = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)['value'] : undefined;
  const listShaped = Array.isArray(items) && items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
  let kind: OperationKind = 'other';
  if (isKey && spec.request.method === 'GET') kind = 'read';
  else if (isKey && (spec.request.method === 'PATCH' || spec.request.method === 'PUT')) kind = 'update';
  else if (isKey && spec.request.method === 'DELETE') kind = 'delete';
  else if (!isKey && spec.request.method === 'POST' && spec.response.status === 201) kind = 'create';
  else if (!isKey && spec.request.method === 'GET' && listShaped) kind = 'list';
  return {
    method: spec.request.method,
    kind,
    pattern: patternOf(segments),
    specificity: segments.filter((s) => !s.includes('${')).length,
    entity: kind === 'other' || collection === '' ? null : singular(collection),
    status: spec.response.status,
    body: body === null ? null : body.kind === 'json' ? { json } : { text: body.text, contentType: body.contentType },
    requestProperties,
    query: spec.request.query,
    examplePath: spec.request.path,
    requestType: spec.request.body?.kind === 'json' ? odataTypeOf(spec.request.body.example) : null,
    requestKeys: spec.request.body?.kind === 'json' && spec.request.body.example !== null && typeof spec.request.body.example === 'object' ? Object.keys(spec.request.body.example as Record<string, unknown>).filter((k) => !k.startsWith('@')) : [],
    fieldPatterns: topLevelPatterns(body?.kind === 'json' ? body.shape : null),
    // 3xx examples are not described (Pact's verifier follows redirects): no Location to repeat.
    headers: {},
    key: spec.key,
    synthesized: false,
    keyProperty,
    bucket: bucketOf(spec.request.method, segments),
    setSegments: kind === 'other' || collection === '' ? null : isKey ? named.slice(0, -1) : named,
  };
}

function bucketOf(method: string, segments: string[]): string {
  const top = segments[2] ?? '';
  return bucketKey(method, segments.length, top.includes('${') ? '*' : top);
}

function patternOf(segments: string[]): RegExp {
  return new RegExp(`^${segments.map(segmentPattern).join('/')}$`, 'i');
}

function topLevelPatterns(shape: Shape | null): Record<string, RegExp> {
  const patterns: Record<string, RegExp> = {};
  if (shape?.match !== 'object') return patterns;
  for (const [key, field] of Object.entries(shape.fields)) if (field.match === 'regex') patterns[key] = toRegExp(field.pattern);
  return patterns;
}

function segmentPattern(segment: string): string {
  return segment
    .split(/(\$\{[^}]+\})/)
    .map((part) => (/^\$\{[^}]+\}$/.test(part) ? '([^/]+)' : escapeRegex(part)))
    .join('');
}

/**
 * The operation for a request: the most specific path pattern, and among the examples of that
 * pattern the one whose documented query matches the request's best (same parameters and values,
 * then same parameter names, then none).
 */
export function findOperation(
  routes: RouteTable,
  method: string,
  path: string,
  query: Record<string, string[]> = {},
  body: unknown = null,
): { operation: Operation; params: string[] } | null {
  return bestOf(routes.documented.candidates(method, path), path, query, body) ?? bestOf(routes.conventions.candidates(method, path), path, query, body);
}

function bestOf(operations: Operation[], path: string, query: Record<string, string[]>, body: unknown): { operation: Operation; params: string[] } | null {
  let best: { operation: Operation; params: string[]; score: number } | null = null;
  const requestType = odataTypeOf(body);
  for (const operation of operations) {
    if (best && operation.specificity < best.operation.specificity) break;
    const match = operation.pattern.exec(path);
    if (!match) continue;
    // One URL often has several documented examples (derived types of one entity set): the
    // example about the same entity (same keys) or posting the same derived type describes it best.
    const score =
      queryScore(operation.query ?? {}, query) +
      (operation.examplePath === path ? 4 : 0) +
      (requestType !== null && operation.requestType?.toLowerCase() === requestType.toLowerCase() ? 8 : 0) +
      bodyScore(operation.requestKeys, body);
    if (!best || score > best.score) best = { operation, params: match.slice(1), score };
  }
  return best ? { operation: best.operation, params: best.params } : null;
}

export function odataTypeOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const type = (value as Record<string, unknown>)['@odata.type'];
  return typeof type === 'string' ? type.replace(/^#/, '') : null;
}

/** Examples that send the same properties describe a request best: their share in common, 0..1. */
function bodyScore(documented: string[], body: unknown): number {
  if (documented.length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return 0;
  const sent = Object.keys(body as Record<string, unknown>).filter((k) => !k.startsWith('@'));
  const common = sent.filter((k) => documented.includes(k)).length;
  const all = new Set([...documented, ...sent]).size;
  return all === 0 ? 0 : common / all;
}

function queryScore(documented: Record<string, string[]>, actual: Record<string, string[]>): number {
  const keys = (q: Record<string, string[]>): string => Object.keys(q).map((k) => k.toLowerCase()).sort().join('&');
  if (keys(documented) !== keys(actual)) return 0;
  const same = Object.entries(documented).every(([k, v]) => JSON.stringify(actual[k] ?? actual[Object.keys(actual).find((a) => a.toLowerCase() === k.toLowerCase()) ?? '']) === JSON.stringify(v));
  return same ? 2 : 1;
}
