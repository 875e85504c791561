/**
 * The `graph-contracts` command line. Exit codes are in src/internal/exit-codes.ts (74, output
 * that could not be written, and 70, a bug, are set by bin/). Commands only parse options and call
 * the library; all printing is here.
 */
// First: the compile cache must be on before the other modules are loaded.
import './compile-cache';
import { Command, CommanderError } from 'commander';
import { extractCommand } from './commands/extract';
import { generateCommand } from './commands/generate';
import { mockCommand } from './commands/mock';
import { verifyCommand } from './commands/verify';
import { loadEnvironment } from './config';
import { redact, registerEnvironmentSecrets } from '../internal/secrets';
import { runCommand } from './commands/run';
import { errorLine, processWriter, type Writer } from './output';
import { EXIT } from '../internal/exit-codes';
import { GraphContractsError } from '../internal/errors';
import { canIDeployCommand } from './commands/can-i-deploy';
import { publishCommand } from './commands/publish';
import { recordDeploymentCommand } from './commands/record-deployment';
import { reportCommand } from './commands/report';
import { lintCommand } from './commands/lint';
import { packageVersion } from '../internal/paths';

export function buildProgram(writer: Writer, setExit: (code: number) => void): Command {
  const program = new Command('graph-contracts')
    .description('Contract testing for Microsoft Graph: reference pages → contracts → Pact tests → verification.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: writer.out, writeErr: writer.err })
    .enablePositionalOptions()
    .exitOverride();
  for (const command of [extractCommand(writer, setExit), lintCommand(writer, setExit), generateCommand(writer, setExit), verifyCommand(writer, setExit), mockCommand(writer, setExit), runCommand(writer, setExit), publishCommand(writer, setExit), canIDeployCommand(writer, setExit), recordDeploymentCommand(writer, setExit), reportCommand(writer, setExit)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: writer.out, writeErr: writer.err }).showHelpAfterError('(run with --help for usage)'));
  }
  return program;
}

export async function main(argv: string[], output: Writer = processWriter): Promise<number> {
  loadEnvironment();
  registerEnvironmentSecrets();
  // Everything the CLI prints passes through redaction (see src/internal/secrets.ts).
  const writer: Writer = { out: (text) => output.out(redact(text)), err: (text) => output.err(redact(text)) };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(writer, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    // graph-contracts' own errors (a missing broker URL, a file that is not a report, ...) are one
    // line, with the code docs/cli.md lists, and end the run with their exit code; anything else,
    // and an error that means a bug, reaches bin/ as an internal error with its stack (exit 70).
    if (error instanceof GraphContractsError && error.exitCode !== EXIT.internal) {
      writer.err(errorLine(error));
      return error.exitCode;
    }
    throw error;
  }
  return exitCode;
}
