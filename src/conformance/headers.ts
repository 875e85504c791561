/**
 * Response headers as Pact V4 compares them (pact_matching headers.rs): names case-insensitive,
 * values split into lists on commas (except headers whose values hold commas, such as dates) and
 * compared item by item, `Content-Type` and `Accept` by media type with every expected parameter
 * present (charset in any case), extra headers allowed, matching rules by header name.
 */
import { combine, matchString, type Failure } from './matchers';
import type { RuleCategory } from './rules';

/** Headers Pact keeps as one value (pact_models `parse_header`): their values contain commas. */
const SINGLE_VALUE_HEADERS = new Set(['date', 'accept-datetime', 'if-modified-since', 'if-unmodified-since', 'expires', 'retry-after', 'last-modified', 'set-cookie', 'user-agent', 'www-authenticate', 'proxy-authenticate', 'location', 'link']);
const PARAMETERISED_HEADERS = new Set(['accept', 'content-type']);

/**
 * A header's list of values: a pact's list as it is (V4 pact files keep each value whole, commas
 * included), a single string (a pact's or the provider's) split on commas. Measured against Pact's
 * verifier: expected `["a, b"]` fails against a provider's `a, b`, expected `["a", "b"]` passes.
 */
export function headerValues(name: string, value: string | string[]): string[] {
  if (Array.isArray(value)) return value.map((v) => v.trim());
  if (SINGLE_VALUE_HEADERS.has(name.toLowerCase())) return [value.trim()];
  return value.split(',').map((part) => part.trim());
}

export interface HeaderVerdict {
  name: string;
  expected: string;
  /** The provider's value, or null when the header is absent. */
  actual: string | null;
  failure: Failure | null;
}

export function compareHeaders(expected: Record<string, string | string[]>, actual: Record<string, string>, rules: RuleCategory): HeaderVerdict[] {
  return Object.entries(expected).map(([name, value]): HeaderVerdict => {
    const shown = Array.isArray(value) ? value.join(', ') : value;
    const got = Object.entries(actual).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (got === undefined) return { name, expected: shown, actual: null, failure: { verdict: 'header_missing' } };
    const expectedValues = headerValues(name, value);
    const actualValues = headerValues(name, got);
    if (expectedValues.length === 1 && expectedValues[0] === '' && actualValues.some((v) => v !== '')) {
      return { name, expected: shown, actual: got, failure: { verdict: 'header_mismatch' } };
    }
    let failure: Failure | null = null;
    const count = Math.max(expectedValues.length, actualValues.length);
    for (let index = 0; index < count && !failure; index++) {
      // Pact pads the expected list to the actual one's length with empty values; missing actual values fail.
      const e = expectedValues[index] ?? '';
      const a = actualValues[index];
      if (a === undefined) failure = { verdict: 'header_mismatch' };
      else failure = compareHeaderValue(name, index, e, a, rules);
    }
    return { name, expected: shown, actual: got, failure };
  });
}

function compareHeaderValue(name: string, index: number, expected: string, actual: string, rules: RuleCategory): Failure | null {
  const key = name.toLowerCase();
  // Rules are keyed by the header's name as the pact spells it; match it in any case.
  for (const path of [['$', name], ['$', key], ['$', name, String(index)], ['$', key, String(index)]]) {
    const selected = rules.best(path);
    if (selected) return combine(selected.matchers.map((m) => matchString(m, expected, actual, selected.cascaded)), selected.combine);
  }
  if (PARAMETERISED_HEADERS.has(key)) return parameterisedMatch(expected, actual);
  return expected === actual ? null : { verdict: 'header_mismatch' };
}

/** `type/subtype; k=v`: the value itself exactly, each expected parameter present with an equal value (any case). */
function parameterisedMatch(expected: string, actual: string): Failure | null {
  const split = (v: string): string[] => v.split(';').map((p) => p.trim()).filter((p) => p !== '');
  const [expectedBase = '', ...expectedParams] = split(expected);
  const [actualBase = '', ...actualParams] = split(actual);
  const mismatch: Failure = { verdict: 'header_mismatch' };
  if (expectedBase !== actualBase) return mismatch;
  const params = (list: string[]): Map<string, string> =>
    new Map(list.flatMap((p) => {
      const at = p.indexOf('=');
      return at < 0 ? [] : [[p.slice(0, at).trim(), p.slice(at + 1).trim()] as [string, string]];
    }));
  const got = params(actualParams);
  for (const [k, v] of params(expectedParams)) {
    const a = got.get(k);
    if (a === undefined || a.toLowerCase() !== v.toLowerCase()) return mismatch;
  }
  return null;
}
