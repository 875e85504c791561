/**
 * Bad input never crashes: each broken file gives a typed diagnostic with file:line, and the run
 * goes on. Files are made in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import type { PageContract } from '../../src/contract/model';

// Six lines; what follows PAGE_HEAD starts on line 7.
const PAGE_HEAD = ['---', 'title: "Get thing"', 'doc_type: apiPageType', '---', '', '# Get thing', ''].join('\n');
const EXAMPLE = [
  '## Example',
  '<!-- {"blockType": "request", "name": "get_thing"} -->',
  '```http',
  'GET https://graph.microsoft.com/v1.0/things/1',
  '```',
  '<!-- {"blockType": "response"} -->',
  '```http',
  'HTTP/1.1 200 OK',
  'Content-Type: application/json',
  '',
  '{"id": "1"}',
  '```',
  '',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function extractOne(name: string, content: string | Buffer, maxPageBytes?: number): PageContract {
  const path = join(dir, name);
  writeFileSync(path, content);
  const { model, summary } = extract([path], { cwd: dir, ...(maxPageBytes ? { maxPageBytes } : {}) });
  expect(summary.crashes).toBe(0);
  expect(model.pages).toHaveLength(1);
  return model.pages[0]!;
}

const codesAt = (page: PageContract): string[] => page.diagnostics.map((d) => `${d.code}@${d.source.line}`);

describe('bad input', () => {
  it('an empty file', () => {
    const page = extractOne('empty.md', '');
    expect(page.diagnostics).toEqual([
      { code: 'file_empty', severity: 'error', message: 'The file is empty.', hint: expect.any(String), source: { file: 'empty.md', line: 1, column: 1 } },
    ]);
  });

  it('a binary file', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(codesAt(extractOne('image.md', bytes))).toEqual(['file_binary@1']);
  });

  it('a 50 MB page is refused with a diagnostic under the default limit', () => {
    const page = extractOne('huge.md', Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(codesAt(page)).toEqual(['file_too_large@1']);
    expect(page.diagnostics[0]!.message).toContain('52428800 bytes');
  });

  it('a 50 MB page is extracted without hanging when the limit allows it', () => {
    const body = `${PAGE_HEAD}${EXAMPLE.repeat(Math.ceil((50 * 1024 * 1024) / EXAMPLE.length))}`;
    const page = extractOne('huge-ok.md', body, 64 * 1024 * 1024);
    expect(page.pairs.length).toBeGreaterThan(100_000);
    expect(page.pairs[0]!.id).toBe('get_thing');
    expect(page.pairs[1]!.id).toBe('get_thing-2');
  });

  it('invalid UTF-8 is reported at its line and the page still extracts', () => {
    const text = Buffer.concat([Buffer.from(`${PAGE_HEAD}bad bytes: `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`\n\n${EXAMPLE}`)]);
    const page = extractOne('latin1.md', text);
    expect(codesAt(page)).toEqual(['file_invalid_utf8@7']);
    expect(page.pairs).toHaveLength(1);
  });

  it('a real U+FFFD character is valid UTF-8, not a bad byte', () => {
    const page = extractOne('replacement.md', `${PAGE_HEAD}Shown as \uFFFD when a font lacks a glyph.\n\n${EXAMPLE}`);
    expect(codesAt(page)).toEqual([]);
    expect(page.pairs).toHaveLength(1);
  });

  it('a NUL byte is binary within the first 8 kB of bytes, not of characters', () => {
    // 3,000 three-byte characters: the NUL is character 3,000 but byte 9,000.
    const late = extractOne('late-nul.md', `${PAGE_HEAD}${'\u20ac'.repeat(3000)}\0\n\n${EXAMPLE}`);
    expect(codesAt(late)).toEqual([]);
    expect(late.pairs).toHaveLength(1);
    const early = extractOne('early-nul.md', `${PAGE_HEAD}${'\u20ac'.repeat(2000)}\0\n\n${EXAMPLE}`);
    expect(codesAt(early)).toEqual(['file_binary@1']);
  });

  it('a device is not read (it could be read forever)', () => {
    const { model, summary } = extract(['/dev/zero'], { cwd: dir });
    expect(summary.crashes).toBe(0);
    expect(model.pages[0]!.diagnostics.map((d) => d.code)).toEqual(['file_unreadable']);
    expect(model.pages[0]!.diagnostics[0]!.message).toMatch(/not a regular file/);
  });

  it('a named pipe is reported, not read (opening it would wait for a writer)', () => {
    const folder = join(dir, 'with-pipe');
    mkdirSync(folder);
    const fifo = join(folder, 'page-pipe.md');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      console.warn('skipped: mkfifo is not available here');
      return;
    }
    // No writer: reading the pipe would block forever, so the test itself shows that it is not read.
    const { model, summary } = extract([folder], { cwd: dir });
    expect(summary.crashes).toBe(0);
    expect(model.pages.map((p) => p.file)).toEqual(['with-pipe/page-pipe.md']);
    expect(model.pages[0]!.diagnostics.map((d) => d.code)).toEqual(['file_unreadable']);
  });

  it('a file that reports size 0 (/proc) counts the bytes it holds', () => {
    if (!existsSync('/proc/self/status')) {
      console.warn('skipped: no /proc on this system');
      return;
    }
    const { summary } = extract(['/proc/self/status'], { cwd: dir });
    expect(summary.crashes).toBe(0);
    expect(summary.bytes).toBeGreaterThan(0);
  });

  it('an unterminated fence', () => {
    const page = extractOne('fence.md', `${PAGE_HEAD}## Example\n\n\`\`\`http\nGET https://graph.microsoft.com/v1.0/me\n`);
    expect(codesAt(page)).toEqual(expect.arrayContaining(['fence_unterminated@9', 'example_request_unpaired@10']));
  });

  it('a request fence that swallows the response fence', () => {
    const text = `${PAGE_HEAD}## Example\n\`\`\`http\nGET https://graph.microsoft.com/v1.0/me\n\n### Response\n\`\`\`http\nHTTP/1.1 200 OK\n\`\`\`\n`;
    expect(codesAt(extractOne('swallow.md', text))).toEqual(expect.arrayContaining(['fence_swallows_fence@12']));
  });

  it('an unterminated comment', () => {
    // No `-->` anywhere after it: the comment hides the (unannotated) example that follows.
    const example = EXAMPLE.replace(/<!--.*-->\n/g, '');
    const page = extractOne('comment.md', `${PAGE_HEAD}<!-- {"blockType": "request"\n\n${example}`);
    expect(codesAt(page)).toEqual(expect.arrayContaining(['comment_unterminated@7']));
    expect(page.pairs).toHaveLength(0);
  });

  it('deeply nested JSON', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const text = `${PAGE_HEAD}## Example\n\`\`\`http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n${deep}\n\`\`\`\n\`\`\`http\nHTTP/1.1 204 No Content\n\`\`\`\n`;
    const page = extractOne('deep.md', text);
    expect(codesAt(page)).toContain('json_too_deep@12');
    expect(page.pairs[0]!.request.body).toMatchObject({ kind: 'text' });
  });

  it('invalid annotation JSON and invalid front matter', () => {
    const text = `---\ntitle: [unclosed\n---\n\n<!-- {"blockType": "request", "name": } -->\n\`\`\`http\nGET https://graph.microsoft.com/v1.0/me\n\`\`\`\n`;
    expect(codesAt(extractOne('annotation.md', text))).toEqual(expect.arrayContaining(['front_matter_invalid@1', 'annotation_invalid@5']));
  });

  it('a path that does not exist', () => {
    const { model, summary } = extract([join(dir, 'missing-folder')], { cwd: dir });
    expect(summary.crashes).toBe(0);
    expect(model.diagnostics.map((d) => d.code)).toEqual(['file_unreadable']);
  });
});
