import { join } from 'node:path';
import { Command } from 'commander';
import { BUNDLED_CONTRACTS } from '../../internal/paths';
import type { Writer } from '../output';
import { addExtractOptions, runExtract } from './extract';
import { EXIT } from '../../internal/exit-codes';
import { addGenerateOptions, runGenerate, type GenerateCommandOptions } from './generate';
import { pactDir } from '../config';
import { REPORTER_NAMES } from '../../report/registry';
import { runVerify } from './verify';

interface RunOptions extends GenerateCommandOptions {
  out: string;
}

/**
 * The main job: extraction (model and summary under `reports/`), the consumer tests writing Pact
 * files into `pacts/`, then verification of those pacts against the mock built from the same
 * docs, with all five report formats under `reports/`.
 */
export function runCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addGenerateOptions(
    addExtractOptions(
      new Command('run')
        .description('Run the whole pipeline on the bundled contracts (or the given docs): extract (reports/contracts.json), consumer tests writing Pact files (pacts/), verification against the mock with reports (reports/verification.*).')
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
    if (generated.exitCode !== EXIT.ok) return setExit(generated.exitCode);
    writer.out('graph-contracts: verifying the pacts against the mocked Graph endpoint\n');
    const files = generated.summary.pactFiles.map((f) => join(pactDir(options.pacts), f.file));
    const verified = await runVerify(files, { target: 'mock', seed: 1, report: [...REPORTER_NAMES], out: options.out }, writer, extracted.result.model);
    setExit(verified.exitCode);
  });
}
