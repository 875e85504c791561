/**
 * Merging the JSON reports of several verification runs (CI shards) into one report: pacts with
 * the same file, consumer and provider are joined, and the summary and per-operation figures are
 * recomputed from the joined interactions, so the merged report reads as if one run had made it.
 */
import { buildReport } from './build';
import { REPORT_SCHEMA_VERSION, type PactResult, type VerificationReport } from './model';

export class ReportMergeError extends Error {
  override readonly name = 'ReportMergeError' as const;
}

/** Parses one JSON report, naming the file when it is not one. */
export function parseReport(source: string, text: string): VerificationReport {
  let json: Partial<VerificationReport>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportMergeError(`${source} is not JSON; give the verification.json reports of the shards.`);
  }
  if (json.schemaVersion !== REPORT_SCHEMA_VERSION || !Array.isArray(json.pacts) || typeof json.target !== 'string') {
    throw new ReportMergeError(`${source} is not a graph-contracts verification report (schemaVersion ${REPORT_SCHEMA_VERSION} with target and pacts).`);
  }
  return json as VerificationReport;
}

export function mergeReports(reports: VerificationReport[]): VerificationReport {
  if (reports.length === 0) throw new ReportMergeError('No reports to merge.');
  const targets = [...new Set(reports.map((r) => r.target))];
  const pacts = new Map<string, PactResult>();
  const seen = new Set<string>();
  for (const report of reports) {
    for (const pact of report.pacts) {
      const key = JSON.stringify([pact.file, pact.consumer, pact.provider]);
      const merged = pacts.get(key) ?? { ...pact, interactions: [], pactPassed: true };
      for (const interaction of pact.interactions) {
        // An interaction in two reports (shards that overlap, or one report given twice) counts once.
        const id = JSON.stringify([key, interaction.key ?? interaction.description]);
        if (seen.has(id)) continue;
        seen.add(id);
        merged.interactions.push(interaction);
      }
      merged.pactPassed = merged.pactPassed && pact.pactPassed;
      pacts.set(key, merged);
    }
  }
  // Shards run side by side: the merged run took as long as the slowest shard.
  const durationMs = Math.max(...reports.map((r) => r.summary.durationMs));
  return buildReport(targets.join(', '), [...pacts.values()], durationMs);
}
