/**
 * How a finding reads: the one place that turns a finding's data (src/conformance/finding.ts)
 * into words, for the console, JUnit, Markdown, HTML, the JSON report's `message` and the
 * verification results published to a broker. Renderers escape the text for their format.
 */
import type { Expectation, Finding, FindingPath, Observation } from '../conformance/finding';
import { formatPath } from '../conformance/path';

/** `a string`, `an array`, `an object`: the article English wants before a type or matcher name. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** `status`, `header:Content-Type`, or the JSONPath of a body field (`$.value[0].id`, `$` for the whole body). */
export function pathText(path: FindingPath): string {
  if (path[0] === 'status') return 'status';
  if (path[0] === 'header') return `header:${path[1]}`;
  return formatPath(['$', ...path.slice(1)]);
}

const TYPE_NAMES: Record<string, string> = { array: 'a list', object: 'an object', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null' };

/** What the contract expects, in words: `a string`, `matches ^\d+$`, `a list of at least 1 item(s) like the example`. */
export function expectationText(expected: Expectation): string {
  switch (expected.kind) {
    case 'value':
      return expected.json;
    case 'equal':
      return `equals ${expected.json}`;
    case 'type':
      return TYPE_NAMES[expected.type] ?? withArticle(expected.type);
    case 'list': {
      const bounds = [expected.min !== undefined ? `at least ${expected.min}` : '', expected.max !== undefined ? `at most ${expected.max}` : ''].filter(Boolean).join(' and ');
      return `a list of ${bounds} item(s) like the example`;
    }
    case 'length':
      return expected.items === 0 ? 'an empty list' : `a list of ${expected.items} item(s)`;
    case 'regex':
      return `matches ${expected.pattern}`;
    case 'include':
      return `includes ${JSON.stringify(expected.text)}`;
    case 'date':
      return `${withArticle(expected.matcher)} like ${expected.format ?? 'ISO 8601'}`;
    case 'contentType':
      return `${expected.mediaType} content`;
    case 'matcher':
      return withArticle(expected.matcher);
    case 'status':
      return String(expected.status);
    case 'statusClass':
      return `a ${JSON.stringify(expected.status)} status`;
    case 'header':
      return expected.value;
    case 'body':
      return `${withArticle(expected.mediaType)} body`;
    case 'emptyBody':
      return 'an empty body';
    case 'unstructured':
      return `${expected.mediaType} content (not compared field by field)`;
    case 'contains':
      return `contains ${expected.json}`;
    case 'variant':
      return `variant ${expected.index} of the expected list`;
    case 'key':
      return `a key that ${keyText(expected.rule)}`;
    case 'pactJson':
      return "the pact's body to be valid JSON";
    case 'anyOf':
      return expected.of.map(expectationText).join(' or ');
    case 'allOf':
      return expected.of.map(expectationText).join(' and ');
    case 'undocumented':
      return '(not documented)';
    case 'text':
      return expected.text;
    default:
      return unknownKind(expected);
  }
}

/** The rule on a map key, after "a key that": `matches ^[a-z]+$`, `is a number`. */
function keyText(rule: Expectation): string {
  const text = expectationText(rule);
  return /^(matches|equals|includes|contains) /.test(text) ? text : `is ${text}`;
}

/** What the provider sent, in words: a value as JSON, `(absent)`, `3 item(s)`. */
export function observationText(actual: Observation): string {
  switch (actual.kind) {
    case 'value':
      return actual.json;
    case 'absent':
      return '(absent)';
    case 'items':
      return `${actual.count} item(s)`;
    case 'body':
      return `${withArticle(actual.mediaType)} body`;
    case 'emptyBody':
      return '(empty)';
    case 'status':
      return String(actual.status);
    case 'noAnswer':
      return `(${actual.reason})`;
    case 'text':
      return actual.text;
    default:
      return unknownKind(actual);
  }
}

/** A kind this release does not know (a report written by a later one): its data as JSON. */
function unknownKind(value: never): string {
  return JSON.stringify(value);
}

/** One line per finding: `$.id: missing (expected a string, got (absent))`. */
export function findingText(f: Finding): string {
  return `${pathText(f.path)}: ${f.code} (expected ${expectationText(f.expected)}, got ${observationText(f.actual)})`;
}
