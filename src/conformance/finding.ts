/**
 * A conformance finding as data: a stable `code`, the place as path segments, and what the
 * contract expects and what the provider sent as small tagged values. No English here: the
 * renderers word findings (src/report/wording.ts), so that the JSON report carries the data and
 * every text format says the same thing the same way.
 */
import { jsonType } from './matchers';
import type { Matcher, SelectedRules } from './rules';
import { short } from './wording';

/**
 * What was found at a place. Stable: the JSON report and `summary.verdicts` use these names, and
 * a new kind of finding gets a new code rather than a changed meaning.
 */
export type FindingCode =
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

export const FINDING_CODES: readonly FindingCode[] = ['ok', 'missing', 'type_mismatch', 'format_mismatch', 'value_mismatch', 'null_not_allowed', 'unexpected', 'status_mismatch', 'header_missing', 'header_mismatch'];

/** A step into a JSON body: an object's key, or a list's index (a number). */
type BodyStep = string | number;

/**
 * Where in the response: the status, a header by its name as the pact spells it, or a place in the
 * body (`['body']` is the whole body, `['body', 'value', 0, 'id']` is `$.value[0].id`).
 */
export type FindingPath = ['status'] | ['header', string] | ['body', ...BodyStep[]];

/** A JSON value's type, as Pact's `type` matcher compares them. */
type JsonType = ReturnType<typeof jsonType>;

/** The date-like matchers of Pact, each with its own default format. */
type DateMatcher = 'date' | 'time' | 'timestamp' | 'datetime';

/**
 * What the contract expects at a place. Values (`json`) are JSON text of at most 120 characters,
 * redacted before they are cut (`short`): findings never carry a whole body.
 */
export type Expectation =
  /** Exactly this value: no matching rule applies, so Pact compares it as it is. */
  | { kind: 'value'; json: string }
  /** Equal to this value (Pact's `equality` and `values` matchers). */
  | { kind: 'equal'; json: string }
  /** Any value of this type (Pact's `type` matcher, or the shape of the example). */
  | { kind: 'type'; type: JsonType }
  /** A list with a bounded number of items, each like the example's (`type` with `min`/`max`). */
  | { kind: 'list'; min?: number; max?: number }
  /** A list of exactly this many items (no rule on the list: Pact compares its length). */
  | { kind: 'length'; items: number }
  /** A text matching this (Rust-flavoured) regular expression as a whole. */
  | { kind: 'regex'; pattern: string }
  /** A text that includes this one. */
  | { kind: 'include'; text: string }
  /** A date, time or timestamp in this Java `DateTimeFormatter` pattern (null: ISO 8601). */
  | { kind: 'date'; matcher: DateMatcher; format: string | null }
  /** Content that is of this media type (Pact's `contentType` matcher). */
  | { kind: 'contentType'; mediaType: string }
  /** Whatever this Pact matcher accepts: `integer`, `decimal`, `number`, `boolean`, `null`, `notEmpty`, `semver`... */
  | { kind: 'matcher'; matcher: string }
  /** This status code. */
  | { kind: 'status'; status: number }
  /** A status of this class (`success`, `clientError`...) or one of these codes (Pact's `statusCode`). */
  | { kind: 'statusClass'; status: string | number[] }
  /** This header value, as the pact writes it. */
  | { kind: 'header'; value: string }
  /** A body of this media type. */
  | { kind: 'body'; mediaType: string }
  /** No body at all. */
  | { kind: 'emptyBody' }
  /** Content of this media type that is not compared field by field (XML, multipart): identical text, else a warning. */
  | { kind: 'unstructured'; mediaType: string }
  /** A list that contains an item like this one (Pact's `arrayContains`). */
  | { kind: 'contains'; json: string }
  /** The `arrayContains` variant with this index, which the pact's example list lacks. */
  | { kind: 'variant'; index: number }
  /** A map key that satisfies this (Pact's `eachKey`). */
  | { kind: 'key'; rule: Expectation }
  /** The pact's own body to be valid JSON (a broken pact, not a provider fault). */
  | { kind: 'pactJson' }
  /** Any one of these (a rule that combines its matchers with OR). */
  | { kind: 'anyOf'; of: Expectation[] }
  /** All of these (a rule that combines its matchers with AND). */
  | { kind: 'allOf'; of: Expectation[] }
  /** Nothing: the field is not in the contract (`unexpected`). */
  | { kind: 'undocumented' }
  /** Words only: a finding read from a report of schema version 1, which kept no data. */
  | { kind: 'text'; text: string };

