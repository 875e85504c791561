/**
 * Choosing documented examples by pattern: the one home of the rule that `graph-contracts
 * generate|verify|run --only` and the library API (`GraphContracts.select`) share.
 *
 * A pattern is one of:
 * - an operation, `METHOD /path` (`GET /me/events`, `* /users/{id}/**`): the method (or `*`) and a
 *   path glob, compared segment by segment with the documented URL template and the example's own
 *   path. A `{...}` segment stands for any one segment (`{id}` matches `{id | userPrincipalName}`
 *   and a concrete id alike), `*` for any characters within a segment, `**` for any number of
 *   segments. A leading `/v1.0` or `/beta` also compares the version; a `?query` is ignored.
 * - `page#example`: a page glob and an example-name glob together.
 * - anything else: a page glob (`api/user-*.md`, `user-get.md`, `user-get`), matched against the
 *   page's path and every trailing part of it, or an example name glob (`get_user`,
 *   `create_event*`).
 * Letters are compared case-insensitively, as Graph compares paths.
 */
import type { ContractModel, ExamplePair, PageContract } from './model';
import { GraphContractsError } from '../internal/errors';
import { escapeRegex } from '../internal/regex';

/** What a pattern is compared with: one documented example, or one interaction of a pact file. */
export interface SelectionTarget {
  /** The page's path (display path, or the page part of a pact's `testname`); null when unknown. */
  page: string | null;
  /** The example's id within its page (`get_user`, `example-2`); null when unknown. */
  example: string | null;
  method: string;
  /** Paths to compare operation patterns with, each with placeholders as `{...}`, no version. */
  paths: string[];
  /** The API version (`v1.0`), for patterns that start with one; null when unknown. */
  version: string | null;
}

export type Pattern =
  | { kind: 'operation'; text: string; method: RegExp; path: RegExp; versioned: boolean }
  | { kind: 'page-example'; text: string; page: RegExp; example: RegExp }
  | { kind: 'name'; text: string; page: RegExp; example: RegExp };

/** A pattern that is empty or cannot be read; `pattern` is the text as given. */
export class PatternError extends GraphContractsError {
  override readonly name = 'PatternError' as const;
  readonly code = 'pattern_invalid' as const;
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message, { where: pattern });
  }
}

/** Patterns that selected nothing: an empty selection is a mistake, never an empty run. */
export class SelectionError extends GraphContractsError {
  override readonly name = 'SelectionError' as const;
  readonly code = 'selection_empty' as const;
  constructor(
    readonly unmatched: string[],
    /** Where the patterns were looked for (`the docs`, `the pacts`), for the message. */
    where: string,
  ) {
    super(
      `${unmatched.map((p) => `"${p}"`).join(', ')} ${unmatched.length === 1 ? 'selects' : 'select'} nothing in ${where}. ` +
        'A pattern is `METHOD /path/{template}` (globs: *, **), a page (`user-get.md`, `api/user-*.md`), an example name (`get_user`) or `page#example`.',
    );
  }
}

const OPERATION = /^(\*|[A-Za-z]+)\s+(\S.*)$/;
const VERSION_SEGMENT = /^\/(v\d+(\.\d+)?|beta)(\/|$)/i;

export function parsePattern(text: string): Pattern {
  const trimmed = text.trim();
  if (trimmed === '') throw new PatternError(text, 'An empty pattern selects nothing: give `METHOD /path`, a page or an example name.');
  const operation = OPERATION.exec(trimmed);
  if (operation && operation[2]!.startsWith('/')) {
    const path = operation[2]!.replace(/\?.*$/, '').replace(/\/+$/, '') || '/';
    if (/\s/.test(path)) throw new PatternError(text, `"${text}": an operation pattern is \`METHOD /path\`, with no spaces in the path.`);
    const method = operation[1]!;
    return {
      kind: 'operation',
      text: trimmed,
      method: method === '*' ? /^/ : new RegExp(`^${escapeRegex(method)}$`, 'i'),
      path: pathRegex(path),
      versioned: VERSION_SEGMENT.test(path),
    };
  }
  if (operation) throw new PatternError(text, `"${text}": an operation pattern's path starts with \`/\` (\`GET /me/events\`).`);
  const hashAt = trimmed.lastIndexOf('#');
  if (hashAt > 0 && hashAt < trimmed.length - 1) {
    return { kind: 'page-example', text: trimmed, page: pageRegex(trimmed.slice(0, hashAt)), example: globRegex(trimmed.slice(hashAt + 1)) };
  }
  return { kind: 'name', text: trimmed, page: pageRegex(trimmed), example: globRegex(trimmed) };
}

