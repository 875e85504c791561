/**
 * Field-level conformance: a recorded provider response against a Pact V4 interaction, field by
 * field. Pure: no I/O.
 *
 * The interaction's matching rules are the documented types (see src/pact/matchers.ts), so the
 * verdicts agree with Pact's pass/fail by construction: a field passes here exactly when Pact's
 * matcher for it passes. Beyond Pact, which stops at mismatches and ignores fields it was not told
 * about, every documented field gets a verdict (`ok` included) and undocumented fields are
 * reported as `unexpected` warnings.
 */
import { excerpt, redact } from '../internal/secrets';

export type Verdict =
  | 'ok'
  | 'missing'
  | 'type_mismatch'
  | 'format_mismatch'
  | 'value_mismatch'
  | 'null_not_allowed'
  | 'unexpected'
  | 'status_mismatch'
  | 'header_missing'
  | 'header_mismatch';

export interface Finding {
  /** JSONPath in the body (`$.value[0].id`), `status`, or `header:<Name>`. */
  path: string;
  verdict: Verdict;
  /** What the contract expects: a type, a pattern, a value. */
  expected: string;
  /** What the provider sent, shortened. */
  actual: string;
  severity: 'ok' | 'warning' | 'error';
}

export interface PactInteraction {
  description: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    body?: { content?: unknown; contentType?: string };
    /** `path` with `${param}` placeholders filled from provider states. */
    generators?: { path?: { type?: string; expression?: string } };
  };
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  response: {
    status: number;
    headers?: Record<string, string | string[]>;
    body?: { content?: unknown; contentType?: string; encoded?: boolean | string };
    matchingRules?: { body?: Record<string, RuleSet>; header?: Record<string, RuleSet> };
  };
  comments?: { testname?: string; text?: string[] };
}

export interface RuleSet {
  combine?: 'AND' | 'OR';
  matchers: Matcher[];
}

export type Matcher = { match: string; regex?: string; min?: number; max?: number; value?: unknown };

export interface ActualResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SEVERITY: Record<Verdict, Finding['severity']> = {
  ok: 'ok',
  unexpected: 'warning',
  missing: 'error',
  type_mismatch: 'error',
  format_mismatch: 'error',
  value_mismatch: 'error',
  null_not_allowed: 'error',
  status_mismatch: 'error',
  header_missing: 'error',
  header_mismatch: 'error',
};

export function checkInteraction(interaction: PactInteraction, actual: ActualResponse): Finding[] {
  const findings: Finding[] = [];
  const add = (path: string, verdict: Verdict, expected: string, actualText: string, severity = SEVERITY[verdict]): void => {
    findings.push({ path, verdict, expected, actual: actualText, severity });
  };
  const { response } = interaction;
  if (actual.status === 0) {
    // No answer within the request timeout: nothing else can be judged.
    add('status', 'status_mismatch', String(response.status), '(no answer within the request timeout)');
    return findings;
  }
  add('status', actual.status === response.status ? 'ok' : 'status_mismatch', String(response.status), String(actual.status));

  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const expected = Array.isArray(value) ? value.join(', ') : value;
    const got = Object.entries(actual.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    const rules = response.matchingRules?.header?.[name];
    if (got === undefined) add(`header:${name}`, 'header_missing', expected, '(absent)');
    else if (rules ? leafVerdict(rules, expected, got) === 'ok' : headerEquals(name, expected, got)) add(`header:${name}`, 'ok', describeRules(rules, expected), got);
    else add(`header:${name}`, 'header_mismatch', describeRules(rules, expected), got);
  }

  const raw = response.body?.content;
  if (raw === undefined) return findings;
  // Pact V4 stores non-JSON bodies base64-encoded when `encoded` says so.
  const content = typeof raw === 'string' && response.body?.encoded === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  let body: unknown;
  // A body the docs show as text (vCard, MIME, CSV, or JSON too broken to parse) is illustrative:
  // a different text is a warning, and Pact's verifier does not fail it either (measured on the corpus).
  if (typeof content === 'string') {
    const headerType = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const declaredType = (Array.isArray(headerType) ? headerType[0] : headerType) ?? response.body?.contentType ?? '';
    const declared = declaredType.split(';')[0]!.trim().toLowerCase();
    if (declared === 'text/plain' && looksLikeRfc822(actual.body)) {
      // Pact's verifier sniffs text bodies: a MIME message declared text/plain fails there.
      add('$', 'format_mismatch', 'text/plain content', 'a message/rfc822 (MIME) message');
    } else if (actual.body === content) add('$', 'ok', short(content), short(actual.body));
    else add('$', 'value_mismatch', short(content), short(actual.body), 'warning');
    return findings;
  }
  try {
    body = JSON.parse(actual.body);
  } catch {
    add('$', 'type_mismatch', 'a JSON body', short(actual.body || '(empty)'));
    return findings;
  }
  compare(content, body, '$', '$', response.matchingRules?.body ?? {}, add);
  return findings;
}

 /** RFC 822 header lines at the top of a body, as content sniffing detects `message/rfc822`. */
function looksLikeRfc822(text: string): boolean {
  return /^(Received|Return-Path|MIME-Version|Message-ID|From|Date):\s/m.test(text.split(/\n\s*\n/)[0] ?? '') && /^(Received|MIME-Version|Return-Path):/.test(text);
}

type Add = (path: string, verdict: Verdict, expected: string, actual: string) => void;

