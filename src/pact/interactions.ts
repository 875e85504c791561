/**
 * Contract model → interaction specs: plain data describing one Pact interaction per documented
 * example (or a skip with its reason). No Pact calls and no I/O here; `consumer-run.ts` turns a
 * spec into a real interaction against Pact's mock server.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { SourceRef } from '../contract/diagnostics';
import { documentedPermissions, type DocumentedPermissions } from '../contract/pact-comments';
import type { Body, ContractModel, ExamplePair, PageContract, TypeRef } from '../contract/model';
import { headerValue } from '../docs/http-block';
import { singular } from '../internal/names';
import { placeholderName } from '../docs/url';
import { isCollectionSegment } from '../internal/collections';
import { STATE_DETAILS } from '../internal/provider-states';
import { deriveBody, hash, propertiesOf, typeLookup, type Template, type TypeLookup } from './matchers';
import { isRecord } from '../internal/records';

/** The fake token every consumer test sends; never a real credential. */
export const FAKE_BEARER_TOKEN = 'contract-test-token';
const BEARER_PATTERN = '^Bearer [A-Za-z0-9._~+/=-]+$';

export interface ProviderState {
  name: string;
  /** Keys the state sets up, by path placeholder name: the values Pact's verifier puts in the path. */
  params: Record<string, string>;
  /** What the example documents about the object or set the state sets up (see src/internal/provider-states.ts). */
  documented?: StateDocumentation;
}

interface StateDocumentation {
  /** The collection the object lives in, as the concrete path (version included). */
  entitySet: string;
  /** The object's derived type, `#microsoft.graph.x`. */
  odataType?: string;
  /** The object as the example's response shows it. */
  entity?: Record<string, unknown>;
  /** For a list example: the objects the set holds. */
  entities?: Record<string, unknown>[];
}

/** A state's params as they go into the pact: its keys, then what it documents under `@` names. */
export function stateParams(state: ProviderState): Record<string, unknown> {
  const params: Record<string, unknown> = { ...state.params };
  const documented = state.documented;
  if (!documented) return params;
  params[STATE_DETAILS.entitySet] = documented.entitySet;
  if (documented.odataType !== undefined) params[STATE_DETAILS.odataType] = documented.odataType;
  if (documented.entity !== undefined) params[STATE_DETAILS.entity] = documented.entity;
  if (documented.entities !== undefined) params[STATE_DETAILS.entities] = documented.entities;
  return params;
}

export interface InteractionSpec {
  kind: 'interaction';
  /** Unique and stable: `<page file>#<example id>`. */
  key: string;
  /** Provider group (`graph-v1.0-users`), before any override. */
  provider: string;
  description: string;
  providerStates: ProviderState[];
  request: {
    method: string;
    /** The concrete path the client requests, version included, percent-encoded. */
    path: string;
    /** The same path with `${param}` where a provider state injects the value; null when none. */
    pathExpression: string | null;
    query: Record<string, string[]> | null;
    headers: Record<string, Template>;
    /** Headers the client sends besides Authorization. */
    clientHeaders: Record<string, string>;
    body: { kind: 'json'; template: Template; example: unknown } | { kind: 'text'; text: string; contentType: string } | null;
  };
  response: {
    status: number;
    headers: Record<string, Template>;
    body: { kind: 'json'; template: Template; example: unknown } | { kind: 'text'; text: string; contentType: string } | null;
  };
  /** Example values that were placeholders or contradicted their type, replaced by typed examples. */
  replaced: { where: 'request' | 'response'; path: string; from: unknown; to: unknown }[];
  source: SourceRef;
  page: string;
  exampleId: string;
  /** The page's permission table (written into the pact's comments, read by live runs). */
  permissions: DocumentedPermissions;
}

interface SkippedExample {
  kind: 'skip';
  key: string;
  description: string;
  reason: string;
  source: SourceRef;
}

export type ExampleSpec = InteractionSpec | SkippedExample;

/** A JSON media type, with or without parameters (matched whole, see the request's Content-Type). */
const JSON_CONTENT_TYPE = '^application/json(\\s*;.*)?$';
const BINARY_CONTENT = /^(image\/|audio\/|video\/|application\/(octet-stream|zip|pdf|x-zip)|multipart\/)/i;
const IGNORED_REQUEST_HEADERS = new Set(['authorization', 'content-length', 'host', 'content-type']);

/** Every example pair of every API page, as an interaction spec or a skip, in document order. */
export function buildExampleSpecs(model: ContractModel): ExampleSpec[] {
  const lookup = typeLookup(model.types);
  const specs: ExampleSpec[] = [];
  for (const page of model.pages) {
    for (const pair of page.pairs) specs.push(buildSpec(page, pair, lookup));
  }
  return specs;
}

