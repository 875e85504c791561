/**
 * The consumer stage as a library call: every documented example of a contract model becomes a
 * consumer test run against Pact's mock server, and the passing ones are written as Pact V4
 * files, one per consumer-provider pair. Used by `graph-contracts generate` and `npm start`; the
 * jest consumer suite runs the same `runInteraction` per test.
 */
import { rmSync } from 'node:fs';
import { formatSource } from '../contract/diagnostics';
import type { ContractModel } from '../contract/model';
import { interactionDir, runInteraction } from './consumer-run';
import { buildExampleSpecs, type InteractionSpec } from './interactions';
import { joinPactFiles, type PactFileSummary, type WrittenInteraction } from './pact-files';
import { assignProviders, makeDescriptionsUnique } from './providers';
import { inShard, type Shard } from '../internal/shard';
import { makeWorkDir } from '../internal/stale-files';

export { DEFAULT_CONSUMER } from './defaults';

export interface GenerateOptions {
  consumer: string;
  /** One provider name for every interaction (default: split by version and top segment). */
  provider?: string;
  pactDir: string;
  maxPerPact?: number;
  /**
   * Remove this consumer's interactions (and pact files left empty) that the run's examples own but
   * did not write (default true). Pass false when some docs could not be read.
   */
  prune?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Run only this shard's examples (`--shard i/n`); other shards' interactions are then kept in the pact files. */
  shard?: Shard;
}

export interface GenerateSummary {
  examples: number;
  interactions: number;
  written: number;
  failed: { key: string; source: string; message: string }[];
  skipped: Record<string, number>;
  pactFiles: PactFileSummary[];
  durationMs: number;
  msPerInteraction: number;
}

export async function generatePacts(model: ContractModel, options: GenerateOptions): Promise<GenerateSummary> {
  const started = process.hrtime.bigint();
  const specs = buildExampleSpecs(model);
  const allInteractions = specs.filter((s): s is InteractionSpec => s.kind === 'interaction');
  const skipped: Record<string, number> = {};
  for (const spec of specs) if (spec.kind === 'skip') skipped[spec.reason] = (skipped[spec.reason] ?? 0) + 1;

  // Providers and descriptions are assigned over all examples before sharding, so that a shard's
  // pacts name them exactly as a full run does.
  const providers = assignProviders(allInteractions, { ...(options.provider ? { override: options.provider } : {}), ...(options.maxPerPact ? { maxPerPact: options.maxPerPact } : {}) });
  makeDescriptionsUnique(allInteractions, providers);
  const shard = options.shard;
  const interactions = shard ? allInteractions.filter((spec) => inShard(spec.key, shard)) : allInteractions;
  const workDir = makeWorkDir('graph-contracts-pacts-');
  const written: WrittenInteraction[] = [];
  const failed: GenerateSummary['failed'] = [];
  try {
    for (let i = 0; i < interactions.length; i++) {
      const spec = interactions[i]!;
      const provider = providers.get(spec)!;
      const dir = interactionDir(workDir, i);
      try {
        await runInteraction(spec, { consumer: options.consumer, provider, dir });
        written.push({ spec, provider, dir });
      } catch (error) {
        failed.push({ key: spec.key, source: formatSource(spec.source), message: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.(i + 1, interactions.length);
    }
    const order = new Map(allInteractions.map((spec, i) => [spec.key, i]));
    const pactFiles = joinPactFiles(options.consumer, written, options.pactDir, { prune: options.prune ?? true, ...(shard ? { shard } : {}), order });
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      examples: specs.length,
      interactions: interactions.length,
      written: written.length,
      failed,
      skipped,
      pactFiles,
      durationMs: Math.round(durationMs),
      msPerInteraction: interactions.length === 0 ? 0 : durationMs / interactions.length,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
