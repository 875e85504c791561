/**
 * Runs Pact's own verifier (pact-core, the Rust verifier behind pact-js) in a child process. The
 * Rust core prints its report straight to file descriptor 1; running it here lets the parent read
 * that report (which interactions failed) instead of letting it flood the console.
 * Options come as JSON in GRAPH_CONTRACTS_VERIFIER_OPTIONS.
 *
 * It calls pact-core's `verifyPacts` itself rather than pact-js's `Verifier`: that class puts an
 * express proxy of its own (in this process) between the Rust core and the provider, for its
 * state handlers and request filters, which the run does not use (provider states go straight to
 * our states URL, requests to our proxy or mock). That hop re-parsed and re-sent every request in
 * Node and loading pact-js cost each process about 0.3 s more: together they were half the CPU of
 * the verifier processes (corpus: 23.3 s -> 12.1 s) for the same verdicts, finding by finding.
 * pact-core is taken from where the installed pact-js takes it (a peer dependency), so the core
 * that judges is the one pact-js would use.
 */
import { createRequire } from 'node:module';

interface PactCore {
  verifyPacts(options: Record<string, unknown>): Promise<unknown>;
}

function pactCore(): PactCore {
  const fromPactJs = createRequire(require.resolve('@pact-foundation/pact'));
  return (fromPactJs('@pact-foundation/pact-core') as { default: PactCore }).default;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env['GRAPH_CONTRACTS_VERIFIER_OPTIONS'] ?? '{}');
  try {
    // pact-core's own default log level is info; pact-js's Verifier set error, as here.
    await pactCore().verifyPacts({ logLevel: 'error', ...options });
    process.exitCode = 0;
  } catch {
    process.exitCode = 1;
  }
}

void main();
