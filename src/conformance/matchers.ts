/**
 * Pact V4 matchers applied to one value, as pact_matching does (json.rs `Matches<&Value> for Value`,
 * matchingrules.rs for lists, maps and strings). Each returns null when the value passes, or the
 * finding's code when it does not.
 */
import type { FindingCode } from './finding';
import type { Matcher } from './rules';
import { escapeRegex } from '../internal/regex';

/** Why a value does not pass: the finding's code. What was expected is the matcher itself (src/conformance/finding.ts). */
export interface Failure {
  verdict: FindingCode;
}

const fail = (verdict: FindingCode): Failure => ({ verdict });

const regexCache = new Map<string, RegExp>();

/**
 * Pact regexes are Rust (Oniguruma) regexes matched against the whole value (`Regex::is_match`);
 * a leading `(?i)` (used for enums) becomes the `i` flag.
 */
export function fullMatch(pattern: string, text: string): boolean {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    const insensitive = pattern.startsWith('(?i)');
    try {
      compiled = new RegExp(`^(?:${insensitive ? pattern.slice(4) : pattern})$`, insensitive ? 'iu' : 'u');
    } catch {
      compiled = new RegExp(`^(?:${insensitive ? pattern.slice(4) : pattern})$`, insensitive ? 'i' : '');
    }
    regexCache.set(pattern, compiled);
  }
  return compiled.test(text);
}

export function jsonType(value: unknown): 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'object' | 'string' | 'number' | 'boolean';
}

/** serde_json's `to_string` of a non-string value (what regex and include see). */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => deepEqual(item, list[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((k) => k in right && deepEqual(left[k], right[k]));
}

/** A leaf (or whole value) against one matcher: pact_matching's `Matches<&Value> for Value`. */
export function matchValue(matcher: Matcher, expected: unknown, actual: unknown, cascaded: boolean): Failure | null {
  const typeFailure = (): Failure =>
    fail(actual === null && expected !== null ? 'null_not_allowed' : 'type_mismatch');
  switch (matcher.match) {
    case 'regex':
      // A string field that arrives as another type is a type mismatch, not a format one.
      if (fullMatch(matcher.regex ?? '', asText(actual))) return null;
      return fail(actual === null && expected !== null ? 'null_not_allowed' : typeof actual !== 'string' && typeof expected === 'string' ? 'type_mismatch' : 'format_mismatch');
    case 'include':
      return asText(actual).includes(String(matcher.value ?? '')) ? null : fail('value_mismatch');
    case 'type':
      if (jsonType(expected) !== jsonType(actual)) return typeFailure();
      return Array.isArray(actual) && !cascaded ? sizeFailure(matcher, actual.length) : null;
    case 'equality':
    case 'values':
      return deepEqual(expected, actual) ? null : fail(actual === null ? 'null_not_allowed' : 'value_mismatch');
    case 'null':
      return actual === null ? null : fail('type_mismatch');
    case 'integer':
      if (typeof actual === 'number' && Number.isInteger(actual)) return null;
      if (typeof actual === 'string' && /^\d+$/.test(actual)) return null;
      return fail(actual === null ? 'null_not_allowed' : 'type_mismatch');
    case 'decimal':
      // JSON.parse cannot tell 2.0 from 2: a whole number counts as an integer here, as serde_json's `is_f64` is false for it.
      if (typeof actual === 'number' && !Number.isInteger(actual)) return null;
      if (typeof actual === 'string' && /^\d+\.\d+$/.test(actual)) return null;
      return fail(actual === null ? 'null_not_allowed' : 'type_mismatch');
    case 'number':
      if (typeof actual === 'number') return null;
      if (typeof actual === 'string' && actual.trim() !== '' && Number.isFinite(Number(actual))) return null;
      return fail(actual === null ? 'null_not_allowed' : 'type_mismatch');
    case 'boolean':
      return typeof actual === 'boolean' || actual === 'true' || actual === 'false' ? null : fail(actual === null ? 'null_not_allowed' : 'type_mismatch');
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime': {
      const format = dateFormatOf(matcher);
      return matchesDateFormat(format, asText(actual)) ? null : fail(actual === null ? 'null_not_allowed' : 'format_mismatch');
    }
    case 'notEmpty':
      if (actual === null) return fail('null_not_allowed');
      if ((typeof actual === 'string' && actual === '') || (Array.isArray(actual) && actual.length === 0) || (typeof actual === 'object' && Object.keys(actual).length === 0)) return fail('missing');
      return null;
    case 'semver':
      return typeof actual === 'string' && SEMVER.test(actual) ? null : fail('format_mismatch');
    case 'contentType':
      return matchesContentType(asText(actual), String(matcher.value ?? '')) ? null : fail('format_mismatch');
    default:
      // eachKey, eachValue, arrayContains and unknown matchers say nothing about a single value.
      return null;
  }
}

