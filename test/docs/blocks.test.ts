/**
 * parseBlocks (markdown-it's block pass) on the constructs extraction depends on: each case pins
 * the block types and fields it is about. These cases were the block scanner's differential tests
 * against markdown-it; they stay as the specification of what extraction reads.
 */
import { parseBlocks, type Block } from '../../src/docs/blocks';


const types = (blocks: Block[]): string[] => blocks.map((b) => b.type);
const lines = (...text: string[]): string => text.join('\n');

describe('parseBlocks (headings)', () => {
  it('reads ATX headings, closing sequences and what is not a heading', () => {
    const blocks = parseBlocks(lines('# One', '## Two ##', '###   Three   ###   ', '#NoSpace', '####### seven', '#', '### #'));
    expect(blocks).toMatchObject([
      { type: 'heading', level: 1, text: 'One', line: 1 },
      { type: 'heading', level: 2, text: 'Two', line: 2 },
      { type: 'heading', level: 3, text: 'Three', line: 3 },
      { type: 'paragraph', text: '#NoSpace\n####### seven', line: 4 },
      { type: 'heading', level: 1, text: '', line: 6 },
      { type: 'heading', level: 3, text: '', line: 7 },
    ]);
  });

  it('trims heading text with Unicode whitespace as blocks.ts did, paragraphs with ASCII only', () => {
    const blocks = parseBlocks('# \u00a0Title\u00a0\n\n\u00a0text\u00a0\n');
    expect(blocks).toStrictEqual([
      { type: 'heading', level: 1, text: 'Title', line: 1 },
      { type: 'paragraph', text: '\u00a0text\u00a0', line: 3 },
    ]);
  });

  it('makes a paragraph followed by --- or === a setext heading', () => {
    const blocks = parseBlocks(lines('Intro line', 'second line', '---', '', 'Top', '===', '', 'text', '  ---  '));
    expect(blocks).toMatchObject([
      { type: 'heading', level: 2, text: 'Intro line\nsecond line', line: 1 },
      { type: 'heading', level: 1, text: 'Top', line: 5 },
      { type: 'heading', level: 2, text: 'text', line: 8 },
    ]);
  });

  it('does not take a setext underline from a lazy blockquote line or an indented line', () => {
    expect(types(parseBlocks(lines('> quoted', '---')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('para', '    ---')))).toEqual(['paragraph']);
  });
});