export function buildSpec(page: PageContract, pair: ExamplePair, lookup: TypeLookup): ExampleSpec {
  const { request, response } = pair;
  const key = `${page.file}#${pair.id}`;
  const description = `${page.title ?? page.file}: ${pair.id}`;
  const skip = (reason: string): SkippedExample => ({ kind: 'skip', key, description, reason, source: request.source });

  if (!request.usable) {
    return skip(request.host && request.host !== 'graph.microsoft.com' ? `the request goes to ${request.host}, not Microsoft Graph` : `the URL \`${request.url}\` is not a usable Graph URL`);
  }
  const requestType = headerValue(request.headers, 'content-type');
  if (request.body && isBinary(request.body, requestType)) return skip('the request body is binary or multipart');
  if (request.body?.kind === 'text' && requestType && /json/i.test(requestType)) return skip('the request body is not valid JSON');
  const responseType = headerValue(response.headers, 'content-type');
  if (response.body && isBinary(response.body, responseType)) return skip('the response body is binary');
  // Pact's verifier follows redirects (to the documented download host, outside the test network),
  // so a documented 3xx answer can never be verified as such.
  if (response.status >= 300 && response.status < 400) return skip(`the response is a ${response.status} redirect, which Pact's verifier follows instead of checking`);

  const { path, pathExpression, states } = buildPath(request.version, request.pathTemplate ?? request.path, request.path, request.pathParams, key);
  const replaced: InteractionSpec['replaced'] = [];

  // Request
  const clientHeaders: Record<string, string> = {};
  const headers: Record<string, Template> = { Authorization: MatchersV3.regex(BEARER_PATTERN, `Bearer ${FAKE_BEARER_TOKEN}`) };
  for (const header of request.headers) {
    if (IGNORED_REQUEST_HEADERS.has(header.name.toLowerCase()) || header.value.includes('{')) continue;
    clientHeaders[header.name] = header.value;
    headers[header.name] = header.value;
  }
  let requestBody: InteractionSpec['request']['body'] = null;
  // An empty JSON object body (`{}`, common on parameterless actions) carries no contract, and
  // Pact's verifier (pact-core 18.1.0) hangs sending one: such requests are recorded without a body.
  const emptyObject = request.body?.kind === 'json' && isRecord(request.body.value) && Object.keys(request.body.value).length === 0;
  if (request.body?.kind === 'json' && !emptyObject) {
    const shape = requestShape(page, request.body, lookup);
    const derived = deriveBody(request.body.value, null, lookup, shape);
    replaced.push(...derived.replaced.map((r) => ({ where: 'request' as const, ...r })));
    requestBody = { kind: 'json', template: derived.template, example: derived.example };
    const contentType = requestType ?? 'application/json';
    clientHeaders['Content-Type'] = contentType;
    // Parameters (`; charset=utf-8`, `;odata.metadata=minimal`) are documented Graph traffic. Pact's
    // mock server (pact_matching 1.3.5) only accepts such a value under a rule that matches it whole:
    // `^application/json` alone is refused for `application/json; charset=utf-8`.
    headers['Content-Type'] = MatchersV3.regex(JSON_CONTENT_TYPE, contentType);
  } else if (request.body?.kind === 'text') {
    const contentType = requestType ?? 'text/plain';
    requestBody = { kind: 'text', text: request.body.text, contentType };
    clientHeaders['Content-Type'] = contentType;
    headers['Content-Type'] = contentType;
  }

  // Response. No Content-Type header expectation: the body's content type is in the pact anyway,
  // and Pact's verifier (pact_matching 1.3.5) rejects any Content-Type with parameters against it,
  // even with a regex matching rule, while Graph always sends
  // `application/json;odata.metadata=minimal;...;charset=utf-8`.
  const responseHeaders: Record<string, Template> = {};
  let responseBody: InteractionSpec['response']['body'] = null;
  const noBody = response.status === 204 || response.isEmpty || response.status === 304;
  if (!noBody && response.body?.kind === 'json') {
    const { type, shape } = responseShape(page, response.odataType, response.isCollection, response.body.value, lookup);
    const derived = deriveBody(response.body.value, type, lookup, shape);
    replaced.push(...derived.replaced.map((r) => ({ where: 'response' as const, ...r })));
    responseBody = { kind: 'json', template: derived.template, example: derived.example };
  } else if (!noBody && response.body?.kind === 'text') {
    const contentType = responseType ?? 'text/plain';
    responseBody = { kind: 'text', text: response.body.text, contentType };
  }
  documentStates(states, path, pathExpression, request.method, requestBody, response.status, responseBody);
  const location = headerValue(response.headers, 'location');
  if (location && response.status >= 300 && response.status < 400) responseHeaders['Location'] = MatchersV3.like(location);

  return {
    kind: 'interaction',
    key,
    provider: defaultProvider(request.version, request.path),
    description,
    providerStates: states,
    request: {
      method: request.method,
      path,
      pathExpression,
      query: parseQuery(request.query),
      headers,
      clientHeaders,
      body: requestBody,
    },
    response: { status: response.status, headers: responseHeaders, body: responseBody },
    replaced,
    source: request.source,
    page: page.file,
    exampleId: pair.id,
    permissions: documentedPermissions(page.permissions),
  };
}