/** A list or map itself against one matcher (pact_matching's `DoMatch<&[T]>` / `DoMatch<&BTreeMap>`). */
export function matchContainer(matcher: Matcher, expected: unknown[] | Record<string, unknown>, actual: unknown[] | Record<string, unknown>, cascaded: boolean): Failure | null {
  const size = Array.isArray(actual) ? actual.length : Object.keys(actual).length;
  switch (matcher.match) {
    case 'type':
      return cascaded ? null : sizeFailure(matcher, size);
    case 'equality':
      return deepEqual(expected, actual) ? null : fail('value_mismatch');
    case 'notEmpty':
      return size === 0 ? fail('missing') : null;
    case 'regex':
    case 'arrayContains':
    case 'eachKey':
    case 'eachValue':
    case 'values':
    case 'include':
    case 'contentType':
      return null;
    case 'number':
    case 'integer':
    case 'decimal':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime':
    case 'boolean':
    case 'semver':
      // Pact lets these pass on a list (and fails them on a map).
      return Array.isArray(actual) ? null : fail('type_mismatch');
    default:
      return fail('type_mismatch');
  }
}

function sizeFailure(matcher: Matcher, size: number): Failure | null {
  if (matcher.min !== undefined && size < matcher.min) return fail('missing');
  if (matcher.max !== undefined && size > matcher.max) return fail('value_mismatch');
  return null;
}

/** A string (header value, text body, map key) against one matcher (`DoMatch<&str>`). */
export function matchString(matcher: Matcher, expected: string, actual: string, cascaded: boolean): Failure | null {
  switch (matcher.match) {
    case 'regex':
      return fullMatch(matcher.regex ?? '', actual) ? null : fail('format_mismatch');
    case 'equality':
    case 'values':
      return expected === actual ? null : fail('value_mismatch');
    case 'type':
      return null;
    case 'include':
      return actual.includes(String(matcher.value ?? '')) ? null : fail('value_mismatch');
    case 'number':
    case 'decimal':
      return actual.trim() !== '' && Number.isFinite(Number(actual)) ? null : fail('type_mismatch');
    case 'integer':
      return /^\d+$/.test(actual) ? null : fail('type_mismatch');
    case 'boolean':
      return actual === 'true' || actual === 'false' ? null : fail('type_mismatch');
    case 'notEmpty':
      return actual === '' ? fail('missing') : null;
    case 'semver':
      return SEMVER.test(actual) ? null : fail('format_mismatch');
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime': {
      const format = dateFormatOf(matcher);
      return matchesDateFormat(format, actual) ? null : fail('format_mismatch');
    }
    case 'statusCode':
      return /^\d+$/.test(actual) && statusMatches(Number(actual), matcher.status) ? null : fail('value_mismatch');
    case 'contentType':
      return matchesContentType(actual, String(matcher.value ?? '')) ? null : fail('format_mismatch');
    default:
      return cascaded ? null : fail('value_mismatch');
  }
}

/** Pact's `statusCode` matcher: a class of statuses or a list of codes. */
function statusMatches(code: number, status: Matcher['status']): boolean {
  if (Array.isArray(status)) return status.includes(code);
  switch (status) {
    case 'info':
    case 'information':
      return code >= 100 && code <= 199;
    case 'success':
      return code >= 200 && code <= 299;
    case 'redirect':
      return code >= 300 && code <= 399;
    case 'clientError':
      return code >= 400 && code <= 499;
    case 'serverError':
      return code >= 500 && code <= 599;
    case 'nonError':
      return code < 400;
    case 'error':
      return code >= 400;
    default:
      return false;
  }
}

/** Several matchers combined as the rule says (AND unless OR); the first failure when they fail. */
export function combine(failures: (Failure | null)[], combineWith: 'AND' | 'OR'): Failure | null {
  if (combineWith === 'OR') return failures.some((f) => f === null) ? null : (failures.find((f) => f !== null) ?? null);
  return failures.find((f) => f !== null) ?? null;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const DEFAULT_FORMATS: Record<string, string> = { date: 'yyyy-MM-dd', time: 'HH:mm:ss', timestamp: "yyyy-MM-dd'T'HH:mm:ssXXX", datetime: "yyyy-MM-dd'T'HH:mm:ssXXX" };

function dateFormatOf(matcher: Matcher): string {
  const format = matcher.format ?? matcher[matcher.match as 'date' | 'time' | 'timestamp' | 'datetime'];
  return typeof format === 'string' && format !== '' ? format : (DEFAULT_FORMATS[matcher.match] ?? DEFAULT_FORMATS.timestamp!);
}

const formatCache = new Map<string, RegExp>();

/** Pact date/time formats are Java `DateTimeFormatter` patterns; the common letters are checked by shape and range. */
export function matchesDateFormat(format: string, text: string): boolean {
  let compiled = formatCache.get(format);
  if (!compiled) {
    compiled = new RegExp(`^${dateFormatToRegex(format)}$`);
    formatCache.set(format, compiled);
  }
  return compiled.test(text);
}

function dateFormatToRegex(format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "'") {
      const end = format.indexOf("'", i + 1);
      const literal = end < 0 ? format.slice(i + 1) : format.slice(i + 1, end);
      out += literal === '' ? "'" : escapeRegex(literal);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += escapeRegex(c);
      i++;
      continue;
    }
    let n = 1;
    while (format[i + n] === c) n++;
    out += letter(c, n);
    i += n;
  }
  return out;
}

