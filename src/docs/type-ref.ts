/**
 * Normalises the docs' type cells (survey §9) into a TypeRef: `String`, `string`, `Edm.Int32`,
 * `[identitySet](../resources/identityset.md)`, `[driveItem][]`, `String collection`,
 * `Collection(String)`, `Collection of String`, `Enumeration`, `alertStatus enum`, bold or
 * decorated cells (`(Optional) String`, `string, maximum size 20`). Alternatives
 * (`a or b`, `string/number`) are not a single type and come back as `unknown`.
 */
import type { EdmPrimitive, TypeRef } from '../contract/model';

/** Type names of the docs (lower case, `Edm.` dropped) → Edm primitives. Exported for the shortcut test. */
export const PRIMITIVES: Readonly<Record<string, EdmPrimitive>> = {
  string: 'Edm.String',
  url: 'Edm.String',
  boolean: 'Edm.Boolean',
  bool: 'Edm.Boolean',
  int16: 'Edm.Int16',
  int32: 'Edm.Int32',
  int: 'Edm.Int32',
  integer: 'Edm.Int32',
  int64: 'Edm.Int64',
  long: 'Edm.Int64',
  byte: 'Edm.Byte',
  sbyte: 'Edm.SByte',
  single: 'Edm.Single',
  float: 'Edm.Single',
  double: 'Edm.Double',
  number: 'Edm.Double',
  numeric: 'Edm.Double',
  decimal: 'Edm.Decimal',
  guid: 'Edm.Guid',
  uuid: 'Edm.Guid',
  datetimeoffset: 'Edm.DateTimeOffset',
  datetime: 'Edm.DateTimeOffset',
  timestamp: 'Edm.DateTimeOffset',
  date: 'Edm.Date',
  timeofday: 'Edm.TimeOfDay',
  duration: 'Edm.Duration',
  binary: 'Edm.Binary',
  stream: 'Edm.Stream',
  json: 'Edm.Untyped',
  object: 'Edm.Untyped',
  untyped: 'Edm.Untyped',
};

/** A type cell that is one markdown link: `[label](target)`, `[label][ref]` or `[label]`. */
export const TYPE_LINK = /^\[([^\]]+)\](?:\(([^)\s]*)(?:\s+"[^"]*")?\)|\[([^\]]*)\])?$/;

export interface TypeCellContext {
  /** The description cell, searched for enum members when the type is an enumeration. */
  description: string;
  /** Link definitions on the page (`[user]: ../resources/user.md`), lower-case label → target. */
  linkDefinitions: Map<string, string>;
}

export function parseTypeCell(cell: string, context: TypeCellContext): TypeRef {
  const trimmed = cell.trim();
  // Most cells are one word (`String`, `microsoft.graph.user`): nothing to clean, no collection,
  // no link, no alternatives. What parseSingle would decide for them, without its ~13 regexes.
  // (`Optional`/`Required` next to whitespace are cleaned away, so those take the full path.)
  if (PLAIN_WORD.test(trimmed) && !OPTIONAL_OR_REQUIRED.test(trimmed)) return parseWord(trimmed, context);
  // Undecorated cells (most of the rest) need no cleaning either: one test instead of 7 replaces.
  const text = DECORATION.test(trimmed) ? cleanTypeCell(cell) : trimmed;
  if (text === '') return { kind: 'unknown', raw: cell };

  const collection =
    /^collection\s*\((.*)\)$/i.exec(text) ?? /^collection of\s+(.*)$/i.exec(text) ?? /^(.*?)\s+collection$/i.exec(text);
  if (collection) {
    const of = parseSingle(cleanTypeCell(collection[1]!), context);
    return of.kind === 'unknown' ? { kind: 'unknown', raw: cell } : { kind: 'collection', of };
  }
  const single = parseSingle(text, context);
  return single.kind === 'unknown' ? { kind: 'unknown', raw: cell } : single;
}

function parseSingle(cell: string, context: TypeCellContext): TypeRef {
  const text = withoutTypeNoun(cell);
  if (UNTYPED_JSON.test(text)) return { kind: 'primitive', name: 'Edm.Untyped' };
  if (/\s(or|and)\s|\//i.test(text.replace(/\([^)]*\)/g, ''))) {
    // `a or b`, `string/number`; but links contain `/` in their target, handled below first.
    if (!TYPE_LINK.test(text)) return { kind: 'unknown', raw: text };
  }
  const link = TYPE_LINK.exec(text);
  if (link) return linkedType(link[1]!.trim(), link[2] ?? context.linkDefinitions.get((link[3] || link[1]!.trim()).toLowerCase()), context);

  const annotated = annotatedType(text, context);
  if (annotated) return annotated;
  // Primitive names are single words, so they are all decided in parseWord.
  if (/^[A-Za-z][\w.]*$/.test(text)) return parseWord(text, context);
  return { kind: 'unknown', raw: text };
}

/** "Untyped JSON object", "JSON object": any JSON value (Edm.Untyped). */
export const UNTYPED_JSON = /^(?:untyped\s+)?json\s+object$/i;

/** `[itemAnalytics][] resource`, `[user](user.md) object`: the noun after a link says nothing more. */
export function withoutTypeNoun(text: string): string {
  if (!text.startsWith('[')) return text;
  const match = /^(\[[^\]]+\](?:\([^)]*\)|\[[^\]]*\])?)\s+(?:resource|object|entity|complex)(?:\s+type)?$/i.exec(text);
  return match ? match[1]! : text;
}

