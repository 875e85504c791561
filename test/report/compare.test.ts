/**
 * `report --compare BASELINE CURRENT`: each kind of change between two runs, its console, Markdown
 * and JSON forms, and the exit code of `--fail-on new` (new failures only).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Expectation, Finding, Observation } from '../../src/conformance/finding';
import { buildReport } from '../../src/report/build';
import { blockingNewFailures, compareReports, type ReportComparison } from '../../src/report/compare';
import { renderComparisonConsole, renderComparisonMarkdown, MAX_LISTED } from '../../src/report/compare-render';
import { parseReport } from '../../src/report/merge';
import type { InteractionResult, VerificationReport } from '../../src/report/model';
import { asVersion1, sampleReport } from './fixture';
import { runInProcess as run } from '../support/run-cli';

/** A copy of the sample report with its interactions changed by `edit`, rebuilt so the summary agrees. */
function variant(edit: (interactions: InteractionResult[]) => InteractionResult[], report: VerificationReport = sampleReport()): VerificationReport {
  const copy = JSON.parse(JSON.stringify(report)) as VerificationReport;
  const pacts = copy.pacts.map((p) => ({ ...p, interactions: edit(p.interactions) }));
  return buildReport(copy.target, pacts, copy.summary.durationMs);
}
const byKey = (list: InteractionResult[], key: string): InteractionResult => list.find((i) => i.key?.endsWith(key))!;
const fail = (i: InteractionResult, findings: Finding[]): void => {
  i.findings = findings;
  i.passed = !findings.some((f) => f.severity === 'error');
  i.pactPassed = i.passed;
};
/** Expected and actual as words: a comparison shows them as they are. */
const said = (text: string): Expectation => ({ kind: 'text', text });
const seen = (text: string): Observation => ({ kind: 'text', text });
const ids = (list: { description: string }[]): string[] => list.map((c) => c.description);

