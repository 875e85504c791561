/**
 * The V4 `comments` graph-contracts gives each interaction: `testname` is the documented example's
 * key (`page#example`, which `--shard` and `--only` read back) and `text` says where the docs show
 * it, with the page's permissions. pact-js 16 has no call for comments, so they are added to the
 * pact file after Pact wrote it (`pact-files.ts` for the CLI, `src/library/pact-comments.ts` for
 * the library API).
 */
import { formatSource } from '../contract/diagnostics';
import type { InteractionSpec } from './interactions';

export interface InteractionComments {
  testname: string;
  text: string[];
}

export function sourceComments(spec: InteractionSpec): InteractionComments {
  return { testname: spec.key, text: [`Documented at ${formatSource(spec.source)} (example ${spec.exampleId})`, ...spec.permissions] };
}
