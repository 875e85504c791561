/**
 * A verification report from per-pact results: totals, verdict counts and per-operation figures.
 * Pure, so that the runner, `report --merge` and the broker flow all build reports the same way.
 */
import type { FindingCode } from '../conformance/finding';
import { byCodeUnits } from '../internal/order';
import { operationOf, pageOf } from './operation';
import { conformanceOf, REPORT_SCHEMA_VERSION, type InteractionResult, type OperationSummary, type PactResult, type VerificationReport } from './model';

export function buildReport(target: string, pacts: PactResult[], durationMs: number): VerificationReport {
  const all = pacts.flatMap((p) => p.interactions);
  const replayed = all.filter((i) => i.skipped === null);
  const verdicts: Partial<Record<FindingCode, number>> = {};
  for (const finding of replayed.flatMap((i) => i.findings)) verdicts[finding.code] = (verdicts[finding.code] ?? 0) + 1;
  const operations = new Map<string, InteractionResult[]>();
  for (const interaction of all) {
    const operation = operationOf(interaction);
    const list = operations.get(operation) ?? [];
    list.push(interaction);
    operations.set(operation, list);
  }
  const operationSummaries: OperationSummary[] = [...operations].map(([operation, list]) => ({
    operation,
    pages: [...new Set(list.map(pageOf).filter((p): p is string => p !== null))].sort(byCodeUnits),
    interactions: list.length,
    passed: list.filter((i) => i.skipped === null && i.passed).length,
    failed: list.filter((i) => i.skipped === null && !i.passed).length,
    skipped: list.filter((i) => i.skipped !== null).length,
    conformance: conformanceOf(list.flatMap((i) => i.findings)),
  }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target,
    pacts,
    summary: {
      pacts: pacts.length,
      interactions: all.length,
      passed: replayed.filter((i) => i.passed).length,
      failed: replayed.filter((i) => !i.passed).length,
      skipped: all.length - replayed.length,
      disagreements: replayed.filter((i) => i.passed !== i.pactPassed).length,
      docsConflicts: replayed.filter((i) => !i.passed && i.docsConflict !== null).length,
      conformance: conformanceOf(replayed.flatMap((i) => i.findings)),
      verdicts,
      durationMs: Math.round(durationMs),
    },
    operations: operationSummaries,
  };
}
