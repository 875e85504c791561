/**
 * The `graph-contracts` command line. Exit codes: 0 success, 1 findings fail the run, 2 usage or
 * configuration error (74, output that could not be written, is set by bin/ through output.ts).
 * Commands only parse options and call the library; all printing is here.
 */
// First: the compile cache must be on before the other modules are loaded.
import './compile-cache';
import { Command, CommanderError } from 'commander';
import { extractCommand } from './commands/extract';
import { generateCommand } from './commands/generate';
import { mockCommand, verifyCommand } from './commands/verify';
import { loadEnvironment } from './config';
import { redact, registerEnvironmentSecrets } from '../internal/secrets';
import { runCommand } from './commands/run';
import { processWriter, type Writer } from './output';
import { EXIT } from './commands/extract';
import { canIDeployCommand, publishCommand, recordDeploymentCommand } from './commands/broker';
import { reportCommand } from './commands/report';
import { lintCommand } from './commands/lint';
import { packageVersion } from '../internal/paths';

/**
 * Errors that mean the configuration or the input is wrong (a missing broker URL, a broker that
 * refuses the credentials, a file that is not a report): printed as one line, exit code 2. Their
 * messages never carry credentials (src/broker/settings.ts redacts them).
 */
const CONFIGURATION_ERRORS = new Set(['BrokerConfigError', 'BrokerError', 'BrokerUsageError', 'ReportMergeError', 'ReportFileError', 'ShardError', 'PactLoadError', 'SelectionError', 'PatternError', 'InputPathError']);

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
    if (error instanceof Error && CONFIGURATION_ERRORS.has(error.name)) {
      writer.err(`[graph-contracts] ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
