/**
 * One documented example as the pieces a Pact consumer test needs, and `addTo()`, which puts it on
 * the user's own PactV4 interaction builder so that the user's code runs in `executeTest`.
 */
import type { SourceRef } from '../contract/diagnostics';
import { applySpec, type RequestOverrides, type V4InteractionWithResponse, type V4UnconfiguredInteraction } from '../pact/builder';
import { sourceComments, type InteractionComments } from '../pact/comments';
import type { InteractionSpec, ProviderState } from '../pact/interactions';
import type { Template } from '../pact/matchers';

export type { V4InteractionWithResponse, V4UnconfiguredInteraction } from '../pact/builder';
export type { InteractionComments } from '../pact/comments';
export type { ProviderState } from '../pact/interactions';

/** Where the docs show the example. */
export interface DocumentedSource extends SourceRef {
  /** The page, as loaded (`graph-docs/api/user-get.md`). */
  page: string;
  /** The example's name on its page (`get_user`), or `example-N` by position. */
  example: string;
}

export interface AddToOptions {
  /** `uponReceiving` text instead of the documented `<page title>: <example>`. */
  description?: string;
  /** The query the app sends instead of the documented one (`null`: none). Values are literal. */
  query?: Record<string, string | string[]> | null;
  /** The request body the app sends instead of the documented one: JSON or a matcher template (see `matchersFor`). */
  requestBody?: unknown;
  /** Documented request headers the app does not send (`Prefer`, `ConsistencyLevel`), by name. */
  omitRequestHeaders?: string[];
  /** Request headers to add or replace (literal values or pact-js matchers). */
  requestHeaders?: Record<string, unknown>;
}

export class DocumentedInteraction {
  /** `page#example`: unique among the loaded docs, and what `--only` and the pact's `testname` comment use. */
  readonly key: string;
  readonly description: string;
  /** Provider states with the parameters the path takes from them (`a user exists`, `{ id }`). */
  readonly providerStates: readonly ProviderState[];
  readonly request: {
    readonly method: string;
    /** The concrete path the app must request, version included (`/v1.0/users/id-1234/events`). */
    readonly path: string;
    /** The same path with `${param}` where a provider state supplies the value; null when none. */
    readonly pathExpression: string | null;
    readonly query: Record<string, string[]> | null;
    /** Header templates (Authorization matches any bearer token). */
    readonly headers: Record<string, Template>;
    /** The body template with type-derived matchers, or null. */
    readonly body: Template | null;
    /** The body the docs show, placeholders replaced by typed examples: what the app may send. */
    readonly example: unknown;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Record<string, Template>;
    /** The body template with type-derived matchers, or null. */
    readonly body: Template | null;
    /** The body the docs show, placeholders replaced by typed examples. */
    readonly example: unknown;
  };
  readonly source: DocumentedSource;
  /** The V4 comments the pact gets (`writeSourceComments`): testname = key, text = where documented and the page's permissions. */
  readonly comments: InteractionComments;

  constructor(
    private readonly spec: InteractionSpec,
    private readonly onAdded: (description: string, comments: InteractionComments) => void,
  ) {
    this.key = spec.key;
    this.description = spec.description;
    this.providerStates = spec.providerStates;
    const { request, response } = spec;
    this.request = {
      method: request.method,
      path: request.path,
      pathExpression: request.pathExpression,
      query: request.query,
      headers: request.headers,
      body: request.body === null ? null : request.body.kind === 'json' ? request.body.template : request.body.text,
      example: request.body === null ? null : request.body.kind === 'json' ? request.body.example : request.body.text,
    };
    this.response = {
      status: response.status,
      headers: response.headers,
      body: response.body === null ? null : response.body.kind === 'json' ? response.body.template : response.body.text,
      example: response.body === null ? null : response.body.kind === 'json' ? response.body.example : response.body.text,
    };
    this.source = { ...spec.source, page: spec.page, example: spec.exampleId };
    this.comments = sourceComments(spec);
  }

  /** Every provider-state parameter (`{ id: 'id-1234' }`): the values in `request.path`. */
  get params(): Record<string, string> {
    return Object.assign({}, ...this.providerStates.map((s) => s.params)) as Record<string, string>;
  }

  /**
   * Adds the documented interaction to a builder from the user's own `pact.addInteraction()`:
   * provider states, description, request and response with matchers. Call `.executeTest()` on
   * the result with the app's code.
   *
   * @example
   * await contracts.interaction('GET /me').addTo(pact.addInteraction())
   *   .executeTest(async (mock) => expect(await getMe(mock.url)).toHaveProperty('displayName'));
   */
  addTo(builder: V4UnconfiguredInteraction, options: AddToOptions = {}): V4InteractionWithResponse {
    const overrides: RequestOverrides = {};
    if (options.description !== undefined) overrides.description = options.description;
    if (options.query !== undefined) {
      overrides.query = options.query === null ? null : Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
    }
    if (options.requestBody !== undefined) {
      overrides.body = options.requestBody === null ? null : { kind: 'json', template: options.requestBody, example: options.requestBody };
    }
    if (options.omitRequestHeaders || options.requestHeaders) {
      const omitted = new Set((options.omitRequestHeaders ?? []).map((h) => h.toLowerCase()));
      const replaced = new Set(Object.keys(options.requestHeaders ?? {}).map((h) => h.toLowerCase()));
      const kept = Object.entries(this.spec.request.headers).filter(([name]) => !omitted.has(name.toLowerCase()) && !replaced.has(name.toLowerCase()));
      overrides.headers = { ...Object.fromEntries(kept), ...(options.requestHeaders ?? {}) };
    }
    const result = applySpec(builder, this.spec, overrides);
    this.onAdded(options.description ?? this.spec.description, this.comments);
    return result;
  }
}
