/**
 * What a JSON verification report must hold for `report --merge` and `--compare` to read it:
 * checked on load, so that a malformed or hand-edited report is one error naming the file, the
 * pact, the interaction and the field (exit 2), never a stack trace. Fields that reports of
 * earlier releases may lack and that may be null (key, source, skipped, docsConflict) are read as
 * null. A report of schema version 1 is read as the current version: `documentedAt` becomes
 * `source` (`upgradeVersion1`), and its findings (path, verdict, expected and actual as text) are
 * read as findings whose expected and actual are words only (`kind: 'text'`).
 */
import type { SourceRef } from '../contract/diagnostics';
import { FINDING_CODES, type Finding, type FindingPath } from '../conformance/finding';
import { isRecord } from '../internal/records';

const SEVERITIES = ['ok', 'warning', 'error'];

/** Problems of a parsed report, each as "<where>: <what>"; empty when it can be merged. Fills in absent nullable fields and upgrades findings of version 1. */
export function reportProblems(json: Record<string, unknown>, schemaVersion: number): string[] {
  const problems: string[] = schemaVersion === 1 ? upgradeVersion1(json) : [];
  const summary = json['summary'];
  if (!isRecord(summary) || typeof summary['durationMs'] !== 'number' || !(summary['durationMs'] >= 0)) problems.push('summary.durationMs: missing; a report has a summary with its duration');
  (json['pacts'] as unknown[]).forEach((pact, p) => {
    const at = `pacts[${p}]`;
    if (!isRecord(pact)) return problems.push(`${at}: ${shown(pact)}, not a pact result`);
    for (const field of ['file', 'consumer', 'provider']) if (typeof pact[field] !== 'string') problems.push(`${at}.${field}: must be a string`);
    if (typeof pact['pactPassed'] !== 'boolean') problems.push(`${at}.pactPassed: must be true or false`);
    if (!Array.isArray(pact['interactions'])) return problems.push(`${at}.interactions: must be a list`);
    pact['interactions'].forEach((interaction: unknown, i: number) => problems.push(...interactionProblems(interaction, schemaVersion).map((problem) => `${at}.interactions[${i}]${problem}`)));
    return undefined;
  });
  return problems;
}

function interactionProblems(interaction: unknown, schemaVersion: number): string[] {
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
      const found = schemaVersion === 1 ? legacyFindingProblems(finding) : findingProblems(finding);
      if (!SEVERITIES.includes(finding['severity'] as string)) found.push(`.severity: must be one of ${SEVERITIES.join(', ')}`);
      problems.push(...found.map((problem) => `.findings[${f}]${problem}`));
      if (schemaVersion === 1 && found.length === 0) findings[f] = upgradeFinding(finding);
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
function upgradeVersion1(json: Record<string, unknown>): string[] {
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

function findingProblems(finding: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!FINDING_CODES.includes(finding['code'] as Finding['code'])) problems.push(`.code: must be one of ${FINDING_CODES.join(', ')}`);
  if (!isFindingPath(finding['path'])) problems.push('.path: must be ["status"], ["header", name] or ["body", key or index...]');
  for (const field of ['expected', 'actual']) {
    const value = finding[field];
    if (!isRecord(value) || typeof value['kind'] !== 'string') problems.push(`.${field}: must be an object with a "kind"`);
  }
  return problems;
}

function isFindingPath(path: unknown): path is FindingPath {
  if (!Array.isArray(path)) return false;
  if (path[0] === 'status') return path.length === 1;
  if (path[0] === 'header') return path.length === 2 && typeof path[1] === 'string';
  return path[0] === 'body' && path.slice(1).every((step) => typeof step === 'string' || (Number.isSafeInteger(step) && step >= 0));
}

/** Version 1 kept a finding as text: `path`, `verdict`, `expected` and `actual` strings. */
function legacyFindingProblems(finding: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of ['path', 'verdict', 'expected', 'actual']) if (typeof finding[field] !== 'string') problems.push(`.${field}: must be a string`);
  if (problems.length === 0 && legacyPath(finding['path'] as string) === null) problems.push(`.path: ${shown(finding['path'])} is not a field path (status, header:<name> or a JSONPath from $)`);
  return problems;
}

function upgradeFinding(finding: Record<string, unknown>): Finding {
  return {
    code: finding['verdict'] as Finding['code'],
    path: legacyPath(finding['path'] as string)!,
    expected: { kind: 'text', text: finding['expected'] as string },
    actual: { kind: 'text', text: finding['actual'] as string },
    severity: finding['severity'] as Finding['severity'],
  } as Finding;
}

/** A path as version 1 wrote it (`status`, `header:ETag`, `$.value[0]['@odata.type']`) as segments; null when it is none. */
function legacyPath(text: string): FindingPath | null {
  if (text === 'status') return ['status'];
  if (text.startsWith('header:')) return ['header', text.slice('header:'.length)];
  if (!text.startsWith('$')) return null;
  const steps = bodySteps(text, 1);
  return steps ? ['body', ...steps] : null;
}

/**
 * The steps of a JSONPath as version 1 displayed it: `.name`, `[0]`, or `['any text']`. A quoted
 * key was written as it is (quotes and brackets unescaped), so each place it may end is tried.
 */
function bodySteps(text: string, at: number): (string | number)[] | null {
  if (at === text.length) return [];
  const name = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
  if (name) return prepend(name[1]!, bodySteps(text, at + name[0].length));
  const index = /^\[(\d+)\]/.exec(text.slice(at));
  if (index) return prepend(Number(index[1]), bodySteps(text, at + index[0].length));
  if (!text.startsWith("['", at)) return null;
  for (let end = text.indexOf("']", at + 2); end >= 0; end = text.indexOf("']", end + 1)) {
    const rest = bodySteps(text, end + 2);
    if (rest) return [text.slice(at + 2, end), ...rest];
  }
  return null;
}

function prepend(step: string | number, rest: (string | number)[] | null): (string | number)[] | null {
  return rest ? [step, ...rest] : null;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
