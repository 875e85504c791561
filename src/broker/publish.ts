/**
 * Publishing pacts: the official client (`pact broker publish`) sends the broker's documented
 * request, `POST` to the index's `pb:publish-contracts` relation (`/contracts/publish`) with the
 * consumer, version, branch, tags, build URL and each pact base64-encoded with its content type.
 * It is used rather than re-implementing that request: it also knows retries, merging and TLS
 * settings, and follows the broker's API as it evolves.
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBrokerCli, type CliResult } from './pact-cli';
import { requireReachableBroker } from './reachable';
import { BrokerConfigError, type BrokerSettings } from './settings';

export interface PublishOptions {
  pactDir: string;
  consumerVersion: string;
  branch?: string;
  tags?: string[];
  buildUrl?: string;
  settings: BrokerSettings;
  onOutput?: (text: string) => void;
}

export function publishArguments(options: Omit<PublishOptions, 'settings' | 'onOutput'>): string[] {
  const args = [resolve(options.pactDir), '--consumer-app-version', options.consumerVersion];
  if (options.branch) args.push('--branch', options.branch);
  // The client takes one --tag with comma-separated values (repeating the flag is an error).
  if (options.tags && options.tags.length > 0) args.push('--tag', options.tags.join(','));
  if (options.buildUrl) args.push('--build-url', options.buildUrl);
  return args;
}

export async function publishPacts(options: PublishOptions): Promise<CliResult> {
  let files: string[];
  try {
    files = statSync(options.pactDir).isDirectory() ? readdirSync(options.pactDir).filter((f) => f.endsWith('.json')) : [];
  } catch {
    throw new BrokerConfigError(`The pact folder ${options.pactDir} does not exist. Run \`graph-contracts generate\` first or pass --pacts DIR.`);
  }
  if (files.length === 0) throw new BrokerConfigError(`${options.pactDir} holds no pact files (*.json) to publish. Run \`graph-contracts generate\` first or pass --pacts DIR.`);
  if (!options.consumerVersion.trim()) throw new BrokerConfigError('The consumer version is empty: pass --consumer-version or run in a git checkout.');
  // After the local checks: a wrong folder is named even when the broker is down too.
  await requireReachableBroker(options.settings);
  return runBrokerCli('publish', publishArguments(options), options.settings, options.onOutput);
}
