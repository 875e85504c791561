/**
 * Runs the official Pact Broker client (`pact broker ...`, the Rust binary that
 * `@pact-foundation/pact-cli` ships as an npm package) with the broker's credentials in its
 * environment, never in its arguments, and its output redacted.
 *
 * The credentials go to the configured broker's origin only, as everywhere in this project
 * (src/broker/hal-client.ts): the client resolves every link it follows against
 * `--broker-base-url` and keeps only the link's path, so a broker whose links name another host
 * still gets the request itself; and its HTTP library drops `Authorization` on a redirect to
 * another host. test/broker/client-off-origin.test.ts holds the pinned client to both (links and
 * redirects to a second origin, for publish, can-i-deploy and record-deployment), so an upgrade
 * that changed either fails the suite. A local relay holding the credentials in its place was
 * considered and not built: it would guard against nothing the pinned client does, and it would take
 * the connection to the broker away from the client (its proxy support from HTTPS_PROXY, its
 * --ssl-certificate and --skip-ssl-verification options).
 */
import { execFileSync, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { BROKER_ENV, credentialEnvironment, registerBrokerSecrets, type BrokerSettings } from './settings';
import { redact } from '../internal/secrets';

export interface CliResult {
  exitCode: number;
  /** stdout and stderr, interleaved as they came, with the secrets removed. */
  output: string;
}

/** The path of the `pact` binary for this platform, from the package's own resolver. */
function pactCliPath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
  const { standalone } = require('@pact-foundation/pact-cli/src/pact-standalone') as { standalone(): { pactFullPath: string } };
  return standalone().pactFullPath;
}

/** The official client's own help for a subcommand (needs no broker settings). */
export function brokerCliHelp(subcommand: string): string {
  return execFileSync(pactCliPath(), ['broker', subcommand, '--help'], { encoding: 'utf8' });
}

export function runBrokerCli(subcommand: string, args: string[], settings: BrokerSettings, onOutput?: (text: string) => void): Promise<CliResult> {
  // Only what the client needs from our environment: no inherited broker variables from a
  // different configuration, and the base URL as a flag so the command line shows it.
  registerBrokerSecrets(settings);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.values(BROKER_ENV)) delete env[name];
  Object.assign(env, credentialEnvironment(settings));
  return new Promise((resolve, reject) => {
    let binary: string;
    try {
      binary = pactCliPath();
    } catch (error) {
      return reject(new Error(`The official Pact Broker client is not installed (@pact-foundation/pact-cli and its platform package): ${error instanceof Error ? error.message : String(error)}`));
    }
    const child = spawn(binary, ['broker', subcommand, ...args, '--broker-base-url', settings.baseUrl], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (text: string): void => {
      const clean = redact(text);
      output += clean;
      onOutput?.(clean);
    };
    wholeLines(child.stdout, take);
    wholeLines(child.stderr, take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, output }));
  });
}

/**
 * Passes a stream's text on in whole lines: a pipe delivers output in chunks of any size, and a
 * secret cut in two by a chunk boundary would escape redaction (both halves printed, the secret
 * whole again on the console). Multi-byte characters are not cut either.
 */
function wholeLines(stream: Readable, onLines: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      pending += text;
      return;
    }
    onLines(pending + text.slice(0, lastNewline + 1));
    pending = text.slice(lastNewline + 1);
  });
  stream.on('end', () => {
    const rest = pending + decoder.end();
    pending = '';
    if (rest) onLines(rest);
  });
}
