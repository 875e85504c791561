/**
 * A purpose-built CommonMark block scanner that produces exactly the blocks markdown-it 14.3.3's
 * block pass gave extraction (preset `commonmark` + `table`, `reference` disabled): headings,
 * fences, HTML comments, tables and paragraphs with their source lines.
 *
 * Why not markdown-it itself: on the v1.0 corpus its block pass cost ~330 ms of a ~1.3 s extract,
 * mostly in StateBlock's per-character constructor loop, Token allocations and the generic rule
 * dispatch (every paragraph line ran 7 terminator rules). marked's block lexer measured the same,
 * so this is a port of markdown-it's block rules with a cheaper line model:
 * - line starts come from `indexOf('\n')`, and only each line's leading whitespace is scanned;
 * - no Token objects: each rule pushes the finished Block;
 * - a block start dispatches on the first non-space character of its line, and a paragraph's
 *   continuation lines are tested for terminators by their first character before any rule runs.
 * The rules themselves (tab expansion through sCount/bsCount, blockquote and list nesting with
 * lazy continuation, setext headings, the seven HTML block kinds, maxNesting) follow markdown-it's
 * code line for line, quirks included, because the output must stay identical: markdown-it remains
 * the oracle in test/support/markdown-it-blocks.ts, and the tests compare both on every corpus page.
 *
 * Ported from markdown-it 14.3.3 (lib/rules_block/*.mjs, lib/parser_block.mjs,
 * lib/common/html_blocks.mjs, lib/common/html_re.mjs), under its MIT licence:
 *
 *   Copyright (c) 2014 Vitaly Puzrin, Alex Kocharin.
 *
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of this software
 *   and associated documentation files (the "Software"), to deal in the Software without
 *   restriction, including without limitation the rights to use, copy, modify, merge, publish,
 *   distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
 *   Software is furnished to do so, subject to the following conditions:
 *
 *   The above copyright notice and this permission notice shall be included in all copies or
 *   substantial portions of the Software.
 *
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
 *   BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 *   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 *   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 *   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
import type { Block, CommentBlock, FenceBlock } from './blocks';

/** markdown-it's `maxNesting` in the commonmark preset: deeper containers swallow their content. */
const MAX_NESTING = 20;
/** markdown-it's cap on empty cells added to short table rows (markdown-it issue #1000). */
const MAX_AUTOCOMPLETED_CELLS = 0x10000;

// What encloses the rule being run; markdown-it's `state.parentType`. Only `paragraph` changes a
// rule's answer (a list may interrupt a paragraph only when it starts with 1 and is not empty).
const PARENT_OTHER = 0;
const PARENT_PARAGRAPH = 1;
type ParentType = typeof PARENT_OTHER | typeof PARENT_PARAGRAPH;

// Terminator chains: which rules may end a paragraph, a blockquote's lazy lines (also a table's
// rows) or a list, in markdown-it's `alt` lists with `reference` disabled.
const ENDS_PARAGRAPH = 0; // table, fence, blockquote, hr, list, html_block, heading
const ENDS_BLOCKQUOTE = 1; // fence, blockquote, hr, list, html_block, heading
const ENDS_LIST = 2; // fence, blockquote, hr
type TerminatorChain = typeof ENDS_PARAGRAPH | typeof ENDS_BLOCKQUOTE | typeof ENDS_LIST;

const BLOCK_TAG_NAMES = [
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr',
  'html', 'iframe', 'legend', 'li', 'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol',
  'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'title', 'tr', 'track', 'ul',
];
const ATTRIBUTE = `(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*"))?)`;
const OPEN_CLOSE_TAG = `^(?:<[A-Za-z][A-Za-z0-9\\-]*${ATTRIBUTE}*\\s*\\/?>|<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>)`;

interface HtmlSequence {
  open: RegExp;
  close: RegExp;
  /** Whether this kind of HTML block may interrupt a paragraph. */
  interrupts: boolean;
}

/** The seven CommonMark HTML block kinds, in markdown-it's order (the first match wins). */
const HTML_SEQUENCES: HtmlSequence[] = [
  { open: /^<(script|pre|style|textarea)(?=(\s|>|$))/i, close: /<\/(script|pre|style|textarea)>/i, interrupts: true },
  { open: /^<!--/, close: /-->/, interrupts: true },
  { open: /^<\?/, close: /\?>/, interrupts: true },
  { open: /^<![A-Za-z]/, close: />/, interrupts: true },
  { open: /^<!\[CDATA\[/, close: /\]\]>/, interrupts: true },
  { open: new RegExp(`^</?(${BLOCK_TAG_NAMES.join('|')})(?=(\\s|/?>|$))`, 'i'), close: /^$/, interrupts: true },
  { open: new RegExp(`${OPEN_CLOSE_TAG}\\s*$`), close: /^$/, interrupts: false },
];
/** Index of the `<!--` kind: the only HTML block that becomes a Block. */
const HTML_COMMENT = 1;

/**
 * Scans markdown (front matter already blanked, `\r\n` and `\0` already normalised) into blocks,
 * exactly as markdown-it's block pass plus the token conversion parseBlocks had before this
 * scanner (kept as the oracle in test/support/markdown-it-blocks.ts) did.
 */
