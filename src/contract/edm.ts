/**
 * The Edm primitive types as OData JSON writes them: the one home of what a value of each type may
 * look like (the docs lint, the pact matchers and the mock all ask here), the regular expressions
 * the pacts carry for them, and the deterministic example values that stand in for placeholders.
 *
 * What is legal follows OData JSON Format 4.01 §7.1 and the OData ABNF: numbers are JSON numbers,
 * except that Edm.Single, Edm.Double and Edm.Decimal may be the strings `NaN`, `INF` and `-INF`
 * (Graph's OpenAPI description types them `number | string | ReferenceNumeric`, the enum of those
 * three), and Edm.Int64 and Edm.Decimal may be strings of digits (`IEEE754Compatible=true`); the
 * integer types stay within their ranges; Binary, Date, DateTimeOffset, Duration, Guid and
 * TimeOfDay are strings of their ABNF form.
 */
import type { EdmPrimitive } from './model';

/**
 * Pact V4 regex matchers for the string-encoded types, as they go into the pacts (unchanged, so
 * that pacts stay comparable). They accept what Graph returns: fractional seconds up to 7 digits,
 * `Z` or `+03:00`. No look-arounds: Pact's matching engine (Rust `regex`) does not support them.
 */
export const EDM_PATTERNS = {
  dateTimeOffset: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  timeOfDay: '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?$',
  duration:
    '^-?P((\\d+Y(\\d+M)?(\\d+W)?(\\d+D)?|\\d+M(\\d+W)?(\\d+D)?|\\d+W(\\d+D)?|\\d+D)(T(\\d+H(\\d+M)?(\\d+(\\.\\d+)?S)?|\\d+M(\\d+(\\.\\d+)?S)?|\\d+(\\.\\d+)?S))?|T(\\d+H(\\d+M)?(\\d+(\\.\\d+)?S)?|\\d+M(\\d+(\\.\\d+)?S)?|\\d+(\\.\\d+)?S))$',
  guid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  binary: '^[A-Za-z0-9+/=_-]*$',
  /** Edm.Int64 written as a string (`IEEE754Compatible=true`). */
  int64String: '^-?\\d+$',
  /**
   * A floating-point value as OData JSON writes it: a JSON number (a regex matcher sees a number's
   * text) or one of the strings `NaN`, `INF`, `-INF`.
   */
  floatingPoint: '^(-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|NaN|-?INF)$',
} as const;

/** The string-encoded types and their pattern. */
const STRING_PATTERNS: Partial<Record<EdmPrimitive, { pattern: RegExp; what: string }>> = {
  'Edm.Guid': { pattern: new RegExp(EDM_PATTERNS.guid), what: 'a GUID' },
  'Edm.DateTimeOffset': { pattern: new RegExp(EDM_PATTERNS.dateTimeOffset), what: 'an ISO 8601 date and time with offset' },
  'Edm.Date': { pattern: new RegExp(EDM_PATTERNS.date), what: 'an ISO 8601 date (yyyy-mm-dd)' },
  'Edm.TimeOfDay': { pattern: new RegExp(EDM_PATTERNS.timeOfDay), what: 'a time of day (hh:mm:ss)' },
  'Edm.Duration': { pattern: new RegExp(EDM_PATTERNS.duration), what: 'an ISO 8601 duration' },
  'Edm.Binary': { pattern: new RegExp(EDM_PATTERNS.binary), what: 'base64 text' },
};

const INTEGER_RANGES: Partial<Record<EdmPrimitive, [number, number]>> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647],
  // 2^63 as a double: JSON numbers beyond a double's precision round to it.
  'Edm.Int64': [-(2 ** 63), 2 ** 63],
};

// Surrounding whitespace is matched rather than trimmed: bodies hold tens of thousands of string
// values, and a trimmed copy of each was garbage.
const PLACEHOLDER =
  /^\s*(?:(?:string|boolean|int16|int32|int64|integer|double|single|decimal|guid|date|datetime|datetimeoffset|timestamp|timeofday|duration|binary|stream|json|url)(?:\s*\([^)]*\))?|[a-z][a-zA-Z]*-value)\s*$/i;

