/**
 * Lenient JSON for documentation examples and annotations.
 *
 * About 3% of the JSON bodies in Graph reference pages are not strict JSON (survey §7): trailing
 * commas above all, then `//` and block comments, bare `...` lines standing for omitted elements,
 * raw newlines inside strings, unquoted keys (`isCollection: true`) and non-breaking spaces used as
 * indentation. We try strict `JSON.parse` first; on failure we tokenize with jsonc-parser's
 * scanner (a JSON-with-comments tokenizer), blank out or rewrite exactly the offending tokens, and
 * parse again. Blanked tokens are replaced by spaces of the same length so that offsets, and so the
 * line numbers in diagnostics, still point into the original text. Every repair is reported.
 */
import { createScanner, parse as parseJsonc, printParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';

export type RepairKind =
  | 'comment'
  | 'trailing-comma'
  | 'ellipsis'
  | 'control-character'
  | 'unquoted-key'
  | 'unicode-whitespace';

export interface Repair {
  kind: RepairKind;
  /** Offset in the original text. */
  offset: number;
}

export type LenientJsonResult =
  | { ok: true; value: unknown; repairs: Repair[] }
  | { ok: false; reason: 'invalid' | 'too-deep'; message: string; offset: number; repairs: Repair[] };

/** Bodies nested deeper than this are refused: no documented Graph payload comes close. */
export const MAX_JSON_DEPTH = 128;

export function parseLenientJson(text: string): LenientJsonResult {
  const strict = tryParse(text);
  if (strict.ok) return checkDepth(strict.value, []);

  const repairs: Repair[] = [];
  const escaped = escapeControlCharacters(text, repairs);
  const rewritten = rewriteTokens(escaped, repairs);
  const repaired = tryParse(rewritten);
  if (repaired.ok) return checkDepth(repaired.value, repairs);

  const errors: ParseError[] = [];
  parseJsonc(rewritten, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  const message = first ? `${describeError(printParseErrorCode(first.error))}` : repaired.message;
  return { ok: false, reason: 'invalid', message, offset: first?.offset ?? 0, repairs };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function checkDepth(value: unknown, repairs: Repair[]): LenientJsonResult {
  const depth = nestingDepth(value, MAX_JSON_DEPTH + 1);
  if (depth > MAX_JSON_DEPTH) {
    return { ok: false, reason: 'too-deep', message: `nesting deeper than ${MAX_JSON_DEPTH} levels`, offset: 0, repairs };
  }
  return { ok: true, value, repairs };
}

/**
 * Depth of arrays/objects, capped at `cap`: the recursion stops at the cap, so a hostile
 * 100,000-level body (which JSON.parse accepts) never overflows the stack here or downstream.
 */
function nestingDepth(value: unknown, cap: number, depth = 1): number {
  if (value === null || typeof value !== 'object') return depth - 1;
  if (depth >= cap) return depth;
  let max = depth;
  if (Array.isArray(value)) {
    for (const child of value) if (child !== null && typeof child === 'object') max = Math.max(max, nestingDepth(child, cap, depth + 1));
  } else {
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') max = Math.max(max, nestingDepth(child, cap, depth + 1));
    }
  }
  return max;
}

/** Raw control characters inside strings are JSON errors that also derail the scanner; escape them. */
function escapeControlCharacters(text: string, repairs: Repair[]): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // skip the escaped character
      else if (code === 0x22) inString = false;
      else if (code < 0x20) {
        out += text.slice(last, i) + escapeControl(code);
        last = i + 1;
        repairs.push({ kind: 'control-character', offset: i });
      }
    } else if (code === 0x22) inString = true;
  }
  return last === 0 ? text : out + text.slice(last);
}