function letter(c: string, n: number): string {
  const two = (pattern: string, loose: string): string => (n >= 2 ? pattern : loose);
  switch (c) {
    case 'y':
    case 'u':
    case 'Y':
      return n === 2 ? '\\d{2}' : n >= 4 ? `\\d{${n}}` : '\\d+';
    case 'M':
    case 'L':
      if (n >= 4) return '[A-Za-z]+';
      if (n === 3) return '[A-Za-z]{3}';
      return two('(?:0[1-9]|1[0-2])', '(?:0?[1-9]|1[0-2])');
    case 'd':
      return two('(?:0[1-9]|[12]\\d|3[01])', '(?:0?[1-9]|[12]\\d|3[01])');
    case 'D':
      return '\\d{1,3}';
    case 'H':
      return two('(?:[01]\\d|2[0-3])', '(?:[01]?\\d|2[0-3])');
    case 'k':
      return two('(?:0[1-9]|1\\d|2[0-4])', '(?:0?[1-9]|1\\d|2[0-4])');
    case 'h':
      return two('(?:0[1-9]|1[0-2])', '(?:0?[1-9]|1[0-2])');
    case 'K':
      return two('(?:0\\d|1[01])', '(?:0?\\d|1[01])');
    case 'm':
    case 's':
      return two('[0-5]\\d', '[0-5]?\\d');
    case 'S':
    case 'n':
      return `\\d{${n}}`;
    case 'a':
      return '(?:AM|PM|am|pm)';
    case 'E':
      return n >= 4 ? '[A-Za-z]+' : '[A-Za-z]{3}';
    case 'X':
      return n === 1 ? '(?:Z|[+-]\\d{2}(?:\\d{2})?)' : n === 2 || n === 4 ? '(?:Z|[+-]\\d{4})' : '(?:Z|[+-]\\d{2}:\\d{2})';
    case 'x':
      return n === 1 ? '[+-]\\d{2}(?:\\d{2})?' : n === 2 || n === 4 ? '[+-]\\d{4}' : '[+-]\\d{2}:\\d{2}';
    case 'Z':
      return n <= 3 ? '[+-]\\d{4}' : n === 4 ? '(?:GMT|GMT[+-]\\d{2}:\\d{2})' : '(?:Z|[+-]\\d{2}:\\d{2})';
    case 'z':
    case 'V':
    case 'O':
      return '[A-Za-z0-9/_+:-]+';
    case 'G':
      return '[A-Za-z]+';
    default:
      return escapeRegex(c.repeat(n));
  }
}

/** The media type without parameters, lower-cased (`application/json`). */
export function baseType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/**
 * Pact's `contentType` matcher (pact_matching `match_content_type`): the type libmagic-style
 * detection gives the content must be the expected one; when detection only says text/plain,
 * pact_models' look at the first bytes decides (so `{"value": ...` is JSON even when it does not
 * parse). Measured on the corpus: a MIME message fails `text/plain`, broken JSON passes JSON.
 */
function matchesContentType(text: string, expected: string): boolean {
  const wanted = baseType(expected);
  const detected = magicType(text);
  if (detected === wanted) return true;
  return detected === 'text/plain' && prefixType(text) === wanted;
}

/** The text types shared-mime-info's magic tells apart, from the first bytes. */
function magicType(text: string): string {
  const head = text.replace(/^\uFEFF/, '').slice(0, 256);
  if (head.startsWith('<?xml')) return 'application/xml';
  if (/^\s*<(!doctype html|html|head|body|title)[\s>]/i.test(head)) return 'text/html';
  if (/^(#! rnews|N#! rnews|Forward to |From:|Pipe to |Received:|Relay-Version:|Return-[Pp]ath:|Subject: )/.test(head)) return 'message/rfc822';
  return 'text/plain';
}

/** pact_models `detect_content_type_from_bytes`: XML, HTML, JSON or text by their first 32 bytes. */
function prefixType(text: string): string {
  const head = text.slice(0, 32);
  if (/^\s*<\?xml\s/.test(head)) return 'application/xml';
  if (/^\s*(<!DOCTYPE)|(<HTML>)/.test(head.toUpperCase())) return 'text/html';
  if (/^\s*<\w+\s*(:\w+=["\u201d][^"\u201d]+["\u201d])?.*/.test(head)) return 'application/xml';
  if (/^\s*(true|false|null|[0-9]+|"\w*|\{\s*(}|"\w+)|\[\s*)/.test(head)) return 'application/json';
  return 'text/plain';
}

/** What a body looks like, for responses without a Content-Type header. */
export function sniffContentType(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'application/json';
    } catch {
      /* not JSON */
    }
  }
  if (trimmed.startsWith('<?xml') || /^<[A-Za-z]/.test(trimmed)) return /^<(!doctype\s+)?html/i.test(trimmed) ? 'text/html' : 'application/xml';
  return 'text/plain';
}

