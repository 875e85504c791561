/**
 * A documented JSON body read with its documented types: for every value, what it must be (a
 * shape: a boolean, an integer, a string of a pattern, an each-like array...) and a concrete
 * example. The one reading that both the pact builder (shape → Pact matchers, src/pact/matchers.ts)
 * and the mock (the example it serves, the patterns state must fit) use.
 *
 * Docs examples are full of placeholders ("String", "String (timestamp)", fake GUIDs), so literal
 * matching would test nothing. Each value is matched by its documented type instead:
 *   String → type; Guid → uuid regex; DateTimeOffset/Date/TimeOfDay → ISO 8601 regexes that accept
 *   what Graph returns (fractional seconds up to 7 digits, `Z` or `+03:00`); Duration → ISO 8601
 *   duration regex; Boolean, Int32, Int64, Double → their types; enums → a regex of the members;
 *   collections → each-like; complex types → recursion; `@odata.type` → equality; unknown → type.
 * A value that is a placeholder or contradicts its type is replaced by a deterministic example of
 * the documented type (src/contract/edm.ts), so that the mock server and the client see a
 * realistic value.
 */
import { EDM_PATTERNS, edmExample, isEdmValue, isPlaceholder } from './edm';
import type { EdmPrimitive, TypeRef } from './model';
import { propertiesOf, type TypeLookup } from './types';
import { escapeRegex } from '../internal/regex';

/** What a value must be, with its example; Pact-free (src/pact/matchers.ts writes it as matchers). */
export type Shape =
  /** This JSON value as it is (null, or an object or array of shapes below). */
  | { match: 'literal'; value: null }
  | { match: 'object'; fields: Record<string, Shape> }
  | { match: 'items'; items: Shape[] }
  /** Exactly this value. */
  | { match: 'equal'; value: unknown }
  /** Any value of the example's JSON type. */
  | { match: 'like'; value: unknown }
  | { match: 'boolean' | 'integer' | 'number' | 'string'; value: unknown }
  | { match: 'regex'; pattern: string; value: string }
  /** An array whose items each match `item` (at least one). */
  | { match: 'eachLike'; item: Shape };

export interface TypedBody {
  shape: Shape;
  /** The concrete example (placeholders replaced): what the client sends or should receive. */
  example: unknown;
  /** JSON paths whose example value was replaced, with the reason (for reports). */
  replaced: { path: string; from: unknown; to: unknown }[];
}

interface Context {
  lookup: TypeLookup;
  replaced: TypedBody['replaced'];
}

type Typed = { shape: Shape; example: unknown };

/**
 * Reads a JSON value with its types. `type` is the documented type when known; `shape` gives
 * property types for an object whose type is known by its properties only (the request-body table).
 */
export function typeBody(value: unknown, type: TypeRef | null, lookup: TypeLookup, properties?: Map<string, TypeRef>): TypedBody {
  const context: Context = { lookup, replaced: [] };
  const { shape, example } = typeValue(value, type, context, '$', properties);
  return { shape, example, replaced: context.replaced };
}

/** The value a shape stands for with one item per each-like array: what Pact's `reify` gives for its matchers. */
export function shapeExample(shape: Shape): unknown {
  switch (shape.match) {
    case 'literal':
      return null;
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape.fields)) value[key] = shapeExample(field);
      return value;
    }
    case 'items':
      return shape.items.map(shapeExample);
    case 'eachLike':
      return [shapeExample(shape.item)];
    default:
      return shape.value;
  }
}

function typeValue(value: unknown, type: TypeRef | null, context: Context, path: string, properties?: Map<string, TypeRef>): Typed {
  if (value === null) return { shape: { match: 'literal', value: null }, example: null };
  if (type?.kind === 'collection') return typeArray(value, type.of, context, path);
  if (Array.isArray(value)) return typeArray(value, null, context, path);
  if (typeof value === 'object') {
    return typeObject(value as Record<string, unknown>, properties ?? objectProperties(value as Record<string, unknown>, type, context.lookup), context, path);
  }
  if (type?.kind === 'primitive') return typePrimitive(value, type.name, context, path);
  if (type?.kind === 'enum') return typeEnum(value, type.members, context, path);
  return inferred(value);
}

/** The property types of an object: from its documented type, or its own `@odata.type`. */
function objectProperties(value: Record<string, unknown>, type: TypeRef | null, lookup: TypeLookup): Map<string, TypeRef> {
  const declared = typeof value['@odata.type'] === 'string' ? (value['@odata.type'] as string).replace(/^#/, '') : null;
  const names = [declared, type?.kind === 'complex' ? type.name : null].filter((n): n is string => n !== null);
  for (const name of names) {
    const properties = propertiesOf(name, lookup);
    if (properties.size > 0) return properties;
  }
  return new Map();
}

function typeObject(value: Record<string, unknown>, properties: Map<string, TypeRef>, context: Context, path: string): Typed {
  const fields: Record<string, Shape> = {};
  const example: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '@odata.type') {
      fields[key] = { match: 'equal', value: child };
      example[key] = child;
      continue;
    }
    const typed = key.startsWith('@') || key.includes('@odata.') ? inferred(child) : typeValue(child, properties.get(key.toLowerCase()) ?? null, context, `${path}.${key}`);
    fields[key] = typed.shape;
    example[key] = typed.example;
  }
  return { shape: { match: 'object', fields }, example };
}

