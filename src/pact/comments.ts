/**
 * The V4 `comments` graph-contracts gives each interaction spec: its documented origin (key,
 * page:line, example name, the page's permissions) as `src/contract/pact-comments.ts` writes it.
 * pact-js 16 has no call for comments, so they are added to the pact file after Pact wrote it
 * (`pact-files.ts` for the CLI, `src/library/pact-comments.ts` for the library API).
 */
import { interactionComments, type InteractionComments } from '../contract/pact-comments';
import type { InteractionSpec } from './interactions';

export type { InteractionComments } from '../contract/pact-comments';

export function sourceComments(spec: InteractionSpec): InteractionComments {
  return interactionComments({ key: spec.key, source: spec.source, example: spec.exampleId, permissions: spec.permissions });
}
