/**
 * Markdown → a flat list of the block structures extraction needs: headings, code fences, HTML
 * comments (annotations), tables and paragraphs, each with its 1-based source line.
 *
 * The blocks follow CommonMark with GFM tables exactly as markdown-it 14.3.3's block pass reads
 * them (fence, comment and table rules per spec, fences nested in list items included); inline
 * markup is never resolved, extraction does not need it. The parsing itself is block-scanner.ts, a
 * port of markdown-it's block rules without its token stream and generic rule dispatch (block
 * pass 330 ms of a 1.3 s corpus extract with markdown-it); markdown-it stays the test oracle.
 */
import { scanBlocks } from './block-scanner';

export interface HeadingBlock {
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

export interface CommentBlock {
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

/** Parses markdown into blocks. `source` must already have its front matter blanked out. */
export function parseBlocks(text: string): Block[] {
  let source = text;
  // markdown-it's `normalize` core rule, done only when the page needs it.
  if (source.includes('\r')) source = source.replace(/\r\n?/g, '\n');
  if (source.includes('\0')) source = source.replace(/\0/g, '\uFFFD');
  return scanBlocks(source);
}