describe('parseBlocks (fences)', () => {
  it('reads info, content, column and end line of a closed fence', () => {
    const blocks = parseBlocks(lines('```http title', 'GET /me', '', '  x', '```', 'after'));
    expect(blocks[0]).toStrictEqual({ type: 'fence', info: 'http title', content: 'GET /me\n\n  x\n', line: 1, column: 1, endLine: 5, closed: true });
  });

  it('marks an unclosed fence at the end of the page, with and without a final newline', () => {
    expect(parseBlocks('```json\n{\n')[0]).toMatchObject({ type: 'fence', closed: false, endLine: 2 });
    expect(parseBlocks('```json\n{')[0]).toMatchObject({ type: 'fence', closed: false, endLine: 2 });
    expect(parseBlocks('```')[0]).toMatchObject({ type: 'fence', closed: false, endLine: 1, content: '' });
    // markdown-it never records a last line of only spaces without a newline.
    expect(parseBlocks('```\ncode\n   ')[0]).toMatchObject({ type: 'fence', closed: false, endLine: 2 });
  });

  it('closes a fence only with a fence at least as long, and accepts a longer one', () => {
    const blocks = parseBlocks(lines('````', '```', 'still code', '`````', 'text'));
    expect(blocks[0]).toMatchObject({ type: 'fence', content: '```\nstill code\n', endLine: 4, closed: true });
    expect(parseBlocks(lines('~~~', '```', '~~~~~~'))[0]).toMatchObject({ type: 'fence', content: '```\n', closed: true });
  });

  it('does not open a backtick fence whose info string holds a backtick (tildes may)', () => {
    expect(types(parseBlocks(lines('``` a`b', 'x', '```')))).toEqual(['paragraph', 'fence']);
    expect(parseBlocks(lines('~~~ a`b', 'x', '~~~'))[0]).toMatchObject({ type: 'fence', info: 'a`b', closed: true });
  });

  it('removes the opening fence indentation from the content, and 4 spaces make code instead', () => {
    expect(parseBlocks(lines('  ```', '    four', ' one', '  ```'))[0]).toMatchObject({ type: 'fence', content: '  four\none\n', column: 3, closed: true });
    expect(parseBlocks(lines('    ```', '    x', '    ```'))).toEqual([]);
  });

  it('finds fences inside list items, de-indented as getLines does, and ends them with the item', () => {
    const inItem = parseBlocks(lines('1. Step', '', '   ```http', '   GET /me', '     deeper', '   ```', '2. Next'));
    expect(inItem.find((b) => b.type === 'fence')).toMatchObject({ content: 'GET /me\n  deeper\n', line: 3, column: 4, closed: true });
    const onMarkerLine = parseBlocks(lines('- ```js', '  let a;', '  ```'));
    expect(onMarkerLine[0]).toMatchObject({ type: 'fence', info: 'js', content: 'let a;\n', column: 1, closed: true });
    const outdented = parseBlocks(lines('- ```', '  code', 'outside'));
    expect(outdented).toMatchObject([{ type: 'fence', closed: false, endLine: 2 }, { type: 'paragraph', text: 'outside' }]);
  });

  it('finds fences inside blockquotes, closed when their closing `> ```` line is there', () => {
    // markdown-it's token has no "closed" flag; a guess from the raw `> ```` line said "never
    // closed" (and extraction reported fence_unterminated) for a fence that is closed.
    const blocks = parseBlocks(lines('> ```json', '> {}', '> ```', '', 'after'));
    expect(blocks).toMatchObject([{ type: 'fence' }, { type: 'paragraph', text: 'after', line: 5 }]);
    expect(blocks[0]).toMatchObject({ type: 'fence', info: 'json', content: '{}\n', endLine: 3, closed: true });
    const openQuote = parseBlocks(lines('> ```json', '> {}', '', 'after'));
    expect(openQuote[0]).toMatchObject({ type: 'fence', content: '{}\n', closed: false });
  });

  it('says a fence is closed only when a closing fence ends it', () => {
    // A closing-looking last line indented as code does not close the fence (markdown-it agrees).
    // The old guess from the raw line said closed here too.
    const indentedText = lines('```', 'code', '    ```');
    expect(parseBlocks(indentedText)).toStrictEqual([
      { type: 'fence', info: '', content: 'code\n    ```', line: 1, column: 1, endLine: 3, closed: false },
    ]);
    expect(parseBlocks(lines('````', 'code', '```'))).toMatchObject([{ type: 'fence', closed: false }]);
    expect(parseBlocks(lines('````', 'code', '`````'))).toMatchObject([{ type: 'fence', content: 'code\n', closed: true }]);
  });

  it('lets a fence interrupt a paragraph, a blockquote and a list', () => {
    expect(types(parseBlocks(lines('text', '```', 'x', '```')))).toEqual(['paragraph', 'fence']);
    expect(types(parseBlocks(lines('> quote', '```', 'x', '```')))).toEqual(['paragraph', 'fence']);
    expect(types(parseBlocks(lines('- item', '```', 'x', '```')))).toEqual(['paragraph', 'fence']);
  });
});

