/**
 * Pact's verdict per interaction: runs Pact's verifier on one pact file (in a child process, see
 * pact-verifier-child.ts) and reads which interactions it reports as failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../internal/paths';

export interface PactVerdict {
  passed: boolean;
  /** Descriptions of the interactions Pact reported as failed. */
  failed: Set<string>;
  output: string;
}

export interface PactVerifierOptions {
  pactFile: string;
  provider: string;
  providerBaseUrl: string;
  providerStatesSetupUrl?: string;
}

const CHILD = join(PACKAGE_ROOT, 'dist', 'provider', 'pact-verifier-child.js');

export function runPactVerifier(options: PactVerifierOptions): Promise<PactVerdict> {
  const verifierOptions = {
    provider: options.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pactFile],
    ...(options.providerStatesSetupUrl ? { providerStatesSetupUrl: options.providerStatesSetupUrl } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, GRAPH_CONTRACTS_VERIFIER_OPTIONS: JSON.stringify(verifierOptions), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ passed: code === 0, failed: parseFailures(output), output }));
  });
}

/** `1) Verifying a pact between A and B - <description>` lines of the verifier's Failures section. */
export function parseFailures(output: string): Set<string> {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const failed = new Set<string>();
  const section = plain.split(/^Failures:\s*$/m)[1] ?? '';
  for (const match of section.matchAll(/^\d+\) Verifying a pact between .+? and .+? - (.+?)\s*$/gm)) failed.add(match[1]!.trim());
  return failed;
}