export function scanBlocks(source: string): Block[] {
  if (source.length === 0) return [];
  return new BlockScanner(source).scan();
}

interface LineBuffers {
  bMarks: Int32Array;
  eMarks: Int32Array;
  tShift: Int32Array;
  sCount: Int32Array;
  bsCount: Int32Array;
  lineStarts: Int32Array;
}

/**
 * The line arrays, shared by every page and grown when a page has more lines: allocating them per
 * page cost more than the scan itself. Sharing is safe because scanning is synchronous, never
 * nested, and the arrays never leave the scanner.
 */
let shared: LineBuffers = allocateLineBuffers(4096);

/**
 * Lines the shared arrays may grow to (24 bytes a line, 1.5 MB; the largest corpus page has
 * 1,542 lines). A longer page gets arrays of its own, garbage once it is scanned: kept, the
 * arrays of one hostile page (5 MB of newlines is 5 million lines, 200 MB) would stay allocated
 * for the rest of the run.
 */
const SHARED_LINES_MAX = 1 << 16;

function allocateLineBuffers(size: number): LineBuffers {
  return {
    bMarks: new Int32Array(size),
    eMarks: new Int32Array(size),
    tShift: new Int32Array(size),
    sCount: new Int32Array(size),
    bsCount: new Int32Array(size),
    lineStarts: new Int32Array(size),
  };
}

/** Buffers with room for at least `size` lines, holding the first `used` entries of `buffers`. */
function growLineBuffers(buffers: LineBuffers, size: number, used: number): LineBuffers {
  const grown = allocateLineBuffers(Math.max(size, 2 * buffers.bMarks.length));
  for (const key of Object.keys(grown) as (keyof LineBuffers)[]) grown[key].set(buffers[key].subarray(0, used));
  if (grown.bMarks.length <= SHARED_LINES_MAX) shared = grown;
  return grown;
}

/** How many lines the shared arrays hold now (for the test that they stay bounded). */
export function sharedLineCapacity(): number {
  return shared.bMarks.length;
}

class BlockScanner {
  private readonly blocks: Block[] = [];
  /**
   * Line count, without the sentinel entry at the end of the line arrays. A blockquote ended by
   * another block lowers it while its content is parsed (markdown-it's "hard termination").
   */
  private lineMax: number;

  // markdown-it's line model. bMarks, tShift, sCount and bsCount are rewritten while a blockquote
  // or list item is parsed (and restored after), so the original starts are kept in lineStarts.
  private readonly bMarks: Int32Array;
  private readonly eMarks: Int32Array;
  private readonly tShift: Int32Array;
  private readonly sCount: Int32Array;
  private readonly bsCount: Int32Array;
  private readonly lineStarts: Int32Array;

  private blkIndent = 0;
  private listIndent = -1;
  private parentType: ParentType = PARENT_OTHER;
  /** Open container tokens markdown-it would have (blockquote 1, list + item 2), for maxNesting. */
  private level = 0;
  /** markdown-it's `state.line`: the line after the last block a rule consumed. */
  private line = 0;

  constructor(private readonly src: string) {
    const length = src.length;
    let buffers = shared;
    let line = 0;
    let start = 0;
    while (start < length) {
      let end = src.indexOf('\n', start);
      if (end < 0) end = length;
      let pos = start;
      let columns = 0;
      for (; pos < end; pos++) {
        const ch = src.charCodeAt(pos);
        if (ch === 0x20) columns++;
        else if (ch === 0x09) columns += 4 - (columns % 4);
        else break;
      }
      // markdown-it's constructor loop never records a last line that has no newline and holds
      // only spaces and tabs; an unclosed fence's end line depends on it.
      if (end === length && pos === end) break;
      // Room for this line and the sentinel.
      if (line + 2 > buffers.bMarks.length) buffers = growLineBuffers(buffers, line + 2, line);
      buffers.bMarks[line] = start;
      buffers.lineStarts[line] = start;
      buffers.eMarks[line] = end;
      buffers.tShift[line] = pos - start;
      buffers.sCount[line] = columns;
      buffers.bsCount[line] = 0;
      line++;
      start = end + 1;
    }
    this.lineMax = line;
    // Sentinel entry, as in markdown-it, so that `line + 1` never needs a bounds check.
    buffers.bMarks[line] = length;
    buffers.eMarks[line] = length;
    buffers.tShift[line] = 0;
    buffers.sCount[line] = 0;
    buffers.bsCount[line] = 0;
    this.bMarks = buffers.bMarks;
    this.eMarks = buffers.eMarks;
    this.tShift = buffers.tShift;
    this.sCount = buffers.sCount;
    this.bsCount = buffers.bsCount;
    this.lineStarts = buffers.lineStarts;
  }

  /** The page's blocks. */
  scan(): Block[] {
    this.tokenize(0, this.lineMax);
    return this.blocks;
  }

