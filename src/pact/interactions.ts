/**
 * Contract model → interaction specs: plain data describing one Pact interaction per documented
 * example (or a skip with its reason). The example itself is read by src/contract/examples.ts (the
 * mock serves the same reading); this adds what is Pact's: matchers, provider states, the bearer
 * token. No Pact calls and no I/O here; `consumer-run.ts` turns a spec into a real interaction
 * against Pact's mock server.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { SourceRef } from '../contract/diagnostics';
import { documentedPermissions, type DocumentedPermissions } from '../contract/pact-comments';
import { describeExample, type SkippedExample } from '../contract/examples';
import type { ContractModel, ExamplePair, PageContract } from '../contract/model';
import { isCollectionSegment } from '../internal/collections';
import { STATE_DETAILS } from '../internal/provider-states';
import { toTemplate, type Template } from './matchers';
import { typeLookup, type TypeLookup } from '../contract/types';
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

export type ExampleSpec = InteractionSpec | SkippedExample;

/** A JSON media type, with or without parameters (matched whole, see the request's Content-Type). */
const JSON_CONTENT_TYPE = '^application/json(\\s*;.*)?$';

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
  const example = describeExample(page, pair, lookup);
  if (example.kind === 'skip') return example;
  const { request, response } = example;
  const states: ProviderState[] = request.keys.map((key) => ({ name: `a ${key.entity} exists`, params: { [key.param]: key.value } }));
  const replaced: InteractionSpec['replaced'] = [];

  // Request
  const clientHeaders: Record<string, string> = { ...request.headers };
  const headers: Record<string, Template> = { Authorization: MatchersV3.regex(BEARER_PATTERN, `Bearer ${FAKE_BEARER_TOKEN}`), ...request.headers };
  let requestBody: InteractionSpec['request']['body'] = null;
  if (request.body?.kind === 'json') {
    replaced.push(...request.body.replaced.map((r) => ({ where: 'request' as const, ...r })));
    requestBody = { kind: 'json', template: toTemplate(request.body.shape), example: request.body.example };
    const contentType = request.contentType ?? 'application/json';
    clientHeaders['Content-Type'] = contentType;
    // Parameters (`; charset=utf-8`, `;odata.metadata=minimal`) are documented Graph traffic. Pact's
    // mock server (pact_matching 1.3.5) only accepts such a value under a rule that matches it whole:
    // `^application/json` alone is refused for `application/json; charset=utf-8`.
    headers['Content-Type'] = MatchersV3.regex(JSON_CONTENT_TYPE, contentType);
  } else if (request.body?.kind === 'text') {
    requestBody = request.body;
    clientHeaders['Content-Type'] = request.body.contentType;
    headers['Content-Type'] = request.body.contentType;
  }

  // Response. No Content-Type header expectation: the body's content type is in the pact anyway,
  // and Pact's verifier (pact_matching 1.3.5) rejects any Content-Type with parameters against it,
  // even with a regex matching rule, while Graph always sends
  // `application/json;odata.metadata=minimal;...;charset=utf-8`. No Location either: 3xx examples
  // are skipped (describeExample).
  let responseBody: InteractionSpec['response']['body'] = null;
  if (response.body?.kind === 'json') {
    replaced.push(...response.body.replaced.map((r) => ({ where: 'response' as const, ...r })));
    responseBody = { kind: 'json', template: toTemplate(response.body.shape), example: response.body.example };
  } else if (response.body?.kind === 'text') {
    responseBody = response.body;
  }
  documentStates(states, request.path, request.pathExpression, request.method, requestBody, response.status, responseBody);

  return {
    kind: 'interaction',
    key: example.key,
    provider: example.provider,
    description: example.description,
    providerStates: states,
    request: {
      method: request.method,
      path: request.path,
      pathExpression: request.pathExpression,
      query: request.query,
      headers,
      clientHeaders,
      body: requestBody,
    },
    response: { status: response.status, headers: {}, body: responseBody },
    replaced,
    source: example.source,
    page: example.page,
    exampleId: example.exampleId,
    permissions: documentedPermissions(page.permissions),
  };
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