function isBinary(body: Body, contentType: string | null): boolean {
  if (contentType && BINARY_CONTENT.test(contentType.trim())) return true;
  return body.kind === 'text' && /^--[\w-]+\s*$/m.test(body.text.split('\n')[0] ?? '');
}

/** Property types for a request body: the request-body table, else the body's or page's type. */
function requestShape(page: PageContract, body: Body & { kind: 'json' }, lookup: TypeLookup): Map<string, TypeRef> {
  if (page.requestBody.length > 0) {
    const shape = new Map<string, TypeRef>();
    for (const p of page.requestBody) shape.set(p.name.toLowerCase(), p.type);
    return shape;
  }
  const declared = isRecord(body.value) && typeof body.value['@odata.type'] === 'string' ? body.value['@odata.type'] : null;
  for (const name of [declared, page.responseType]) {
    if (!name) continue;
    const properties = propertiesOf(name, lookup);
    if (properties.size > 0) return properties;
  }
  return new Map();
}

/** The response's documented type: the annotation's `@odata.type`, else the `## Response` link. */
function responseShape(
  page: PageContract,
  odataType: string | null,
  isCollection: boolean,
  value: unknown,
  lookup: TypeLookup,
): { type: TypeRef | null; shape: Map<string, TypeRef> | undefined } {
  const collectionOf = odataType ? /^collection\((.+)\)$/i.exec(odataType)?.[1] ?? null : null;
  const typeName = collectionOf ?? (odataType && /\./.test(odataType) ? odataType : page.responseType);
  if (!typeName || propertiesOf(typeName, lookup).size === 0) {
    // The type's page is not in the docs folder. A create or update returns the resource whose
    // writable properties the request-body table documents: use those types for its fields.
    if (page.requestBody.length > 0 && isRecord(value) && !Array.isArray(value['value'])) {
      return { type: null, shape: new Map(page.requestBody.map((p) => [p.name.toLowerCase(), p.type])) };
    }
    return { type: null, shape: undefined };
  }
  const element: TypeRef = { kind: 'complex', name: typeName };
  const listShaped = isRecord(value) && Array.isArray(value['value']);
  if ((isCollection || collectionOf !== null) && listShaped) {
    return { type: null, shape: new Map([['value', { kind: 'collection', of: element }]]) };
  }
  return { type: element, shape: undefined };
}

/**
 * The concrete path, the provider-state expression and the states. Placeholders come from the
 * matched template (`/users/{id}` against `/users/87d3...`) or, without a template, from `{...}`
 * segments left in the example itself.
 */
function buildPath(
  version: string,
  template: string,
  examplePath: string,
  templateParams: Record<string, string>,
  /** What makes generated key values differ between examples (the example's key); default the template. */
  seed: string = template,
): { path: string; pathExpression: string | null; states: ProviderState[] } {
  const usedNames = new Set<string>();
  const states: ProviderState[] = [];
  const templateSegments = template.split('/');
  const exampleSegments = examplePath.split('/');
  const concrete: string[] = [];
  const expression: string[] = [];
  templateSegments.forEach((segment, index) => {
    const exampleSegment = exampleSegments[index] ?? segment;
    const placeholders = [...segment.matchAll(/\{[^}]*\}|<[^>]*>/g)].map((m) => m[0]);
    if (placeholders.length === 0) {
      concrete.push(encodePathSegment(exampleSegment));
      expression.push(encodePathSegment(exampleSegment));
      return;
    }
    let concreteSegment = segment;
    let expressionSegment = segment;
    for (const placeholder of placeholders) {
      let name = placeholderName(placeholder);
      for (let n = 2; usedNames.has(name); n++) name = `${placeholderName(placeholder)}${n}`;
      usedNames.add(name);
      const given = templateParams[placeholderName(placeholder)];
      // A key the example does not give is made per example: examples of one URL template document
      // different objects (derived types on separate pages), which in Graph have different ids.
      const value = given && !/[{}<>|\s]/.test(given) ? given : `${name}-${hash(`${seed}#${name}`).toString(16)}`;
      concreteSegment = concreteSegment.replace(placeholder, value);
      expressionSegment = expressionSegment.replace(placeholder, `\${${name}}`);
      states.push({ name: `a ${entityName(templateSegments, index)} exists`, params: { [name]: value } });
    }
    concrete.push(encodePathSegment(concreteSegment));
    // `$` is kept by the encoding, the braces are not: put the `${name}` expression back together.
    expression.push(encodePathSegment(expressionSegment).replace(/\$%7B([^%]+)%7D/g, '${$1}'));
  });
  const prefix = `/${version}`;
  const path = prefix + concrete.join('/');
  return { path, pathExpression: states.length > 0 ? prefix + expression.join('/') : null, states };
}

