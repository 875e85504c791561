/**
 * The Markdown report shows what a response held as text (issue 14, item 16): raw HTML from
 * response values and descriptions is escaped in table cells, and neither a link, an image nor a
 * code span can be smuggled in. Checked by rendering the report with markdown-it, raw HTML allowed
 * (GitHub's job summaries render some raw HTML).
 */
import MarkdownIt from 'markdown-it';
import { REPORTERS } from '../../src/report/registry';
import { sampleReport } from './fixture';

const hostile = {
  script: '"<script>alert(1)</script>"',
  img: '<img src=x onerror=alert(2)>',
  link: '[click](javascript:alert(3)) ![beacon](http://127.0.0.1:9/track.png)',
  breakout: 'a | b \\| c ` d `` e\nnext line',
};

function hostileReport() {
  const report = sampleReport();
  const failing = report.pacts[0]!.interactions[1]!;
  failing.description = `Create user ${hostile.img}`;
  failing.findings = [
    { path: ['body', 'displayName'], code: 'type_mismatch', expected: { kind: 'type', type: 'string' }, actual: { kind: 'value', json: hostile.script }, severity: 'error' },
    { path: ['body', 'notes'], code: 'type_mismatch', expected: { kind: 'regex', pattern: hostile.link }, actual: { kind: 'text', text: hostile.breakout }, severity: 'error' },
    { path: ['body', '`<b>`|x'], code: 'missing', expected: { kind: 'type', type: 'string' }, actual: { kind: 'absent' }, severity: 'error' },
  ];
  return report;
}

describe('the Markdown report escapes what it quotes', () => {
  const md = REPORTERS.markdown.render(hostileReport());
  const html = new MarkdownIt({ html: true, linkify: false }).render(md);

  it('raw HTML in a response value or a description is text, not markup', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/i);
    // Shown as written: the entities render as the characters.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('no link or image can be made from a value', () => {
    expect(html).not.toMatch(/<a\s/i);
    expect(html).not.toMatch(/href=/i);
    // The text is there, as text.
    expect(html).toContain('[click](javascript:alert(3)) ![beacon](http://127.0.0.1:9/track.png)');
  });

  it('a value cannot end its cell or its row: every failing-field row has five cells', () => {
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<td/g) ?? []).length);
    const failingRows = rows.slice(-3);
    expect(failingRows).toEqual([5, 5, 5]);
    expect(html).toContain('next line');
  });
});
