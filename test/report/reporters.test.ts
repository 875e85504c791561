import { REPORT_SCHEMA_VERSION } from '../../src/report/model';
import { REPORTER_NAMES, REPORTERS } from '../../src/report/registry';
import { sampleReport } from './fixture';

const report = sampleReport();

describe('report renderers', () => {
  it('offers the five formats', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'markdown', 'html']);
  });

  it('summarises the run', () => {
    expect(report.summary).toMatchObject({ pacts: 1, interactions: 3, passed: 1, failed: 1, skipped: 1, disagreements: 0, docsConflicts: 1, verdicts: { ok: 3, missing: 1, format_mismatch: 1, unexpected: 1 } });
    expect(report.summary.conformance).toBeCloseTo(3 / 5);
    expect(report.operations.map((o) => [o.operation, o.passed, o.skipped])).toEqual([['docs/api/user-get.md', 1, 0], ['docs/api/user-post.md', 0, 0], ['docs/api/user-delete.md', 0, 1]]);
  });

  it('JSON is the versioned report object', () => {
    const json = JSON.parse(REPORTERS.json.render(report));
    expect(json.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('JUnit has one test case per interaction and names the failing fields, escaped', () => {
    const xml = REPORTERS.junit.render(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="graph-contracts verification" tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<skipped message="it would change the tenant (DELETE); pass --allow-writes to replay writes"/>');
    expect(xml).toContain('name="Create user &lt;admin&gt; &amp; &quot;friends&quot;"');
    expect(xml).toContain('<failure message="$.displayName: missing; $[&apos;createdDateTime&apos;]: format_mismatch" type="conformance">');
    expect(xml).toContain('documented at docs/api/user-post.md:52:1');
    expect(xml).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure|skipped)\b|\?xml)/);
  });

  it('Markdown fits a job summary: totals, operations, failing fields', () => {
    const md = REPORTERS.markdown.render(report);
    expect(md).toContain('**1/3** interactions passed against `mock` (1 skipped); **60.0%** of documented fields conform.');
    expect(md).toContain('| docs/api/user-post.md | 1 | 0 | 0 | 33.3% |');
    expect(md).toContain('| Delete user: delete_user | it would change the tenant (DELETE); pass --allow-writes to replay writes |');
    // Raw HTML from the docs or a response is shown as text, not rendered (see markdown-escaping.test.ts).
    expect(md).toContain('| Create user &lt;admin&gt; &amp; "friends" | `$.displayName` | missing | a string | (absent) |');
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

  it('every format shows a skipped interaction with its reason, outside the pass and fail counts', () => {
    const reason = 'it would change the tenant (DELETE); pass --allow-writes to replay writes';
    const text = REPORTERS.console.render(report);
    expect(text).toContain('SKIP          DELETE /v1.0/users/1  Delete user: delete_user');
    expect(text).toContain(`- ${reason}`);
    expect(text).toContain('3 interactions in 1 pacts against mock: 1 passed, 1 failed, 1 skipped');
    expect(REPORTERS.html.render(report)).toContain(`<span class="skip">SKIP</span> <code>DELETE /v1.0/users/1</code> Delete user: delete_user <small>(docs/api/user-delete.md:30:1)</small></summary><p>Not replayed: ${reason}</p>`);
    expect(REPORTERS.html.render(report)).toContain('<b id="skipped">1</b>skipped');
    expect(JSON.parse(REPORTERS.json.render(report)).pacts[0].interactions[2].skipped).toBe(reason);
  });
});