/**
 * Adds to each state what the example documents about its object: the collection it lives in
 * (the path up to its key), and for the object the request is about (the last key) its derived
 * type and, when the response shows it, the object itself. A list example (GET on a collection
 * answering `value`) gets a state of its own that seeds the set with the documented objects.
 */
function documentStates(
  states: ProviderState[],
  path: string,
  pathExpression: string | null,
  method: string,
  requestBody: InteractionSpec['request']['body'],
  status: number,
  responseBody: InteractionSpec['response']['body'],
): void {
  const concrete = path.split('/');
  const expression = (pathExpression ?? path).split('/');
  const last = expression.length - 1 - (expression[expression.length - 1] === '' ? 1 : 0);
  const response = responseBody?.kind === 'json' && isRecord(responseBody.example) ? responseBody.example : null;
  const requestType = requestBody?.kind === 'json' && isRecord(requestBody.example) ? requestBody.example['@odata.type'] : undefined;
  for (const state of states) {
    const [param] = Object.keys(state.params);
    const index = expression.indexOf(`\${${param}}`);
    if (index < 2 || !isCollectionSegment(expression[index - 1]!)) continue;
    const documented: StateDocumentation = { entitySet: concrete.slice(0, index).join('/') };
    if (index === last) {
      const entity = response && status === 200 && !Array.isArray(response['value']) && method !== 'DELETE' ? response : null;
      const odataType = entity?.['@odata.type'] ?? requestType;
      if (typeof odataType === 'string') documented.odataType = odataType;
      if (entity) documented.entity = entity;
    }
    state.documented = documented;
  }
  // A list: GET on a collection (no key after it) answering objects in `value`.
  const items = response && Array.isArray(response['value']) ? (response['value'] as unknown[]) : null;
  const collection = expression[last] ?? '';
  if (method !== 'GET' || status !== 200 || !items || !isCollectionSegment(collection) || !items.every(isRecord)) return;
  states.push({ name: `${collection} exist`, params: {}, documented: { entitySet: concrete.slice(0, last + 1).join('/'), entities: items } });
}

/** `users` → `user`; the key segment's own collection (`/users/{id}`) names the entity. */
function entityName(segments: string[], index: number): string {
  const segment = segments[index] ?? '';
  const own = segment.replace(/\(.*$/, '');
  const base = own && !/[{<]/.test(own) ? own : (segments[index - 1] ?? 'entity').replace(/\(.*$/, '');
  return singular(base);
}

/** Percent-encodes what may not stand in a URL path (spaces, quotes, braces, non-ASCII), keeping `%XX`, `$`, `(`, `)`, `'`, `=`, `,`. */
function encodePathSegment(segment: string): string {
  return segment.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/g, (c) => encodeURIComponent(c));
}

/** `$filter=a eq 'b'&$top=5` → `{ $filter: ["a eq 'b'"], $top: ["5"] }`, decoding `%XX`. */
function parseQuery(query: string | null): Record<string, string[]> | null {
  if (query === null || query.trim() === '') return null;
  const result: Record<string, string[]> = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    (result[key] ??= []).push(value);
  }
  return Object.keys(result).length > 0 ? result : null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `graph-<version>-<first path segment>`, e.g. `graph-v1.0-users`, `graph-beta-deviceManagement`. */
function defaultProvider(version: string, path: string): string {
  const first = path.split('/').find((s) => s !== '') ?? 'root';
  const segment = first.replace(/\(.*$/, '').replace(/[^A-Za-z0-9_.-]/g, '') || 'root';
  return `graph-${version}-${segment}`;
}