  /** markdown-it's ParserBlock.tokenize: blocks from startLine up to endLine. */
  private tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    while (line < endLine) {
      this.line = line = this.skipEmptyLines(line);
      if (line >= endLine) break;
      // A nested call (blockquote, list item) ends at a line indented less than its content.
      if (this.sCount[line]! < this.blkIndent) break;
      // Past maxNesting markdown-it skips the rest of the range; so do we (the same output).
      if (this.level >= MAX_NESTING) {
        this.line = endLine;
        break;
      }
      this.blockAt(line, endLine);
      line = this.line;
      if (line < endLine && this.isEmpty(line)) {
        line++;
        this.line = line;
      }
    }
  }

  /**
   * One block at `line`: markdown-it tries table, code, fence, blockquote, hr, list, html_block,
   * heading, lheading and paragraph in that order; all but table, code, lheading and paragraph
   * need a specific first character, so the character picks the candidates.
   */
  private blockAt(line: number, endLine: number): void {
    if (this.table(line, endLine, false)) return;
    if (this.sCount[line]! - this.blkIndent >= 4) {
      this.code(line, endLine);
      return;
    }
    switch (this.src.charCodeAt(this.bMarks[line]! + this.tShift[line]!)) {
      case 0x60 /* ` */:
      case 0x7e /* ~ */:
        if (this.fence(line, endLine, false)) return;
        break;
      case 0x3e /* > */:
        this.blockquote(line, endLine);
        return;
      case 0x2a /* * */:
      case 0x2d /* - */:
        if (this.hr(line, false)) return;
        if (this.list(line, endLine, false)) return;
        break;
      case 0x5f /* _ */:
        if (this.hr(line, false)) return;
        break;
      case 0x2b /* + */:
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
        if (this.list(line, endLine, false)) return;
        break;
      case 0x3c /* < */:
        if (this.htmlBlock(line, endLine, false)) return;
        break;
      case 0x23 /* # */:
        if (this.heading(line, false)) return;
        break;
      default:
        break;
    }
    this.paragraphOrSetextHeading(line, endLine);
  }

  /**
   * Whether a rule of `chain` starts at `line` (markdown-it runs each rule in silent mode). Every
   * rule but table needs its own first character, so only the candidates run.
   */
  private terminates(line: number, endLine: number, chain: TerminatorChain): boolean {
    if (chain === ENDS_PARAGRAPH && this.table(line, endLine, true)) return true;
    switch (this.src.charCodeAt(this.bMarks[line]! + this.tShift[line]!)) {
      case 0x60 /* ` */:
      case 0x7e /* ~ */:
        return this.fence(line, endLine, true);
      case 0x3e /* > */:
        return this.sCount[line]! - this.blkIndent < 4;
      case 0x2a /* * */:
      case 0x2d /* - */:
        return this.hr(line, true) || (chain !== ENDS_LIST && this.list(line, endLine, true));
      case 0x5f /* _ */:
        return this.hr(line, true);
      case 0x2b /* + */:
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
        return chain !== ENDS_LIST && this.list(line, endLine, true);
      case 0x3c /* < */:
        return chain !== ENDS_LIST && this.htmlBlock(line, endLine, true);
      case 0x23 /* # */:
        return chain !== ENDS_LIST && this.heading(line, true);
      default:
        return false;
    }
  }

  // ---- rules ------------------------------------------------------------------------------

  /** Indented code: consumed, no block (extraction never reads it). */
  private code(startLine: number, endLine: number): void {
    let nextLine = startLine + 1;
    let last = nextLine;
    while (nextLine < endLine) {
      if (this.isEmpty(nextLine)) {
        nextLine++;
        continue;
      }
      if (this.sCount[nextLine]! - this.blkIndent >= 4) {
        nextLine++;
        last = nextLine;
        continue;
      }
      break;
    }
    this.line = last;
  }

  private fence(startLine: number, endLine: number, silent: boolean): boolean {
    const { src, bMarks, eMarks, tShift, sCount } = this;
    let pos = bMarks[startLine]! + tShift[startLine]!;
    let max = eMarks[startLine]!;
    if (sCount[startLine]! - this.blkIndent >= 4) return false;
    if (pos + 3 > max) return false;
    const marker = src.charCodeAt(pos);
    if (marker !== 0x7e && marker !== 0x60) return false;
    let mem = pos;
    pos = this.skipChars(pos, marker);
    const length = pos - mem;
    if (length < 3) return false;
    const params = src.slice(pos, max);
    if (marker === 0x60 && params.indexOf('`') >= 0) return false;
    if (silent) return true;

    let nextLine = startLine;
    let haveEndMarker = false;
    for (;;) {
      nextLine++;
      // An unclosed fence ends with the document or with its enclosing container.
      if (nextLine >= endLine) break;
      pos = mem = bMarks[nextLine]! + tShift[nextLine]!;
      max = eMarks[nextLine]!;
      if (pos < max && sCount[nextLine]! < this.blkIndent) break;
      if (src.charCodeAt(pos) !== marker) continue;
      if (sCount[nextLine]! - this.blkIndent >= 4) continue;
      pos = this.skipChars(pos, marker);
      if (pos - mem < length) continue;
      pos = this.skipSpaces(pos);
      if (pos < max) continue;
      haveEndMarker = true;
      break;
    }
    this.line = nextLine + (haveEndMarker ? 1 : 0);
    this.blocks.push(this.fenceBlock(startLine, this.line, params, haveEndMarker, this.getLines(startLine + 1, nextLine, sCount[startLine]!, true)));
    return true;
  }

  /**
   * The fence as a block. `closed` is whether a closing fence was found: markdown-it's token had
   * no such flag, so parseBlocks once guessed it from the raw last line, which called every fence in
   * a blockquote (`> ````) unterminated. The column is the opening line's indentation.
   */
  private fenceBlock(startLine: number, end: number, params: string, closed: boolean, content: string): FenceBlock {
    const openLine = this.rawLine(startLine);
    return {
      type: 'fence',
      info: params.trim(),
      content,
      line: startLine + 1,
      column: openLine.length - openLine.trimStart().length + 1,
      endLine: end,
      closed,
    };
  }

  private blockquote(startLine: number, endLine: number): void {
    const { src, bMarks, eMarks, tShift, sCount, bsCount } = this;
    const oldLineMax = this.lineMax;
    const oldBMarks: number[] = [];
    const oldBSCount: number[] = [];
    const oldSCount: number[] = [];
    const oldTShift: number[] = [];
    const oldParentType = this.parentType;
    this.parentType = PARENT_OTHER;
    let lastLineEmpty = false;
    let nextLine: number;

    // The quote ends at an empty line, at a non-`>` line after an empty quoted line, or at a line
    // that starts another block; any other line is a lazy continuation.
    for (nextLine = startLine; nextLine < endLine; nextLine++) {
      // Outdented: inside a list item, indented less than the item's content.
      const isOutdented = sCount[nextLine]! < this.blkIndent;
      let pos = bMarks[nextLine]! + tShift[nextLine]!;
      const max = eMarks[nextLine]!;
      if (pos >= max) break;

      if (src.charCodeAt(pos++) === 0x3e && !isOutdented) {
        // Inside the quote: the line's content starts after `>` and one optional space.
        let initial = sCount[nextLine]! + 1;
        let spaceAfterMarker: boolean;
        let adjustTab = false;
        if (src.charCodeAt(pos) === 0x20) {
          pos++;
          initial++;
          spaceAfterMarker = true;
        } else if (src.charCodeAt(pos) === 0x09) {
          spaceAfterMarker = true;
          if ((bsCount[nextLine]! + initial) % 4 === 3) {
            // '  >\t  test': the tab is one column wide here.
            pos++;
            initial++;
          } else {
            // ' >\t  test': part of the tab stays as indentation of the content.
            adjustTab = true;
          }
        } else {
          spaceAfterMarker = false;
        }

        let offset = initial;
        oldBMarks.push(bMarks[nextLine]!);
        bMarks[nextLine] = pos;
        while (pos < max) {
          const ch = src.charCodeAt(pos);
          if (ch === 0x09) offset += 4 - ((offset + bsCount[nextLine]! + (adjustTab ? 1 : 0)) % 4);
          else if (ch === 0x20) offset++;
          else break;
          pos++;
        }
        lastLineEmpty = pos >= max;
        oldBSCount.push(bsCount[nextLine]!);
        bsCount[nextLine] = sCount[nextLine]! + 1 + (spaceAfterMarker ? 1 : 0);
        oldSCount.push(sCount[nextLine]!);
        sCount[nextLine] = offset - initial;
        oldTShift.push(tShift[nextLine]!);
        tShift[nextLine] = pos - bMarks[nextLine]!;
        continue;
      }

      if (lastLineEmpty) break;

      if (this.terminates(nextLine, endLine, ENDS_BLOCKQUOTE)) {
        // markdown-it's "hard termination": a paragraph inside must not look past this line.
        this.lineMax = nextLine;
        if (this.blkIndent !== 0) {
          // The content is parsed with blkIndent 0, so the line must look unindented by as much.
          oldBMarks.push(bMarks[nextLine]!);
          oldBSCount.push(bsCount[nextLine]!);
          oldTShift.push(tShift[nextLine]!);
          oldSCount.push(sCount[nextLine]!);
          sCount[nextLine] = sCount[nextLine]! - this.blkIndent;
        }
        break;
      }

      oldBMarks.push(bMarks[nextLine]!);
      oldBSCount.push(bsCount[nextLine]!);
      oldTShift.push(tShift[nextLine]!);
      oldSCount.push(sCount[nextLine]!);
      // A negative indent marks a lazy paragraph continuation line.
      sCount[nextLine] = -1;
    }

    const oldIndent = this.blkIndent;
    this.blkIndent = 0;
    this.level++;
    this.tokenize(startLine, nextLine);
    this.level--;
    this.lineMax = oldLineMax;
    this.parentType = oldParentType;
    for (let i = 0; i < oldTShift.length; i++) {
      bMarks[i + startLine] = oldBMarks[i]!;
      tShift[i + startLine] = oldTShift[i]!;
      sCount[i + startLine] = oldSCount[i]!;
      bsCount[i + startLine] = oldBSCount[i]!;
    }
    this.blkIndent = oldIndent;
  }

  /** Thematic break: consumed, no block. */
  private hr(startLine: number, silent: boolean): boolean {
    const src = this.src;
    const max = this.eMarks[startLine]!;
    if (this.sCount[startLine]! - this.blkIndent >= 4) return false;
    let pos = this.bMarks[startLine]! + this.tShift[startLine]!;
    const marker = src.charCodeAt(pos++);
    if (marker !== 0x2a && marker !== 0x2d && marker !== 0x5f) return false;
    let count = 1;
    while (pos < max) {
      const ch = src.charCodeAt(pos++);
      if (ch !== marker && ch !== 0x20 && ch !== 0x09) return false;
      if (ch === marker) count++;
    }
    if (count < 3) return false;
    if (!silent) this.line = startLine + 1;
    return true;
  }

  /** `[-+*]` followed by a space, tab or end of line; the position after the marker, or -1. */
  private skipBulletListMarker(startLine: number): number {
    const max = this.eMarks[startLine]!;
    let pos = this.bMarks[startLine]! + this.tShift[startLine]!;
    const marker = this.src.charCodeAt(pos++);
    if (marker !== 0x2a && marker !== 0x2d && marker !== 0x2b) return -1;
    if (pos < max) {
      const ch = this.src.charCodeAt(pos);
      if (ch !== 0x20 && ch !== 0x09) return -1;
    }
    return pos;
  }

  /** `\d{1,9}[.)]` followed by a space, tab or end of line; the position after it, or -1. */
  private skipOrderedListMarker(startLine: number): number {
    const start = this.bMarks[startLine]! + this.tShift[startLine]!;
    const max = this.eMarks[startLine]!;
    let pos = start;
    if (pos + 1 >= max) return -1;
    let ch = this.src.charCodeAt(pos++);
    if (ch < 0x30 || ch > 0x39) return -1;
    for (;;) {
      if (pos >= max) return -1;
      ch = this.src.charCodeAt(pos++);
      if (ch >= 0x30 && ch <= 0x39) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (ch === 0x29 || ch === 0x2e) break;
      return -1;
    }
    if (pos < max) {
      ch = this.src.charCodeAt(pos);
      if (ch !== 0x20 && ch !== 0x09) return -1;
    }
    return pos;
  }

  private list(startLine: number, endLine: number, silent: boolean): boolean {
    const { src, bMarks, eMarks, tShift, sCount, bsCount } = this;
    let nextLine = startLine;
    if (sCount[nextLine]! - this.blkIndent >= 4) return false;
    // "- item" lines indented 4+ past the enclosing list's marker continue its paragraph.
    if (this.listIndent >= 0 && sCount[nextLine]! - this.listIndent >= 4 && sCount[nextLine]! < this.blkIndent) return false;

    // A list interrupting a paragraph must start with 1 (ordered) and must not be empty.
    const isTerminatingParagraph = silent && this.parentType === PARENT_PARAGRAPH && sCount[nextLine]! >= this.blkIndent;

    let isOrdered: boolean;
    let posAfterMarker = this.skipOrderedListMarker(nextLine);
    if (posAfterMarker >= 0) {
      isOrdered = true;
      const start = bMarks[nextLine]! + tShift[nextLine]!;
      if (isTerminatingParagraph && Number(src.slice(start, posAfterMarker - 1)) !== 1) return false;
    } else if ((posAfterMarker = this.skipBulletListMarker(nextLine)) >= 0) {
      isOrdered = false;
    } else {
      return false;
    }
    if (isTerminatingParagraph && this.skipSpaces(posAfterMarker) >= eMarks[nextLine]!) return false;
    if (silent) return true;

    // A different marker character ends the list.
    const markerCharCode = src.charCodeAt(posAfterMarker - 1);
    this.level++;
    const oldParentType = this.parentType;
    this.parentType = PARENT_OTHER;

    while (nextLine < endLine) {
      let pos = posAfterMarker;
      const max = eMarks[nextLine]!;
      const initial = sCount[nextLine]! + posAfterMarker - (bMarks[nextLine]! + tShift[nextLine]!);
      let offset = initial;
      while (pos < max) {
        const ch = src.charCodeAt(pos);
        if (ch === 0x09) offset += 4 - ((offset + bsCount[nextLine]!) % 4);
        else if (ch === 0x20) offset++;
        else break;
        pos++;
      }
      const contentStart = pos;
      // An empty first line counts one column; more than 4 columns make the rest indented code.
      let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
      if (indentAfterMarker > 4) indentAfterMarker = 1;
      const indent = initial + indentAfterMarker;

      this.level++;
      const oldTShift = tShift[nextLine]!;
      const oldSCount = sCount[nextLine]!;
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = indent;
      tShift[nextLine] = contentStart - bMarks[nextLine]!;
      sCount[nextLine] = offset;
      if (contentStart >= max && this.isEmpty(nextLine + 1)) {
        // An empty item followed by an empty line ends the list (markdown-it's workaround).
        this.line = Math.min(this.line + 2, endLine);
      } else {
        this.tokenize(nextLine, endLine);
      }
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      tShift[nextLine] = oldTShift;
      sCount[nextLine] = oldSCount;
      this.level--;

      nextLine = this.line;
      if (nextLine >= endLine) break;
      if (sCount[nextLine]! < this.blkIndent) break;
      if (sCount[nextLine]! - this.blkIndent >= 4) break;
      if (this.terminates(nextLine, endLine, ENDS_LIST)) break;
      posAfterMarker = isOrdered ? this.skipOrderedListMarker(nextLine) : this.skipBulletListMarker(nextLine);
      if (posAfterMarker < 0) break;
      if (markerCharCode !== src.charCodeAt(posAfterMarker - 1)) break;
    }

    this.level--;
    this.line = nextLine;
    this.parentType = oldParentType;
    return true;
  }

  private htmlBlock(startLine: number, endLine: number, silent: boolean): boolean {
    const { src, bMarks, eMarks, tShift } = this;
    let pos = bMarks[startLine]! + tShift[startLine]!;
    let max = eMarks[startLine]!;
    if (this.sCount[startLine]! - this.blkIndent >= 4) return false;
    if (src.charCodeAt(pos) !== 0x3c) return false;
    let lineText = src.slice(pos, max);
    let kind = 0;
    for (; kind < HTML_SEQUENCES.length; kind++) {
      if (HTML_SEQUENCES[kind]!.open.test(lineText)) break;
    }
    const sequence = HTML_SEQUENCES[kind];
    if (!sequence) return false;
    if (silent) return sequence.interrupts;

    let nextLine = startLine + 1;
    // Kinds 6 and 7 end at a blank line; the others (comments included) only at their closing
    // sequence, whatever blank or outdented lines come first.
    const endsOnBlankLine = sequence.close.test('');
    if (!sequence.close.test(lineText)) {
      for (; nextLine < endLine; nextLine++) {
        if (this.sCount[nextLine]! < this.blkIndent) {
          if (endsOnBlankLine || !this.isEmpty(nextLine)) break;
        }
        pos = bMarks[nextLine]! + tShift[nextLine]!;
        max = eMarks[nextLine]!;
        lineText = src.slice(pos, max);
        if (sequence.close.test(lineText)) {
          if (lineText.length !== 0) nextLine++;
          break;
        }
      }
    }
    this.line = nextLine;
    // Only `<!--` blocks can give a comment: the oracle's conversion looks for `<!--` at the start
    // of the block's text, and whatever getLines keeps before the first line's `<` is whitespace
    // or list marker characters, never `<!--`.
    if (kind === HTML_COMMENT) {
      const comment = toComment(this.getLines(startLine, nextLine, this.blkIndent, true), startLine + 1);
      if (comment) this.blocks.push(comment);
    }
    return true;
  }

  private heading(startLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine]! + this.tShift[startLine]!;
    let max = this.eMarks[startLine]!;
    if (this.sCount[startLine]! - this.blkIndent >= 4) return false;
    let ch = src.charCodeAt(pos);
    if (ch !== 0x23 || pos >= max) return false;
    let level = 1;
    ch = src.charCodeAt(++pos);
    while (ch === 0x23 && pos < max && level <= 6) {
      level++;
      ch = src.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && ch !== 0x20 && ch !== 0x09)) return false;
    if (silent) return true;

    // Cut a closing sequence like '    ###  ' off the end.
    max = this.skipSpacesBack(max, pos);
    const tmp = this.skipCharsBack(max, 0x23, pos);
    if (tmp > pos && isSpace(src.charCodeAt(tmp - 1))) max = tmp;
    this.line = startLine + 1;
    // The oracle trims the inline text (markdown-it's asciiTrim) once more with String.prototype.trim,
    // which takes Unicode whitespace too.
    this.blocks.push({ type: 'heading', level, text: src.slice(pos, max).trim(), line: startLine + 1 });
    return true;
  }

  /**
   * markdown-it's lheading and paragraph rules in one pass. lheading runs first and walks the
   * same continuation lines as paragraph with the same terminators, only stopping early at a
   * setext underline; so one walk decides both, instead of markdown-it's two.
   */
  private paragraphOrSetextHeading(startLine: number, endLine: number): void {
    const { src, bMarks, eMarks, tShift, sCount } = this;
    const oldParentType = this.parentType;
    this.parentType = PARENT_PARAGRAPH;
    let level = 0;
    let nextLine = startLine + 1;
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      // Indented 4+ would be code, but after a paragraph line it is a lazy continuation.
      if (sCount[nextLine]! - this.blkIndent > 3) continue;
      if (sCount[nextLine]! >= this.blkIndent) {
        let pos = bMarks[nextLine]! + tShift[nextLine]!;
        const max = eMarks[nextLine]!;
        const marker = src.charCodeAt(pos);
        if (pos < max && (marker === 0x2d || marker === 0x3d)) {
          pos = this.skipSpaces(this.skipChars(pos, marker));
          if (pos >= max) {
            level = marker === 0x3d ? 1 : 2;
            break;
          }
        }
      }
      // A lazy blockquote line (sCount -1) was already checked by the blockquote rule.
      if (sCount[nextLine]! < 0) continue;
      if (this.terminates(nextLine, endLine, ENDS_PARAGRAPH)) break;
    }
    const content = asciiTrim(this.getLines(startLine, nextLine, this.blkIndent, false));
    if (level > 0) {
      this.line = nextLine + 1;
      this.blocks.push({ type: 'heading', level, text: content.trim(), line: startLine + 1 });
    } else {
      this.line = nextLine;
      this.blocks.push({ type: 'paragraph', text: content, line: startLine + 1 });
    }
    this.parentType = oldParentType;
  }

  /** GFM table: header line, delimiter line, then rows until a blank line or another block. */
  private table(startLine: number, endLine: number, silent: boolean): boolean {
    const { src, bMarks, eMarks, sCount } = this;
    if (startLine + 2 > endLine) return false;
    let nextLine = startLine + 1;
    if (sCount[nextLine]! < this.blkIndent) return false;
    if (sCount[nextLine]! - this.blkIndent >= 4) return false;

    // The delimiter line: /^[-:|][-:|\s]*$/, and not '- ' (a list item).
    let pos = bMarks[nextLine]! + this.tShift[nextLine]!;
    const max = eMarks[nextLine]!;
    if (pos >= max) return false;
    const firstCh = src.charCodeAt(pos++);
    if (firstCh !== 0x7c && firstCh !== 0x2d && firstCh !== 0x3a) return false;
    if (pos >= max) return false;
    const secondCh = src.charCodeAt(pos++);
    if (secondCh !== 0x7c && secondCh !== 0x2d && secondCh !== 0x3a && !isSpace(secondCh)) return false;
    if (firstCh === 0x2d && isSpace(secondCh)) return false;
    while (pos < max) {
      const ch = src.charCodeAt(pos);
      if (ch !== 0x7c && ch !== 0x2d && ch !== 0x3a && !isSpace(ch)) return false;
      pos++;
    }

    const columns = this.lineText(startLine + 1).split('|');
    let alignCount = 0;
    for (let i = 0; i < columns.length; i++) {
      const t = columns[i]!.trim();
      if (!t) {
        // Empty cells are allowed only before the first and after the last pipe.
        if (i === 0 || i === columns.length - 1) continue;
        return false;
      }
      if (!/^:?-+:?$/.test(t)) return false;
      alignCount++;
    }

    let lineText = this.lineText(startLine).trim();
    if (lineText.indexOf('|') === -1) return false;
    if (sCount[startLine]! - this.blkIndent >= 4) return false;
    const header = rowCells(lineText);
    // The header row fixes the column count; the delimiter row must match it.
    const columnCount = header.length;
    if (columnCount === 0 || columnCount !== alignCount) return false;
    if (silent) return true;

    const oldParentType = this.parentType;
    this.parentType = PARENT_OTHER;
    const rows: { cells: string[]; line: number }[] = [];
    let autocompletedCells = 0;
    for (nextLine = startLine + 2; nextLine < endLine; nextLine++) {
      if (sCount[nextLine]! < this.blkIndent) break;
      // markdown-it ends a table where a blockquote's lazy lines would end.
      if (this.terminates(nextLine, endLine, ENDS_BLOCKQUOTE)) break;
      lineText = this.lineText(nextLine).trim();
      if (!lineText) break;
      if (sCount[nextLine]! - this.blkIndent >= 4) break;
      const cells = rowCells(lineText);
      // Can go negative when rows have more cells than the header; only expansion is limited.
      autocompletedCells += columnCount - cells.length;
      if (autocompletedCells > MAX_AUTOCOMPLETED_CELLS) break;
      // Rows are padded with empty cells or cut to the header's column count.
      if (cells.length > columnCount) cells.length = columnCount;
      while (cells.length < columnCount) cells.push('');
      rows.push({ cells, line: nextLine + 1 });
    }
    this.blocks.push({ type: 'table', header, rows, line: startLine + 1 });
    this.parentType = oldParentType;
    this.line = nextLine;
    return true;
  }

  // ---- line helpers (markdown-it's StateBlock) -----------------------------------------------

  private isEmpty(line: number): boolean {
    return this.bMarks[line]! + this.tShift[line]! >= this.eMarks[line]!;
  }

  private skipEmptyLines(from: number): number {
    for (const max = this.lineMax; from < max; from++) {
      if (this.bMarks[from]! + this.tShift[from]! < this.eMarks[from]!) break;
    }
    return from;
  }

  private skipSpaces(pos: number): number {
    const src = this.src;
    for (const max = src.length; pos < max; pos++) {
      if (!isSpace(src.charCodeAt(pos))) break;
    }
    return pos;
  }

  private skipSpacesBack(pos: number, min: number): number {
    if (pos <= min) return pos;
    while (pos > min) {
      if (!isSpace(this.src.charCodeAt(--pos))) return pos + 1;
    }
    return pos;
  }

  private skipChars(pos: number, code: number): number {
    const src = this.src;
    for (const max = src.length; pos < max; pos++) {
      if (src.charCodeAt(pos) !== code) break;
    }
    return pos;
  }

  private skipCharsBack(pos: number, code: number, min: number): number {
    if (pos <= min) return pos;
    while (pos > min) {
      if (code !== this.src.charCodeAt(--pos)) return pos + 1;
    }
    return pos;
  }

  /** A line from its first non-space character (as the container sees it) to its end. */
  private lineText(line: number): string {
    return this.src.slice(this.bMarks[line]! + this.tShift[line]!, this.eMarks[line]!);
  }

  /** A source line as it is in the page, containers' markers included (the oracle's LineReader). */
  private rawLine(line: number): string {
    return this.src.slice(this.lineStarts[line]!, this.eMarks[line]!);
  }

  /**
   * markdown-it's StateBlock.getLines: lines [begin, end) with up to `indent` columns of
   * indentation (or container markers) removed from each.
   */
  private getLines(begin: number, end: number, indent: number, keepLastLF: boolean): string {
    if (begin >= end) return '';
    const { src, bMarks, eMarks, tShift, bsCount } = this;
    if (indent === 0) {
      // Nothing to remove: when no blockquote has moved the line starts, the lines are one slice.
      let contiguous = true;
      for (let line = begin + 1; line < end; line++) {
        if (bMarks[line] !== eMarks[line - 1]! + 1) {
          contiguous = false;
          break;
        }
      }
      if (contiguous) return src.slice(bMarks[begin], keepLastLF ? eMarks[end - 1]! + 1 : eMarks[end - 1]);
    }
    let result = '';
    for (let line = begin; line < end; line++) {
      let lineIndent = 0;
      const lineStart = bMarks[line]!;
      let first = lineStart;
      const last = line + 1 < end || keepLastLF ? eMarks[line]! + 1 : eMarks[line]!;
      while (first < last && lineIndent < indent) {
        const ch = src.charCodeAt(first);
        if (ch === 0x09) lineIndent += 4 - ((lineIndent + bsCount[line]!) % 4);
        else if (ch === 0x20) lineIndent++;
        else if (first - lineStart < tShift[line]!) lineIndent++; // a container marker counts as indentation
        else break;
        first++;
      }
      // A tab only partly used as indentation leaves its remaining columns as spaces.
      result += lineIndent > indent ? ' '.repeat(lineIndent - indent) + src.slice(first, last) : src.slice(first, last);
    }
    return result;
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** markdown-it's asciiTrim: trims ASCII space, tab, LF and CR only (Unicode spaces are content). */
function asciiTrim(text: string): string {
  let start = 0;
  for (; start < text.length; start++) {
    const c = text.charCodeAt(start);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
  }
  let end = text.length - 1;
  for (; end >= start; end--) {
    const c = text.charCodeAt(end);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
  }
  return text.slice(start, end + 1);
}

/**
 * A table row's cells as markdown-it's table rule reads them from the JS-trimmed line: split at
 * unescaped pipes (escapedSplit), an empty first and an empty last cell dropped, each cell then
 * JS-trimmed. A row without a backslash (nearly all) is a plain split at every pipe, so it is cut
 * by index into one substring per cell instead of a substring, a concatenation and a trim.
 */
function rowCells(text: string): string[] {
  if (text.indexOf('\\') >= 0) {
    const columns = escapedSplit(text);
    if (columns.length && columns[0] === '') columns.shift();
    if (columns.length && columns[columns.length - 1] === '') columns.pop();
    return columns.map((cell) => cell.trim());
  }
  const cells: string[] = [];
  let cellStart = 0;
  for (let pipe = text.indexOf('|'); pipe >= 0; pipe = text.indexOf('|', cellStart)) {
    // escapedSplit's first cell, when empty, is dropped (a row starting with a pipe).
    if (pipe > 0) cells.push(trimmedSlice(text, cellStart, pipe));
    cellStart = pipe + 1;
  }
  // The cell after the last pipe, unless it is empty (escapedSplit's empty last cell is dropped).
  if (cellStart < text.length) cells.push(trimmedSlice(text, cellStart, text.length));
  return cells;
}

/** text.slice(start, end).trim(), cutting ASCII spaces by index and calling trim() only if needed. */
function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  const cell = text.slice(start, end);
  // Every character String.prototype.trim removes is below 0x21 or above 0x7f.
  return start < end && (mayBeWhitespace(text.charCodeAt(start)) || mayBeWhitespace(text.charCodeAt(end - 1))) ? cell.trim() : cell;
}

