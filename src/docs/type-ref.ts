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

function parseSingle(text: string, context: TypeCellContext): TypeRef {
  if (/\s(or|and)\s|\//i.test(text.replace(/\([^)]*\)/g, ''))) {
    // `a or b`, `string/number`; but links contain `/` in their target, handled below first.
    if (!TYPE_LINK.test(text)) return { kind: 'unknown', raw: text };
  }
  const link = TYPE_LINK.exec(text);
  if (link) {
    const label = link[1]!.trim();
    const target = link[2] ?? context.linkDefinitions.get((link[3] || label).toLowerCase());
    const primitive = primitiveOf(label);
    if (primitive) return { kind: 'primitive', name: primitive };
    const ref = target?.split('#')[0] ?? '';
    // `[calendarRoleType](#calendarroletype-values)` or `(../resources/x.md#y-values)`: an enum
    // documented in a `### y values` section.
    if (target && /#[\w-]*-values$/i.test(target)) {
      return target.startsWith('#')
        ? { kind: 'enum', name: qualify(label), members: enumMembers(context.description) }
        : { kind: 'enum', name: qualify(label), members: enumMembers(context.description), ref: target };
    }
    return ref ? { kind: 'complex', name: qualify(label), ref } : { kind: 'complex', name: qualify(label) };
  }

  const namedEnum = /^([A-Za-z][\w.]*)\s+enum(eration)?$/i.exec(text) ?? /^([A-Za-z][\w.]*)\s*\(enum\)$/i.exec(text);
  if (namedEnum) return { kind: 'enum', name: qualify(namedEnum[1]!), members: enumMembers(context.description) };
  // Primitive names are single words, so they are all decided in parseWord.
  if (/^[A-Za-z][\w.]*$/.test(text)) return parseWord(text, context);
  return { kind: 'unknown', raw: text };
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

/** Enum members named in a description: "Possible values are: `a`, `b`, `c`." */
export function enumMembers(description: string): string[] {
  const phrase = VALUES_PHRASE.exec(description);
  if (!phrase) return [];
  const tail = phrase[1]!;
  const ticked = [...tail.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  if (ticked.length > 0) return unique(ticked.filter((m) => /^[\w.-]+$/.test(m)));
  const sentence = tail.split(/\.(\s|$)/)[0] ?? '';
  const words = sentence
    .split(/,|\bor\b|\band\b/)
    .map((w) => w.replace(/[*'"]/g, '').trim())
    .filter((w) => /^[A-Za-z][\w-]*$/.test(w));
  return unique(words);
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
