/**
 * What a JSON verification report must hold for `report --merge` and `--compare` to read it:
 * checked on load, so that a malformed or hand-edited report is one error naming the file, the
 * pact, the interaction and the field (exit 2), never a stack trace. Fields that reports of
 * earlier releases may lack and that may be null (key, source, skipped, docsConflict) are read as
 * null, and a report of schema version 1 is read as the current version (`upgradeVersion1`).
 */
import type { SourceRef } from '../contract/diagnostics';
import { isRecord } from '../internal/records';

const SEVERITIES = ['ok', 'warning', 'error'];

/** Problems of a parsed report, each as "<where>: <what>"; empty when it can be merged. Fills in absent nullable fields. */
export function reportProblems(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const summary = json['summary'];
  if (!isRecord(summary) || typeof summary['durationMs'] !== 'number' || !(summary['durationMs'] >= 0)) problems.push('summary.durationMs: missing; a report has a summary with its duration');
  (json['pacts'] as unknown[]).forEach((pact, p) => {
    const at = `pacts[${p}]`;
    if (!isRecord(pact)) return problems.push(`${at}: ${shown(pact)}, not a pact result`);
    for (const field of ['file', 'consumer', 'provider']) if (typeof pact[field] !== 'string') problems.push(`${at}.${field}: must be a string`);
    if (typeof pact['pactPassed'] !== 'boolean') problems.push(`${at}.pactPassed: must be true or false`);
    if (!Array.isArray(pact['interactions'])) return problems.push(`${at}.interactions: must be a list`);
    pact['interactions'].forEach((interaction: unknown, i: number) => problems.push(...interactionProblems(interaction).map((problem) => `${at}.interactions[${i}]${problem}`)));
    return undefined;
  });
  return problems;
}

function interactionProblems(interaction: unknown): string[] {
  if (!isRecord(interaction)) return [`: ${shown(interaction)}, not an interaction result`];
  const problems: string[] = [];
  for (const field of ['description', 'method', 'path']) if (typeof interaction[field] !== 'string') problems.push(`.${field}: must be a string`);
  for (const field of ['passed', 'pactPassed']) if (typeof interaction[field] !== 'boolean') problems.push(`.${field}: must be true or false`);
  for (const field of ['key', 'skipped']) {
    interaction[field] ??= null;
    if (interaction[field] !== null && typeof interaction[field] !== 'string') problems.push(`.${field}: must be a string or null`);
  }
  interaction['source'] ??= null;
  if (interaction['source'] !== null && !isSourceRef(interaction['source'])) problems.push('.source: must be null or {"file": "...", "line": n, "column": n}');
  if (typeof interaction['template'] !== 'string') problems.push('.template: must be a string');
  interaction['docsConflict'] ??= null;
  const conflict = interaction['docsConflict'];
  if (conflict !== null && !(isRecord(conflict) && typeof conflict['examples'] === 'number' && Array.isArray(conflict['pages']) && conflict['pages'].every((p) => typeof p === 'string'))) {
    problems.push('.docsConflict: must be null or {"examples": n, "pages": [...]}');
  }
  const conformance = interaction['conformance'];
  if (typeof conformance !== 'number' || !(conformance >= 0 && conformance <= 1)) problems.push('.conformance: must be a number from 0 to 1');
  const findings = interaction['findings'];
  if (!Array.isArray(findings)) problems.push('.findings: must be a list');
  else {
    findings.forEach((finding: unknown, f: number) => {
      if (!isRecord(finding)) return problems.push(`.findings[${f}]: ${shown(finding)}, not a finding`);
      for (const field of ['path', 'verdict', 'expected', 'actual']) if (typeof finding[field] !== 'string') problems.push(`.findings[${f}].${field}: must be a string`);
      if (!SEVERITIES.includes(finding['severity'] as string)) problems.push(`.findings[${f}].severity: must be one of ${SEVERITIES.join(', ')}`);
      return undefined;
    });
  }
  return problems;
}

/**
 * A report of schema version 1 as version 2, in place: `documentedAt` (`file:line:column`) becomes
 * `source`, and an interaction without `template` (reports written before templates were
 * recorded) gets its path. Problems are returned as reportProblems returns them.
 */
export function upgradeVersion1(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const upgrade = (item: unknown, at: string): void => {
    if (!isRecord(item)) return;
    if (typeof item['path'] === 'string') item['template'] ??= item['path'];
    const documentedAt = item['documentedAt'];
    delete item['documentedAt'];
    if (documentedAt === undefined || documentedAt === null) return;
    const place = typeof documentedAt === 'string' ? /^(.+):(\d+):(\d+)$/.exec(documentedAt) : null;
    if (!place) return void problems.push(`${at}.documentedAt: ${shown(documentedAt)} is not "file:line:column"`);
    item['source'] = { file: place[1]!, line: Number(place[2]), column: Number(place[3]) } satisfies SourceRef;
  };
  if (Array.isArray(json['pacts'])) {
    json['pacts'].forEach((pact: unknown, p: number) => {
      if (isRecord(pact) && Array.isArray(pact['interactions'])) pact['interactions'].forEach((interaction: unknown, i: number) => upgrade(interaction, `pacts[${p}].interactions[${i}]`));
    });
  }
  if (Array.isArray(json['notGenerated'])) json['notGenerated'].forEach((example: unknown, n: number) => upgrade(example, `notGenerated[${n}]`));
  json['schemaVersion'] = 2;
  return problems;
}

function isSourceRef(value: unknown): value is SourceRef {
  return isRecord(value) && typeof value['file'] === 'string' && Number.isSafeInteger(value['line']) && Number.isSafeInteger(value['column']);
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
