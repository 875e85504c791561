import { join } from 'node:path';
import { Command } from 'commander';
import { BUNDLED_CONTRACTS } from '../../internal/paths';
import type { Writer } from '../output';
import { addExtractOptions, EXIT, runExtract } from './extract';
import { addGenerateOptions, runGenerate, type GenerateCommandOptions } from './generate';

interface RunOptions extends GenerateCommandOptions {
  out: string;
}

/**
 * The main job: extraction (model and summary under `reports/`), then the consumer tests writing
 * Pact files into `pacts/`. Provider verification joins it with issue #4.
 */
export function runCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addGenerateOptions(
    addExtractOptions(
      new Command('run')
        .description('Run the whole pipeline on the bundled contracts (or the given docs): extract (reports/contracts.json, reports/extract-summary.json), then consumer tests writing Pact files (pacts/).')
        .argument('[paths...]', 'docs folders or pages (default: the bundled contracts/)')
        .option('--out <dir>', 'folder for the reports', 'reports'),
    ),
  ).action(async (paths: string[], options: RunOptions) => {
    const inputs = paths.length > 0 ? paths : [BUNDLED_CONTRACTS];
    writer.out(`graph-contracts: extracting ${inputs.join(', ')}\n`);
    const extracted = runExtract(
      inputs,
      { ...options, json: join(options.out, 'contracts.json'), summaryJson: join(options.out, 'extract-summary.json') },
      writer,
    );
    if (extracted.exitCode !== EXIT.ok) return setExit(extracted.exitCode);
    writer.out('graph-contracts: running consumer tests\n');
    const generated = await runGenerate(extracted.result.model, options, writer);
    setExit(generated.exitCode);
  });
}