describe('parseBlocks (HTML blocks)', () => {
  it('gives closed, unclosed and trailing comments', () => {
    const blocks = parseBlocks(lines('<!-- {', '  "blockType": "request"', '} -->', '', '<!-- a --> tail', '', '<!-- open', '', 'never closed'));
    expect(blocks).toStrictEqual([
      { type: 'comment', text: ' {\n  "blockType": "request"\n} ', line: 1, closed: true, trailing: '' },
      { type: 'comment', text: ' a ', line: 5, closed: true, trailing: 'tail' },
      { type: 'comment', text: ' open\n\nnever closed', line: 7, closed: false, trailing: '' },
    ]);
  });

  it('lets a comment interrupt a paragraph and, in a list item, run past outdented blank lines only', () => {
    expect(types(parseBlocks(lines('para', '<!-- c -->')))).toEqual(['paragraph', 'comment']);
    const inItem = parseBlocks(lines('- item', '  <!-- a', '', '  b -->', 'after'));
    expect(inItem).toMatchObject([{ type: 'paragraph' }, { type: 'comment', text: ' a\n\nb ', closed: true }, { type: 'paragraph', text: 'after' }]);
    const cutByOutdent = parseBlocks(lines('- item', '  <!-- a', '', 'b -->'));
    expect(cutByOutdent).toMatchObject([{ type: 'paragraph' }, { type: 'comment', text: ' a\n\n', closed: false }, { type: 'paragraph', text: 'b -->' }]);
  });

  it('consumes a <div> block up to a blank line without a block, and lets it interrupt a paragraph', () => {
    expect(types(parseBlocks(lines('<div>', '# not a heading', '</div>', '', '# heading')))).toEqual(['heading']);
    expect(types(parseBlocks(lines('para', '<div>', 'inside', '', 'after')))).toEqual(['paragraph', 'paragraph']);
  });

  it('does not let an inline tag alone on a line (kind 7) interrupt a paragraph', () => {
    expect(parseBlocks(lines('para', '<span class="x">', 'more'))).toMatchObject([{ type: 'paragraph', text: 'para\n<span class="x">\nmore' }]);
    expect(types(parseBlocks(lines('<span class="x">', 'inside', '', 'after')))).toEqual(['paragraph']);
  });

  it('ends <script>, <?, <!X and CDATA blocks at their closing sequence, blank lines included', () => {
    expect(types(parseBlocks(lines('<script>', '', '# no', '</script>', '# yes')))).toEqual(['heading']);
    expect(types(parseBlocks(lines('<?php', '', '# no', '?>', '# yes')))).toEqual(['heading']);
    expect(types(parseBlocks(lines('<!DOCTYPE html', '# no', '>', '# yes')))).toEqual(['heading']);
    expect(types(parseBlocks(lines('<![CDATA[', '# no', ']]>', '# yes')))).toEqual(['heading']);
  });
});

