/**
 * The test oracle for the block scanner: `parseBlocks` exactly as it was built on markdown-it
 * 14.3.3 before src/docs/block-scanner.ts replaced it (the code below is that version, moved here
 * unchanged but for its name). The scanner must reproduce this output block for block; the unit
 * and corpus tests compare the two.
 */
import MarkdownIt from 'markdown-it';
import type { Block, CommentBlock, FenceBlock, TableBlock } from '../../src/docs/blocks';

type Token = MarkdownIt.Token;

const markdown = createBlockParser();

function createBlockParser(): ReturnType<typeof MarkdownIt> {
  const md = MarkdownIt('commonmark');
  md.enable('table');
  // Reference definitions (`[user]: ../resources/user.md`) must stay visible as paragraphs: type
  // cells such as `[identitySet][]` are resolved through them.
  md.disable('reference');
  // Only the `block` core rule runs: everything after it works on inline content, and `normalize`
  // (a regex replace over the whole page) is done below only when the page needs it.
  md.core.ruler.disable(['normalize', 'inline', 'text_join']);
  return md;
}

/** Parses markdown into blocks with markdown-it. `source` must already have its front matter blanked out. */
export function parseBlocksWithMarkdownIt(text: string): Block[] {
  let source = text;
  if (source.includes('\r')) source = source.replace(/\r\n?/g, '\n');
  if (source.includes('\0')) source = source.replace(/\0/g, '\uFFFD');
  const tokens = markdown.parse(source, {});
  const lines = new LineReader(source);
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const start = token.map ? token.map[0] + 1 : 1;
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        blocks.push({ type: 'heading', level: Number(token.tag.slice(1)), text: inline?.content.trim() ?? '', line: start });
        break;
      }
      case 'fence':
        blocks.push(toFence(token, lines, start));
        break;
      case 'html_block': {
        const comment = toComment(token.content, start);
        if (comment) blocks.push(comment);
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        blocks.push({ type: 'paragraph', text: inline?.content ?? '', line: start });
        break;
      }
      case 'table_open': {
        const { block, next } = toTable(tokens, i, start);
        blocks.push(block);
        i = next;
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

function toFence(token: Token, lines: LineReader, start: number): FenceBlock {
  const end = token.map ? token.map[1] : start;
  const openLine = lines.line(start);
  const lastLine = lines.line(end);
  const marker = token.markup;
  // markdown-it gives no flag for an unclosed fence: it runs to the end of the document (or of the
  // enclosing list item). The block is closed when its last line is a closing fence.
  const closed = end - 1 > start - 1 && lastLine.trim().startsWith(marker) && /^\s*(`{3,}|~{3,})\s*$/.test(lastLine);
  return {
    type: 'fence',
    info: token.info.trim(),
    content: token.content,
    line: start,
    column: openLine.length - openLine.trimStart().length + 1,
    endLine: end,
    closed,
  };
}

function toComment(content: string, line: number): CommentBlock | null {
  const trimmed = content.trimStart();
  if (!trimmed.startsWith('<!--')) return null;
  const close = trimmed.indexOf('-->', 4);
  if (close < 0) return { type: 'comment', text: trimmed.slice(4), line, closed: false, trailing: '' };
  return {
    type: 'comment',
    text: trimmed.slice(4, close),
    line,
    closed: true,
    trailing: trimmed.slice(close + 3).trim(),
  };
}

function toTable(tokens: Token[], openIndex: number, line: number): { block: TableBlock; next: number } {
  const header: string[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  let current: string[] | null = null;
  let inHead = false;
  let i = openIndex + 1;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'table_close') break;
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') {
      current = [];
      if (!inHead) rows.push({ cells: current, line: token.map ? token.map[0] + 1 : line });
    } else if (token.type === 'inline' && current) {
      current.push(token.content.trim());
    } else if (token.type === 'tr_close' && inHead && current) {
      header.push(...current);
    }
  }
  return { block: { type: 'table', header, rows, line }, next: i };
}

/**
 * Reads lines by 1-based number without splitting the whole page: tokens come in document order,
 * so a cursor that moves forward (and restarts on the rare step back) finds each line cheaply.
 */
class LineReader {
  private lineNumber = 1;
  private offset = 0;

  constructor(private readonly source: string) {}

  line(wanted: number): string {
    if (wanted < this.lineNumber) {
      this.lineNumber = 1;
      this.offset = 0;
    }
    while (this.lineNumber < wanted) {
      const next = this.source.indexOf('\n', this.offset);
      if (next < 0) return '';
      this.offset = next + 1;
      this.lineNumber++;
    }
    const end = this.source.indexOf('\n', this.offset);
    return end < 0 ? this.source.slice(this.offset) : this.source.slice(this.offset, end);
  }
}
