/**
 * A JSON response body against the pact's, as Pact V4 compares them (pact_matching json.rs and
 * matchingrules.rs, unexpected keys allowed), reporting every field rather than stopping at the
 * first mismatch: each compared leaf gets a verdict (`ok` included), and fields the pact does not
 * mention are `unexpected` warnings, which never fail an interaction (Pact ignores them).
 */
import { short } from './wording';
import { observed, rulesExpectation, type Expectation, type FindingCode, type Observation } from './finding';
import { combine, deepEqual, jsonType, matchContainer, matchString, matchValue } from './matchers';
import { formatPath, type ConcretePath } from './path';
import { RuleCategory, type Matcher, type SelectedRules } from './rules';
import { isRecord } from '../internal/records';

interface FieldVerdict {
  /** From the root: `['$', 'value', 0, 'id']`. */
  path: ConcretePath;
  code: FindingCode;
  /** What the pact expects here: a value, a type, a pattern. */
  expected: Expectation;
  actual: Observation;
  /** A Pact-free observation (undocumented field): reported, never failing. */
  warning?: boolean;
}

type Report = (verdict: FieldVerdict) => void;

interface Context {
  rules: RuleCategory;
  report: Report;
}

/** Compares `actual` with `expected` under `rules`; true when Pact would accept it. */
export function compareJson(expected: unknown, actual: unknown, rules: RuleCategory, report: Report): boolean {
  return compare(['$'], expected, actual, { rules, report });
}

function compare(path: ConcretePath, expected: unknown, actual: unknown, context: Context): boolean {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return mismatch(path, actual === null ? 'null_not_allowed' : 'type_mismatch', { kind: 'type', type: 'object' }, observed(actual), context);
    return compareMaps(path, expected, actual, context);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return mismatch(path, actual === null ? 'null_not_allowed' : 'type_mismatch', { kind: 'type', type: 'array' }, observed(actual), context);
    return compareLists(path, expected, actual, context);
  }
  return compareValues(path, expected, actual, context);
}

function compareValues(path: ConcretePath, expected: unknown, actual: unknown, context: Context): boolean {
  const selected = context.rules.best(path);
  const failure = selected
    ? combine(selected.matchers.map((m) => matchValue(m, expected, actual, selected.cascaded)), selected.combine)
    : deepEqual(expected, actual)
      ? null
      : { verdict: (actual === null ? 'null_not_allowed' : jsonType(actual) !== jsonType(expected) ? 'type_mismatch' : 'value_mismatch') as FindingCode };
  const described = describe(selected, expected);
  if (failure) return mismatch(path, failure.verdict, described, observed(actual), context);
  context.report({ path, code: 'ok', expected: described, actual: observed(actual) });
  return true;
}

function compareMaps(path: ConcretePath, expected: Record<string, unknown>, actual: Record<string, unknown>, context: Context): boolean {
  const selected = context.rules.isDefined(path) ? context.rules.best(path) : null;
  let passed = true;
  let valuesMode = false;
  if (selected) {
    // Pact runs the whole comparison once per matcher of the rule (and ignores OR here); the keys
    // compare the same way for every matcher that is not a values matcher, so only once here.
    let keysCompared = false;
    for (const matcher of selected.matchers) {
      if (!selected.cascaded && (matcher.match === 'values' || matcher.match === 'eachValue')) {
        valuesMode = true;
        const inner = matcher.match === 'eachValue' ? { ...context, rules: RuleCategory.of([{ expression: wildcardOf(path), rules: { matchers: matcher.rules ?? [] } }]) } : context;
        const first = Object.values(expected)[0];
        for (const [key, value] of Object.entries(actual)) {
          if (key in expected) passed = compare([...path, key], expected[key], value, inner) && passed;
          else if (Object.keys(expected).length > 0) passed = compare([...path, key], first, value, inner) && passed;
        }
      } else {
        const failure = matchContainer(matcher, expected, actual, selected.cascaded);
        if (failure) passed = mismatch(path, failure.verdict, describe(selected, expected), observed(actual), context);
        if (!keysCompared) passed = compareKeys(path, expected, actual, context) && passed;
        keysCompared = true;
      }
    }
  } else passed = compareKeys(path, expected, actual, context);
  if (!valuesMode) {
    for (const key of Object.keys(actual)) {
      // OData control annotations (`@odata.context`, `@odata.etag`) come with every Graph response.
      if (!(key in expected) && !key.startsWith('@odata.')) context.report({ path: [...path, key], code: 'unexpected', expected: { kind: 'undocumented' }, actual: observed(actual[key]), warning: true });
    }
  }
  return passed;
}

