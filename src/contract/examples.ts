/**
 * Documented examples as concrete, typed requests and responses: for one example pair, the path a
 * client requests (keys made per example where the docs leave a placeholder), the query, the
 * headers it sends, the bodies read with their types (src/contract/typed-body.ts), or why the
 * example cannot be exercised. Plain data, no Pact: the pact builder (src/pact/interactions.ts)
 * writes it as a Pact interaction and the mock (src/mock/routes.ts) serves it, from this one reading.
 */
import type { SourceRef } from './diagnostics';
import type { Body, ExamplePair, PageContract, TypeRef } from './model';
import { hash, typeBody, type TypedBody } from './typed-body';
import { propertiesOf, type TypeLookup } from './types';
import { headerValue } from '../internal/headers';
import { placeholderName, singular } from '../internal/names';
import { isRecord } from '../internal/records';

/** A key the path needs: its `${param}` name, the value this example uses, the entity it names (`user`). */
interface PathKey {
  param: string;
  value: string;
  entity: string;
}

type ExampleBody = ({ kind: 'json' } & TypedBody) | { kind: 'text'; text: string; contentType: string };

export interface ExampleDescription {
  kind: 'interaction';
  /** Unique and stable: `<page file>#<example id>`. */
  key: string;
  /** Provider group (`graph-v1.0-users`), before any override. */
  provider: string;
  description: string;
  request: {
    method: string;
    /** The concrete path the client requests, version included, percent-encoded. */
    path: string;
    /** The same path with `${param}` where a provider state injects the value; null when none. */
    pathExpression: string | null;
    keys: PathKey[];
    query: Record<string, string[]> | null;
    /** The documented headers the client sends (not Authorization, Content-Type, Host or Content-Length). */
    headers: Record<string, string>;
    /** The Content-Type the client sends with its body, null without a body. */
    contentType: string | null;
    body: ExampleBody | null;
  };
  response: {
    status: number;
    body: ExampleBody | null;
  };
  source: SourceRef;
  page: string;
  exampleId: string;
}

export interface SkippedExample {
  kind: 'skip';
  key: string;
  description: string;
  reason: string;
  source: SourceRef;
}

const BINARY_CONTENT = /^(image\/|audio\/|video\/|application\/(octet-stream|zip|pdf|x-zip)|multipart\/)/i;
const IGNORED_REQUEST_HEADERS = new Set(['authorization', 'content-length', 'host', 'content-type']);

export function describeExample(page: PageContract, pair: ExamplePair, lookup: TypeLookup): ExampleDescription | SkippedExample {
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

  const { path, pathExpression, keys } = buildPath(request.version, request.pathTemplate ?? request.path, request.path, request.pathParams, key);

  const headers: Record<string, string> = {};
  for (const header of request.headers) {
    if (IGNORED_REQUEST_HEADERS.has(header.name.toLowerCase()) || header.value.includes('{')) continue;
    headers[header.name] = header.value;
  }
  let requestBody: ExampleBody | null = null;
  let contentType: string | null = null;
  // An empty JSON object body (`{}`, common on parameterless actions) carries no contract, and
  // Pact's verifier (pact-core 18.1.0) hangs sending one: such requests are recorded without a body.
  const emptyObject = request.body?.kind === 'json' && isRecord(request.body.value) && Object.keys(request.body.value).length === 0;
  if (request.body?.kind === 'json' && !emptyObject) {
    requestBody = { kind: 'json', ...typeBody(request.body.value, null, lookup, requestShape(page, request.body, lookup)) };
    contentType = requestType ?? 'application/json';
  } else if (request.body?.kind === 'text') {
    contentType = requestType ?? 'text/plain';
    requestBody = { kind: 'text', text: request.body.text, contentType };
  }

  let responseBody: ExampleBody | null = null;
  const noBody = response.status === 204 || response.isEmpty || response.status === 304;
  if (!noBody && response.body?.kind === 'json') {
    const { type, shape } = responseShape(page, response.odataType, response.isCollection, response.body.value, lookup);
    responseBody = { kind: 'json', ...typeBody(response.body.value, type, lookup, shape) };
  } else if (!noBody && response.body?.kind === 'text') {
    responseBody = { kind: 'text', text: response.body.text, contentType: responseType ?? 'text/plain' };
  }

  return {
    kind: 'interaction',
    key,
    provider: defaultProvider(request.version, request.path),
    description,
    request: { method: request.method, path, pathExpression, keys, query: parseQuery(request.query), headers, contentType, body: requestBody },
    response: { status: response.status, body: responseBody },
    source: request.source,
    page: page.file,
    exampleId: pair.id,
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
 * The concrete path, the expression with `${param}` for each key, and the keys. Placeholders come from the
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
): { path: string; pathExpression: string | null; keys: PathKey[] } {
  const usedNames = new Set<string>();
  const keys: PathKey[] = [];
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
      keys.push({ param: name, value, entity: entityName(templateSegments, index) });
    }
    concrete.push(encodePathSegment(concreteSegment));
    // `$` is kept by the encoding, the braces are not: put the `${name}` expression back together.
    expression.push(encodePathSegment(expressionSegment).replace(/\$%7B([^%]+)%7D/g, '${$1}'));
  });
  const prefix = `/${version}`;
  const path = prefix + concrete.join('/');
  return { path, pathExpression: keys.length > 0 ? prefix + expression.join('/') : null, keys };
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