function escapeControl(code: number): string {
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

interface ScannedToken {
  kind: SyntaxKind;
  offset: number;
  text: string;
  replacement?: string;
}

const IDENTIFIER = /^[A-Za-z_$@][\w$@.-]*$/;
const ELLIPSIS = /^(\.{2,}|…)$/;
const NON_ASCII_SPACE = /[^\x20\t\n\r]/g;
const UNICODE_SPACE = /^[\s\u00a0\u202f\u2000-\u200b\u3000\ufeff]+$/;

function rewriteTokens(text: string, repairs: Repair[]): string {
  const tokens = scanAll(text);
  const significant = tokens.filter((t) => !isTrivia(t.kind));

  for (let i = 0; i < significant.length; i++) {
    const token = significant[i]!;
    if (token.kind !== SyntaxKind.Unknown) continue;
    if (UNICODE_SPACE.test(token.text)) {
      // jsonc-parser scans U+00A0 and U+202F (used as indentation in some pages) as unknown tokens.
      token.replacement = ' '.repeat(token.text.length);
      repairs.push({ kind: 'unicode-whitespace', offset: token.offset });
    } else if (ELLIPSIS.test(token.text)) {
      token.replacement = blank(token.text);
      repairs.push({ kind: 'ellipsis', offset: token.offset });
      const next = significant[i + 1];
      if (next?.kind === SyntaxKind.CommaToken) next.replacement = ' ';
    } else if (IDENTIFIER.test(token.text) && significant[i + 1]?.kind === SyntaxKind.ColonToken) {
      token.replacement = JSON.stringify(token.text);
      repairs.push({ kind: 'unquoted-key', offset: token.offset });
    }
  }

  // Tokens that stay in the output: blanked ellipses and their commas are gone, quoted keys remain.
  const live = significant.filter(
    (t) => t.replacement === undefined || (t.kind === SyntaxKind.Unknown && !ELLIPSIS.test(t.text) && !UNICODE_SPACE.test(t.text)),
  );
  for (let i = 0; i < live.length; i++) {
    const token = live[i]!;
    if (token.kind !== SyntaxKind.CommaToken) continue;
    const next = live[i + 1];
    if (!next || next.kind === SyntaxKind.CloseBraceToken || next.kind === SyntaxKind.CloseBracketToken) {
      token.replacement = ' ';
      repairs.push({ kind: 'trailing-comma', offset: token.offset });
    }
  }

  for (const token of tokens) {
    if (token.kind === SyntaxKind.LineCommentTrivia || token.kind === SyntaxKind.BlockCommentTrivia) {
      token.replacement = blank(token.text);
      repairs.push({ kind: 'comment', offset: token.offset });
    } else if (token.kind === SyntaxKind.Trivia && NON_ASCII_SPACE.test(token.text)) {
      token.replacement = token.text.replace(NON_ASCII_SPACE, ' ');
      repairs.push({ kind: 'unicode-whitespace', offset: token.offset });
    }
    NON_ASCII_SPACE.lastIndex = 0;
  }
  return tokens.map((t) => t.replacement ?? t.text).join('');
}

function scanAll(text: string): ScannedToken[] {
  const scanner = createScanner(text, false);
  const tokens: ScannedToken[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    tokens.push({ kind, offset, text: text.slice(offset, offset + scanner.getTokenLength()) });
  }
  return tokens;
}

function isTrivia(kind: SyntaxKind): boolean {
  return (
    kind === SyntaxKind.Trivia ||
    kind === SyntaxKind.LineBreakTrivia ||
    kind === SyntaxKind.LineCommentTrivia ||
    kind === SyntaxKind.BlockCommentTrivia
  );
}

/** Same length, newlines kept, so that offsets and line numbers survive the rewrite. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

const ERROR_WORDING: Record<string, string> = {
  InvalidSymbol: 'an invalid symbol',
  InvalidNumberFormat: 'an invalid number',
  PropertyNameExpected: 'a missing property name',
  ValueExpected: 'a missing value',
  ColonExpected: 'a missing colon',
  CommaExpected: 'a missing comma',
  CloseBraceExpected: 'a missing closing brace',
  CloseBracketExpected: 'a missing closing bracket',
  EndOfFileExpected: 'text after the end of the JSON value',
  InvalidCommentToken: 'an invalid comment',
  UnexpectedEndOfComment: 'an unterminated comment',
  UnexpectedEndOfString: 'an unterminated string',
  UnexpectedEndOfNumber: 'an unterminated number',
  InvalidUnicode: 'an invalid unicode escape',
  InvalidEscapeCharacter: 'an invalid escape character',
  InvalidCharacter: 'an invalid character',
};

function describeError(code: string): string {
  return ERROR_WORDING[code] ?? code;
}

/** Human wording for a repair kind, used in diagnostics. */
export const REPAIR_WORDING: Record<RepairKind, string> = {
  comment: 'removed comments',
  'trailing-comma': 'removed trailing commas',
  ellipsis: 'removed `...` placeholders',
  'control-character': 'escaped raw control characters in strings',
  'unquoted-key': 'quoted bare keys',
  'unicode-whitespace': 'replaced non-ASCII spaces',
};
