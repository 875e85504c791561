import { parseBlocks } from '../../src/docs/blocks';

describe('parseBlocks', () => {
  it('gives headings, comments, fences, tables and paragraphs with 1-based lines', () => {
    const md = ['# Title', '', '<!-- {"blockType": "request"} -->', '```http', 'GET /me', '```', '', '|a|b|', '|-|-|', '|1|2|', '', 'Text.'].join('\n');
    expect(parseBlocks(md)).toEqual([
      { type: 'heading', level: 1, text: 'Title', line: 1 },
      { type: 'comment', text: ' {"blockType": "request"} ', line: 3, closed: true, trailing: '' },
      { type: 'fence', info: 'http', content: 'GET /me\n', line: 4, column: 1, endLine: 6, closed: true },
      { type: 'table', header: ['a', 'b'], rows: [{ cells: ['1', '2'], line: 10 }], line: 8 },
      { type: 'paragraph', text: 'Text.', line: 12 },
    ]);
  });

  it('finds fences indented inside list items', () => {
    const blocks = parseBlocks('1. Step\n\n   ```http\n   GET /me\n   ```\n');
    expect(blocks.find((b) => b.type === 'fence')).toMatchObject({ content: 'GET /me\n', line: 3, column: 4, closed: true });
  });

  it('marks a fence that runs to the end of the page as unclosed', () => {
    expect(parseBlocks('```http\nGET /me\n')).toEqual([
      { type: 'fence', info: 'http', content: 'GET /me\n', line: 1, column: 1, endLine: 2, closed: false },
    ]);
  });

  it('marks a comment that never closes', () => {
    expect(parseBlocks('<!-- {\n"blockType": "request"\n\nmore')).toMatchObject([{ type: 'comment', closed: false, line: 1 }]);
  });

  it('keeps reference definitions as paragraphs so that type links resolve', () => {
    expect(parseBlocks('[user]: ../resources/user.md')).toEqual([{ type: 'paragraph', text: '[user]: ../resources/user.md', line: 1 }]);
  });
});