/**
 * A type cell that is a link to the type's page. A link to a `#x-values` section names an enum;
 * a link whose description lists "Possible values are: `a`, `b`" is read as an enum of those
 * values until the linked page says otherwise (resolution replaces it by the page's own type when
 * the page is in the docs folder; without the page, the listed values are all there is to know).
 */
export function linkedType(label: string, target: string | undefined, context: TypeCellContext): TypeRef {
  const primitive = primitiveOf(label);
  if (primitive) return { kind: 'primitive', name: primitive };
  const ref = target?.split('#')[0] ?? '';
  const members = enumMembers(context.description);
  // `[calendarRoleType](#calendarroletype-values)` or `(../resources/x.md#y-values)`: an enum
  // documented in a `### y values` section.
  if (target && /#[\w-]*-values$/i.test(target)) {
    return target.startsWith('#') ? { kind: 'enum', name: qualify(label), members } : { kind: 'enum', name: qualify(label), members, ref: target };
  }
  if (ref && members.length > 0) return { kind: 'enum', name: qualify(label), members, ref };
  return ref ? { kind: 'complex', name: qualify(label), ref } : { kind: 'complex', name: qualify(label) };
}

/**
 * `alertStatus enum`, `riskLevel (enum)`, `String (enum)`, `string (url)`, `String (readonly)`:
 * a type name with a note. The note `enum` makes an enum, named unless the name is a primitive
 * (`String (enum)` is an inline enumeration, not a type called String); any other note on a
 * primitive is a remark about the value. Null when the text is not of this form.
 */
export function annotatedType(text: string, context: TypeCellContext): TypeRef | null {
  const match = /^([A-Za-z][\w.]*)\s*\(([^()]*)\)$/.exec(text) ?? /^([A-Za-z][\w.]*)\s+(enum(?:eration)?)$/i.exec(text);
  if (!match) return null;
  const name = match[1]!;
  const primitive = primitiveOf(name);
  if (/^\s*enum(eration)?\s*$/i.test(match[2]!)) {
    return { kind: 'enum', name: primitive ? null : qualify(name), members: enumMembers(context.description) };
  }
  return primitive ? { kind: 'primitive', name: primitive } : null;
}