function compare(expected: unknown, actual: unknown, rulePath: string, path: string, rules: Record<string, RuleSet>, add: Add): void {
  const rule = rules[rulePath];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      add(path, actual === null ? 'null_not_allowed' : 'type_mismatch', 'an array', short(actual));
      return;
    }
    const eachLike = rule?.matchers.find((m) => m.match === 'type' && (m.min !== undefined || m.max !== undefined));
    if (rule && (eachLike || expected.length === 0)) {
      const min = eachLike?.min ?? 0;
      if (actual.length < min) add(`${path}[0]`, 'missing', `at least ${min} item(s)`, `${actual.length} item(s)`);
      else add(path, 'ok', describeRules(rule, expected), `${actual.length} item(s)`);
      if (expected.length === 0) return;
      actual.forEach((item, i) => compare(expected[0], item, `${rulePath}[*]`, `${path}[${i}]`, rules, add));
      return;
    }
    expected.forEach((item, i) => {
      if (i >= actual.length) add(`${path}[${i}]`, 'missing', short(item), '(absent)');
      else compare(item, actual[i], `${rulePath}[${i}]`, `${path}[${i}]`, rules, add);
    });
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      add(path, actual === null ? 'null_not_allowed' : 'type_mismatch', 'an object', short(actual));
      return;
    }
    const record = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      const child = childPath(key);
      if (!(key in record)) add(`${path}${child}`, 'missing', describeRules(rules[`${rulePath}${child}`], value), '(absent)');
      else compare(value, record[key], `${rulePath}${child}`, `${path}${child}`, rules, add);
    }
    for (const key of Object.keys(record)) {
      // OData control annotations (`@odata.context`, `@odata.etag`) come with every Graph response.
      if (key.startsWith('@odata.')) continue;
      if (!(key in (expected as Record<string, unknown>))) add(`${path}${childPath(key)}`, 'unexpected', '(not documented)', short(record[key]));
    }
    return;
  }
  if (!rule) {
    add(path, deepEqual(expected, actual) ? 'ok' : actual === null ? 'null_not_allowed' : 'value_mismatch', short(expected), short(actual));
    return;
  }
  const verdict = actual === null && expected !== null ? 'null_not_allowed' : leafVerdict(rule, expected, actual);
  add(path, verdict, describeRules(rule, expected), short(actual));
}

/** Content-Type compares by media type (Graph adds `odata.metadata=...;charset=...` parameters). */
function headerEquals(name: string, expected: string, actual: string): boolean {
  if (name.toLowerCase() !== 'content-type') return expected === actual;
  const base = (value: string): string => value.split(';')[0]!.trim().toLowerCase();
  return base(expected) === base(actual);
}

/** Pact's notation for a property step: `.name` for identifiers, `['@odata.type']` otherwise. */
function childPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `['${key}']`;
}

function leafVerdict(rules: RuleSet, expected: unknown, actual: unknown): Verdict {
  const verdicts = rules.matchers.map((m) => matcherVerdict(m, expected, actual));
  const passed = rules.combine === 'OR' ? verdicts.some((v) => v === 'ok') : verdicts.every((v) => v === 'ok');
  return passed ? 'ok' : (verdicts.find((v) => v !== 'ok') ?? 'value_mismatch');
}

function matcherVerdict(matcher: Matcher, expected: unknown, actual: unknown): Verdict {
  switch (matcher.match) {
    case 'regex': {
      // A string field that arrives as a number is a type mismatch, not a format one.
      if (typeof actual !== 'string' && (typeof expected === 'string' || (typeof actual !== 'number' && typeof actual !== 'boolean'))) return 'type_mismatch';
      return toRegExp(matcher.regex ?? '').test(String(actual)) ? 'ok' : 'format_mismatch';
    }
    case 'type':
      return jsonType(actual) === jsonType(expected) ? 'ok' : 'type_mismatch';
    case 'integer':
      return typeof actual === 'number' && Number.isInteger(actual) ? 'ok' : 'type_mismatch';
    case 'decimal':
    case 'number':
      return typeof actual === 'number' ? 'ok' : 'type_mismatch';
    case 'boolean':
      return typeof actual === 'boolean' ? 'ok' : 'type_mismatch';
    case 'equality':
      return deepEqual(expected, actual) ? 'ok' : 'value_mismatch';
    case 'include':
      return typeof actual === 'string' && actual.includes(String(matcher.value ?? '')) ? 'ok' : 'value_mismatch';
    default:
      return jsonType(actual) === jsonType(expected) ? 'ok' : 'type_mismatch';
  }
}

const regexCache = new Map<string, RegExp>();

/** Pact regexes are Rust regexes; `(?i)` (used for enums) becomes the `i` flag. */
export function toRegExp(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    const insensitive = pattern.startsWith('(?i)');
    compiled = new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function describeRules(rules: RuleSet | undefined, expected: unknown): string {
  if (!rules) return short(expected);
  return rules.matchers
    .map((m) => {
      if (m.match === 'regex') return `matches ${m.regex}`;
      if (m.match === 'type') return m.min !== undefined ? `array of at least ${m.min} like the example` : `a ${jsonType(expected)}`;
      if (m.match === 'equality') return `equals ${short(expected)}`;
      return `a ${m.match}`;
    })
    .join(rules.combine === 'OR' ? ' or ' : ' and ');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value for a finding: at most 120 characters, redacted before it is cut (see `excerpt`). */
function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 120 ? excerpt(text, 117) : redact(text);
}

/** An interaction passes when no finding is an error (warnings such as `unexpected` do not fail). */
export function passed(findings: Finding[]): boolean {
  return findings.every((f) => f.severity !== 'error');
}

/**
 * Strict mode: undocumented fields fail too. Stricter than Pact (which ignores them), on request;
 * such interactions then count as disagreements with Pact's verdict.
 */
export function strictFindings(findings: Finding[]): Finding[] {
  return findings.map((f) => (f.verdict === 'unexpected' ? { ...f, severity: 'error' as const } : f));
}