describe('compareReports', () => {
  const baseline = sampleReport();

  it('the same report twice: no changes', () => {
    const c = compareReports(baseline, sampleReport());
    for (const key of ['newFailures', 'fixed', 'skipChanges', 'otherFieldChanges', 'added', 'removed'] as const) expect(`${key}: ${c[key].length}`).toBe(`${key}: 0`);
    expect(c.stillFailing).toHaveLength(1);
    expect(c.stillFailing[0]!.fields).toEqual([]);
    expect(blockingNewFailures(c)).toBe(0);
  });

  it('a new failure, with the field whose verdict changed (ok → type_mismatch)', () => {
    const current = variant((list) => {
      fail(byKey(list, '#get_user'), [
        { path: ['status'], code: 'ok', expected: said('200'), actual: seen('200'), severity: 'ok' },
        { path: ['body', 'id'], code: 'type_mismatch', expected: said('a string'), actual: seen('42'), severity: 'error' },
      ]);
      return list;
    });
    const c = compareReports(baseline, current);
    expect(ids(c.newFailures)).toEqual(['Get user: get_user']);
    expect(c.newFailures[0]).toMatchObject({ before: 'passed', after: 'failed', fields: [{ path: '$.id', before: 'ok', after: 'type_mismatch', expected: 'a string', actual: '42' }] });
    expect(blockingNewFailures(c)).toBe(1);
    expect(renderComparisonConsole(c)).toContain('$.id ok → type_mismatch (expected a string, got 42)');
  });

  it('fixed: failing before, passing now, each formerly failing field ok', () => {
    const current = variant((list) => {
      fail(byKey(list, '#create_user'), [
        { path: ['status'], code: 'ok', expected: said('201'), actual: seen('201'), severity: 'ok' },
        { path: ['body', 'displayName'], code: 'ok', expected: said('a string'), actual: seen('"A"'), severity: 'ok' },
        { path: ['body', 'created-at'], code: 'ok', expected: said('a date'), actual: seen('"2026-01-01T00:00:00Z"'), severity: 'ok' },
      ]);
      return list;
    });
    const c = compareReports(baseline, current);
    expect(ids(c.fixed)).toEqual(['Create user <admin> & "friends"']);
    expect(c.fixed[0]!.fields.map((f) => `${f.path} ${f.before} → ${f.after}`)).toEqual(['$.displayName missing → ok', "$['created-at'] format_mismatch → ok", '$.extra unexpected → absent']);
    expect(c.newFailures).toEqual([]);
  });

  it('still failing, with fields that changed verdict ($.displayName missing → ok, a new one ok → missing)', () => {
    const current = variant((list) => {
      const post = byKey(list, '#create_user');
      fail(post, [
        { path: ['status'], code: 'ok', expected: said('201'), actual: seen('201'), severity: 'ok' },
        { path: ['body', 'displayName'], code: 'ok', expected: said('a string'), actual: seen('"A"'), severity: 'ok' },
        { path: ['body', 'created-at'], code: 'format_mismatch', expected: said('matches ^\\d{4}-\\d{2}-\\d{2}T'), actual: seen('"not-a-date"'), severity: 'error' },
        { path: ['body', 'extra'], code: 'unexpected', expected: said('(not documented)'), actual: seen('1'), severity: 'warning' },
        { path: ['body', 'mail'], code: 'missing', expected: said('a string'), actual: seen('(absent)'), severity: 'error' },
      ]);
      return list;
    });
    const c = compareReports(baseline, current);
    expect(c.newFailures).toEqual([]);
    expect(c.stillFailing[0]!.fields.map((f) => `${f.path} ${f.before} → ${f.after}`)).toEqual(['$.displayName missing → ok', '$.mail absent → missing']);
  });

  it('added and removed interactions; an added failing one is also a new failure', () => {
    const current = variant((list) => {
      const added: InteractionResult = { ...JSON.parse(JSON.stringify(byKey(list, '#create_user'))), key: 'docs/api/user-patch.md#update_user', description: 'Update user' };
      return [...list.filter((i) => !i.key!.endsWith('#get_user')), added];
    });
    const c = compareReports(baseline, current);
    expect(ids(c.added)).toEqual(['Update user']);
    expect(ids(c.removed)).toEqual(['Get user: get_user']);
    expect(c.removed[0]).toMatchObject({ before: 'passed', after: 'absent' });
    expect(ids(c.newFailures)).toEqual(['Update user']);
    expect(c.newFailures[0]).toMatchObject({ before: 'absent', after: 'failed' });
  });

  it('skipped now, or replayed again: neither a failure nor a fix', () => {
    const current = variant((list) => {
      byKey(list, '#delete_user').skipped = null;
      byKey(list, '#get_user').skipped = 'missing permission User.Read.All';
      return list;
    });
    const c = compareReports(baseline, current);
    expect(ids(c.skipChanges).sort()).toEqual(['Delete user: delete_user', 'Get user: get_user']);
    expect(c.skipChanges.find((i) => i.after === 'skipped')!.skipped).toBe('missing permission User.Read.All');
    expect(c.newFailures).toEqual([]);
    expect(c.fixed).toEqual([]);
  });

  it('matches interactions by key, not by pact file (shard and artifact folders differ)', () => {
    const moved = sampleReport();
    moved.pacts[0]!.file = 'shards/reports-shard-2/pacts/other-name.json';
    const c = compareReports(baseline, moved);
    expect(c.added).toEqual([]);
    expect(c.removed).toEqual([]);
  });

  it('new failures in pending pacts are listed but do not count for --fail-on new', () => {
    const current = variant((list) => {
      fail(byKey(list, '#get_user'), [{ path: ['body', 'id'], code: 'missing', expected: said('a string'), actual: seen('(absent)'), severity: 'error' }]);
      return list;
    });
    current.pacts[0]!.broker = { url: 'http://127.0.0.1/pact', pending: true, wip: false, notices: [] };
    const c = compareReports(baseline, current);
    expect(c.newFailures).toHaveLength(1);
    expect(c.newFailures[0]!.pending).toBe(true);
    expect(blockingNewFailures(c)).toBe(0);
  });
});