/** Missing keys fail (unless values/eachKey/eachValue govern the map), eachKey rules check every key, then shared keys compare. */
function compareKeys(path: ConcretePath, expected: Record<string, unknown>, actual: Record<string, unknown>, context: Context): boolean {
  let passed = true;
  const keysFree = context.rules.directlyDefined(path, ['values', 'eachValue', 'eachKey']);
  for (const [key, value] of Object.entries(expected)) {
    const child = [...path, key];
    if (key in actual) passed = compare(child, value, actual[key], context) && passed;
    else if (!keysFree) passed = mismatch(child, 'missing', describe(context.rules.best(child), value), { kind: 'absent' }, context);
  }
  for (const rules of context.rules.eachKeyRules(path)) {
    for (const key of Object.keys(actual)) {
      const failure = combine(rules.map((m: Matcher) => matchString(m, key, key, false)), 'AND');
      if (failure) passed = mismatch([...path, key], failure.verdict, { kind: 'key', rule: rulesExpectation({ matchers: rules, combine: 'AND', cascaded: false }, key) }, observed(key), context);
    }
  }
  return passed;
}

function compareLists(path: ConcretePath, expected: unknown[], actual: unknown[], context: Context): boolean {
  if (context.rules.isDefined(path)) {
    const selected = context.rules.best(path)!;
    if (expected.length === 0) {
      context.report({ path, code: 'ok', expected: describe(selected, expected), actual: { kind: 'items', count: actual.length } });
      return true;
    }
    // Each matcher is a full comparison of the list; OR needs one of them to pass.
    const outcomes = selected.matchers.map((matcher) => listWithMatcher(path, matcher, selected, expected, actual, context));
    return selected.combine === 'OR' ? outcomes.some(Boolean) : outcomes.every(Boolean);
  }
  if (expected.length === 0 && actual.length > 0) return mismatch(path, 'value_mismatch', { kind: 'length', items: 0 }, observed(actual), context);
  let passed = listContents(path, expected, actual, context, false);
  if (expected.length !== actual.length) passed = mismatch(path, actual.length < expected.length ? 'missing' : 'value_mismatch', { kind: 'length', items: expected.length }, { kind: 'items', count: actual.length }, context);
  return passed;
}

function listWithMatcher(path: ConcretePath, matcher: Matcher, selected: SelectedRules, expected: unknown[], actual: unknown[], context: Context): boolean {
  if (matcher.match === 'arrayContains') {
    let passed = true;
    const variants = matcher.variants?.length ? matcher.variants : expected.map((_, index) => ({ index, rules: undefined }));
    for (const variant of variants) {
      const item = expected[variant.index];
      if (item === undefined) {
        passed = mismatch(path, 'missing', { kind: 'variant', index: variant.index }, observed(actual), context);
        continue;
      }
      // Each variant is compared from its own root (`$` is the item) with its own rules only; equality when it has none.
      const rules = variant.rules ? new RuleCategory(variant.rules) : new RuleCategory({ $: { matchers: [{ match: 'equality' }] } });
      const found = actual.some((candidate) => compare(['$'], item, candidate, { rules, report: () => undefined }));
      if (found) context.report({ path, code: 'ok', expected: { kind: 'contains', json: short(item) }, actual: { kind: 'items', count: actual.length } });
      else passed = mismatch(path, 'missing', { kind: 'contains', json: short(item) }, observed(actual), context);
    }
    return passed;
  }
  if (matcher.match === 'eachValue') {
    if (selected.cascaded) return true;
    const inner = { ...context, rules: RuleCategory.of([{ expression: wildcardOf(path), rules: { matchers: matcher.rules ?? [] } }]) };
    return listContents(path, expected, actual, inner, true);
  }
  const failure = matchContainer(matcher, expected, actual, selected.cascaded);
  let passed = true;
  if (failure) passed = mismatch(path, failure.verdict, describe(selected, expected), { kind: 'items', count: actual.length }, context);
  else context.report({ path, code: 'ok', expected: describe(selected, expected), actual: { kind: 'items', count: actual.length } });
  return listContents(path, expected, actual, context, true) && passed;
}

/** Item by item; with `like` set, items beyond the expected ones compare with the first (Pact's `match_list_contents`). */
function listContents(path: ConcretePath, expected: unknown[], actual: unknown[], context: Context, like: boolean): boolean {
  const template = like && actual.length > expected.length ? [...expected, ...Array.from({ length: actual.length - expected.length }, () => expected[0])] : expected;
  let passed = true;
  template.forEach((item, index) => {
    const child = [...path, index];
    if (index < actual.length) passed = compare(child, item, actual[index], context) && passed;
    else if (!context.rules.isDefined(child)) passed = mismatch(child, 'missing', { kind: 'value', json: short(item) }, { kind: 'absent' }, context);
  });
  return passed;
}

/** The wildcard child of a path (`$.a.*`), where eachValue's rules apply. */
function wildcardOf(path: ConcretePath): string {
  return `${formatPath(path)}.*`;
}

function mismatch(path: ConcretePath, code: FindingCode, expected: Expectation, actual: Observation, context: Context): false {
  context.report({ path, code, expected, actual });
  return false;
}

/** What the selected rule expects here; the example itself when no rule applies. */
function describe(selected: SelectedRules | null, expected: unknown): Expectation {
  return selected ? rulesExpectation(selected, expected) : { kind: 'value', json: short(expected) };
}
