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
import { dirname, join } from 'node:path';

interface PactCore {
  verifyPacts(options: Record<string, unknown>): Promise<unknown>;
}

type SetProviderState = (handle: unknown, url: string, teardown: boolean, body: boolean) => void;

/** pact-core as the installed pact-js loads it (a peer dependency), and a require from inside it. */
function pactCoreModule(): { core: PactCore; fromCore: NodeJS.Require; main: string } {
  const fromPactJs = createRequire(require.resolve('@pact-foundation/pact'));
  const main = fromPactJs.resolve('@pact-foundation/pact-core');
  return { core: (fromPactJs('@pact-foundation/pact-core') as { default: PactCore }).default, fromCore: createRequire(main), main };
}

/**
 * Asks Pact's core for no provider-state teardowns. pact-core 16.2.0 has no option for it: it
 * always passes teardown=true to the FFI's `pactffi_verifier_set_provider_state`, which has the
 * flag. The FFI library object is one per process (pact-core keeps it), so the flag is changed on
 * the way in. Only for a target that tears its states down itself (see the mock's
 * `deferTeardowns`); when pact-core's layout differs, the teardowns are simply sent, as before.
 */
function withoutStateTeardowns(fromCore: NodeJS.Require, main: string, logLevel: unknown): void {
  try {
    const { getFfiLib } = fromCore(join(dirname(main), 'ffi')) as { getFfiLib?: (level: unknown) => Record<string, unknown> };
    const ffi = getFfiLib?.(logLevel);
    const original = ffi?.['pactffiVerifierSetProviderState'];
    if (!ffi || typeof original !== 'function') return;
    ffi['pactffiVerifierSetProviderState'] = ((handle, url, _teardown, body) => (original as SetProviderState).call(ffi, handle, url, false, body)) satisfies SetProviderState;
  } catch {
    // pact-core laid out otherwise: the teardowns are sent, and the mock takes them as they come.
  }
}

async function main(): Promise<void> {
  const { stateTeardowns, ...options } = JSON.parse(process.env['GRAPH_CONTRACTS_VERIFIER_OPTIONS'] ?? '{}') as Record<string, unknown>;
  try {
    const { core, fromCore, main: coreMain } = pactCoreModule();
    // pact-core's own default log level is info; pact-js's Verifier set error, as here.
    const settings = { logLevel: 'error', ...options };
    if (stateTeardowns === false) withoutStateTeardowns(fromCore, coreMain, settings.logLevel);
    await core.verifyPacts(settings);
    process.exitCode = 0;
  } catch {
    process.exitCode = 1;
  }
}

void main();