/** One word without decoration (`[A-Za-z][\w.]*`, no `__`): a primitive, an enum or a complex type. */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9.]*$/;
const OPTIONAL_OR_REQUIRED = /^(optional|required)\.?$/i;
/** Anything `cleanTypeCell` would change in a trimmed cell; without it, the cell is its own clean text. */
const DECORATION = /\*\*|__|`|<br|optional|required|,|[^\S ]| {2}/i;

function parseWord(word: string, context: TypeCellContext): TypeRef {
  const primitive = primitiveOf(word);
  if (primitive) return { kind: 'primitive', name: primitive };
  if (/^enum(eration)?$/i.test(word)) return { kind: 'enum', name: null, members: enumMembers(context.description) };
  const members = enumMembers(context.description);
  if (members.length > 0) return { kind: 'enum', name: qualify(word), members };
  return { kind: 'complex', name: qualify(word) };
}

function primitiveOf(name: string): EdmPrimitive | null {
  const key = name.replace(/^edm\./i, '').toLowerCase();
  // Own keys only: `constructor` or `toString` is not a primitive.
  return Object.prototype.hasOwnProperty.call(PRIMITIVES, key) ? PRIMITIVES[key]! : null;
}

/** Strips decoration: bold, backticks, `(optional)`, `Optional`, trailing `, maximum size 20`. */
export function cleanTypeCell(cell: string): string {
  return cell
    .replace(/\*\*|__|`/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\((optional|required)\)/gi, '')
    .replace(/^(optional|required)\s+/i, '')
    .replace(/\s+(optional|required)\.?$/i, '')
    .replace(/,.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A type name as Graph qualifies it: `microsoft.graph.` added to a bare name. */
export function qualify(name: string): string {
  return name.includes('.') ? name : `microsoft.graph.${name}`;
}

const VALUES_PHRASE = /(?:possible|valid|supported|allowed|the possible)\s+values?(?:\s+(?:are|is|include))?\s*:?\s*([^\n]*)/i;

/**
 * Enum members named in a description: "Possible values are: `a`, `b`, `c`.", "Possible values are
 * one, two or three.", or a list of items (`<li>None</li><li>NotifySender -- Inform ...</li>`,
 * `<br/>"Success" - Service is ...`). The list is the sentence after the phrase: the next sentence
 * ("Supports `$filter` (`eq`, `ne`)") names operators, not values.
 */
export function enumMembers(description: string): string[] {
  const phrase = VALUES_PHRASE.exec(description);
  if (!phrase) return [];
  const tail = phrase[1]!;
  const items = listItems(tail);
  if (items) return unique(items);
  const sentence = tail.split(SENTENCE_END)[0] ?? '';
  const ticked = [...sentence.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  if (ticked.length > 0) return unique(ticked.filter((m) => /^[\w.-]+$/.test(m)));
  const words = sentence
    .split(/\.(?:\s|$)/)[0]!
    .split(/,|\bor\b|\band\b/)
    .map((w) => w.replace(/[*'"]/g, '').trim())
    .filter((w) => /^[A-Za-z][\w-]*$/.test(w));
  return unique(words);
}

/** A full stop followed by a new sentence, or a line break: where a values list ends. */
const SENTENCE_END = /\.\s+(?=[A-Z<])|<br\s*\/?>/;

/**
 * The leading value of each item of a list that starts right after the phrase (`<li>` items, or
 * `<br/>`-separated lines), up to the first item that does not start with a value; null when the
 * phrase is not followed by such a list.
 */
function listItems(tail: string): string[] | null {
  const start = /^\s*(?:<ul>\s*)?(?=<li>|<br\s*\/?>)/i.exec(tail);
  if (!start) return null;
  const rest = tail.slice(start[0].length);
  const isHtmlList = /^<li>/i.test(rest);
  const values: string[] = [];
  for (const item of rest.split(isHtmlList ? /<li>/i : /<br\s*\/?>/i).slice(1)) {
    const value = /^\s*[`"'*]*([A-Za-z][\w.-]*)[`"'*]*\s*(?:$|<\/li>|[-–:(,]|\s--)/.exec(item);
    if (!value) break;
    values.push(value[1]!);
    // Prose after an item's `</li>` (other than `</ul>`) ends the list.
    if (isHtmlList && /<\/li>\s*(?!<\/ul>|$)\S/i.test(item)) break;
  }
  return values.length > 0 ? values : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** A short readable form, for messages: `Edm.String`, `Collection(microsoft.graph.user)`. */
export function describeType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'enum':
      return type.name ?? `enum(${type.members.join('|')})`;
    case 'complex':
      return type.name;
    case 'collection':
      return `Collection(${describeType(type.of)})`;
    case 'unknown':
      return `unknown(${type.raw})`;
  }
}
