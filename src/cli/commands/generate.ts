import { Command } from 'commander';
import { positiveInteger, shard } from '../arguments';
import type { Shard } from '../../internal/shard';
import type { ContractModel } from '../../contract/model';
import type { GenerateSummary } from '../../pact/generate';
import { consumerName, ENV, pactDir, providerOverride } from '../config';
import { hasUnreadableInput } from '../inputs';
import type { Writer } from '../output';
import { createProgress, type Progress } from '../progress';
import { selectModel } from '../../contract/select';
import { collectPatterns, ONLY_HELP } from '../only';
import { addExtractOptions, runExtract, type ExtractCommandOptions } from './extract';
import { EXIT } from '../../internal/exit-codes';

export interface GenerateCommandOptions extends ExtractCommandOptions {
  pacts?: string;
  consumer?: string;
  provider?: string;
  maxPerPact?: number;
  shard?: Shard;
  only?: string[];
}

/** Runs the consumer tests for a model and prints what they wrote. */
export async function runGenerate(model: ContractModel, options: GenerateCommandOptions, writer: Writer): Promise<{ summary: GenerateSummary; exitCode: number }> {
  let progress: Progress | null = null;
  const provider = providerOverride(options.provider);
  // Loaded on use: Pact takes ~0.4 s to load, which every other command would pay at start-up.
  const { generatePacts } = await import('../../pact/generate');
  const { installedPactVersion, pactVersionWarning } = await import('../../pact/pact-version');
  const pactWarning = pactVersionWarning(installedPactVersion());
  if (pactWarning) writer.err(`[graph-contracts] Warning: ${pactWarning}\n`);
  // Pages that could not be read are missing from the model, not from the docs: keep their interactions.
  const incomplete = hasUnreadableInput(model);
  if (incomplete) writer.err('[graph-contracts] Some docs could not be read (file_unreadable above): interactions already in the pact files are kept, none is removed.\n');
  // A selection writes only part of the consumer's pacts: the others are kept, not pruned.
  const selected = options.only && options.only.length > 0 ? selectModel(model, options.only) : null;
  const summary = await generatePacts(selected ?? model, {
    ...(selected || incomplete ? { prune: false } : {}),
    consumer: consumerName(options.consumer),
    ...(provider ? { provider } : {}),
    pactDir: pactDir(options.pacts),
    ...(options.maxPerPact ? { maxPerPact: options.maxPerPact } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    onProgress: (done, total) => {
      progress ??= createProgress(options.progress, 'consumer tests', total, 'interactions');
      progress.update(done, total);
    },
  });
  (progress as Progress | null)?.stop();
  writer.out(formatGenerateSummary(summary, pactDir(options.pacts)));
  return { summary, exitCode: summary.failed.length > 0 ? EXIT.findings : EXIT.ok };
}

function formatGenerateSummary(summary: GenerateSummary, dir: string): string {
  const lines = [
    `Consumer tests  ${summary.examples} examples: ${summary.interactions} interactions, ${summary.written} passed and written, ${summary.failed.length} failed`,
  ];
  const skippedTotal = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  lines.push(`Skipped         ${skippedTotal}`);
  for (const [reason, count] of Object.entries(summary.skipped).sort((a, b) => b[1] - a[1])) lines.push(`  ${String(count).padStart(5)}  ${reason}`);
  for (const failure of summary.failed.slice(0, 20)) lines.push(`FAILED ${failure.source} ${failure.key}\n  ${failure.message.split('\n').filter((l) => l.trim()).join('\n  ')}`);
  if (summary.failed.length > 20) lines.push(`... and ${summary.failed.length - 20} more failures`);
  const largest = Math.max(0, ...summary.pactFiles.map((f) => f.interactions));
  lines.push(`Pact files      ${summary.pactFiles.length} in ${dir} (largest: ${largest} interaction${largest === 1 ? '' : 's'})`);
  lines.push(`Time            ${(summary.durationMs / 1000).toFixed(2)} s, ${summary.msPerInteraction.toFixed(1)} ms per interaction`);
  return `${lines.join('\n')}\n`;
}


export function addGenerateOptions(command: Command): Command {
  return command
    .option('--pacts <dir>', `folder for the pact files (default: $${ENV.pactDir} or pacts)`)
    .option('--consumer <name>', `consumer name in the pacts (default: $${ENV.consumer} or graph-contracts)`)
    .option('--provider <name>', `one provider name for every interaction (default: $${ENV.provider}, else graph-<version>-<top path segment>)`)
    .option('--max-per-pact <n>', 'split a provider whose pact would hold more interactions than this by its second path segment (default 200)', positiveInteger)
    .option('--shard <i/n>', 'run only shard i of n of the examples (a stable split by example, for CI matrices); other shards\' interactions in the pact files are kept, so shards 1..n into one folder give all of them', shard)
    .option('--only <patterns...>', `${ONLY_HELP}; keeps other pact files`, collectPatterns);
}

export function generateCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addGenerateOptions(
    addExtractOptions(
      new Command('generate')
        .description('Turn every documented request/response example into a Pact consumer test against the axios Graph client, and write the passing interactions as Pact V4 files.')
        .argument('<paths...>', 'docs folders or page files'),
    ),
  ).action(async (paths: string[], options: GenerateCommandOptions) => {
    const { result } = runExtract(paths, { ...options, show: options.show }, writer);
    if (result.summary.crashes > 0) return setExit(EXIT.findings);
    const { exitCode } = await runGenerate(result.model, options, writer);
    setExit(exitCode);
  });
}