function typeArray(value: unknown, itemType: TypeRef | null, context: Context, path: string): Typed {
  if (!Array.isArray(value)) {
    // The docs give a single value where the type is a collection: wrap it.
    context.replaced.push({ path, from: value, to: [value] });
    return typeArray([value], itemType, context, path);
  }
  if (value.length === 0) return { shape: { match: 'like', value: [] }, example: [] };
  const items = value.map((item, index) => typeValue(item, itemType, context, `${path}[${index}]`));
  return arrayShape(value, items);
}

/**
 * Items of one shape are matched each-like the first; an array whose items differ (another
 * `@odata.type` such as IPv4 and IPv6 ranges, other keys, other JSON types) is matched item by
 * item instead, since one template cannot describe them all.
 */
function arrayShape(value: unknown[], items: Typed[]): Typed {
  const structures = new Set(value.map(structureOf));
  const example = items.map((i) => i.example);
  if (structures.size > 1) return { shape: { match: 'items', items: items.map((i) => i.shape) }, example };
  return { shape: { match: 'eachLike', item: items[0]!.shape }, example };
}

/** A value's structure, recursively: JSON types, `@odata.type` values and keys (values aside). */
function structureOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${[...new Set(value.map(structureOf))].sort().join('|')}]`;
  if (typeof value !== 'object') return typeof value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${String(record['@odata.type'] ?? '')}:${keys.map((k) => `${k}=${structureOf(record[k])}`).join(',')}}`;
}

function typePrimitive(value: unknown, name: EdmPrimitive, context: Context, path: string): Typed {
  const example = validPrimitive(value, name) ? value : replacement(value, name, path, context);
  const regex = (pattern: string): Typed => ({ shape: { match: 'regex', pattern, value: example as string }, example });
  switch (name) {
    case 'Edm.Boolean':
      return { shape: { match: 'boolean', value: example }, example };
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return { shape: { match: 'integer', value: example }, example };
    case 'Edm.Int64':
      // OData may serialise Int64 as a string; accept the form the example uses.
      return typeof example === 'string' ? regex(EDM_PATTERNS.int64String) : { shape: { match: 'integer', value: example }, example };
    case 'Edm.Single':
    case 'Edm.Double':
    case 'Edm.Decimal':
      // `NaN`, `INF`, `-INF` (and a Decimal's digits) are strings: matched as a number's text or one of them.
      return typeof example === 'string' ? regex(EDM_PATTERNS.floatingPoint) : { shape: { match: 'number', value: example }, example };
    case 'Edm.Guid':
      return regex(EDM_PATTERNS.guid);
    case 'Edm.DateTimeOffset':
      return regex(EDM_PATTERNS.dateTimeOffset);
    case 'Edm.Date':
      return regex(EDM_PATTERNS.date);
    case 'Edm.TimeOfDay':
      return regex(EDM_PATTERNS.timeOfDay);
    case 'Edm.Duration':
      return regex(EDM_PATTERNS.duration);
    case 'Edm.Binary':
      return regex(EDM_PATTERNS.binary);
    case 'Edm.String':
    case 'Edm.Stream':
      return { shape: { match: 'string', value: example }, example };
    case 'Edm.Untyped':
      return inferred(value);
  }
}

function typeEnum(value: unknown, members: string[], context: Context, path: string): Typed {
  if (members.length === 0) return inferred(value);
  const isMember = typeof value === 'string' && value.split(',').every((part) => members.some((m) => m.toLowerCase() === part.trim().toLowerCase()));
  let example = value;
  if (!isMember) {
    example = members[0]!;
    context.replaced.push({ path, from: value, to: example });
  }
  // Flag enums serialise several members joined by commas (`"read,write"`); Graph reads enum
  // members case-insensitively, and the docs write `HTML` for `html`. `(?i)` is the Rust regex
  // flag syntax Pact's matching engine uses.
  const alternatives = members.map(escapeRegex).join('|');
  return { shape: { match: 'regex', pattern: `(?i)^(${alternatives})(,\\s*(${alternatives}))*$`, value: example as string }, example };
}

/** No documented type: match by the JSON type of the example, recursing into objects and arrays. */
function inferred(value: unknown): Typed {
  if (value === null) return { shape: { match: 'literal', value: null }, example: null };
  if (Array.isArray(value)) {
    if (value.length === 0) return { shape: { match: 'like', value: [] }, example: [] };
    return arrayShape(value, value.map(inferred));
  }
  if (typeof value === 'object') {
    const fields: Record<string, Shape> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      fields[key] = key === '@odata.type' ? { match: 'equal', value: child } : inferred(child).shape;
    }
    return { shape: { match: 'object', fields }, example: value };
  }
  return { shape: { match: 'like', value }, example: value };
}

function validPrimitive(value: unknown, name: EdmPrimitive): boolean {
  // A String that is a type name (`"String"`) is a placeholder, not an example.
  if ((name === 'Edm.String' || name === 'Edm.Stream') && typeof value === 'string' && isPlaceholder(value)) return false;
  return isEdmValue(value, name);
}

/** A deterministic example of the type, seeded by the JSON path so that values differ by field. */
function replacement(value: unknown, name: EdmPrimitive, path: string, context: Context): unknown {
  const example = edmExample(name, value, hash(path), path.split('.').pop()?.replace(/\[\d+\]$/, '') ?? 'value');
  context.replaced.push({ path, from: value, to: example });
  return example;
}

/** FNV-1a, for deterministic examples. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
