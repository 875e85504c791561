/**
 * YAML front matter: every Graph page starts with `---`, a YAML block and `---` (survey §1).
 * The block is blanked out of the markdown (lines kept, so that line numbers stay true) before the
 * block scanner sees it; otherwise CommonMark would read the closing `---` as a setext heading
 * underline.
 *
 * Parsing: 97% of the corpus' front matters are flat `key: value` lines (plain, "double" or
 * 'single' quoted scalars that are all strings). Those are read by a line pattern that accepts
 * nothing whose meaning in YAML is anything but that string; everything else (lists, dates,
 * booleans, escapes, comments, duplicate keys, continuation lines) goes to js-yaml, loaded only
 * then. Why: js-yaml's loader was ~80 ms of a cold corpus extract, plus its compile time.
 * test/corpus/front-matter.corpus.test.ts holds both paths equal to js-yaml on every corpus page.
 */
import type { load as loadYaml } from 'js-yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Line of the opening `---` (1-based); 0 when the page has none. */
  line: number;
  /** Parse error message, when the YAML is invalid. */
  error: string | null;
}

export interface SplitPage {
  frontMatter: FrontMatter | null;
  /** The page with the front matter lines replaced by empty lines. */
  markdown: string;
}

const DELIMITER = /^---\s*$/;

export function splitFrontMatter(text: string): SplitPage {
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  if (!DELIMITER.test(firstLine.replace(/^\uFEFF/, ''))) return { frontMatter: null, markdown: text };

  // Find the closing delimiter; a page whose front matter never closes keeps its text as markdown.
  let offset = firstBreak + 1;
  let lineCount = 1;
  while (firstBreak >= 0 && offset <= text.length) {
    const end = text.indexOf('\n', offset);
    const line = end < 0 ? text.slice(offset) : text.slice(offset, end);
    lineCount++;
    if (DELIMITER.test(line)) {
      const yamlText = text.slice(firstBreak + 1, offset);
      const rest = end < 0 ? '' : text.slice(end);
      return { frontMatter: parseFrontMatter(yamlText), markdown: '\n'.repeat(lineCount - 1) + rest };
    }
    if (end < 0) break;
    offset = end + 1;
  }
  return { frontMatter: { data: {}, line: 1, error: 'the front matter has no closing `---` line' }, markdown: text };
}

function parseFrontMatter(yamlText: string): FrontMatter {
  const simple = readSimpleFrontMatter(yamlText);
  if (simple !== null) return { data: simple, line: 1, error: null };
  try {
    const data: unknown = parseYaml(yamlText);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      return { data: data as Record<string, unknown>, line: 1, error: null };
    }
    return { data: {}, line: 1, error: 'the front matter is not a YAML mapping' };
  } catch (error) {
    return { data: {}, line: 1, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/**
 * One `key: value` line whose value YAML reads as exactly the captured string. The plain value is
 * written so that no two ways to match overlap (spaces only count when a character follows), which
 * keeps the match linear: a lazy `[^:#\t]*?` before `[ ]*$` was quadratic in a long run of spaces.
 */
const SIMPLE_LINE = /^([A-Za-z_][\w.-]*):[ ]+(?:"([^"\\]*)"|'([^']*)'|([A-Za-z](?:[^:#\t ]| +[^:#\t ])*))[ ]*$/;
/** Plain scalars (values or keys) that YAML's core schema reads as booleans or null, not strings. */
const NOT_STRINGS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
/** Characters js-yaml refuses (its PATTERN_NON_PRINTABLE): such a block goes to js-yaml for its error. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/**
 * The mapping of a front matter made only of simple `key: value` lines (empty lines allowed), or
 * null when any line is more than that, so that js-yaml decides. Exported for the corpus test.
 */
export function readSimpleFrontMatter(yamlText: string): Record<string, string> | null {
  // \r is a line break to YAML (extract normalises it; a caller of extractPage may not).
  if (NON_PRINTABLE.test(yamlText) || yamlText.includes('\r')) return null;
  const data: Record<string, string> = {};
  let keys = 0;
  let start = 0;
  while (start < yamlText.length) {
    let end = yamlText.indexOf('\n', start);
    if (end < 0) end = yamlText.length;
    if (end > start) {
      const match = SIMPLE_LINE.exec(yamlText.slice(start, end));
      if (match === null) return null;
      const key = match[1]!;
      const plain = match[4];
      // A repeated key is an error in js-yaml; __proto__ is a special case there; `True: x` has
      // the key "true" there (the boolean, as a string).
      if (key === '__proto__' || NOT_STRINGS.has(key) || Object.prototype.hasOwnProperty.call(data, key)) return null;
      if (plain !== undefined && NOT_STRINGS.has(plain)) return null;
      data[key] = match[2] ?? match[3] ?? plain!;
      keys++;
    }
    start = end + 1;
  }
  // An empty block is not a mapping for js-yaml (it loads as undefined).
  return keys > 0 ? data : null;
}

let yamlLoader: typeof loadYaml | null = null;

/** js-yaml, required on first use: most runs never need it. */
function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
  yamlLoader ??= (require('js-yaml') as { load: typeof loadYaml }).load;
  return yamlLoader(text);
}

/** A front matter value as a trimmed string, or null. */
export function frontMatterString(frontMatter: FrontMatter | null, key: string): string | null {
  const value = frontMatter?.data[key];
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
