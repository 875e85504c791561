/**
 * Merging the JSON reports of several verification runs (CI shards) into one report: pacts with
 * the same file, consumer and provider are joined, and the summary and per-operation figures are
 * recomputed from the joined interactions, so the merged report reads as if one run had made it.
 */
import { buildReport } from './build';
import { READABLE_SCHEMA_VERSIONS, REPORT_SCHEMA_VERSION, type PactResult, type VerificationReport } from './model';
import { reportProblems } from './report-shape';
import { GraphContractsError } from '../internal/errors';

export class ReportMergeError extends GraphContractsError {
  override readonly name = 'ReportMergeError' as const;
  readonly code = 'report_invalid' as const;
}

/** Parses one JSON report, naming the file when it is not one. */
export function parseReport(source: string, text: string): VerificationReport {
  let json: Partial<VerificationReport> | null;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportMergeError(`${source} is not JSON; give the verification.json reports of the shards.`, { where: source });
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (json === null || typeof json !== 'object' || !READABLE_SCHEMA_VERSIONS.includes(version as number) || !Array.isArray(json.pacts) || typeof json.target !== 'string') {
    const newer = typeof version === 'number' && version > REPORT_SCHEMA_VERSION ? ` It has schemaVersion ${version}, from a later release: use that release's graph-contracts to read it.` : '';
    throw new ReportMergeError(`${source} is not a graph-contracts verification report (schemaVersion ${READABLE_SCHEMA_VERSIONS.join(' or ')} with target and pacts).${newer} Give the verification.json files that verify wrote.`, { where: source });
  }
  const shard = json.shard as unknown;
  if (shard !== undefined) {
    const { index, count } = (shard ?? {}) as { index?: unknown; count?: unknown };
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || (count as number) < 1 || (index as number) < 1 || (index as number) > (count as number)) {
      throw new ReportMergeError(`${source} has a malformed "shard" (${JSON.stringify(shard)}): expected {"index": i, "count": n} with 1 <= i <= n, as verify --shard i/n writes it.`, { where: source });
    }
  }
  const problems = reportProblems(json as Record<string, unknown>, version as number);
  if (problems.length > 0) {
    const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
    throw new ReportMergeError(`${source} is not a verification report that can be merged: ${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${more}. Give the verification.json files that verify wrote.`, { where: source });
  }
  // Read as this version: reportProblems upgraded what older versions wrote differently.
  return { ...(json as VerificationReport), schemaVersion: REPORT_SCHEMA_VERSION };
}

/** At most this many problems are listed in one error (the count of the rest follows). */
const PROBLEMS_SHOWN = 5;

/**
 * When the reports carry shard info (`verify --shard i/n` writes it), they must be shards 1..n of
 * one split, each exactly once: a missing shard would otherwise pass as a smaller, green run.
 * `sources` names the files in messages.
 */
/** Missing shards named in the error; the count of the rest follows. */
const MISSING_SHOWN = 10;

function checkShards(reports: VerificationReport[], sources: string[] = reports.map((_, i) => `report ${i + 1}`)): void {
  const sharded = reports.map((r, i) => ({ shard: r.shard, source: sources[i]! }));
  if (sharded.every((r) => !r.shard)) return;
  const unsharded = sharded.filter((r) => !r.shard).map((r) => r.source);
  if (unsharded.length > 0) throw new ReportMergeError(`Cannot merge shard reports with reports of unsharded runs (${unsharded.join(', ')}): give the verification.json of every shard, and only those.`);
  const counts = [...new Set(sharded.map((r) => r.shard!.count))];
  if (counts.length > 1) throw new ReportMergeError(`The reports are shards of different splits (n = ${counts.join(', ')}): give the reports of one run's shards.`);
  const count = counts[0]!;
  // Work and memory follow the reports given, never the shard count they claim (1e9 is no loop).
  const byIndex = new Map<number, string[]>();
  for (const r of sharded) byIndex.set(r.shard!.index, [...(byIndex.get(r.shard!.index) ?? []), r.source]);
  const missingCount = count - byIndex.size;
  const missing: number[] = [];
  for (let index = 1; index <= count && missing.length < MISSING_SHOWN && missing.length < missingCount; index++) if (!byIndex.has(index)) missing.push(index);
  const repeated = [...byIndex].filter(([, sources]) => sources.length > 1).sort((a, b) => a[0] - b[0]).map(([index, sources]) => `${index}/${count} (${sources.join(', ')})`);
  if (missing.length > 0 || repeated.length > 0) {
    throw new ReportMergeError(
      [missing.length > 0 ? `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}${missingCount > missing.length ? ` and ${missingCount - missing.length} more` : ''} missing` : '', repeated.length > 0 ? `shard(s) given more than once: ${repeated.join('; ')}` : ''].filter(Boolean).join('; ') +
        `. A merge needs the report of each shard 1..${count} exactly once (did a shard's job fail before writing its report?).`,
    );
  }
}

export function mergeReports(reports: VerificationReport[], sources?: string[]): VerificationReport {
  if (reports.length === 0) throw new ReportMergeError('No reports to merge: give the verification.json of every shard.');
  checkShards(reports, sources);
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
  const merged = buildReport(targets.join(', '), [...pacts.values()], durationMs);
  // Every shard lists the docs' examples that generate skipped: each once.
  const notGenerated = new Map(reports.flatMap((r) => r.notGenerated ?? []).map((n) => [n.key, n]));
  if (notGenerated.size > 0) merged.notGenerated = [...notGenerated.values()];
  return merged;
}
