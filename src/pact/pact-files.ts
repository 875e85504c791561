/**
 * Joins the per-interaction pact files written by consumer tests into one Pact V4 file per
 * consumer-provider pair, in document order, with each interaction's source (`file:line`) and
 * example id as V4 comments. Output is deterministic (same input, same bytes) and written
 * atomically.
 *
 * What is already in the folder: only pact files this consumer wrote (named as it names them and
 * holding its consumer name) are ever changed or removed; other files are never touched, whatever
 * their names. In those files, the interactions the run owns (all of them, or only its shard's
 * with `--shard`) are replaced by what it wrote, and the rest are kept, so that shards 1..n run
 * one after another into one folder give the files a full run gives. A file left with no
 * interaction (its operations were removed from the docs) is removed.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../internal/atomic-write';
import { byCodeUnits } from '../internal/order';
import { sourceComments } from './comments';
import { inShard, interactionIdentity, type Shard } from '../internal/shard';
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

export interface JoinOptions {
  /**
   * Remove the interactions the run owns but did not write (operations removed from the docs).
   * False when some docs could not be read: what they held is then kept.
   */
  prune: boolean;
  /** The run covered only this shard: interactions of other shards are kept. */
  shard?: Shard;
  /** Example keys of all documented examples (every shard) in document order, for merged files. */
  order?: Map<string, number>;
}

export function joinPactFiles(consumer: string, written: WrittenInteraction[], pactDir: string, options: JoinOptions): PactFileSummary[] {
  const byProvider = new Map<string, WrittenInteraction[]>();
  for (const entry of written) {
    const list = byProvider.get(entry.provider) ?? [];
    list.push(entry);
    byProvider.set(entry.provider, list);
  }
  const existing = ownPactFiles(consumer, pactDir);
  const providers = [...new Set([...byProvider.keys(), ...existing.keys()])].sort(byCodeUnits);
  const summaries: PactFileSummary[] = [];
  for (const provider of providers) {
    const entries = byProvider.get(provider) ?? [];
    let metadata: Record<string, unknown> = existing.get(provider)?.metadata ?? {};
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
    const rewritten = new Set(entries.map((e) => e.spec.key));
    const owned = (id: string | null): boolean => id !== null && options.prune && (!options.shard || inShard(id, options.shard));
    const kept = (existing.get(provider)?.interactions ?? []).filter((interaction) => {
      const id = identityOf(provider, interaction);
      return !(id !== null && rewritten.has(id)) && !owned(id);
    });
    const file = pactFileName(consumer, provider);
    if (interactions.length + kept.length === 0) {
      rmSync(join(pactDir, file), { force: true });
      continue;
    }
    const all = [...interactions, ...(kept as Record<string, unknown>[])];
    const rank = (interaction: unknown): number => options.order?.get(identityOf(provider, interaction) ?? '') ?? Number.POSITIVE_INFINITY;
    // A stable sort: interactions the docs no longer show (kept from other shards) stay last, in their order.
    if (kept.length > 0) all.sort((a, b) => rank(a) - rank(b));
    const pact: PactJson = { consumer: { name: consumer }, interactions: all, metadata, provider: { name: provider } };
    writeFileAtomic(join(pactDir, file), `${JSON.stringify(pact, null, 2)}\n`);
    summaries.push({ file, provider, interactions: all.length });
  }
  return summaries;
}

/** An existing interaction's identity (see src/internal/shard.ts); null for something that is not an interaction. */
function identityOf(provider: string, interaction: unknown): string | null {
  if (interaction === null || typeof interaction !== 'object') return null;
  const { description, comments } = interaction as { description?: unknown; comments?: { testname?: unknown } };
  if (typeof comments?.testname === 'string') return comments.testname;
  return typeof description === 'string' ? interactionIdentity(provider, { description }) : null;
}

/**
 * The pact files in `pactDir` that this consumer wrote, by provider: named as pactFileName names
 * them and holding this consumer's name. (A prefix alone would take `graph-contracts-*.json` for
 * consumer `graph`, or a `graph-notes.json`.)
 */
function ownPactFiles(consumer: string, pactDir: string): Map<string, { interactions: unknown[]; metadata: Record<string, unknown> }> {
  const own = new Map<string, { interactions: unknown[]; metadata: Record<string, unknown> }>();
  if (!existsSync(pactDir)) return own;
  const prefix = pactFileName(consumer, '').replace(/\.json$/, '');
  for (const name of readdirSync(pactDir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(pactDir, name), 'utf8'));
    } catch {
      continue;
    }
    const pact = json as Partial<PactJson> | null;
    const provider = pact?.provider?.name;
    if (pact?.consumer?.name !== consumer || typeof provider !== 'string' || !Array.isArray(pact.interactions)) continue;
    if (pactFileName(consumer, provider) !== name) continue;
    const metadata = pact.metadata !== null && typeof pact.metadata === 'object' ? pact.metadata : {};
    own.set(provider, { interactions: pact.interactions, metadata });
  }
  return own;
}