export function matches(pattern: Pattern, target: SelectionTarget): boolean {
  switch (pattern.kind) {
    case 'operation': {
      if (!pattern.method.test(target.method)) return false;
      if (pattern.versioned && target.version === null) return false;
      const prefix = pattern.versioned ? `/${target.version}` : '';
      return target.paths.some((path) => pattern.path.test(prefix + path));
    }
    case 'page-example':
      return target.page !== null && target.example !== null && pageMatches(pattern.page, target.page) && pattern.example.test(target.example);
    case 'name':
      return (target.example !== null && pattern.example.test(target.example)) || (target.page !== null && pageMatches(pattern.page, target.page));
  }
}

/**
 * Which targets the patterns select (a target is kept when any pattern matches it), and which
 * patterns matched none. Each pattern is tried on every target: a pattern's emptiness is known
 * only at the end, and the cost is patterns × targets regexp tests, linear in the docs.
 */
export function select<T>(items: readonly T[], patterns: readonly Pattern[], targetOf: (item: T) => SelectionTarget): { selected: T[]; unmatched: string[] } {
  const used = new Set<Pattern>();
  const selected: T[] = [];
  for (const item of items) {
    const target = targetOf(item);
    let keep = false;
    for (const pattern of patterns) {
      if (matches(pattern, target)) {
        used.add(pattern);
        keep = true;
      }
    }
    if (keep) selected.push(item);
  }
  return { selected, unmatched: patterns.filter((p) => !used.has(p)).map((p) => p.text) };
}

/** A documented example as a selection target. */
export function exampleTarget(page: PageContract, pair: ExamplePair): SelectionTarget {
  const { request } = pair;
  const paths = request.pathTemplate && request.pathTemplate !== request.path ? [request.pathTemplate, request.path] : [request.path];
  return { page: page.file, example: pair.id, method: request.method, paths, version: request.version };
}

/** A pact interaction as a selection target: page and example from graph-contracts' `testname` comment. */
export function interactionTarget(interaction: { request?: { method?: string; path?: string }; comments?: { testname?: string } }): SelectionTarget {
  const testname = interaction.comments?.testname ?? null;
  const hashAt = testname ? testname.lastIndexOf('#') : -1;
  const rawPath = interaction.request?.path ?? '/';
  const versioned = VERSION_SEGMENT.exec(rawPath);
  const version = versioned ? versioned[1]! : null;
  const path = versioned ? rawPath.slice(versioned[1]!.length + 1) || '/' : rawPath;
  return {
    page: testname && hashAt > 0 ? testname.slice(0, hashAt) : null,
    example: testname && hashAt > 0 ? testname.slice(hashAt + 1) : null,
    method: interaction.request?.method ?? '',
    paths: [safeDecode(path)],
    version,
  };
}

/**
 * The model with only the selected examples: pages keep their types and tables (the mock and the
 * matchers need them) and lose the pairs no pattern selected. Throws SelectionError when a pattern
 * selects nothing.
 */
export function selectModel(model: ContractModel, patternTexts: readonly string[]): ContractModel {
  const patterns = patternTexts.map(parsePattern);
  const pairs = model.pages.flatMap((page) => page.pairs.map((pair) => ({ page, pair })));
  const { selected, unmatched } = select(pairs, patterns, ({ page, pair }) => exampleTarget(page, pair));
  if (unmatched.length > 0) throw new SelectionError(unmatched, 'the docs');
  const kept = new Set(selected.map((s) => s.pair));
  return { ...model, pages: model.pages.map((page) => ({ ...page, pairs: page.pairs.filter((pair) => kept.has(pair)) })) };
}

/** `user-get`, `user-get.md`, `api/user-*.md`: against the whole path and every trailing part of it, `.md` optional. */
function pageMatches(pattern: RegExp, page: string): boolean {
  const parts = page.replace(/\\/g, '/').split('/');
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('/');
    if (pattern.test(tail) || pattern.test(tail.replace(/\.(md|markdown)$/i, ''))) return true;
  }
  return false;
}

function pageRegex(glob: string): RegExp {
  return globRegex(glob.replace(/\\/g, '/').replace(/^\.\//, ''));
}

/** A glob over `/`-separated text: `**` any characters, `*` any but `/`, `?` one but `/`. */
function globRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'i');
}

/** A path glob, segment by segment: `{...}` is one segment of anything, `**` any segments. */
function pathRegex(path: string): RegExp {
  const segments = path.split('/').slice(1);
  let source = '';
  for (const segment of segments) {
    if (segment === '**') {
      source += '(/[^/]*)*';
      continue;
    }
    let part = '';
    for (const piece of segment.split(/(\{[^}]*\}|\*)/)) {
      if (piece === '') continue;
      if (piece === '*' || /^\{[^}]*\}$/.test(piece)) part += '[^/]*';
      else part += escapeRegex(piece);
    }
    source += `/${part}`;
  }
  return new RegExp(`^${source || '/'}$`, 'i');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