describe('comparison renderers', () => {
  const current = variant((list) => {
    fail(byKey(list, '#get_user'), [{ path: ['body', 'displayName'], code: 'missing', expected: said('a <b>string</b>'), actual: seen('(absent)'), severity: 'error' }]);
    byKey(list, '#get_user').findings.unshift({ path: ['status'], code: 'ok', expected: said('200'), actual: seen('200'), severity: 'ok' });
    return list;
  }, variant((list) => {
    byKey(list, '#get_user').findings.push({ path: ['body', 'displayName'], code: 'ok', expected: said('a string'), actual: seen('"A"'), severity: 'ok' });
    return list;
  }));
  const baseline = variant((list) => {
    byKey(list, '#get_user').findings.push({ path: ['body', 'displayName'], code: 'ok', expected: said('a string'), actual: seen('"A"'), severity: 'ok' });
    return list;
  });
  const c = compareReports(baseline, current);

  it('console: runs, sections and `$.displayName ok → missing`', () => {
    const text = renderComparisonConsole(c);
    expect(text).toMatch(/^Baseline mock: 3 interactions, 1 passed, 1 failed, 1 skipped/m);
    expect(text).toContain('New failures (1)');
    expect(text).toContain('GET /v1.0/users/1  Get user: get_user (docs/api/user-get.md:40:1)  [passed → failed]');
    expect(text).toContain('$.displayName ok → missing');
    expect(text).toMatch(/^Drift {8}1 new failure\(s\), 0 fixed, 0 added, 0 removed, 2 field verdict change\(s\)$/m);
  });

  it('Markdown: a job summary with a table per section, HTML escaped', () => {
    const md = renderComparisonMarkdown(c);
    expect(md).toContain('**1** new failure(s), **0** fixed');
    expect(md).toContain('## New failures (1)');
    expect(md).toContain('<code>$.displayName</code> ok → **missing**');
    expect(md).not.toContain('<b>');
    const hostile = compareReports(baseline, variant((list) => {
      fail(byKey(list, '#get_user'), [{ path: ['body', 'x'], code: 'missing', expected: said('s'), actual: seen('-'), severity: 'error' }]);
      byKey(list, '#get_user').description = '<img src=x onerror=alert(1)> | pipe';
      return list;
    }));
    const hostileMd = renderComparisonMarkdown(hostile);
    expect(hostileMd).not.toContain('<img');
    expect(hostileMd).toContain('&lt;img src=x onerror=alert(1)&gt; \\| pipe');
  });

  it('long lists are cut in the console and Markdown, never in the JSON', () => {
    const many: ReportComparison = { ...c, added: Array.from({ length: MAX_LISTED + 7 }, (_, n) => ({ ...c.newFailures[0]!, description: `added ${n}` })) };
    expect(renderComparisonConsole(many)).toContain(`Added interactions (${MAX_LISTED + 7})`);
    expect(renderComparisonConsole(many)).toContain('... and 7 more (all are in the JSON comparison)');
    expect(renderComparisonMarkdown(many)).toContain('… and 7 more');
  });
});

