/**
 * Joins the per-interaction pact files written by consumer tests into one Pact V4 file per
 * consumer-provider pair, in document order, with each interaction's source (`file:line`) and
 * example id as V4 comments. Output is deterministic (same input, same bytes) and written
 * atomically; pact files of the same consumer that the run no longer produces are removed.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../internal/atomic-write';
import { byCodeUnits } from '../internal/order';
import { sourceComments } from './comments';
import type { InteractionSpec } from './interactions';

export interface WrittenInteraction {
  spec: InteractionSpec;
  provider: string;
  /** The folder the interaction's own pact file was written to. */
  dir: string;
}

export interface PactFileSummary {
  file: string;
  provider: string;
  interactions: number;
}

interface PactJson {
  consumer: { name: string };
  provider: { name: string };
  interactions: Record<string, unknown>[];
  metadata: Record<string, unknown>;
}

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function joinPactFiles(consumer: string, written: WrittenInteraction[], pactDir: string, prune: boolean): PactFileSummary[] {
  const byProvider = new Map<string, WrittenInteraction[]>();
  for (const entry of written) {
    const list = byProvider.get(entry.provider) ?? [];
    list.push(entry);
    byProvider.set(entry.provider, list);
  }
  const summaries: PactFileSummary[] = [];
  for (const [provider, entries] of [...byProvider].sort((a, b) => byCodeUnits(a[0], b[0]))) {
    let metadata: Record<string, unknown> = {};
    const interactions: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const pact = JSON.parse(readFileSync(join(entry.dir, pactFileName(consumer, provider)), 'utf8')) as PactJson;
      metadata = pact.metadata;
      for (const interaction of pact.interactions) {
        interactions.push({
          ...interaction,
          comments: sourceComments(entry.spec),
        });
      }
    }
    const file = pactFileName(consumer, provider);
    const pact: PactJson = { consumer: { name: consumer }, interactions, metadata, provider: { name: provider } };
    writeFileAtomic(join(pactDir, file), `${JSON.stringify(pact, null, 2)}\n`);
    summaries.push({ file, provider, interactions: interactions.length });
  }
  if (prune) pruneStale(consumer, pactDir, new Set(summaries.map((s) => s.file)));
  return summaries;
}

/** Removes `<consumer>-*.json` pact files this run did not write (operations removed from the docs). */
function pruneStale(consumer: string, pactDir: string, keep: Set<string>): void {
  if (!existsSync(pactDir)) return;
  const prefix = pactFileName(consumer, '').replace(/\.json$/, '');
  for (const name of readdirSync(pactDir)) {
    if (name.startsWith(prefix) && name.endsWith('.json') && !keep.has(name)) rmSync(join(pactDir, name));
  }
}
