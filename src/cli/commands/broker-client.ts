/** What `can-i-deploy` and `record-deployment` share: they pass their options to the official Pact Broker client. */
import { Command } from 'commander';
import { brokerCliHelp, runBrokerCli } from '../../broker/pact-cli';
import { requireReachableBroker, unreachableInOutput } from '../../broker/reachable';
import { brokerSettings, BROKER_ENV } from '../../broker/settings';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';

/**
 * A subcommand whose options go to the official client's `pact broker <name>`, with the broker URL
 * and credentials from the environment (never the command line); `--help` shows the client's help.
 */
export function passThroughCommand(name: string, description: string, writer: Writer, setExit: (code: number) => void, exitCode: (clientExit: number) => number): Command {
  return new Command(name)
    .description(description)
    .allowUnknownOption()
    .passThroughOptions()
    .helpOption('-h, --help-graph-contracts', 'this help (--help after the command shows the official client\'s)')
    .argument('[options...]', `options of \`pact broker ${name}\``)
    .action(async (args: string[]) => {
      if (args.includes('--help') || args.includes('-h')) return writer.out(brokerCliHelp(name));
      const settings = brokerSettings(process.env);
      await requireReachableBroker(settings);
      const result = await runBrokerCli(name, args, settings, writer.out);
      setExit(result.exitCode !== 0 && unreachableInOutput(result.output) ? EXIT.usage : exitCode(result.exitCode));
    });
}

export const CREDENTIALS_FROM_ENV = `the broker URL and credentials come from $${BROKER_ENV.baseUrl} and $${BROKER_ENV.token} or $${BROKER_ENV.username}/$${BROKER_ENV.password}`;
