import { REPORT_SCHEMA_VERSION } from '../../src/report/model';
import { REPORTER_NAMES, REPORTERS } from '../../src/report/registry';
import { sampleReport } from './fixture';

const report = sampleReport();

describe('report renderers', () => {
  it('offers the five formats', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'markdown', 'html']);
  });

  it('summarises the run', () => {
    expect(report.summary).toMatchObject({ pacts: 1, interactions: 2, passed: 1, failed: 1, disagreements: 0, docsConflicts: 1, verdicts: { ok: 3, missing: 1, format_mismatch: 1, unexpected: 1 } });
    expect(report.summary.conformance).toBeCloseTo(3 / 5);
    expect(report.operations.map((o) => [o.operation, o.passed])).toEqual([['docs/api/user-get.md', 1], ['docs/api/user-post.md', 0]]);
  });

  it('JSON is the versioned report object', () => {
    const json = JSON.parse(REPORTERS.json.render(report));
    expect(json.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('JUnit has one test case per interaction and names the failing fields, escaped', () => {
    const xml = REPORTERS.junit.render(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="graph-contracts verification" tests="2" failures="1"/);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('name="Create user &lt;admin&gt; &amp; &quot;friends&quot;"');
    expect(xml).toContain('<failure message="$.displayName: missing; $[&apos;createdDateTime&apos;]: format_mismatch" type="conformance">');
    expect(xml).toContain('documented at docs/api/user-post.md:52:1');
    expect(xml).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure)\b|\?xml)/);
  });

  it('Markdown fits a job summary: totals, operations, failing fields', () => {
    const md = REPORTERS.markdown.render(report);
    expect(md).toContain('**1/2** interactions passed against `mock`; **60.0%** of documented fields conform.');
    expect(md).toContain('| docs/api/user-post.md | 1 | 0 | 33.3% |');
    expect(md).toContain('| Create user <admin> & "friends" | `$.displayName` | missing | a string | (absent) |');
  });

  it('the console table shows each failing field with expected and actual', () => {
    const text = REPORTERS.console.render(report);
    expect(text).toContain('FAIL   33.3%  POST /v1.0/users  Create user <admin> & "friends"');
    expect(text).toContain('✗ $.displayName: missing (expected a string, got (absent))');
    expect(text).toContain('! $.extra: unexpected');
    expect(text).toContain('! docs conflict: 2 examples send this request with different responses (docs/api/user-post.md, docs/api/user-post-beta.md)');
    expect(REPORTERS.junit.render(report)).toContain('docs conflict: 2 examples send this request with different responses');
    expect(REPORTERS.markdown.render(report)).toContain('1 failure(s) come from examples that document one request with different responses.');
    expect(REPORTERS.html.render(report)).toContain('<p class="warn">Docs conflict: 2 examples send this request');
  });
});
