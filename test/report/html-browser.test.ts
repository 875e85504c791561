/**
 * The HTML report, opened in a real headless browser (Debian's chromium; .ci/run installs it):
 * failures first with each failing field's expected and actual side by side, the documented
 * operations with links to their pages, a coverage view per page, skipped interactions (also those
 * generate skipped) with their reasons, and a filter box that narrows the lists. Nothing in it is
 * fetched from elsewhere, and its Content-Security-Policy lets only its own script run.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORTERS } from '../../src/report/registry';
import type { VerificationReport } from '../../src/report/model';
import { sampleReport } from './fixture';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browserIt = CHROMIUM ? it : it.skip;
const reason = CHROMIUM ? '' : ' [skipped: chromium not installed; `apt-get install chromium`]';

/** The sample report, plus an example generate skipped. */
function report(): VerificationReport {
  const r = sampleReport();
  r.notGenerated = [{ key: 'docs/api/user-upload.md#upload_photo', description: 'Upload photo: upload_photo', source: { file: 'docs/api/user-upload.md', line: 20, column: 1 }, reason: 'the request body is binary or multipart' }];
  return r;
}

describe('HTML report in headless Chromium', () => {
  let dir: string;
  let page: string;
  let html: string;
  /** The DOM after the page's script ran, with `hash` in the address (the filter reads `#filter=`). */
  const dom = (hash = '', profile = 'profile'): string =>
    execFileSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, profile)}`, '--dump-dom', `file://${page}${hash}`], { encoding: 'utf8', timeout: 60_000 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'html-report-'));
    page = join(dir, 'reports', 'verification.html');
    // As verify writes it: --out reports, pages relative to the working directory.
    html = REPORTERS.html.render(report(), { outDir: 'reports' });
    require('node:fs').mkdirSync(join(dir, 'reports'));
    writeFileSync(page, html);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is self-contained: no external resources, one inline script allowed by its hash alone', () => {
    expect(html).not.toMatch(/<link|src=|url\(/i);
    expect(html.match(/<script/g)).toHaveLength(1);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(html).toContain('&lt;admin&gt; &amp; &quot;friends&quot;');
  });

  browserIt(`renders the rate, failures first with expected and actual side by side, operations with page links${reason}`, () => {
    const d = dom();
    expect(d).toContain('<b id="conformance">60.0%</b>');
    expect(d).toContain('<b id="passed" class="fail">1/3</b>');
    expect(d).toContain('<b id="skipped">1</b>');
    expect(d).toContain('<b id="not-generated">1</b>');
    // Failures before operations, coverage, skips and passes.
    const order = ['id="failures"', 'Create user &lt;admin&gt;', 'id="operations"', 'id="coverage"', 'id="skipped-list"', 'id="passes"', 'Get user: get_user'].map((s) => d.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(d).toContain('<td><code>$.displayName</code></td><td class="fail">missing</td><td class="value"><code>a string</code></td><td class="value"><code>(absent)</code></td>');
    // Operations as METHOD /path, failing ones first, linked to their page relative to the report's folder.
    expect(d).toMatch(/<tr data-search="[^"]*"><td><code>POST \/v1\.0\/users<\/code><\/td><td><a href="\.\.\/docs\/api\/user-post\.md">docs\/api\/user-post\.md<\/a><\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num fail">1<\/td>/);
    expect(d.indexOf('<code>POST /v1.0/users</code></td>')).toBeLessThan(d.indexOf('<code>GET /v1.0/users/{id}</code></td>'));
    expect(d).toContain('Create user &lt;admin&gt; &amp; "friends"');
  }, 90_000);

  browserIt(`shows the coverage per page: documented examples → interactions → verified → passed${reason}`, () => {
    const d = dom('', 'profile-coverage');
    const coverage = d.slice(d.indexOf('id="coverage"'), d.indexOf('id="skipped-list"'));
    const rowOf = (file: string): string[] => {
      const row = new RegExp(`<tr data-search="[^"]*"><td><a href="[^"]*">${file.replace(/[./]/g, '\\$&')}</a></td>(.*?)</tr>`).exec(coverage);
      expect(`${file}: ${Boolean(row)}`).toBe(`${file}: true`);
      return [...row![1]!.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => m[1]!);
    };
    expect(rowOf('docs/api/user-get.md')).toEqual(['1', '1', '1', '1']);
    expect(rowOf('docs/api/user-post.md')).toEqual(['1', '1', '1', '0']);
    expect(rowOf('docs/api/user-delete.md')).toEqual(['1', '1', '0', '0']);
    // The example generate skipped is documented, but no interaction.
    expect(rowOf('docs/api/user-upload.md')).toEqual(['1', '0', '0', '0']);
    // Pages with failures come first.
    expect(coverage.indexOf('user-post.md')).toBeLessThan(coverage.indexOf('user-get.md'));
    const skipped = d.slice(d.indexOf('id="skipped-list"'), d.indexOf('id="passes"'));
    expect(skipped).toContain('Not replayed: it would change the tenant (DELETE); pass --allow-writes to replay writes');
    expect(skipped).toMatch(/NOT GENERATED<\/span> Upload photo: upload_photo .*<td>generate<\/td><td>the request body is binary or multipart<\/td>/);
  }, 90_000);

  browserIt(`the filter box narrows every list, from the address too (#filter=...)${reason}`, () => {
    const hidden = (d: string, text: string): boolean => {
      const at = d.indexOf(text);
      expect(at).toBeGreaterThanOrEqual(0);
      const open = d.lastIndexOf('<', d.lastIndexOf('data-search', at));
      return /\shidden(="")?[\s>]/.test(d.slice(open, d.indexOf('>', open) + 1));
    };
    const all = dom('', 'profile-all');
    expect(hidden(all, 'Get user: get_user')).toBe(false);
    expect(hidden(all, 'Create user &lt;admin&gt;')).toBe(false);
    const filtered = dom('#filter=user-post%20missing', 'profile-filter');
    expect(hidden(filtered, 'Create user &lt;admin&gt;')).toBe(false);
    expect(hidden(filtered, 'Get user: get_user')).toBe(true);
    expect(hidden(filtered, 'Delete user: delete_user')).toBe(true);
    expect(filtered).toContain('<span id="filter-count" aria-live="polite">1 interaction(s) match</span>');
    const byVerdict = dom('#filter=format_mismatch', 'profile-verdict');
    expect(hidden(byVerdict, 'Create user &lt;admin&gt;')).toBe(false);
    expect(hidden(byVerdict, 'Get user: get_user')).toBe(true);
  }, 120_000);

  browserIt(`takes a screenshot of the page${reason}`, () => {
    const shot = join(dir, 'report.png');
    execFileSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, 'profile2')}`, `--screenshot=${shot}`, '--window-size=1200,1400', `file://${page}`], { timeout: 60_000, stdio: 'ignore' });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    if (process.env['KEEP_SCREENSHOT']) writeFileSync(process.env['KEEP_SCREENSHOT'], readFileSync(shot));
  }, 90_000);
});
