/**
 * Doc sources into a pact file pact-js wrote: each interaction whose description the library
 * gave a builder gets graph-contracts' V4 comments (`testname` = `page#example`, `text` = where
 * documented, and the same as data: see src/contract/pact-comments.ts). Other interactions and
 * their comments are left as they are; the file is replaced atomically.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../internal/atomic-write';
import type { InteractionComments } from '../pact/comments';
import { PactFileError } from './errors';

export function writeSourceComments(pactFile: string, added: ReadonlyMap<string, InteractionComments>): number {
  let pact: { interactions?: { description?: string; comments?: Record<string, unknown> }[] };
  try {
    pact = JSON.parse(readFileSync(pactFile, 'utf8')) as typeof pact;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PactFileError(
      pactFile,
      missing ? `The pact file ${pactFile} does not exist: Pact writes <dir>/<consumer>-<provider>.json after a passing executeTest.` : `${pactFile} is not JSON, so not a pact file.`,
    );
  }
  if (!Array.isArray(pact.interactions)) throw new PactFileError(pactFile, `${pactFile} has no interactions: it is not a pact file.`);
  let annotated = 0;
  for (const interaction of pact.interactions) {
    const comments = interaction.description === undefined ? undefined : added.get(interaction.description);
    if (!comments) continue;
    interaction.comments = { ...(interaction.comments ?? {}), ...comments };
    annotated++;
  }
  writeFileAtomic(pactFile, `${JSON.stringify(pact, null, 2)}\n`);
  return annotated;
}
