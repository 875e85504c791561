/**
 * Failures that fail the build: those of pacts the broker marks pending or WIP are reported but do
 * not count (a consumer's new expectations must not break the provider's build).
 */
import type { PactResult, VerificationReport } from './model';

export function isPending(pact: PactResult): boolean {
  return pact.broker !== undefined && (pact.broker.pending || pact.broker.wip);
}

/** Failed interactions outside pending and WIP pacts. */
export function blockingFailures(report: VerificationReport): number {
  return report.pacts.filter((p) => !isPending(p)).reduce((sum, p) => sum + p.interactions.filter((i) => !i.passed).length, 0);
}

/** Failed interactions of pending and WIP pacts. */
export function pendingFailures(report: VerificationReport): number {
  return report.pacts.filter(isPending).reduce((sum, p) => sum + p.interactions.filter((i) => !i.passed).length, 0);
}
