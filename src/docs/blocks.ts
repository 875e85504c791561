/**
 * Markdown → a flat list of the block structures extraction needs: headings, code fences, HTML
 * comments (annotations), tables and paragraphs, each with its 1-based source line.
 *
 * markdown-it's block pass does the parsing (CommonMark with GFM tables, fences nested in list
 * items and blockquotes included); inline markup is never resolved, extraction does not need it.
 */
import MarkdownIt from 'markdown-it';

interface HeadingBlock {
  type: 'heading';
  level: number;
  text: string;
  line: number;
}

export interface FenceBlock {
  type: 'fence';
  info: string;
  content: string;
  /** Line of the opening fence. */
  line: number;
  column: number;
  /** Line of the closing fence (or of the last line when unterminated). */
  endLine: number;
  closed: boolean;
}

interface CommentBlock {
  type: 'comment';
  /** The text between `<!--` and `-->`. */
  text: string;
  line: number;
  closed: boolean;
  /** Markdown that follows `-->` on the same block (rare; a comment closed mid-line). */
  trailing: string;
}

export interface TableBlock {
  type: 'table';
  /** Header cells, trimmed. */
  header: string[];
  rows: { cells: string[]; line: number }[];
  line: number;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  line: number;
}

export type Block = HeadingBlock | FenceBlock | CommentBlock | TableBlock | ParagraphBlock;

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

/** Parses markdown into blocks. `source` must already have its front matter blanked out. */
export function parseBlocks(text: string): Block[] {
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
  // markdown-it's token has no "closed" flag. Its fence rule maps a closed fence to the opening
  // line, the content lines and the closing line, and an unclosed one to the opening and content
  // lines only, so a closed fence spans one line more than its content. Guessing from the raw last
  // line instead is wrong under a `>` marker (`> ```` closes) and for a closing-looking line
  // indented as code (it does not).
  const closed = end - start > contentLineCount(token.content);
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

function contentLineCount(content: string): number {
  let count = 0;
  for (let at = content.indexOf('\n'); at >= 0; at = content.indexOf('\n', at + 1)) count++;
  return content === '' || content.endsWith('\n') ? count : count + 1;
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
