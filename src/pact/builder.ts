/**
 * An interaction spec onto a pact-js V4 interaction builder: provider states, description,
 * request (path from provider state, query, headers, body) and response. The one home of that
 * mapping, used by the CLI's consumer run (`consumer-run.ts`) and the library API
 * (`src/library/interaction.ts`), so that a user's pact and graph-contracts' own say the same.
 */
import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { stateParams, type InteractionSpec } from './interactions';
import type { Template } from './matchers';

/** pact-js does not export its V4 builder types from its root; these are the ones `PactV4.addInteraction()` returns. */
export type V4UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
type V4InteractionWithRequest = ReturnType<V4UnconfiguredInteraction['withRequest']>;
export type V4InteractionWithResponse = ReturnType<V4InteractionWithRequest['willRespondWith']>;

type Body = InteractionSpec['request']['body'];

/** What a caller may put instead of the documented request (its own code's body, query or headers). */
export interface RequestOverrides {
  description?: string;
  query?: Record<string, string[]> | null;
  headers?: Record<string, Template>;
  body?: Body;
}

export function applySpec(builder: V4UnconfiguredInteraction, spec: InteractionSpec, overrides: RequestOverrides = {}): V4InteractionWithResponse {
  let interaction = builder;
  for (const state of spec.providerStates) interaction = interaction.given(state.name, stateParams(state) as Parameters<V4UnconfiguredInteraction['given']>[1]);
  const { request, response } = spec;
  const path = request.pathExpression ? MatchersV3.fromProviderState(request.pathExpression, request.path) : request.path;
  const query = overrides.query === undefined ? request.query : overrides.query;
  const headers = overrides.headers ?? request.headers;
  const body = overrides.body === undefined ? request.body : overrides.body;
  return interaction
    .uponReceiving(overrides.description ?? spec.description)
    .withRequest(request.method, path, (requestBuilder) => {
      if (query) requestBuilder.query(query);
      requestBuilder.headers(headers as Record<string, string>);
      if (body?.kind === 'text') textRequestBody(requestBuilder, body.contentType, body.text);
      else addBody(requestBuilder, body);
    })
    .willRespondWith(response.status, (responseBuilder) => {
      responseBuilder.headers(response.headers as Record<string, string>);
      addBody(responseBuilder, response.body);
    });
}

function addBody(builder: { jsonBody(body: unknown): unknown; body(contentType: string, body: Buffer): unknown }, body: Body): void {
  if (body?.kind === 'json') builder.jsonBody(body.template);
  else if (body?.kind === 'text') builder.body(body.contentType, Buffer.from(body.text));
}

const XML_MEDIA_TYPE = /^[^;]*[/+]xml\s*(;|$)/i;

/**
 * A text request body. pact-js's `body()` records any text as binary with a content-type matching
 * rule, which Pact's XML matcher cannot apply (`Unable to match Element ... using
 * ContentType("application/xml")`), so XML bodies (trustFramework policies) go through the
 * interaction's own `withRequestBody` (pact-core's text body, matched as XML). pact-js 16.2.0
 * keeps that interaction on the builder; without it, the binary body stands.
 */
function textRequestBody(builder: { body(contentType: string, body: Buffer): unknown }, contentType: string, text: string): void {
  const inner = (builder as unknown as { interaction?: { withRequestBody?: (body: string, contentType: string) => boolean } }).interaction;
  if (XML_MEDIA_TYPE.test(contentType) && typeof inner?.withRequestBody === 'function') {
    inner.withRequestBody(text, contentType);
    return;
  }
  builder.body(contentType, Buffer.from(text));
}
