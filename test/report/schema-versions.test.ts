/**
 * Reports of schema version 1 (findings as text) still read: `report --merge` and `--compare`
 * upgrade their findings on load (expected and actual kept as words, the path parsed into
 * segments), and what they print reads as it did.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_SCHEMA_VERSION, type VerificationReport } from '../../src/report/model';
import { reportProblems } from '../../src/report/report-shape';
import { REPORTERS } from '../../src/report/registry';
import { findingText, pathText } from '../../src/report/wording';
import { asVersion1, sampleReport } from './fixture';
import { runInProcess as run } from '../support/run-cli';

/** A one-interaction version 1 report whose findings have these paths. */
function withPaths(paths: string[]): Record<string, unknown> {
  const v1 = asVersion1(sampleReport()) as { pacts: { interactions: { findings: Record<string, unknown>[] }[] }[] };
  v1.pacts[0]!.interactions[1]!.findings = paths.map((path) => ({ path, verdict: 'missing', expected: 'a string', actual: '(absent)', severity: 'error' }));
  return v1 as unknown as Record<string, unknown>;
}

describe('findings of schema version 1', () => {
  it('the version is bumped: this release writes version 2', () => {
    expect(REPORT_SCHEMA_VERSION).toBe(2);
    expect(JSON.parse(REPORTERS.json.render(sampleReport())).schemaVersion).toBe(2);
  });

  it('are upgraded on load: path as segments, expected and actual kept as words', () => {
    const v1 = asVersion1(sampleReport());
    expect(reportProblems(v1, 1)).toEqual([]);
    const findings = (v1 as unknown as VerificationReport).pacts[0]!.interactions[1]!.findings;
    expect(findings[1]).toEqual({ code: 'missing', path: ['body', 'displayName'], expected: { kind: 'text', text: 'a string' }, actual: { kind: 'text', text: '(absent)' }, severity: 'error' });
    expect(findings.map(findingText)).toEqual(sampleReport().pacts[0]!.interactions[1]!.findings.map(findingText));
  });

  it.each([
    ['status', ['status']],
    ['header:Content-Type', ['header', 'Content-Type']],
    ['$', ['body']],
    ['$.value[0].id', ['body', 'value', 0, 'id']],
    ["$.value[12]['@odata.type']", ['body', 'value', 12, '@odata.type']],
    ["$['it's']", ['body', "it's"]],
    ["$['a'].b'].c", ['body', "a'].b", 'c']],
    ["$['']", ['body', '']],
  ])('the path %s reads as %j and prints as it was', (text, segments) => {
    const v1 = withPaths([text]);
    expect(reportProblems(v1, 1)).toEqual([]);
    const finding = (v1 as unknown as VerificationReport).pacts[0]!.interactions[1]!.findings[0]!;
    expect(finding.path).toEqual(segments);
    expect(pathText(finding.path)).toBe(text);
  });

  it('a path that is none is one problem naming the field, not a crash', () => {
    expect(reportProblems(withPaths(['displayName']), 1)).toEqual(['pacts[0].interactions[1].findings[0].path: "displayName" is not a field path (status, header:<name> or a JSONPath from $)']);
    expect(reportProblems(withPaths(["$['open"]), 1)).toHaveLength(1);
  });

  it('a version 2 report with version 1 findings (or the other way round) is refused', () => {
    const v1 = asVersion1(sampleReport());
    expect(reportProblems({ ...v1 }, 2)).toContainEqual(expect.stringMatching(/findings\[0\]\.code: must be one of/));
    expect(reportProblems(JSON.parse(JSON.stringify(sampleReport())), 1)[0]).toMatch(/findings\[0\]\.path: must be a string/);
  });
});

describe('report --merge and --compare read version 1 reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'graph-contracts-schema-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--merge writes version 2, with the same words as before', async () => {
    const file = join(dir, 'v1.json');
    writeFileSync(file, JSON.stringify(asVersion1(sampleReport())));
    const out = join(dir, 'merged');
    const merged = await run('report', '--merge', file, '--report', 'console,json,markdown', '--out', out);
    expect(merged.code).toBe(1);
    expect(merged.out).toContain('✗ $.displayName: missing (expected a string, got (absent))');
    const json = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
    expect(json.schemaVersion).toBe(2);
    expect(json.summary.verdicts).toEqual(sampleReport().summary.verdicts);
    expect(json.pacts[0]!.interactions[1]!.findings[2]).toMatchObject({ code: 'format_mismatch', path: ['body', 'created-at'], message: "$['created-at']: format_mismatch (expected matches ^\\d{4}-\\d{2}-\\d{2}T, got \"not-a-date\")" });
    expect(readFileSync(join(out, 'verification.md'), 'utf8')).toBe(REPORTERS.markdown.render(sampleReport()));
  });

  it('--merge joins a version 1 shard with a version 2 one', async () => {
    const old = asVersion1(sampleReport()) as unknown as VerificationReport;
    old.pacts[0]!.file = 'pacts/other.json';
    const v1 = join(dir, 'shard-v1.json');
    const v2 = join(dir, 'shard-v2.json');
    writeFileSync(v1, JSON.stringify(old));
    writeFileSync(v2, REPORTERS.json.render(sampleReport()));
    const out = join(dir, 'mixed');
    expect((await run('report', '--merge', v1, v2, '--report', 'json', '--out', out)).code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
    expect(json.summary.interactions).toBe(6);
    expect(json.pacts.map((p) => pathText(p.interactions[1]!.findings[1]!.path))).toEqual(['$.displayName', '$.displayName']);
  });

  it('--compare of a version 1 baseline with a version 2 run: the same fields, no change', async () => {
    const baseline = join(dir, 'baseline-v1.json');
    const current = join(dir, 'current-v2.json');
    writeFileSync(baseline, JSON.stringify(asVersion1(sampleReport())));
    writeFileSync(current, REPORTERS.json.render(sampleReport()));
    const out = join(dir, 'compared');
    const compared = await run('report', '--compare', baseline, current, '--out', out);
    expect(compared.code).toBe(0);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(comparison.stillFailing).toHaveLength(1);
    expect(comparison.stillFailing[0].fields).toEqual([]);
    expect(comparison.otherFieldChanges).toEqual([]);
  });

  it('a report of a later version is refused, saying so (exit 2)', async () => {
    const file = join(dir, 'v9.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(REPORTERS.json.render(sampleReport())), schemaVersion: 9 }));
    const result = await run('report', '--merge', file, '--out', join(dir, 'v9'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('schemaVersion 9, from a later release');
  });
});
