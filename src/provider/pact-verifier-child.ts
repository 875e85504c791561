/**
 * Runs Pact's own verifier (pact-core, the Rust verifier behind pact-js) in a child process. The
 * Rust core prints its report straight to file descriptor 1; running it here lets the parent read
 * that report (which interactions failed) instead of letting it flood the console.
 * Options come as JSON in GRAPH_CONTRACTS_VERIFIER_OPTIONS.
 */
import { Verifier } from '@pact-foundation/pact';

async function main(): Promise<void> {
  const options = JSON.parse(process.env['GRAPH_CONTRACTS_VERIFIER_OPTIONS'] ?? '{}');
  try {
    await new Verifier({ logLevel: 'error', ...options }).verifyProvider();
    process.exitCode = 0;
  } catch {
    process.exitCode = 1;
  }
}

void main();
