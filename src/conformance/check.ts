/**
 * Field-level conformance: a recorded provider response against a Pact V4 interaction, field by
 * field. Pure: no I/O.
 *
 * The pass/fail is Pact V4's response matching, for any pact (ours or hand-written, any matcher):
 * path expressions with wildcards and their weighting (path.ts, rules.ts), the matchers
 * (matchers.ts), JSON bodies (json-body.ts) and headers (headers.ts); checked against Pact's own
 * specification test cases (test/unit/pact-spec-cases.test.ts). Beyond Pact, which stops at
 * mismatches and ignores fields it was not told about, every compared field gets a verdict (`ok`
 * included) and undocumented fields are reported as `unexpected` warnings, which never fail.
 */
import { short, withArticle } from './wording';
import { compareHeaders } from './headers';
import { compareJson } from './json-body';
import { baseType, combine, matchString, sniffContentType } from './matchers';
import { RuleCategory, type RuleSet } from './rules';

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
    matchingRules?: { body?: Record<string, RuleSet>; header?: Record<string, RuleSet>; status?: Record<string, RuleSet> };
  };
  comments?: { testname?: string; text?: string[] };
}

;

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

/**
 * Judges a recorded response against a pact interaction as Pact V4's verifier does (status,
 * headers, body), field by field. Errors are exactly Pact's mismatches; warnings are our own,
 * Pact-free observations and never fail an interaction.
 */
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
  checkStatus(response.status, actual.status, new RuleCategory(response.matchingRules?.status), add);

  for (const header of compareHeaders(response.headers ?? {}, actual.headers, new RuleCategory(response.matchingRules?.header))) {
    if (header.failure) add(`header:${header.name}`, header.failure.verdict, header.expected, header.actual ?? '(absent)');
    else add(`header:${header.name}`, 'ok', header.expected, header.actual ?? '');
  }

  checkBody(interaction, actual, add);
  return findings;
}

type Add = (path: string, verdict: Verdict, expected: string, actual: string, severity?: Finding['severity']) => void;

function checkStatus(expected: number, actual: number, rules: RuleCategory, add: Add): void {
  const selected = rules.best(['$']);
  const failure = selected ? combine(selected.matchers.map((m) => matchString(m, String(expected), String(actual), false)), selected.combine) : expected === actual ? null : { verdict: 'status_mismatch' as const, message: '' };
  add('status', failure ? 'status_mismatch' : 'ok', selected ? selected.matchers.map((m) => (m.match === 'statusCode' ? `a ${JSON.stringify(m.status)} status` : withArticle(m.match))).join(' or ') : String(expected), String(actual));
}

