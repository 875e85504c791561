/**
 * The HTML report, opened in a real headless browser (Debian's chromium; .ci/run installs it):
 * the page renders the overall rate, the per-operation table and every mismatched field with its
 * expected and actual values, and nothing in it is executable or fetched from elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORTERS } from '../../src/report/registry';
import { sampleReport } from './fixture';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browserIt = CHROMIUM ? it : it.skip;
const reason = CHROMIUM ? '' : ' [skipped: chromium not installed; `apt-get install chromium`]';

describe('HTML report in headless Chromium', () => {
  let dir: string;
  let page: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'html-report-'));
    page = join(dir, 'verification.html');
    writeFileSync(page, REPORTERS.html.render(sampleReport()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is self-contained: no scripts, no external resources', () => {
    const html = REPORTERS.html.render(sampleReport());
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('&lt;admin&gt; &amp; &quot;friends&quot;');
  });

  browserIt(`renders the rate, the operations and each mismatched field${reason}`, () => {
    const dom = execFileSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom).toContain('<b id="conformance">60.0%</b>');
    expect(dom).toContain('<b id="passed" class="fail">1/3</b>');
    expect(dom).toContain('<b id="skipped">1</b>');
    expect(dom).toMatch(/<td><code>docs\/api\/user-post\.md<\/code><\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    expect(dom).toContain('<td><code>$.displayName</code></td><td class="fail">missing</td><td><code>a string</code></td><td><code>(absent)</code></td>');
    expect(dom).toContain('Create user &lt;admin&gt; &amp; "friends"');
  }, 90_000);

  browserIt(`takes a screenshot of the page${reason}`, () => {
    const shot = join(dir, 'report.png');
    execFileSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, 'profile2')}`, `--screenshot=${shot}`, '--window-size=1200,900', `file://${page}`], { timeout: 60_000, stdio: 'ignore' });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    if (process.env['KEEP_SCREENSHOT']) writeFileSync(process.env['KEEP_SCREENSHOT'], require('node:fs').readFileSync(shot));
  }, 90_000);
});
