import type { Finding } from '../../src/conformance/finding';
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
    expect(report.operations.map((o) => [o.operation, o.passed, o.skipped])).toEqual([['GET /v1.0/users/{id}', 1, 0], ['POST /v1.0/users', 0, 0], ['DELETE /v1.0/users/{id}', 0, 1]]);
  });

  it('JSON is the versioned report object', () => {
    const json = JSON.parse(REPORTERS.json.render(report));
    expect(json.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    // The report object, with the words of each error and warning added for people reading the file.
    const findings = json.pacts[0].interactions[1].findings;
    expect(findings.map((f: { message?: string }) => f.message)).toEqual([undefined, '$.displayName: missing (expected a string, got (absent))', "$['created-at']: format_mismatch (expected matches ^\\d{4}-\\d{2}-\\d{2}T, got \"not-a-date\")", '$.extra: unexpected (expected (not documented), got 1)']);
    for (const f of findings) delete f.message;
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('JSON puts each finding on one line, the rest indented', () => {
    const text = REPORTERS.json.render(report);
    const findingLines = text.split('\n').filter((line) => line.includes('"severity":'));
    expect(findingLines).toHaveLength(6);
    for (const line of findingLines) expect(JSON.parse(line.trim().replace(/,$/, ''))).toHaveProperty('code');
    expect(text).toContain('\n  "schemaVersion": 2,\n');
    expect(text).toContain('{"path":["body","displayName"],"code":"missing","expected":{"kind":"type","type":"string"},"actual":{"kind":"absent"},"severity":"error","message":"$.displayName: missing (expected a string, got (absent))"}');
  });

  it('JUnit has one test case per interaction and names the failing fields, escaped', () => {
    const xml = REPORTERS.junit.render(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="graph-contracts verification" tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<skipped message="it would change the tenant (DELETE); pass --allow-writes to replay writes"/>');
    expect(xml).toContain('name="Create user &lt;admin&gt; &amp; &quot;friends&quot;"');
    expect(xml).toContain('<failure message="$.displayName: missing; $[&apos;created-at&apos;]: format_mismatch" type="conformance">');
    expect(xml).toContain('documented at docs/api/user-post.md:52:1');
    expect(xml).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure|skipped)\b|\?xml)/);
  });

  it('Markdown fits a job summary: totals, operations, failing fields', () => {
    const md = REPORTERS.markdown.render(report);
    expect(md).toContain('**1/3** interactions passed against `mock` (1 skipped); **60.0%** of documented fields conform.');
    expect(md).toContain('| POST /v1.0/users | 1 | 0 | 0 | 33.3% |');
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
    expect(text).toContain(`Skipped       1 interaction(s) not replayed (--verbose lists them):\n      1  ${reason}`);
    expect(text).toContain('3 interactions in 1 pacts against mock: 1 passed, 1 failed, 1 skipped');
    const verbose = REPORTERS.console.render(report, { verbose: true });
    expect(verbose).toContain('SKIP          DELETE /v1.0/users/1  Delete user: delete_user');
    expect(verbose).toContain(`- ${reason}`);
    expect(REPORTERS.html.render(report)).toContain(`<span class="skip">SKIP</span> <code>DELETE /v1.0/users/1</code> Delete user: delete_user <small>(<a href="docs/api/user-delete.md">docs/api/user-delete.md:30:1</a>)</small></td><td>verify</td><td>Not replayed: ${reason}</td>`);
    expect(REPORTERS.html.render(report)).toContain('<b id="skipped">1</b>skipped');
    expect(JSON.parse(REPORTERS.json.render(report)).pacts[0].interactions[2].skipped).toBe(reason);
  });

  it('the console lists failures and counts passes by default; --verbose lists every interaction', () => {
    const text = REPORTERS.console.render(report);
    expect(text).not.toContain('PASS');
    expect(text).not.toContain('Get user: get_user');
    expect(text).toContain('FAIL   33.3%  POST /v1.0/users');
    expect(text).toContain('documented at docs/api/user-post.md:52:1');
    expect(text).toContain('1 passed, 1 failed, 1 skipped (passes not listed; --verbose lists them)');
    const verbose = REPORTERS.console.render(report, { verbose: true });
    expect(verbose).toContain('PASS  100.0%  GET /v1.0/users/1  Get user: get_user');
    expect(verbose).not.toContain('passes not listed');
  });

  it('the default console output stays short at any size: 5,000 interactions, 2,000 failing with many fields each', () => {
    const big = JSON.parse(JSON.stringify(report)) as typeof report;
    const [pass, failing, skip] = big.pacts[0]!.interactions;
    const many = (n: number) => Array.from({ length: n }, (_, i) => i);
    big.pacts = many(50).map((p) => ({
      ...big.pacts[0]!,
      provider: `graph-v1.0-p${p}`,
      interactions: many(100).map((i) => {
        const base = i % 5 < 2 ? failing! : i % 5 === 4 ? skip! : pass!;
        const fields = base === failing ? many(12).map((f): Finding => ({ ...failing!.findings[1]!, path: ['body', `field${f}`] }) as Finding) : base.findings;
        return { ...base, key: `p${p}#${i}`, description: `${base.description} ${p}-${i}`, skipped: base === skip ? `reason ${i % 13}` : null, findings: fields };
      }),
    }));
    big.summary = { ...big.summary, interactions: 5000, passed: 2000, failed: 2000, skipped: 1000 };
    const lines = REPORTERS.console.render(big).split('\n').length;
    expect(lines).toBeLessThan(200);
    expect(REPORTERS.console.render(big)).toMatch(/… and \d+ more failing interaction\(s\): the Markdown, HTML and JSON reports list them all/);
    expect(REPORTERS.console.render(big)).toContain('… 8 more field(s)');
    expect(REPORTERS.console.render(big, { verbose: true }).split('\n').length).toBeGreaterThan(5000);
  });

  it('examples generate skipped are listed with their reason (console and HTML), outside the counts', () => {
    const withSkips = { ...report, notGenerated: [{ key: 'docs/api/x.md#a', description: 'X: a', source: { file: 'docs/api/x.md', line: 9, column: 1 }, reason: 'the request goes to example.com, not Microsoft Graph' }] };
    expect(REPORTERS.console.render(withSkips)).toContain('Not generated 1 documented example(s) have no interaction (generate skipped them; the HTML and JSON reports list them):\n      1  the request goes to example.com, not Microsoft Graph');
    expect(REPORTERS.html.render(withSkips)).toContain('<b id="not-generated">1</b>');
    expect(REPORTERS.console.render(report)).not.toContain('Not generated');
  });

  it('operations are documented operations (METHOD /path/{template}) with their pages and failures', () => {
    expect(report.operations.map((o) => [o.operation, o.pages, o.failed])).toEqual([
      ['GET /v1.0/users/{id}', ['docs/api/user-get.md'], 0],
      ['POST /v1.0/users', ['docs/api/user-post.md'], 1],
      ['DELETE /v1.0/users/{id}', ['docs/api/user-delete.md'], 0],
    ]);
  });
});
