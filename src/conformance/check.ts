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
import { short } from './wording';
import { observed, rulesExpectation, type Expectation, type Finding, type FindingCode, type FindingPath, type Observation, type Severity } from './finding';
import { compareHeaders } from './headers';
import { compareJson } from './json-body';
import { baseType, combine, matchString, sniffContentType } from './matchers';
import { RuleCategory, type RuleSet } from './rules';

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

const SEVERITY: Record<FindingCode, Severity> = {
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
  // The checks below keep each code to its place (status codes on the status, header codes on headers).
  const add: Add = (path, code, expected, actualSeen, severity = SEVERITY[code]) => {
    findings.push({ code, path, expected, actual: actualSeen, severity } as Finding);
  };
  const { response } = interaction;
  if (actual.status === 0) {
    // No answer within the request timeout: nothing else can be judged.
    findings.push(noAnswer(response.status, 'no answer within the request timeout'));
    return findings;
  }
  checkStatus(response.status, actual.status, new RuleCategory(response.matchingRules?.status), add);

  for (const header of compareHeaders(response.headers ?? {}, actual.headers, new RuleCategory(response.matchingRules?.header))) {
    const expected: Expectation = { kind: 'header', value: header.expected };
    if (header.failure) add(['header', header.name], header.failure.verdict, expected, header.actual === null ? { kind: 'absent' } : { kind: 'text', text: header.actual });
    else add(['header', header.name], 'ok', expected, { kind: 'text', text: header.actual ?? '' });
  }

  checkBody(interaction, actual, add);
  return findings;
}

/** The one finding of an interaction that got no response (`reason` says why). */
export function noAnswer(expectedStatus: number, reason: string): Finding {
  return { code: 'status_mismatch', path: ['status'], expected: { kind: 'status', status: expectedStatus }, actual: { kind: 'noAnswer', reason }, severity: 'error' };
}

type Add = (path: FindingPath, code: FindingCode, expected: Expectation, actual: Observation, severity?: Severity) => void;

const BODY: FindingPath = ['body'];

function checkStatus(expected: number, actual: number, rules: RuleCategory, add: Add): void {
  const selected = rules.best(['$']);
  const failure = selected ? combine(selected.matchers.map((m) => matchString(m, String(expected), String(actual), false)), selected.combine) : expected === actual ? null : { verdict: 'status_mismatch' as const };
  add(['status'], failure ? 'status_mismatch' : 'ok', selected ? rulesExpectation(selected, expected) : { kind: 'status', status: expected }, { kind: 'status', status: actual });
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
    if (hasActual) add(BODY, 'value_mismatch', { kind: 'emptyBody' }, observed(actual.body));
    else add(BODY, 'ok', { kind: 'emptyBody' }, { kind: 'emptyBody' });
    return;
  }
  const expectedType = expectedContentType(response, content);
  if (!hasActual) {
    add(BODY, 'missing', typeof content === 'string' ? { kind: 'value', json: short(content) } : { kind: 'body', mediaType: expectedType }, { kind: 'emptyBody' });
    return;
  }
  const actualHeader = Object.entries(actual.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const actualType = actualHeader !== undefined && actualHeader.trim() !== '' ? baseType(actualHeader) : sniffContentType(actual.body);
  if (!equivalentTypes(expectedType, actualType)) {
    add(BODY, 'type_mismatch', { kind: 'body', mediaType: expectedType }, { kind: 'body', mediaType: actualType });
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
    add(BODY, failure ? failure.verdict : 'ok', rulesExpectation(root, text), observed(actual.body));
    return;
  }
  if (isJsonType(expectedType)) {
    const expectedJson = typeof content === 'string' ? parseJson(content) : { value: content };
    if (!expectedJson) {
      add(BODY, 'format_mismatch', { kind: 'pactJson' }, observed(content));
      return;
    }
    const actualJson = parseJson(actual.body);
    if (!actualJson) {
      add(BODY, 'type_mismatch', { kind: 'body', mediaType: expectedType }, observed(actual.body));
      return;
    }
    compareJson(expectedJson.value, actualJson.value, bodyRules, (field) => add(['body', ...field.path.slice(1)], field.code, field.expected, field.actual, field.warning ? 'warning' : undefined));
    return;
  }
  if (isXmlType(expectedType) || expectedType.startsWith('multipart/')) {
    // Not compared structurally (see docs/verification.md): identical text is ok, a difference is only a warning.
    if (actual.body === text) add(BODY, 'ok', { kind: 'value', json: short(text) }, observed(actual.body));
    else add(BODY, 'value_mismatch', { kind: 'unstructured', mediaType: expectedType }, observed(actual.body), 'warning');
    return;
  }
  // Any other content type is compared as text (Pact's `match_text`): by the rule on `$`, else exactly.
  const selected = bodyRules.best(['$']);
  const failure = selected ? combine(selected.matchers.map((m) => matchString(m, text, actual.body, selected.cascaded)), selected.combine) : text === actual.body ? null : { verdict: 'value_mismatch' as const };
  add(BODY, failure ? failure.verdict : 'ok', selected ? rulesExpectation(selected, text) : { kind: 'value', json: short(text) }, observed(actual.body));
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
  return findings.map((f) => (f.code === 'unexpected' ? { ...f, severity: 'error' as const } : f));
}
