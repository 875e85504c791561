import { join } from 'node:path';
import { Command } from 'commander';
import { BUNDLED_CONTRACTS } from '../paths';
import type { Writer } from '../output';
import { addExtractOptions, runExtract, type ExtractCommandOptions } from './extract';

interface RunOptions extends ExtractCommandOptions {
  out: string;
}

/**
 * The main job. Today it runs the extraction stage on the bundled contracts (or the given docs)
 * and writes the model and summary under `reports/`; the consumer-test, verification and report
 * stages join it as they are built (issues #3 and #4).
 */
export function runCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addExtractOptions(
    new Command('run')
      .description('Run the whole pipeline on the bundled contracts (or the given docs): currently the extraction stage, writing reports/contracts.json and reports/extract-summary.json.')
      .argument('[paths...]', 'docs folders or pages (default: the bundled contracts/)')
      .option('--out <dir>', 'folder for the outputs', 'reports'),
  ).action((paths: string[], options: RunOptions) => {
    const inputs = paths.length > 0 ? paths : [BUNDLED_CONTRACTS];
    writer.out(`graph-contracts: extracting ${inputs.join(', ')}\n`);
    const { exitCode } = runExtract(
      inputs,
      { ...options, json: join(options.out, 'contracts.json'), summaryJson: join(options.out, 'extract-summary.json') },
      writer,
    );
    setExit(exitCode);
  });
}
