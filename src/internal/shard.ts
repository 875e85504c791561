/**
 * Splitting a large set of interactions across CI machines: `--shard i/n` keeps the interactions
 * whose identity hashes to shard i. The assignment depends only on each interaction's identity
 * (its documented example key, else provider and description), never on its position, so adding
 * or removing a page moves no other interaction, and every interaction is in exactly one shard.
 */
import type { createHash as CreateHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GraphContractsError } from './errors';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export class ShardError extends GraphContractsError {
  override readonly name = 'ShardError' as const;
  readonly code = 'shard_invalid' as const;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new ShardError(`--shard takes i/n (e.g. 2/4), not "${value}".`, { where: '--shard' });
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) throw new ShardError(`--shard ${value}: i must be between 1 and n, and n at least 1 (e.g. --shard 2/4 for the second of four shards).`, { where: '--shard' });
  return { index, count };
}

/**
 * The first 32 bits of the key's SHA-256: the same on every platform and Node version, and evenly
 * spread even for keys that differ in a few characters (FNV-1a's low bits were not: the four seed
 * examples all fell into one of two shards).
 */
export function stableHash(text: string): number {
  return loadCreateHash()('sha256').update(text, 'utf8').digest().readUInt32BE(0);
}

let createHash: typeof CreateHash | null = null;

/** node:crypto, required on first use: loading it costs every CLI start ~9 ms, and only --shard needs it. */
function loadCreateHash(): typeof CreateHash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
  createHash ??= (require('node:crypto') as { createHash: typeof CreateHash }).createHash;
  return createHash;
}

/** The 1-based shard an identity belongs to among `count`. */
export function shardOf(identity: string, count: number): number {
  return (stableHash(identity) % count) + 1;
}

export function inShard(identity: string, shard: Shard): boolean {
  return shardOf(identity, shard.count) === shard.index;
}

/** A pact interaction's identity: the documented example key graph-contracts records, else provider and description. */
export function interactionIdentity(provider: string, interaction: { description: string; comments?: { testname?: string } }): string {
  return interaction.comments?.testname ?? `${provider}\u0000${interaction.description}`;
}

interface PactLike {
  source: string;
  file: string;
  provider: string;
  interactions: { description: string; comments?: { testname?: string } }[];
}

/**
 * The pacts restricted to one shard's interactions: each pact with any is rewritten into `dir`
 * (Pact's verifier reads files) and keeps its source name for the report; the others are dropped.
 */
export function shardPacts<P extends PactLike>(pacts: P[], shard: Shard, dir: string, readPact: (file: string) => Record<string, unknown>): P[] {
  const kept: P[] = [];
  pacts.forEach((pact, i) => {
    const interactions = pact.interactions.filter((interaction) => inShard(interactionIdentity(pact.provider, interaction), shard));
    if (interactions.length === 0) return;
    const file = join(dir, `shard-${i}-${basename(pact.file)}`);
    writeFileSync(file, JSON.stringify({ ...readPact(pact.file), interactions }));
    kept.push({ ...pact, file, interactions });
  });
  return kept;
}
