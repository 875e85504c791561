/**
 * Pact's verdict per interaction: runs Pact's verifier on pact files (in a child process, see
 * pact-verifier-child.ts) and reads which interactions it reports as failed.
 *
 * There is no time limit on a run as a whole: a run of any size is left alone for as long as it
 * makes progress. A watchdog stops it only when nothing has happened for `stallTimeoutMs` (no
 * output from the verifier, no exchange through the recording proxy): the caller then knows the
 * run stalled and finds the interaction it stalled on (see verify.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../internal/paths';

export interface PactVerdict {
  passed: boolean;
  /** The watchdog stopped the verifier: it made no progress (its Failures section is missing). */
  stalled: boolean;
  /** The places in the run (see placeTag) of the interactions Pact reported as failed. */
  failed: Set<number>;
  output: string;
}

export interface PactVerifierOptions {
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
  /** Stop the verifier when it made no progress for this long (ms). */
  stallTimeoutMs: number;
  /** Extra time before its first sign of progress, for the process to start (default 30 s). */
  startupAllowanceMs?: number;
  /** When the latest progress seen outside the verifier happened (ms, `Date.now()`): an exchange through the proxy. */
  lastActivity?: () => number;
  /**
   * An empty file and an empty folder to use as the verifier's trust store (SSL_CERT_FILE and
   * SSL_CERT_DIR), used only when every URL the verifier calls is plain http (see `trustStoreEnv`).
   */
  emptyTrustStore?: { file: string; dir: string };
  /**
   * Whether the verifier asks the states URL for a teardown after each interaction (default yes).
   * No only for a target that tears its states down itself (a verify lane of the built-in mock).
   */
  stateTeardowns?: boolean;
}

const CHILD = join(PACKAGE_ROOT, 'dist', 'provider', 'pact-verifier-child.js');
/** Start-up of a verifier process (Node and Pact's core) before it can show progress, generously. */
const DEFAULT_STARTUP_ALLOWANCE_MS = 30_000;
/** How often the watchdog looks at the verifier's progress. */
const WATCHDOG_TICK_MS = 500;

export function runPactVerifier(options: PactVerifierOptions): Promise<PactVerdict> {
  const verifierOptions = {
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: options.pactFiles,
    ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}),
    ...(options.providerStatesSetupUrl ? { providerStatesSetupUrl: options.providerStatesSetupUrl } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.stateTeardowns === false ? { stateTeardowns: false } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, ...trustStoreEnv(options), GRAPH_CONTRACTS_VERIFIER_OPTIONS: JSON.stringify(verifierOptions), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const spawned = Date.now();
    let lastOutput = 0;
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      lastOutput = Date.now();
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    let stalled = false;
    const abort = (): void => void child.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    const startup = options.startupAllowanceMs ?? DEFAULT_STARTUP_ALLOWANCE_MS;
    const watchdog = setInterval(() => {
      const last = Math.max(lastOutput, options.lastActivity?.() ?? 0);
      const quiet = last >= spawned ? Date.now() - last : Date.now() - spawned - startup;
      if (quiet <= options.stallTimeoutMs) return;
      stalled = true;
      child.kill('SIGKILL');
    }, Math.min(WATCHDOG_TICK_MS, options.stallTimeoutMs));
    child.on('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(watchdog);
      options.signal?.removeEventListener('abort', abort);
      const failed = parseFailures(output);
      const note = stalled ? `\nPact's verifier made no progress for ${options.stallTimeoutMs} ms and was stopped.` : '';
      resolve({ passed: code === 0 && !stalled, failed, output: output + note, stalled });
    });
  });
}

/**
 * The verifier's trust store. Pact's verifier loads the system CA bundle for every HTTP client it
 * builds (one per request and per provider-state call), which costs it more time than replaying
 * the requests does (120 interactions: 5.2 s as is, 1.7 s with SSL_CERT_FILE empty). With only
 * SSL_CERT_FILE emptied it still stats every file of the system certificate folder for each
 * client (33,499 stat calls under /etc/ssl for 24 interactions, seen with strace; 4 with
 * SSL_CERT_DIR emptied too). It only ever talks plain http to our recording proxy on 127.0.0.1
 * (and to a provider-state URL): the proxy makes the real (TLS) requests with Node's own trust
 * store. So an empty store changes no verdict and weakens no check, as long as no URL the verifier
 * calls is https; when one is (an https --states-url), the verifier keeps the system store.
 */
export function trustStoreEnv(options: Pick<PactVerifierOptions, 'providerBaseUrl' | 'providerStatesSetupUrl' | 'emptyTrustStore'>): Record<string, string> {
  if (!options.emptyTrustStore) return {};
  const urls = [options.providerBaseUrl, ...(options.providerStatesSetupUrl ? [options.providerStatesSetupUrl] : [])];
  return urls.every((url) => /^http:\/\//i.test(url)) ? { SSL_CERT_FILE: options.emptyTrustStore.file, SSL_CERT_DIR: options.emptyTrustStore.dir } : {};
}

/**
 * The tag that names an interaction's place in a run: appended to its description in the files
 * Pact's verifier reads, so that its Failures section names each failed interaction without
 * doubt. Descriptions alone are not unique: several documented examples can share one (two pages
 * with the same title and example name), and Pact's failure of one would count against both.
 */
export function placeTag(position: number): string {
  return ` [replay #${position}]`;
}

/**
 * The places (see placeTag) of the interactions in the verifier's Failures section:
 * `1) Verifying a pact between <consumer> and <provider>[ Given <state>] - <description> [replay #n][ - reason]`.
 */
export function parseFailures(output: string): Set<number> {
  // eslint-disable-next-line no-control-regex -- strips the verifier's ANSI colour codes (ESC [ ... m)
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const failed = new Set<number>();
  const section = plain.split(/^Failures:\s*$/m)[1] ?? '';
  for (const match of section.matchAll(/^\d+\) Verifying a pact between .*? \[replay #(\d+)\]/gm)) failed.add(Number(match[1]));
  return failed;
}

/**
 * Whether Pact's verifier failed the interaction at this place in its run. A run that failed
 * without a readable Failures section (or was stopped) counts against every interaction it was given.
 */
export function pactFailed(verdict: PactVerdict, position: number): boolean {
  if (verdict.stalled || (!verdict.passed && verdict.failed.size === 0)) return true;
  return verdict.failed.has(position);
}
