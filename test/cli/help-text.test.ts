/** Text slips that users met: help defaults shown twice or as JSON, "a array", a hint repeating its message. */
import { main } from '../../src/cli/main';
import { withArticle } from '../../src/report/wording';
import { DIAGNOSTIC_CATALOG } from '../../src/contract/diagnostics';
import { extractPage } from '../../src/docs/page';

async function help(...args: string[]): Promise<string> {
  let out = '';
  await main(['node', 'graph-contracts', ...args, '--help'], { out: (t) => (out += t), err: (t) => (out += t) });
  return out.replace(/\s+/g, ' ');
}

describe('help and message wording', () => {
  it('mock --help shows one default for --port', async () => {
    const text = await help('mock');
    expect(text).toContain('--port <port> port (default: a free one)');
    expect(text).not.toMatch(/a free one\) \(default/);
  });

  it.each([['verify'], ['report']])('%s --help shows the --report default as the list it takes, not a JSON array', async (command) => {
    const text = await help(command);
    expect(text).toContain('(default: console,json,junit,markdown,html)');
    expect(text).not.toContain('["console"');
  });

  it('lint has its own help', async () => {
    expect(await help('lint')).toMatch(/Usage: graph-contracts lint \[options\] <paths\.\.\.>.*--sarif <file>.*--changed-since <ref>/);
  });

  it('type names take the right article', () => {
    expect(['array', 'object', 'integer', 'string', 'number', 'boolean'].map(withArticle)).toEqual(['an array', 'an object', 'an integer', 'a string', 'a number', 'a boolean']);
  });

  it("url_no_template's hint does not repeat its message", () => {
    const text = ['---', 'title: "Get widget"', '---', '# Get widget', '', '## HTTP request', '', '```http', 'GET /widgets/{id}', '```', '', '## Example', '', '```http', 'GET https://graph.microsoft.com/v1.0/gadgets/1', '```', ''].join('\n');
    const found = extractPage({ file: 'v1.0/api/widget-get.md', text, versionHint: 'v1.0' }).page.diagnostics.find((d) => d.code === 'url_no_template');
    expect(found).toBeDefined();
    const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[a-z#]{4,}/g));
    const shared = [...words(found!.message)].filter((w) => words(found!.hint).has(w) && !['http', 'request', '##'].includes(w));
    expect(shared.length).toBeLessThanOrEqual(2);
    expect(DIAGNOSTIC_CATALOG.url_no_template.hint).not.toMatch(/^No `## HTTP request` template matches/);
  });
});
