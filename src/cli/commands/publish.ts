/** `publish`: the pact files to the Pact Broker with version, branch, tags and build URL, through the official client. */
import { Command } from 'commander';
import { publishPacts } from '../../broker/publish';
import { unreachableInOutput } from '../../broker/reachable';
import { brokerSettings, BROKER_ENV, BrokerUsageError } from '../../broker/settings';
import { ciBuildUrl, gitBranch, gitCommit } from '../../broker/version-info';
import { ENV, pactDir } from '../config';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';

interface PublishCommandOptions {
  pacts?: string;
  consumerVersion?: string;
  branch?: string;
  tag?: string[];
  buildUrl?: string;
  brokerUrl?: string;
}

export function publishCommand(writer: Writer, setExit: (code: number) => void): Command {
  return new Command('publish')
    .description(`Publish the pact files to the Pact Broker ($${BROKER_ENV.baseUrl}, with $${BROKER_ENV.token} or $${BROKER_ENV.username}/$${BROKER_ENV.password}) with the official client, as consumer version, branch, tags and build URL.`)
    .option('--pacts <dir>', `folder of pact files (default: $${ENV.pactDir} or pacts)`)
    .option('--consumer-version <version>', 'consumer version (default: $GITHUB_SHA, else the git commit)')
    .option('--branch <branch>', 'consumer branch (default: $GITHUB_HEAD_REF or $GITHUB_REF_NAME, else the git branch)')
    .option('--tag <tags...>', 'consumer version tags')
    .option('--build-url <url>', 'URL of the build that made the pacts (default: the GitHub Actions run, when there)')
    .option('--broker-url <url>', `Pact Broker base URL (default: $${BROKER_ENV.baseUrl})`)
    .action(async (options: PublishCommandOptions) => {
      const settings = brokerSettings(process.env, options.brokerUrl);
      const consumerVersion = options.consumerVersion ?? gitCommit();
      if (!consumerVersion) throw new BrokerUsageError('No consumer version: pass --consumer-version, or run in a git checkout.');
      const branch = options.branch ?? gitBranch();
      const buildUrl = options.buildUrl ?? ciBuildUrl();
      const dir = pactDir(options.pacts);
      writer.out(`Publishing the pacts in ${dir} to ${settings.baseUrl} as version ${consumerVersion}${branch ? ` on branch ${branch}` : ''}\n`);
      const result = await publishPacts({ pactDir: dir, consumerVersion, ...(branch ? { branch } : {}), ...(options.tag ? { tags: options.tag } : {}), ...(buildUrl ? { buildUrl } : {}), settings, onOutput: writer.out });
      if (result.exitCode !== 0) writer.err(`[graph-contracts] Failed to publish: the Pact Broker client exited with ${result.exitCode} (its output is above).\n`);
      setExit(result.exitCode === 0 ? EXIT.ok : unreachableInOutput(result.output) ? EXIT.usage : EXIT.findings);
    });
}