function mayBeWhitespace(code: number): boolean {
  return code <= 0x20 || code >= 0x7f;
}

/**
 * markdown-it's escapedSplit: splits a table row at pipes not preceded by a backslash; `\|` stays
 * in the cell as `|`. Jumps from pipe to pipe with indexOf instead of testing every character.
 */
function escapedSplit(text: string): string[] {
  const result: string[] = [];
  let current = '';
  let lastPos = 0;
  for (let pos = text.indexOf('|'); pos >= 0; pos = text.indexOf('|', pos + 1)) {
    if (pos > 0 && text.charCodeAt(pos - 1) === 0x5c) {
      current += text.substring(lastPos, pos - 1);
      lastPos = pos;
    } else {
      result.push(current + text.substring(lastPos, pos));
      current = '';
      lastPos = pos + 1;
    }
  }
  result.push(current + text.substring(lastPos));
  return result;
}

/** The CommentBlock the oracle's conversion builds from an HTML block's text (`<!--` after leading space). */
function toComment(content: string, line: number): CommentBlock | null {
  const trimmed = content.trimStart();
  if (!trimmed.startsWith('<!--')) return null;
  const close = trimmed.indexOf('-->', 4);
  if (close < 0) return { type: 'comment', text: trimmed.slice(4), line, closed: false, trailing: '' };
  return { type: 'comment', text: trimmed.slice(4, close), line, closed: true, trailing: trimmed.slice(close + 3).trim() };
}