describe('parseBlocks (tables)', () => {
  it('reads header, rows and their lines, padding and cutting rows to the header', () => {
    const blocks = parseBlocks(lines('| Name | Type | Description |', '|:-----|:----:|------------:|', '| id | String | The id. |', '| a |', '| 1 | 2 | 3 | 4 |', '', 'after'));
    expect(blocks[0]).toStrictEqual({
      type: 'table',
      header: ['Name', 'Type', 'Description'],
      rows: [
        { cells: ['id', 'String', 'The id.'], line: 3 },
        { cells: ['a', '', ''], line: 4 },
        { cells: ['1', '2', '3'], line: 5 },
      ],
      line: 1,
    });
  });

  it('keeps escaped pipes in cells and reads tables without outer pipes', () => {
    const blocks = parseBlocks(lines('a | b', '--|--', 'x \\| y | z', 'only'));
    expect(blocks[0]).toMatchObject({ type: 'table', header: ['a', 'b'], rows: [{ cells: ['x | y', 'z'] }, { cells: ['only', ''] }] });
  });

  it('reads empty, pipe-only and whitespace-edged cells as markdown-it does', () => {
    // Rows without a backslash are cut by index; rows with one go through markdown-it's escapedSplit.
    const blocks = parseBlocks(lines('| a |  | b |', '|---|---|---|', '||', '|', '| \u00a0x\u00a0 |\ty\t|\u3000', 'z \\|', 'a||', '\\|x|\\\\|y'));
    expect(blocks[0]).toMatchObject({
      type: 'table',
      header: ['a', '', 'b'],
      rows: [{ cells: ['', '', ''] }, { cells: ['', '', ''] }, { cells: ['x', 'y', ''] }, { cells: ['z |', '', ''] }, { cells: ['a', '', ''] }, { cells: ['|x', '\\|y', ''] }],
    });
  });

  it('is not a table when the delimiter row has another column count or is a list item', () => {
    expect(types(parseBlocks(lines('| a | b |', '|---|', '| 1 | 2 |')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('| a | b |', '|---|---|---|')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('a | b', '- | -')))).toEqual(['paragraph', 'paragraph']);
    expect(types(parseBlocks(lines('no pipe', '---|---')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('| a |', '|-|-|-|')))).toEqual(['paragraph']);
  });

  it('ends at a fence, heading, blockquote, list, HTML block or blank line', () => {
    const head = ['| a | b |', '|---|---|', '| 1 | 2 |'];
    expect(types(parseBlocks(lines(...head, '```', 'x', '```')))).toEqual(['table', 'fence']);
    expect(types(parseBlocks(lines(...head, '# H')))).toEqual(['table', 'heading']);
    expect(types(parseBlocks(lines(...head, '> q')))).toEqual(['table', 'paragraph']);
    expect(types(parseBlocks(lines(...head, '- item')))).toEqual(['table', 'paragraph']);
    expect(types(parseBlocks(lines(...head, '<!-- c -->')))).toEqual(['table', 'comment']);
    expect(parseBlocks(lines(...head, 'lazy row', '', 'p'))).toMatchObject([{ type: 'table', rows: [{ cells: ['1', '2'] }, { cells: ['lazy row', ''] }] }, { type: 'paragraph' }]);
  });

  it('interrupts a paragraph and works inside list items and blockquotes', () => {
    expect(types(parseBlocks(lines('para', '| a | b |', '|---|---|')))).toEqual(['paragraph', 'table']);
    expect(parseBlocks(lines('- item', '', '  | a | b |', '  |---|---|', '  | 1 | 2 |'))[1]).toMatchObject({ type: 'table', rows: [{ cells: ['1', '2'], line: 5 }] });
    expect(parseBlocks(lines('> | a |', '> |---|', '> | 1 |'))[0]).toMatchObject({ type: 'table', header: ['a'], rows: [{ cells: ['1'] }] });
  });

  it("stops adding rows where markdown-it's cap on padded cells (65,536) is reached", () => {
    const columns = 300;
    const table = [`|${'h|'.repeat(columns)}`, `|${'-|'.repeat(columns)}`, ...Array.from({ length: 300 }, (_, i) => `| r${i} |`)];
    const blocks = parseBlocks(lines(...table));
    expect(blocks[0]).toMatchObject({ type: 'table' });
    // 299 padded cells a row: row 220 would take the count past 65,536; it starts a paragraph.
    expect((blocks[0] as { rows: unknown[] }).rows).toHaveLength(219);
    expect(blocks[1]).toMatchObject({ type: 'paragraph', line: 222 });
  });

  it('stops at a row indented as code', () => {
    expect(parseBlocks(lines('| a |', '|---|', '| 1 |', '    | 2 |'))[0]).toMatchObject({ type: 'table', rows: [{ cells: ['1'] }] });
  });
});

