/**
 * `verify --only`: the pacts restricted to the interactions the patterns select (see
 * src/contract/select.ts). A pact with some selected is rewritten into `dir` holding only those
 * (Pact's verifier reads files) and keeps its source name for the report; the others are dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { interactionTarget, parsePattern, select, SelectionError } from '../contract/select';
import type { LoadedPact } from './load-pacts';

export function selectPacts(pacts: LoadedPact[], patternTexts: readonly string[], dir: string): LoadedPact[] {
  const patterns = patternTexts.map(parsePattern);
  const items = pacts.flatMap((pact) => pact.interactions.map((interaction) => ({ pact, interaction })));
  const { selected, unmatched } = select(items, patterns, ({ interaction }) => interactionTarget(interaction));
  if (unmatched.length > 0) throw new SelectionError(unmatched, 'the pacts');
  const kept: LoadedPact[] = [];
  pacts.forEach((pact, i) => {
    const interactions = selected.filter((s) => s.pact === pact).map((s) => s.interaction);
    if (interactions.length === 0) return;
    if (interactions.length === pact.interactions.length) {
      kept.push(pact);
      return;
    }
    const file = join(dir, `only-${i}-${basename(pact.file)}`);
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(pact.file, 'utf8')) as Record<string, unknown>), interactions }));
    kept.push({ ...pact, file, interactions });
  });
  return kept;
}
