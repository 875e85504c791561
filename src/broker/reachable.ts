/**
 * The broker commands ask first whether the broker can be reached: the official client retries an
 * unreachable broker for about a minute and then exits 1, which reads as "not deployable" or "not
 * recorded". Unreachable is a configuration error (exit 2), as the README says.
 */
import { proxiedFor, unreachableReason } from '../internal/reachability';
import { BROKER_ENV, BrokerConfigError, type BrokerSettings } from './settings';

/** How long a connection to the broker may take to open. */
const BROKER_CONNECT_TIMEOUT_MS = 10_000;

export async function requireReachableBroker(settings: BrokerSettings): Promise<void> {
  // Behind a proxy only the proxy is reached directly; the client's own error then tells (see unreachableInOutput).
  if (proxiedFor(settings.baseUrl)) return;
  const reason = await unreachableReason(settings.baseUrl, BROKER_CONNECT_TIMEOUT_MS);
  if (reason) throw new BrokerConfigError(`Cannot reach the Pact Broker at ${settings.baseUrl}: ${reason}. Check ${BROKER_ENV.baseUrl} (or --broker-url) and the network; nothing was sent.`);
}

/** The official client's words for a request that got no answer at all (its exit code is 1 then too). */
export function unreachableInOutput(output: string): boolean {
  return /error sending request for url/i.test(output);
}