function checkBody(interaction: PactInteraction, actual: ActualResponse, add: Add): void {
  const { response } = interaction;
  const raw = response.body?.content;
  // No body in the pact: Pact accepts any body.
  if (response.body === undefined || raw === undefined) return;
  // Pact V4 stores non-JSON bodies base64-encoded when `encoded` says so.
  const content = typeof raw === 'string' && response.body.encoded === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const hasActual = actual.body !== '';
  // An explicitly empty (null or "") body in the pact: the provider must send none.
  if (content === null || content === '') {
    if (hasActual) add('$', 'value_mismatch', 'an empty body', short(actual.body));
    else add('$', 'ok', 'an empty body', '(empty)');
    return;
  }
  if (!hasActual) {
    add('$', 'missing', describeBody(content), '(empty)');
    return;
  }
  const expectedType = expectedContentType(response, content);
  const actualHeader = Object.entries(actual.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const actualType = actualHeader !== undefined && actualHeader.trim() !== '' ? baseType(actualHeader) : sniffContentType(actual.body);
  if (!equivalentTypes(expectedType, actualType)) {
    add('$', 'type_mismatch', `${withArticle(expectedType)} body`, `${withArticle(actualType)} body`);
    return;
  }
  const bodyRules = new RuleCategory(response.matchingRules?.body);
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  const root = bodyRules.best(['$']);
  if (root && !root.cascaded && root.matchers.some((m) => m.match === 'contentType')) {
    // A body pinned by content type (Pact JS writes this for text and binary bodies): Pact judges
    // the raw content by the rule on `$` and nothing else (measured on the corpus: JSON that does
    // not parse still passes an application/json content type).
    const failure = combine(root.matchers.map((m) => matchString(m, text, actual.body, false)), root.combine);
    add('$', failure ? failure.verdict : 'ok', root.matchers.map((m) => (m.match === 'contentType' ? `${String(m.value)} content` : withArticle(m.match))).join(' and '), short(actual.body));
    return;
  }
  if (isJsonType(expectedType)) {
    const expectedJson = typeof content === 'string' ? parseJson(content) : { value: content };
    if (!expectedJson) {
      add('$', 'format_mismatch', "the pact's body to be valid JSON", short(content));
      return;
    }
    const actualJson = parseJson(actual.body);
    if (!actualJson) {
      add('$', 'type_mismatch', 'a JSON body', short(actual.body));
      return;
    }
    compareJson(expectedJson.value, actualJson.value, bodyRules, (field) => add(field.path, field.verdict, field.expected, short(field.actual), field.warning ? 'warning' : undefined));
    return;
  }
  if (isXmlType(expectedType) || expectedType.startsWith('multipart/')) {
    // Not compared structurally (see docs/verification.md): identical text is ok, a difference is only a warning.
    if (actual.body === text) add('$', 'ok', short(text), short(actual.body));
    else add('$', 'value_mismatch', `${expectedType} content (not compared field by field)`, short(actual.body), 'warning');
    return;
  }
  // Any other content type is compared as text (Pact's `match_text`): by the rule on `$`, else exactly.
  const selected = bodyRules.best(['$']);
  const failure = selected ? combine(selected.matchers.map((m) => matchString(m, text, actual.body, selected.cascaded)), selected.combine) : text === actual.body ? null : { verdict: 'value_mismatch' as const, message: '' };
  add('$', failure ? failure.verdict : 'ok', selected ? selected.matchers.map((m) => (m.match === 'regex' ? `matches ${m.regex}` : withArticle(m.match))).join(' and ') : short(text), short(actual.body));
}

/** The pact body's media type: its own, else the Content-Type header, else what the content looks like. */
function expectedContentType(response: PactInteraction['response'], content: unknown): string {
  if (response.body?.contentType) return baseType(response.body.contentType);
  const header = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const declared = Array.isArray(header) ? header[0] : header;
  if (declared) return baseType(declared);
  return typeof content === 'string' ? sniffContentType(content) : 'application/json';
}

const isJsonType = (type: string): boolean => /^application\/(.*\+)?json$|^application\/json-rpc$|^application\/jsonrequest$/.test(type);
const isXmlType = (type: string): boolean => /^application\/(.*\+)?xml$|^text\/xml$/.test(type);

/** Same media type; JSON and XML families count as one each (`application/hal+json` is JSON). */
function equivalentTypes(expected: string, actual: string): boolean {
  if (expected === actual || expected === '*/*' || actual === '*/*') return true;
  return (isJsonType(expected) && isJsonType(actual)) || (isXmlType(expected) && isXmlType(actual));
}

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

function describeBody(content: unknown): string {
  return typeof content === 'string' ? short(content) : 'a JSON body';
}

const regexCache = new Map<string, RegExp>();

/** Pact regexes are Rust regexes; `(?i)` (used for enums) becomes the `i` flag. Searches (the mock's use); Pact itself matches whole values (see matchers.ts `fullMatch`). */
export function toRegExp(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    const insensitive = pattern.startsWith('(?i)');
    compiled = new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
    regexCache.set(pattern, compiled);
  }
  return compiled;
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

export { withArticle };