/** What the provider sent at a place. */
export type Observation =
  /** This value, as JSON text (at most 120 characters, redacted). */
  | { kind: 'value'; json: string }
  /** Nothing at this place. */
  | { kind: 'absent' }
  /** A list of this many items. */
  | { kind: 'items'; count: number }
  /** A body of this media type. */
  | { kind: 'body'; mediaType: string }
  /** No body. */
  | { kind: 'emptyBody' }
  /** This status code. */
  | { kind: 'status'; status: number }
  /** No response, for this reason (a timeout, a stalled verifier, no exchange recorded). */
  | { kind: 'noAnswer'; reason: string }
  /** This text as it is: a header value, or words read from a report of schema version 1. */
  | { kind: 'text'; text: string };

export type Severity = 'ok' | 'warning' | 'error';

interface FindingAt<Code extends FindingCode, Path extends FindingPath> {
  code: Code;
  path: Path;
  expected: Expectation;
  actual: Observation;
  /** `error` fails the interaction; `warning` (undocumented fields, XML differences) never does. */
  severity: Severity;
}

/** One verdict on one place of a response; `code` says which kind, and which places it can be about. */
export type Finding =
  | FindingAt<'status_mismatch', ['status']>
  | FindingAt<'header_missing' | 'header_mismatch', ['header', string]>
  | FindingAt<'unexpected', ['body', ...BodyStep[]]>
  | FindingAt<Exclude<FindingCode, 'status_mismatch' | 'header_missing' | 'header_mismatch' | 'unexpected'>, FindingPath>;

/** What the provider sent, for a finding: absent, or the value as short JSON text. */
export function observed(value: unknown): Observation {
  return value === undefined ? { kind: 'absent' } : { kind: 'value', json: short(value) };
}

/** What one Pact matcher expects of a value whose example is `example`. */
function matcherExpectation(matcher: Matcher, example: unknown, cascaded: boolean): Expectation {
  switch (matcher.match) {
    case 'regex':
      return { kind: 'regex', pattern: matcher.regex ?? '' };
    case 'type':
      return Array.isArray(example) && !cascaded && (matcher.min !== undefined || matcher.max !== undefined)
        ? { kind: 'list', ...(matcher.min !== undefined ? { min: matcher.min } : {}), ...(matcher.max !== undefined ? { max: matcher.max } : {}) }
        : { kind: 'type', type: jsonType(example) };
    case 'equality':
    case 'values':
      return { kind: 'equal', json: short(example) };
    case 'include':
      return { kind: 'include', text: String(matcher.value ?? '') };
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime': {
      const format = matcher.format ?? matcher[matcher.match];
      return { kind: 'date', matcher: matcher.match, format: typeof format === 'string' && format !== '' ? format : null };
    }
    case 'contentType':
      return { kind: 'contentType', mediaType: String(matcher.value ?? '') };
    case 'statusCode':
      return { kind: 'statusClass', status: matcher.status ?? [] };
    default:
      return { kind: 'matcher', matcher: matcher.match };
  }
}

/** What a rule (one or more matchers, combined with AND or OR) expects; `example` when no rule applies. */
export function rulesExpectation(selected: Pick<SelectedRules, 'matchers' | 'combine' | 'cascaded'>, example: unknown): Expectation {
  const each = selected.matchers.map((m) => matcherExpectation(m, example, selected.cascaded));
  if (each.length === 1) return each[0]!;
  return { kind: selected.combine === 'OR' ? 'anyOf' : 'allOf', of: each };
}