/**
 * A type name written where a value goes (`"String"`, `"String (timestamp)"`, `"Boolean"`,
 * `"datetime-value"`): the docs' placeholder, not an example value.
 */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

const SPECIAL_FLOATING_POINT = /^(NaN|-?INF)$/;
const DIGITS = new RegExp(EDM_PATTERNS.int64String);
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Whether `name` is written as a JSON string whose content has a fixed form (GUID, date, ...). */
export function hasStringForm(name: EdmPrimitive): boolean {
  return STRING_PATTERNS[name] !== undefined;
}

/**
 * Why `value` is not a value of the Edm type `name` in OData JSON (a short clause such as
 * `not an integer`), or null when it is. `null` itself is left to the caller (nullability).
 */
export function edmMismatch(value: unknown, name: EdmPrimitive): string | null {
  switch (name) {
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? null : 'not a boolean';
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64': {
      const [min, max] = INTEGER_RANGES[name]!;
      const number = typeof value === 'number' ? value : name === 'Edm.Int64' && typeof value === 'string' && DIGITS.test(value) ? Number(value) : null;
      if (number === null || !Number.isInteger(number)) return 'not an integer';
      // An Int64 string holds digits beyond a double's precision; its range is not checked.
      if (typeof value === 'number' && (number < min || number > max)) return `outside the ${name} range ${min}..${max}`;
      return null;
    }
    case 'Edm.Single':
    case 'Edm.Double':
    case 'Edm.Decimal':
      if (typeof value === 'number') return null;
      if (typeof value === 'string' && (SPECIAL_FLOATING_POINT.test(value) || (name === 'Edm.Decimal' && DECIMAL_TEXT.test(value)))) return null;
      return 'not a number';
    case 'Edm.String':
    case 'Edm.Stream':
      return typeof value === 'string' ? null : 'not a string';
    case 'Edm.Untyped':
      return null;
    default: {
      if (typeof value !== 'string') return 'not a string';
      const form = STRING_PATTERNS[name]!;
      return form.pattern.test(value) ? null : `not ${form.what}`;
    }
  }
}

/** Whether `value` is a value of the Edm type `name` in OData JSON. */
export function isEdmValue(value: unknown, name: EdmPrimitive): boolean {
  return edmMismatch(value, name) === null;
}

/**
 * A deterministic example of the type to stand in for `from` (a placeholder, or a value that
 * contradicts the type): what `from` says where it can be read as the type (`"false"`, `"12"`),
 * else a value derived from `seed` so that fields differ; a String names its `field`.
 */
export function edmExample(name: EdmPrimitive, from: unknown, seed: number, field: string): unknown {
  switch (name) {
    case 'Edm.Boolean':
      return !(typeof from === 'string' && /^false$/i.test(from));
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return typeof from === 'string' && DIGITS.test(from) ? Number(from) : (seed % 100) + 1;
    case 'Edm.Single':
    case 'Edm.Double':
    case 'Edm.Decimal':
      return typeof from === 'string' && DECIMAL_TEXT.test(from) ? Number(from) : ((seed % 1000) + 1) / 10;
    case 'Edm.Guid':
      return guidFrom(seed);
    case 'Edm.DateTimeOffset':
      return `2024-01-${String((seed % 28) + 1).padStart(2, '0')}T08:30:00Z`;
    case 'Edm.Date':
      return `2024-01-${String((seed % 28) + 1).padStart(2, '0')}`;
    case 'Edm.TimeOfDay':
      return '08:30:00';
    case 'Edm.Duration':
      return 'P1D';
    case 'Edm.Binary':
      return 'dmFsdWU=';
    default:
      return `example ${field}`;
  }
}

function guidFrom(seed: number): string {
  const hex = (seed >>> 0).toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}