describe('parseBlocks (paragraphs, lists, blockquotes, code)', () => {
  it('keeps lazy and indented continuation lines in the paragraph, trimmed of ASCII space only', () => {
    expect(parseBlocks(lines('  first  ', '        indented', 'last\t'))).toStrictEqual([{ type: 'paragraph', text: 'first  \n        indented\nlast', line: 1 }]);
  });

  it('makes an indented block after a blank line code (no block)', () => {
    expect(types(parseBlocks(lines('para', '', '    code', '    more', '', 'after')))).toEqual(['paragraph', 'paragraph']);
    expect(types(parseBlocks(lines('para', '', '\tcode')))).toEqual(['paragraph']);
  });

  it('lets an hr, heading or blockquote interrupt a paragraph', () => {
    expect(types(parseBlocks(lines('para', '***', 'next')))).toEqual(['paragraph', 'paragraph']);
    expect(types(parseBlocks(lines('para', '# H')))).toEqual(['paragraph', 'heading']);
    expect(types(parseBlocks(lines('para', '> q')))).toEqual(['paragraph', 'paragraph']);
  });

  it('lets only an ordered list starting at 1, or a non-empty bullet, interrupt a paragraph', () => {
    expect(types(parseBlocks(lines('para', '2. two')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('para', '1. one')))).toEqual(['paragraph', 'paragraph']);
    expect(types(parseBlocks(lines('para', '*', 'x')))).toEqual(['paragraph']);
    expect(types(parseBlocks(lines('para', '-')))).toEqual(['heading']);
    expect(types(parseBlocks(lines('para', '* item')))).toEqual(['paragraph', 'paragraph']);
  });

  it('reads list items starting with a blank line, loose items and marker changes', () => {
    expect(parseBlocks(lines('-', '  item text', '- second'))).toMatchObject([{ text: 'item text', line: 2 }, { text: 'second', line: 3 }]);
    expect(parseBlocks(lines('-', '', '  not in the item'))).toMatchObject([{ type: 'paragraph', text: 'not in the item' }]);
    expect(types(parseBlocks(lines('1. a', '', '2. b', '', '   cont', '3) new list', '+ bullets')))).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(types(parseBlocks(lines('-      code after 5 spaces', '- x')))).toEqual(['paragraph']);
  });

  it('expands tabs in indentation (after markers and in blockquotes) as markdown-it does', () => {
    expect(parseBlocks(lines('-\tfoo', '', '\t```', '\tcode', '\t```'))).toMatchObject([{ type: 'paragraph', text: 'foo' }, { type: 'fence', content: 'code\n', closed: true }]);
    expect(parseBlocks('>\t\tfoo')).toStrictEqual([]);
    expect(parseBlocks(lines(' - a', '\t- b', '\t\t- c'))).toMatchObject([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    expect(parseBlocks(lines('  >\t  x', '>\tfoo', '\t>\ty'))).toMatchObject([{ type: 'paragraph', text: 'x\n\tfoo\n\ty' }]);
  });

  it('continues a blockquote paragraph lazily and ends the quote at a blank line', () => {
    expect(parseBlocks(lines('> quoted', 'lazy line', '> more', '', 'outside'))).toMatchObject([
      { type: 'paragraph', text: 'quoted\nlazy line\nmore', line: 1 },
      { type: 'paragraph', text: 'outside', line: 5 },
    ]);
    expect(parseBlocks(lines('>', 'not lazy'))).toMatchObject([{ type: 'paragraph', text: 'not lazy', line: 2 }]);
    expect(parseBlocks(lines('> # H', '> ```', '> x', '```'))).toMatchObject([{ type: 'heading' }, { type: 'fence', content: 'x\n', endLine: 3 }, { type: 'fence', closed: false }]);
  });

  it('reads nested lists and blockquotes inside list items', () => {
    const blocks = parseBlocks(lines('1. one', '   - nested', '     > quote', '     lazy', '2. two', '   ```', '   x', '   ```'));
    expect(types(blocks)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'fence']);
  });
});

describe('parseBlocks (input forms and limits)', () => {
  it('normalises CRLF, CR and NUL as before', () => {
    expect(parseBlocks('# A\r\n\r\ntext\rmore\0')).toMatchObject([{ type: 'heading' }, { type: 'paragraph', text: 'text\nmore\uFFFD' }]);
  });

  it('gives no blocks for empty and blank pages', () => {
    expect(parseBlocks('')).toEqual([]);
    expect(parseBlocks('   \n\t\n  ')).toEqual([]);
  });

  it('stops at maxNesting (20) like markdown-it: deeper content is dropped', () => {
    const shallow = `${'>'.repeat(19)} kept`;
    expect(parseBlocks(shallow)).toMatchObject([{ type: 'paragraph', text: 'kept' }]);
    expect(parseBlocks(`${'>'.repeat(20)} dropped\n\nafter`)).toMatchObject([{ type: 'paragraph', text: 'after' }]);
    expect(parseBlocks(`${'- '.repeat(9)}kept`)).toMatchObject([{ type: 'paragraph', text: 'kept' }]);
    expect(parseBlocks(`${'- '.repeat(10)}x dropped\n\n# after`)).toEqual([]);
  });

  it('neither hangs nor overflows the stack on 10,000 levels of > or - markers', () => {
    expect(parseBlocks(`${'>'.repeat(10_000)} deep\n\n# after`)).toMatchObject([{ type: 'heading', text: 'after' }]);
    expect(parseBlocks(`${'- '.repeat(10_000)}x`)).toEqual([]);
    expect(parseBlocks(`${'- '.repeat(10_000)}`)).toEqual([]);
    expect(parseBlocks(Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i % 200)}- item ${i}`).join('\n')).length).toBeGreaterThan(0);
    expect(parseBlocks(Array.from({ length: 10_000 }, (_, i) => `${'>'.repeat(i % 50)} q`).join('\n')).length).toBeGreaterThan(0);
  });
});
