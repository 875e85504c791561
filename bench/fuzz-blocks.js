#!/usr/bin/env node
// npm run fuzz:blocks — differential fuzzing of the block scanner (parseBlocks, from dist/)
// against its oracle, markdown-it 14.3.3 through test/support/markdown-it-blocks.ts.
//
// Documents come from two sources, alternately (one in a thousand is 3,000 to 70,000 lines long,
// from both, and one in a thousand holds a table at markdown-it's cap on padded cells):
// - a grammar that nests every construct the scanner ports (lists and blockquotes holding fences,
//   tables, HTML blocks of the seven kinds, setext and ATX headings, indented code, lazy lines),
//   then adds noise: tabs inside indentation, Unicode whitespace, CRLF and CR line ends, NUL,
//   whitespace-only last lines;
// - mutations of real corpus pages (../shared/corpus/graph-docs-v1.0, front matter blanked as
//   page.ts does; skipped when the corpus is absent): a window of lines with lines deleted,
//   duplicated, indented, prefixed with `>`, `- `, `1. ` or tabs, or with grammar blocks spliced in.
//
// Every document is parsed by both; any difference, and any exception from the scanner, is a
// divergence. Each divergence is shrunk (lines, then characters) to a minimal document that still
// diverges, and the distinct minimal documents are printed with both outputs.
//
// After the random documents, every document of up to FUZZ_EXHAUSTIVE (4) characters over
// FUZZ_ALPHABET (`>- \t\n`|1.<#=a*`) is compared.
//
// The one intended difference, a fence's `closed` flag, is compared exactly too: the oracle's
// markdown-it gets its fence rule wrapped, and after the rule ran the fence is closed exactly when
// the line it stopped on is a closing fence by the rule's own test (the oracle module itself only
// guesses from the raw last line; see test/docs/block-scanner.test.ts).
//
// FUZZ_DOCS=n random documents (default 20,000, a few seconds), FUZZ_SEED=n (default 1) for another
// sequence; FUZZ_MAX_SHRUNK (30) divergent documents are shrunk, for FUZZ_SHRINK_SECONDS (20)
// each at most; FUZZ_HANG_SECONDS (10) without progress is a hang. Exit code 1 when anything
// diverged, 2 on a hang. Needs `npm run build` first.
'use strict';
const { readFileSync, existsSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const MarkdownIt = require('markdown-it');

const { root, corpusDir, markdownFiles } = require('./corpus');
const { loadTypeScript } = require('./typescript');

const { parseBlocks } = require(join(root, 'dist', 'docs', 'blocks.js'));
const { splitFrontMatter } = require(join(root, 'dist', 'docs', 'front-matter.js'));

const DOCS = Number(process.env.FUZZ_DOCS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
/** Divergent documents shrunk (the rest are only counted): shrinking costs thousands of parses. */
const MAX_SHRUNK = Number(process.env.FUZZ_MAX_SHRUNK ?? 30);
/** Every document up to this many characters over ALPHABET is compared too. */
const EXHAUSTIVE = Number(process.env.FUZZ_EXHAUSTIVE ?? 4);
const ALPHABET = [...(process.env.FUZZ_ALPHABET ?? '>- \t\n`|1.<#=a*')];
/** Time spent shrinking one divergent document at most. */
const SHRINK_SECONDS = Number(process.env.FUZZ_SHRINK_SECONDS ?? 20);
/** Reproductions longer than this are printed cut, and saved whole to a file. */
const PRINTED_CHARS = 3000;

// ---- hang watchdog ---------------------------------------------------------------------------

// The fuzzing runs in a worker thread; before each parse it copies the document and the parser
// about to run into shared memory and bumps a counter. The main thread checks the counter every
// second: when it has not moved for FUZZ_HANG_SECONDS, the parser hung (or is pathologically
// slow) on that document, which is saved and printed before the worker is stopped.
const HANG_SECONDS = Number(process.env.FUZZ_HANG_SECONDS ?? 10);
const PHASE_ORACLE = 1;
const PHASE_SCANNER = 2;
const PHASE_NAMES = ['', 'the oracle (markdown-it)', 'the scanner'];
/** Characters of the current document kept in shared memory; longer ones are cut. */
const WATCHED_CHARS = 1 << 22;

function sharedDocument(buffer) {
  // [counter, phase, length]; then the document as UTF-16 code units.
  return { status: new Int32Array(buffer, 0, 3), text: new Uint16Array(buffer, 12, WATCHED_CHARS) };
}

let watchdog = { parsing() {} };
if (!isMainThread && workerData && workerData.fuzzBuffer) {
  const { status, text } = sharedDocument(workerData.fuzzBuffer);
  watchdog = {
    parsing(markdown, phase) {
      const length = Math.min(markdown.length, WATCHED_CHARS);
      for (let i = 0; i < length; i++) text[i] = markdown.charCodeAt(i);
      status[2] = markdown.length;
      status[1] = phase;
      Atomics.add(status, 0, 1);
    },
  };
}

/** Runs `main` in a worker and stops it with the document in hand when it stops making progress. */
function runWatched() {
  const buffer = new SharedArrayBuffer(12 + 2 * WATCHED_CHARS);
  const { status, text } = sharedDocument(buffer);
  const worker = new Worker(__filename, { workerData: { fuzzBuffer: buffer } });
  let last = -1;
  let still = 0;
  const timer = setInterval(() => {
    const counter = Atomics.load(status, 0);
    // Counting starts with the first document: loading the corpus is not a hang.
    if (counter !== last || counter === 0) {
      last = counter;
      still = 0;
      return;
    }
    if (++still < HANG_SECONDS) return;
    clearInterval(timer);
    const length = status[2];
    // slice() copies out of shared memory, which decoders refuse.
    const markdown = Buffer.from(text.slice(0, Math.min(length, WATCHED_CHARS)).buffer).toString('utf16le');
    const file = join(tmpdir(), `fuzz-blocks-hang-${process.pid}.md`);
    writeFileSync(file, markdown);
    console.log(`\nHANG: ${PHASE_NAMES[status[1]]} has been parsing one document for ${HANG_SECONDS} s (${length} chars${length > WATCHED_CHARS ? `, first ${WATCHED_CHARS} saved` : ''}); saved to ${file}`);
    console.log(`--- ${JSON.stringify(markdown.length > 2000 ? `${markdown.slice(0, 2000)}…` : markdown)}`);
    process.exitCode = 2;
    worker.terminate();
  }, 1000);
  worker.on('message', (code) => (process.exitCode = code));
  worker.on('error', (error) => {
    console.error(error);
    process.exitCode = 3;
  });
  worker.on('exit', () => clearInterval(timer));
}

// ---- oracle ------------------------------------------------------------------------------

/** `closed` of each fence the wrapped rule produced during one parse, in document order. */
let fenceClosed = [];

/** markdown-it as the oracle module creates it, with a fence rule that records `closed`. */
function markdownItRecordingFences(...args) {
  const md = MarkdownIt(...args);
  const rule = md.block.ruler.__rules__.find((r) => r.name === 'fence');
  const fence = rule.fn;
  // Ruler.at resets the terminator lists unless they are given again.
  md.block.ruler.at(
    'fence',
    (state, startLine, endLine, silent) => {
      const found = fence(state, startLine, endLine, silent);
      if (found && !silent) fenceClosed.push(endsWithClosingFence(state, startLine, state.tokens[state.tokens.length - 1].markup));
      return found;
    },
    { alt: rule.alt.slice() },
  );
  return md;
}

/**
 * Whether the fence that starts at `startLine` and ended before `state.line` ended on a closing
 * fence: fence.mjs stops at the first closing fence, so the last line it consumed is one exactly
 * when the fence is closed. The test is fence.mjs's own, on the line as the rule saw it.
 */
function endsWithClosingFence(state, startLine, markup) {
  const line = state.line - 1;
  if (line <= startLine) return false;
  const pos = state.bMarks[line] + state.tShift[line];
  const max = state.eMarks[line];
  if (pos < max && state.sCount[line] < state.blkIndent) return false;
  if (state.src.charCodeAt(pos) !== markup.charCodeAt(0)) return false;
  if (state.sCount[line] - state.blkIndent >= 4) return false;
  const end = state.skipChars(pos, markup.charCodeAt(0));
  if (end - pos < markup.length) return false;
  return state.skipSpaces(end) >= max;
}

const oracleModule = loadTypeScript(join(root, 'test', 'support', 'markdown-it-blocks.ts'), { 'markdown-it': markdownItRecordingFences });

/** The oracle's blocks, with each fence's `closed` as markdown-it's fence rule decided it. */
function oracle(markdown) {
  fenceClosed = [];
  const blocks = oracleModule.parseBlocksWithMarkdownIt(markdown);
  const fences = blocks.filter((b) => b.type === 'fence');
  if (fences.length !== fenceClosed.length) throw new Error(`oracle: ${fences.length} fence blocks but ${fenceClosed.length} fence tokens`);
  fences.forEach((block, i) => (block.closed = fenceClosed[i]));
  return blocks;
}

/** Milliseconds each parser took on the last document compare() ran. */
const lastTimes = { oracle: 0, scanner: 0 };

/** Both outputs (the scanner's may be an exception, as a string) and whether they agree. */
function compare(markdown) {
  watchdog.parsing(markdown, PHASE_ORACLE);
  let started = process.hrtime.bigint();
  const expected = oracle(markdown);
  lastTimes.oracle = Number(process.hrtime.bigint() - started) / 1e6;
  watchdog.parsing(markdown, PHASE_SCANNER);
  started = process.hrtime.bigint();
  let actual;
  try {
    actual = parseBlocks(markdown);
  } catch (error) {
    actual = `THROWS ${error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : error}`;
  }
  lastTimes.scanner = Number(process.hrtime.bigint() - started) / 1e6;
  return { same: typeof actual !== 'string' && isDeepStrictEqual(actual, expected), expected, actual };
}

// ---- random ------------------------------------------------------------------------------

let state = SEED >>> 0 || 1;
/** mulberry32: a seeded generator, so that a run reproduces from its seed. */
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const chance = (p) => random() < p;
const pick = (list) => list[int(list.length)];
const repeat = (n, f) => Array.from({ length: n }, f);

// ---- grammar -----------------------------------------------------------------------------

const UNICODE_SPACES = ['\u00a0', '\u2003', '\u3000', '\u200b', '\ufeff', '\u2028', '\u000b', '\u000c'];
const WORDS = [
  'text', 'a', 'GET', '/me', '*em*', '`code`', '[link][]', '[x]: y', 'x | y', '\\|', '|', '\\', '<span>', '</div>', '&amp;',
  '#', '##', '-', '+', '*', '1.', '2)', '>', '```', '~~~', '<!--', '-->', '===', '---', '***', ':', '?>', ']]>', '</script>',
  '\u00a0', '\u3000', '\t', '{', '"a": 1', '}',
];
const word = () => (chance(0.05) ? pick(UNICODE_SPACES) : pick(WORDS));
const inline = () => repeat(1 + int(4), word).join(pick([' ', ' ', ' ', '', '\t', '  ']));
const spaces = (max) => ' '.repeat(int(max + 1));
const indent = () => pick(['', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', '     ', '        ']);

function paragraph() {
  const lines = [spaces(3) + inline()];
  for (let i = int(3); i > 0; i--) lines.push((chance(0.3) ? indent() : '') + inline());
  return lines;
}

function atxHeading() {
  const hashes = '#'.repeat(1 + int(7));
  const closing = pick(['', '', ' #', ' ###', '#', ' ##  ', ' \\#', '\t#']);
  return [spaces(4) + hashes + pick([' ', ' ', '\t', '', '  ']) + (chance(0.8) ? inline() : '') + closing];
}

function setextHeading() {
  const underline = pick(['=', '-']).repeat(1 + int(5));
  return [...paragraph(), spaces(4) + underline + pick(['', '', ' ', '  \t', ' x', ' ='])];
}

function fence() {
  const marker = pick(['`', '~']);
  const length = 3 + int(3);
  const open = spaces(4) + marker.repeat(length) + pick(['', '', 'http', ' json title', ' a`b', '  ~x', ' `']);
  const lines = [open];
  for (let i = int(4); i > 0; i--) {
    lines.push(
      pick([
        inline(),
        '',
        '    indented',
        `${spaces(3)}${marker.repeat(Math.max(1, length - 1))}`,
        `${marker === '`' ? '~' : '`'}`.repeat(length),
        `${marker.repeat(length)} not closing`,
        '\tx',
      ]),
    );
  }
  const close = pick([
    null,
    marker.repeat(length),
    marker.repeat(length),
    marker.repeat(length + 1),
    marker.repeat(Math.max(3, length - 1)),
    `${spaces(5)}${marker.repeat(length)}`,
    `${marker.repeat(length)}${pick(['  ', '\t', ' x'])}`,
  ]);
  if (close !== null) lines.push(close);
  return lines;
}

function indentedCode() {
  const lines = [];
  for (let i = 1 + int(3); i > 0; i--) lines.push(chance(0.2) ? '' : pick(['    ', '\t', '     ', ' \t', '  \t']) + inline());
  return lines;
}

function thematicBreak() {
  return [spaces(4) + pick(['***', '---', '___', '- - -', '* * *', '_ _ _', '--', '-- -', '**', '*\t*\t*', '---- x', '===', '+++'])];
}

function cell() {
  return pick(['a', 'Name', ' b ', '', ' ', 'x \\| y', '\\', '`|`', '\u00a0', 'id\t', 'Type', '[x][]', '<br>', 'a|b']);
}

function table() {
  const columns = 1 + int(4);
  const outer = chance(0.7);
  const row = (count) => {
    const cells = repeat(count, cell);
    return (outer || chance(0.2) ? '|' : '') + cells.join('|') + (outer || chance(0.2) ? '|' : '');
  };
  const alignCount = chance(0.85) ? columns : pick([columns - 1, columns + 1, 1]);
  const delimiterCells = repeat(Math.max(1, alignCount), () => pick(['---', ':---', '---:', ':-:', '-', ' --- ', '--', ':', '', ' - ']));
  let delimiter = delimiterCells.join(pick(['|', '|', ' | ']));
  if (outer) delimiter = `|${delimiter}|`;
  if (chance(0.1)) delimiter = pick(['- | -', '-|', '|-', '|', ':|:', '|-|-|-|', '--|--', '|---|\t', ' |---|---|']);
  const lines = [spaces(4) + row(columns), spaces(4) + delimiter];
  for (let i = int(5); i > 0; i--) {
    lines.push(
      chance(0.8)
        ? spaces(3) + row(Math.max(0, columns + pick([0, 0, 0, -1, 1, 3, -columns])))
        : pick(['', '|', '||', 'lazy', '    | code |', '\u00a0', '> q', '- item', '# h', '<!-- c -->', '```', '***', '1. one', '2. two', '<div>']),
    );
  }
  return lines;
}

function htmlBlock() {
  switch (int(7)) {
    case 0: {
      const tag = pick(['script', 'pre', 'style', 'textarea', 'SCRIPT', 'scripts', 'pre class="x"']);
      const name = tag.split(' ')[0];
      const lines = [`<${tag}${pick(['>', '', ' ', '>x'])}`];
      for (let i = int(3); i > 0; i--) lines.push(pick([inline(), '', '# no', '</div>']));
      if (chance(0.7)) lines.push(`${pick(['', 'x '])}</${name}>${pick(['', ' tail'])}`);
      return lines;
    }
    case 1: {
      if (chance(0.4)) return [`<!--${pick([' c ', '', '-', '->', ' {"a":1} '])}-->${pick(['', ' tail', '  '])}`];
      const lines = [`<!--${pick(['', ' {', ' a'])}`];
      for (let i = int(4); i > 0; i--) lines.push(pick([inline(), '', '  "blockType": "request"', '}', '- item', '    code']));
      if (chance(0.7)) lines.push(pick(['-->', '} -->', '--> tail', '  -->', '--->']));
      return lines;
    }
    case 2:
      return ['<?php', ...repeat(int(3), () => pick([inline(), ''])), ...(chance(0.7) ? ['?>'] : [])];
    case 3:
      return [pick(['<!DOCTYPE html>', '<!DOCTYPE html', '<!x', '<!-x']), ...(chance(0.5) ? [inline(), '>'] : [])];
    case 4:
      return ['<![CDATA[', ...repeat(int(3), () => pick([inline(), ''])), ...(chance(0.7) ? [']]>'] : [])];
    case 5: {
      const lines = [pick(['<div>', '</div>', '<DIV class="a">', '<p/>', '<table>', '<section', '<td>x</td>', '<divx>', '<ul>', '</li >', '<h7>'])];
      for (let i = int(3); i > 0; i--) lines.push(pick([inline(), '# no', '<!-- c -->', '```']));
      return lines;
    }
    default:
      return [
        pick(['<span class="x">', '</span>', '<a href="x" />', '<custom-tag data-x=1>', '<b>', '<a b=\'c\' d="e">', '<x y>', '<span> text', '<1x>', '<a  href = "x">  ']),
        ...repeat(int(3), () => pick([inline(), ''])),
      ];
  }
}

/** Raw lines that sit on the edges of several rules at once. */
function trickyLine() {
  return [
    pick([
      '', ' ', '\t', '>', '> ', '>\t', '-', '- ', '* ', '1.', '1. ', '1)', '0.', '1234567890. x', '123456789) x', '-\tx', '+\t\tx',
      '|', '||', '|-|', '---|', ':-', '#', '#\t#', '\\', '```', '~~~', '`', '  ~~~~', '<', '<!---->', '<!-->', '-->', '=',
      '\u00a0', '\u00a0>', '>\u00a0x', ' \t>', '    >', '\t-', '\t1. x', '- - - -', '* * x', '<div', '<?', '<!A', '<![CDATA[]]>',
    ]),
  ];
}

/**
 * Containers stacked around markdown-it's maxNesting (20 levels: a blockquote is one, a list and
 * its item two): the content is parsed on one side of the limit and dropped on the other.
 */
function deepNesting() {
  let prefix = '';
  for (let levels = 0, target = 16 + int(8); levels < target; ) {
    const marker = pick(['>', '> ', '- ', '1. ', '* ', '>\t']);
    prefix += marker;
    levels += marker.startsWith('>') ? 1 : 2;
  }
  const lines = [prefix + inline()];
  for (let i = int(3); i > 0; i--) lines.push(pick([prefix, prefix.slice(0, int(prefix.length + 1)), '']) + pick([inline(), '```', '| a |', '|---|']));
  return lines;
}

/**
 * A table at markdown-it's cap on padded cells (65,536): wide header, short rows. Its own kind of
 * document (noise would change cell counts, and the cap's edge would be missed); rare, since
 * markdown-it takes ~100 ms on one.
 */
function wideTable() {
  // 129 and 257 columns pad 128 and 256 cells a one-cell row: the count lands on 65,536 exactly,
  // unless one row among the first ones has no cell (one more) or two cells (one fewer).
  const columns = pick([129, 257, 257, 200 + int(200)]);
  const rows = Math.ceil(65_536 / (columns - 1)) + int(3);
  const odd = int(rows - 1);
  const oddRow = pick(['| r |', '| r |', '|', '|', '| a | b |', `|${'x|'.repeat(columns + 2)}`]);
  return [`|${'h|'.repeat(columns)}`, `|${'-|'.repeat(columns)}`, ...repeat(rows, (_, i) => (i === odd ? oddRow : `| r${i} |`)), ''];
}

const CONTAINER_DEPTH = 4;

/** A sequence of blocks, with blank lines sometimes between them. */
function blocks(depth) {
  const lines = [];
  for (let n = 1 + int(depth === 0 ? 5 : 3); n > 0; n--) {
    lines.push(...block(depth));
    if (chance(0.5)) lines.push(pick(['', '', ' ', '\t']));
  }
  return lines;
}

function block(depth) {
  if (chance(0.01)) return deepNesting();
  const r = int(depth < CONTAINER_DEPTH ? 15 : 11);
  switch (r) {
    case 0: return paragraph();
    case 1: return atxHeading();
    case 2: return setextHeading();
    case 3: return fence();
    case 4: return indentedCode();
    case 5: return thematicBreak();
    case 6: return table();
    case 7: return htmlBlock();
    case 8: return trickyLine();
    case 9: return paragraph();
    case 10: return fence();
    case 11: case 12: return list(depth);
    default: return blockquote(depth);
  }
}

function list(depth) {
  const ordered = chance(0.4);
  const bullet = pick(['-', '*', '+']);
  const delimiter = pick(['.', ')']);
  let number = pick([0, 1, 1, 1, 2, 10, 123456789]);
  // '01.' is item 1 too: it may interrupt a paragraph.
  const zeros = chance(0.1) ? pick(['0', '00']) : '';
  const lines = [];
  for (let items = 1 + int(3); items > 0; items--) {
    const marker = ordered ? `${zeros}${number++}${chance(0.1) ? pick(['.', ')']) : delimiter}` : chance(0.1) ? pick(['-', '*', '+']) : bullet;
    const gap = pick([' ', ' ', ' ', '  ', '   ', '    ', '     ', '\t', ' \t', '']);
    const lead = spaces(chance(0.8) ? 0 : 4);
    const content = chance(0.1) ? [] : blocks(depth + 1);
    const width = lead.length + marker.length + (gap === '' || gap.includes('\t') ? 1 : Math.min(gap.length, 5));
    content.forEach((line, i) => {
      if (i === 0) return lines.push(lead + marker + (line === '' ? pick(['', gap]) : gap + line));
      if (line === '') return lines.push(pick(['', '', ' '.repeat(width)]));
      // Continuation lines: usually indented to the content, sometimes by tabs, less (lazy) or more.
      const continuation = pick([' '.repeat(width), ' '.repeat(width), '\t'.repeat(Math.ceil(width / 4)), ' '.repeat(Math.max(0, width - 1)), '', ' '.repeat(width + 1), ' '.repeat(width + 4)]);
      lines.push(continuation + line);
    });
    if (content.length === 0) lines.push(lead + marker + pick(['', ' ', gap]));
    if (chance(0.3)) lines.push('');
  }
  return lines;
}

function blockquote(depth) {
  const content = blocks(depth + 1);
  const lead = spaces(chance(0.8) ? 0 : 4);
  const marker = pick(['> ', '> ', '>', '>\t', '>  ', ' > ']);
  return content.map((line, i) => {
    // Lazy lines: no marker after the first line.
    if (i > 0 && chance(0.15)) return line;
    return lead + (chance(0.1) ? pick(['>', '> ', '>\t']) : marker) + line;
  });
}

/** Tabs, Unicode whitespace, other line ends, NUL and odd last lines, each with some chance. */
function noise(lines) {
  let out = lines.map((line) => {
    if (chance(0.05)) line = line.replace(/^( +)/, (s) => (chance(0.5) ? '\t' + s.slice(Math.min(s.length, 1 + int(4))) : s.replace(/ {1,4}/, '\t')));
    if (chance(0.03)) line = pick(UNICODE_SPACES) + line;
    if (chance(0.03)) line += pick([...UNICODE_SPACES, ' ', '\t', '  ']);
    if (chance(0.01)) line = line.slice(0, int(line.length + 1)) + '\0' + line.slice(int(line.length + 1));
    return line;
  });
  const ending = chance(0.1) ? pick(['\r\n', '\r']) : '\n';
  let text = out.join(ending);
  if (chance(0.05)) text = text.replace(/\n/g, () => (chance(0.3) ? pick(['\r\n', '\r']) : '\n'));
  text += pick(['', '\n', '\n', '\n\n', '\n   ', '\n\t', '  ', '\n \t ', '\r\n', '\n\u00a0']);
  return text;
}

function grammarDocument() {
  return noise(blocks(0));
}

function wideTableDocument() {
  return [chance(0.5) ? grammarDocument() : '', ...wideTable(), chance(0.5) ? grammarDocument() : ''].join('\n');
}

// ---- corpus mutations ----------------------------------------------------------------------

/** The corpus pages' lines, front matter blanked; loaded by main() (the watching thread needs none). */
let corpusPages = [];
const loadCorpus = () => (existsSync(join(corpusDir, 'api')) ? markdownFiles(corpusDir).map((file) => splitFrontMatter(readFileSync(file, 'utf8')).markdown.split('\n')) : []);

const PREFIXES = ['> ', '>', '>\t', '- ', '* ', '1. ', '2) ', '\t', '  ', '    ', ' '];

function mutatedCorpusDocument() {
  const page = pick(corpusPages);
  // Mostly a window of the page (small documents shrink fast), now and then the whole page.
  let lines;
  if (chance(0.02)) lines = page.slice();
  else {
    const length = 1 + int(60);
    const start = int(Math.max(1, page.length - length));
    lines = page.slice(start, start + length);
  }
  for (let n = 1 + int(6); n > 0; n--) {
    const at = int(lines.length);
    const run = 1 + int(Math.min(8, lines.length - at));
    switch (int(10)) {
      case 0: lines.splice(at, run); break;
      case 1: lines.splice(at, 0, ...lines.slice(at, at + run)); break;
      case 2: { const prefix = pick(['  ', '    ', '\t', ' ', '\t\t']); for (let i = at; i < at + run && i < lines.length; i++) lines[i] = prefix + lines[i]; break; }
      case 3: { const prefix = pick(PREFIXES); for (let i = at; i < at + run && i < lines.length; i++) lines[i] = (i === at || chance(0.8) ? prefix : '') + lines[i]; break; }
      case 4: if (lines[at] !== undefined) lines[at] = lines[at].replace(/^[ \t]+/, ''); break;
      case 5: lines.splice(at, 0, pick(['', '', ' ', '>'])); break;
      case 6: lines.splice(at, 0, ...block(1)); break;
      case 7: if (at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1], lines[at]]; break;
      case 8: if (lines[at] !== undefined) lines[at] = lines[at].slice(0, int(lines[at].length + 1)); break;
      default: { const prefix = pick(PREFIXES); const inner = pick(PREFIXES); for (let i = at; i < at + run && i < lines.length; i++) lines[i] = prefix + inner + lines[i]; break; }
    }
  }
  return chance(0.2) ? noise(lines) : lines.join('\n');
}

/**
 * Documents of 3,000 to 70,000 lines, one in a thousand: the scanner's shared line arrays (4,096
 * lines at first) grow, pages after it run on arrays holding a longer page's stale entries, and
 * past 65,536 lines the page gets arrays of its own.
 */
function longDocument() {
  const target = chance(0.2) ? 60_000 + int(10_000) : 3_000 + int(17_000);
  const parts = [];
  let lines = 0;
  while (lines < target) {
    const part = corpusPages.length > 0 && chance(0.5) ? (chance(0.5) ? pick(corpusPages).join('\n') : mutatedCorpusDocument()) : grammarDocument();
    parts.push(part);
    lines += part.split('\n').length;
  }
  return parts.join('\n');
}

/**
 * Every document of 1 to `maxLength` characters over `alphabet`, in order: the short corners a
 * grammar does not think of (14 characters: 580,000 documents up to 5, 8.1 million up to 6).
 */
function* allDocuments(alphabet, maxLength) {
  for (let length = 1; length <= maxLength; length++) {
    const digits = new Array(length).fill(0);
    for (;;) {
      yield digits.map((d) => alphabet[d]).join('');
      let k = length - 1;
      while (k >= 0 && ++digits[k] === alphabet.length) digits[k--] = 0;
      if (k < 0) break;
    }
  }
}

// ---- shrinking -----------------------------------------------------------------------------

/** Removes chunks of `parts` (halving the chunk size down to one) while `fails` still holds. */
function shrinkParts(parts, join, fails) {
  let changed = true;
  while (changed) {
    changed = false;
    for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
      for (let i = 0; i + chunk <= parts.length; ) {
        const candidate = parts.slice(0, i).concat(parts.slice(i + chunk));
        if (fails(join(candidate))) {
          parts = candidate;
          changed = true;
        } else i += chunk;
      }
      if (chunk === 1) break;
    }
  }
  return parts;
}

/**
 * A smaller document that still diverges: lines removed, then characters, then words simplified.
 * Stops trying after FUZZ_SHRINK_SECONDS (long documents parse slowly) and returns what it has.
 */
function shrink(markdown) {
  const deadline = process.hrtime.bigint() + BigInt(SHRINK_SECONDS * 1e9);
  const fails = (text) => process.hrtime.bigint() < deadline && !compare(text).same;
  let text = shrinkParts(markdown.split('\n'), (p) => p.join('\n'), fails).join('\n');
  text = shrinkParts([...text], (p) => p.join(''), fails).join('');
  // Runs of letters and digits become one letter where that keeps the divergence.
  let previous;
  do {
    previous = text;
    const runs = [...text.matchAll(/[A-Za-z0-9]{2,}/g)];
    for (const run of runs.reverse()) {
      const candidate = text.slice(0, run.index) + 'a' + text.slice(run.index + run[0].length);
      if (fails(candidate)) text = candidate;
    }
    text = shrinkParts([...text], (p) => p.join(''), fails).join('');
  } while (text !== previous);
  return text;
}

// ---- run -----------------------------------------------------------------------------------

function main() {
  corpusPages = loadCorpus();
  const started = process.hrtime.bigint();
  const counts = { grammar: 0, corpus: 0, long: 0, wide: 0, exhaustive: 0, blocks: 0, bytes: 0, divergent: 0, throws: 0 };
  const minimal = new Map();
  let shrunk = 0;
  const slowest = { oracle: { ms: 0, length: 0 }, scanner: { ms: 0, length: 0 } };
  const total = { oracle: 0, scanner: 0 };

  function* documents() {
    const make = { long: longDocument, wide: wideTableDocument, corpus: mutatedCorpusDocument, grammar: grammarDocument };
    for (let n = 0; n < DOCS; n++) {
      const source = n % 1000 === 999 ? 'long' : n % 1000 === 499 ? 'wide' : corpusPages.length > 0 && n % 2 === 1 ? 'corpus' : 'grammar';
      counts[source]++;
      yield make[source]();
    }
    for (const markdown of allDocuments(ALPHABET, EXHAUSTIVE)) {
      counts.exhaustive++;
      yield markdown;
    }
  }

  let n = -1;
  for (const markdown of documents()) {
    n++;
    counts.bytes += markdown.length;
    const difference = compare(markdown);
    for (const parser of ['oracle', 'scanner']) {
      total[parser] += lastTimes[parser];
      if (lastTimes[parser] > slowest[parser].ms) slowest[parser] = { ms: lastTimes[parser], length: markdown.length };
    }
    counts.blocks += difference.expected.length;
    if (difference.same) continue;
    counts.divergent++;
    if (typeof difference.actual === 'string') counts.throws++;
    if (shrunk < MAX_SHRUNK) {
      shrunk++;
      const small = shrink(markdown);
      const known = minimal.get(small);
      if (known) known.count++;
      else minimal.set(small, { count: 1, seen: n, ...compare(small) });
    }
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `fuzz:blocks seed ${SEED}: ${n + 1} documents, ${counts.blocks} oracle blocks (${counts.grammar} from the grammar, ${counts.corpus} corpus mutations${corpusPages.length ? '' : ', corpus not found'}, ` +
      `${counts.long} long ones of both, ${counts.wide} wide tables; then all ${counts.exhaustive} of up to ${EXHAUSTIVE} characters over ${JSON.stringify(ALPHABET.join(''))}), ` +
      `${(counts.bytes / 1e6).toFixed(1)} MB, in ${seconds.toFixed(1)} s`,
  );
  const describe = (parser) => `${total[parser].toFixed(0)} ms in all, slowest document ${slowest[parser].ms.toFixed(1)} ms (${slowest[parser].length} chars)`;
  console.log(`parse time: oracle ${describe('oracle')}; scanner ${describe('scanner')}`);
  console.log(`divergent documents: ${counts.divergent} (${counts.throws} scanner exceptions); ${shrunk} shrunk to ${minimal.size} distinct minimal reproductions${counts.divergent > shrunk ? ` (FUZZ_MAX_SHRUNK=${MAX_SHRUNK}; the rest counted only)` : ''}`);
  const cut = (text) => (text.length > PRINTED_CHARS ? `${text.slice(0, PRINTED_CHARS)}… (${text.length} chars)` : text);
  let saved = 0;
  for (const [markdown, found] of minimal) {
    let where = '';
    if (markdown.length > PRINTED_CHARS) {
      const file = join(tmpdir(), `fuzz-blocks-${process.pid}-${++saved}.md`);
      writeFileSync(file, markdown);
      where = `, saved to ${file}`;
    }
    console.log(`\n--- ${cut(JSON.stringify(markdown))} (shrunk from ${found.count} document${found.count > 1 ? 's' : ''}, first #${found.seen}${where})`);
    console.log(`oracle:  ${cut(JSON.stringify(found.expected))}`);
    console.log(`scanner: ${cut(typeof found.actual === 'string' ? found.actual : JSON.stringify(found.actual))}`);
  }
  parentPort.postMessage(counts.divergent > 0 ? 1 : 0);
}

if (!isMainThread && workerData && workerData.fuzzBuffer) main();
else if (require.main === module) runWatched();
// For trying single documents by hand: node -e "const f = require('./bench/fuzz-blocks'); ..."
module.exports = { oracle, compare, shrink };