describe('graph-contracts report --compare', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'graph-contracts-compare-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, report: VerificationReport): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(report));
    return file;
  };

  it('--fail-on new (the default) exits 1 on new failures only; known failures pass; --fail-on any fails on them', async () => {
    const base = write('base.json', sampleReport());
    const same = write('same.json', sampleReport());
    const worse = write('worse.json', variant((list) => {
      fail(byKey(list, '#get_user'), [{ path: ['body', 'displayName'], code: 'missing', expected: said('a string'), actual: seen('(absent)'), severity: 'error' }]);
      return list;
    }));
    const out = join(dir, 'out');
    expect((await run('report', '--compare', base, same, '--out', out)).code).toBe(0);
    expect((await run('report', '--compare', base, same, '--out', out, '--fail-on', 'any')).code).toBe(1);
    const drift = await run('report', '--compare', base, worse, '--out', out);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('$.displayName absent → missing');
    expect((await run('report', '--compare', base, worse, '--out', out, '--fail-on', 'none')).code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as ReportComparison;
    expect(json.schemaVersion).toBe(2);
    expect(json.newFailures.map((i) => i.description)).toEqual(['Get user: get_user']);
    expect(readFileSync(join(out, 'comparison.md'), 'utf8')).toContain('## New failures (1)');
  });

  it('reads a baseline of report schema 1 (documentedAt strings, no templates) as the current schema', async () => {
    const old = asVersion1({ ...sampleReport(), notGenerated: [{ key: 'docs/api/x.md#a', description: 'X: a', source: { file: 'docs/api/x.md', line: 9, column: 1 }, reason: 'binary' }] }, { withoutTemplates: true });
    const read = parseReport('old.json', JSON.stringify(old));
    expect(read.schemaVersion).toBe(2);
    expect(read.pacts[0]!.interactions.map((i) => [i.source, i.template])).toEqual([
      [{ file: 'docs/api/user-get.md', line: 40, column: 1 }, '/v1.0/users/1'],
      [{ file: 'docs/api/user-post.md', line: 52, column: 1 }, '/v1.0/users'],
      [{ file: 'docs/api/user-delete.md', line: 30, column: 1 }, '/v1.0/users/1'],
    ]);
    expect(read.notGenerated).toEqual([{ key: 'docs/api/x.md#a', description: 'X: a', source: { file: 'docs/api/x.md', line: 9, column: 1 }, reason: 'binary' }]);
    expect(read.pacts[0]!.interactions.some((i) => 'documentedAt' in i)).toBe(false);

    const base = join(dir, 'v1.json');
    writeFileSync(base, JSON.stringify(old));
    const out = join(dir, 'v1-out');
    const { code } = await run('report', '--compare', base, write('v2.json', sampleReport()), '--out', out);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as ReportComparison;
    expect([json.added.length, json.removed.length, json.newFailures.length, json.stillFailing.length]).toEqual([0, 0, 0, 1]);
    expect(json.stillFailing[0]!.source).toEqual({ file: 'docs/api/user-post.md', line: 52, column: 1 });
  });

  it('a report whose documented place is malformed is refused, naming the field (both schemas)', () => {
    const old = asVersion1(sampleReport()) as { pacts: { interactions: Record<string, unknown>[] }[] };
    old.pacts[0]!.interactions[1]!['documentedAt'] = 'somewhere';
    expect(() => parseReport('old.json', JSON.stringify(old))).toThrow(/pacts\[0\]\.interactions\[1\]\.documentedAt: "somewhere" is not "file:line:column"/);
    const current = JSON.parse(JSON.stringify(sampleReport())) as { pacts: { interactions: Record<string, unknown>[] }[] };
    current.pacts[0]!.interactions[0]!['source'] = 'docs/api/user-get.md:40:1';
    delete current.pacts[0]!.interactions[2]!['template'];
    expect(() => parseReport('new.json', JSON.stringify(current))).toThrow(/interactions\[0\]\.source: must be null or \{"file".*interactions\[2\]\.template: must be a string/);
    expect(() => parseReport('future.json', JSON.stringify({ ...sampleReport(), schemaVersion: 3 }))).toThrow(/schemaVersion 1 or 2/);
  });

  it('--job-summary appends the Markdown to $GITHUB_STEP_SUMMARY; --report picks formats', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'before\n');
    const previous = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = summary;
    try {
      const base = write('b2.json', sampleReport());
      const { code, out } = await run('report', '--compare', base, base, '--report', 'console', '--out', join(dir, 'none'), '--job-summary');
      expect(code).toBe(0);
      expect(out).not.toContain('Wrote the');
      expect(readFileSync(summary, 'utf8')).toMatch(/^before\n# Graph contract verification: changes since the baseline/);
      expect(() => readFileSync(join(dir, 'none', 'comparison.json'))).toThrow();
    } finally {
      if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = previous;
    }
  });

  it('usage errors are exit 2 and write nothing: one report, a missing file, a format a comparison lacks, no mode', async () => {
    const base = write('b3.json', sampleReport());
    const out = join(dir, 'never');
    const cases = [
      ['report', '--compare', base, '--out', out],
      ['report', '--compare', base, join(dir, 'missing.json'), '--out', out],
      ['report', '--compare', base, base, '--report', 'junit', '--out', out],
      ['report', base, base, '--out', out],
      ['report', '--compare', '--merge', base, base, '--out', out],
    ];
    for (const args of cases) {
      const { code, err } = await run(...args);
      expect(`${args.slice(1).join(' ')}: ${code}`).toBe(`${args.slice(1).join(' ')}: 2`);
      expect(err).not.toBe('');
    }
    expect(() => readFileSync(join(out, 'comparison.json'))).toThrow();
  });
});
