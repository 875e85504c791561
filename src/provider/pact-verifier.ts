/**
 * Pact's verdict per interaction: runs Pact's verifier on one pact file (in a child process, see
 * pact-verifier-child.ts) and reads which interactions it reports as failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../internal/paths';

export interface PactVerdict {
  passed: boolean;
  /** The verifier was stopped: it hung (every interaction it was given counts as failed). */
  timedOut: boolean;
  /** `failureKey(provider, description)` of the interactions Pact reported as failed. */
  failed: Set<string>;
  output: string;
}

export interface PactVerifierOptions {
  /** Kill the verifier after this long (ms); every interaction then counts as failed. */
  timeoutMs?: number;
  /** One run of the verifier replays all these files, in order. */
  pactFiles: string[];
  /** Per-request timeout of Pact's verifier, in ms (its default is 5 s). */
  requestTimeoutMs?: number;
  providerBaseUrl: string;
  providerStatesSetupUrl?: string;
  /** Pact's own log level (default error); its log is part of `output`. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Kills the verifier when aborted (Ctrl-C in a live run). */
  signal?: AbortSignal;
}

export function failureKey(provider: string, description: string): string {
  return `${provider}\u0000${description}`;
}

const CHILD = join(PACKAGE_ROOT, 'dist', 'provider', 'pact-verifier-child.js');
/** Generous: a file of 200 interactions verifies in a few seconds. */
const DEFAULT_TIMEOUT_MS = 120_000;

export function runPactVerifier(options: PactVerifierOptions): Promise<PactVerdict> {
  const verifierOptions = {
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: options.pactFiles,
    ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}),
    ...(options.providerStatesSetupUrl ? { providerStatesSetupUrl: options.providerStatesSetupUrl } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, GRAPH_CONTRACTS_VERIFIER_OPTIONS: JSON.stringify(verifierOptions), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let timedOut = false;
    const abort = (): void => void child.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      const failed = parseFailures(output);
      resolve({ passed: code === 0 && !timedOut, failed, output: timedOut ? `${output}\nPact's verifier did not finish within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms and was stopped.` : output, timedOut });
    });
  });
}

/**
 * `1) Verifying a pact between <consumer> and <provider>[ Given <state>] - <description>` lines of
 * the verifier's Failures section (provider names without spaces, as graph-contracts makes them).
 */
export function parseFailures(output: string): Set<string> {
  // eslint-disable-next-line no-control-regex -- strips the verifier's ANSI colour codes (ESC [ ... m)
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const failed = new Set<string>();
  const section = plain.split(/^Failures:\s*$/m)[1] ?? '';
  for (const match of section.matchAll(/^\d+\) Verifying a pact between .+? and (\S+)(?: Given .*?)? - (.+?)\s*$/gm)) {
    failed.add(failureKey(match[1]!, match[2]!.trim()));
  }
  return failed;
}

/**
 * Whether Pact's verifier failed an interaction. A failure line may carry a reason after the
 * description (`... - error sending request for url ...`); a run that failed without a readable
 * Failures section (or was stopped) counts against every interaction it was given.
 */
export function pactFailed(verdict: PactVerdict, provider: string, description: string): boolean {
  if (verdict.timedOut || (!verdict.passed && verdict.failed.size === 0)) return true;
  const key = failureKey(provider, description);
  for (const failed of verdict.failed) if (failed === key || failed.startsWith(`${key} - `)) return true;
  return false;
}
