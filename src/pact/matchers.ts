/**
 * Documented types → Pact V4 matching rules.
 *
 * Docs examples are full of placeholders ("String", "String (timestamp)", fake GUIDs), so literal
 * matching would test nothing. Each value is matched by its documented type instead:
 *   String → type; Guid → uuid regex; DateTimeOffset/Date/TimeOfDay → ISO 8601 regexes that accept
 *   what Graph returns (fractional seconds up to 7 digits, `Z` or `+03:00`); Duration → ISO 8601
 *   duration regex; Boolean, Int32, Int64, Double → their types; enums → a regex of the members;
 *   collections → each-like; complex types → recursion; `@odata.type` → equality; unknown → type.
 * A value that is a placeholder or contradicts its type is replaced by a deterministic example of
 * the documented type, so that the mock server and the client see a realistic value.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { EdmPrimitive, ResourceType, TypeRef } from '../contract/model';
import { isPlaceholder } from '../docs/lint';
import { EDM_PATTERNS, edmExample, isEdmValue } from '../contract/edm';
import { escapeRegex } from '../internal/regex';

/** A pact-js matcher tree or a literal JSON value. */
export type Template = unknown;

export interface Derived {
  /** The body template with matchers, for the pact. */
  template: Template;
  /** The concrete example (placeholders replaced): what the client sends or should receive. */
  example: unknown;
  /** JSON paths whose example value was replaced, with the reason (for reports). */
  replaced: { path: string; from: unknown; to: unknown }[];
}

/** Looks up documented types by qualified name (lower case), following base types. */
export interface TypeLookup {
  get(name: string): ResourceType | undefined;
}

export function typeLookup(types: Record<string, ResourceType>): TypeLookup {
  return { get: (name) => types[name.replace(/^#/, '').toLowerCase()] };
}

/** All documented properties of a type, its own first, then its base types'. */
export function propertiesOf(typeName: string, lookup: TypeLookup): Map<string, TypeRef> {
  const properties = new Map<string, TypeRef>();
  const seen = new Set<string>();
  for (let type = lookup.get(typeName); type && !seen.has(type.name.toLowerCase()); type = type.baseType ? lookup.get(type.baseType) : undefined) {
    seen.add(type.name.toLowerCase());
    for (const p of [...type.properties, ...type.relationships]) if (!properties.has(p.name.toLowerCase())) properties.set(p.name.toLowerCase(), p.type);
  }
  return properties;
}

interface DeriveContext {
  lookup: TypeLookup;
  replaced: Derived['replaced'];
}

/**
 * Derives the template and example for a JSON value. `type` is the documented type when known;
 * `shape` gives property types for an object whose type is known by its properties only (the
 * request-body table).
 */
export function deriveBody(value: unknown, type: TypeRef | null, lookup: TypeLookup, shape?: Map<string, TypeRef>): Derived {
  const context: DeriveContext = { lookup, replaced: [] };
  const { template, example } = deriveValue(value, type, context, '$', shape);
  return { template, example, replaced: context.replaced };
}

function deriveValue(value: unknown, type: TypeRef | null, context: DeriveContext, path: string, shape?: Map<string, TypeRef>): { template: Template; example: unknown } {
  if (value === null) return { template: null, example: null };
  if (type?.kind === 'collection') return deriveArray(value, type.of, context, path);
  if (Array.isArray(value)) return deriveArray(value, null, context, path);
  if (typeof value === 'object') {
    const properties = shape ?? objectShape(value as Record<string, unknown>, type, context.lookup);
    return deriveObject(value as Record<string, unknown>, properties, context, path);
  }
  if (type?.kind === 'primitive') return derivePrimitive(value, type.name, context, path);
  if (type?.kind === 'enum') return deriveEnum(value, type.members, context, path);
  return inferred(value);
}

/** The property types of an object: from its documented type, or its own `@odata.type`. */
function objectShape(value: Record<string, unknown>, type: TypeRef | null, lookup: TypeLookup): Map<string, TypeRef> {
  const declared = typeof value['@odata.type'] === 'string' ? (value['@odata.type'] as string).replace(/^#/, '') : null;
  const names = [declared, type?.kind === 'complex' ? type.name : null].filter((n): n is string => n !== null);
  for (const name of names) {
    const properties = propertiesOf(name, lookup);
    if (properties.size > 0) return properties;
  }
  return new Map();
}

function deriveObject(value: Record<string, unknown>, properties: Map<string, TypeRef>, context: DeriveContext, path: string): { template: Template; example: unknown } {
  const template: Record<string, Template> = {};
  const example: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (key === '@odata.type') {
      template[key] = MatchersV3.equal(child);
      example[key] = child;
      continue;
    }
    const derived = key.startsWith('@') || key.includes('@odata.') ? inferred(child) : deriveValue(child, properties.get(key.toLowerCase()) ?? null, context, childPath);
    template[key] = derived.template;
    example[key] = derived.example;
  }
  return { template, example };
}

function deriveArray(value: unknown, itemType: TypeRef | null, context: DeriveContext, path: string): { template: Template; example: unknown } {
  if (!Array.isArray(value)) {
    // The docs give a single value where the type is a collection: wrap it.
    context.replaced.push({ path, from: value, to: [value] });
    return deriveArray([value], itemType, context, path);
  }
  if (value.length === 0) return { template: MatchersV3.like([]), example: [] };
  const items = value.map((item, index) => deriveValue(item, itemType, context, `${path}[${index}]`));
  return arrayTemplate(value, items);
}

/**
 * Items of one shape are matched each-like the first; an array whose items differ (another
 * `@odata.type` such as IPv4 and IPv6 ranges, other keys, other JSON types) is matched item by
 * item instead, since one template cannot describe them all.
 */
function arrayTemplate(value: unknown[], items: { template: Template; example: unknown }[]): { template: Template; example: unknown } {
  const shapes = new Set(value.map(shapeOf));
  const example = items.map((i) => i.example);
  if (shapes.size > 1) return { template: items.map((i) => i.template), example };
  return { template: MatchersV3.eachLike(items[0]!.template, 1), example };
}

/** A value's structure, recursively: JSON types, `@odata.type` values and keys (values aside). */
function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].sort().join('|')}]`;
  if (typeof value !== 'object') return typeof value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${String(record['@odata.type'] ?? '')}:${keys.map((k) => `${k}=${shapeOf(record[k])}`).join(',')}}`;
}

function derivePrimitive(value: unknown, name: EdmPrimitive, context: DeriveContext, path: string): { template: Template; example: unknown } {
  const example = validPrimitive(value, name) ? value : replacement(value, name, path, context);
  switch (name) {
    case 'Edm.Boolean':
      return { template: MatchersV3.boolean(example as boolean), example };
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return { template: MatchersV3.integer(example as number), example };
    case 'Edm.Int64':
      // OData may serialise Int64 as a string; accept the form the example uses.
      return typeof example === 'string' ? { template: MatchersV3.regex(EDM_PATTERNS.int64String, example), example } : { template: MatchersV3.integer(example as number), example };
    case 'Edm.Single':
    case 'Edm.Double':
    case 'Edm.Decimal':
      // `NaN`, `INF`, `-INF` (and a Decimal's digits) are strings: matched as a number's text or one of them.
      return typeof example === 'string' ? { template: MatchersV3.regex(EDM_PATTERNS.floatingPoint, example), example } : { template: MatchersV3.number(example as number), example };
    case 'Edm.Guid':
      return { template: MatchersV3.regex(EDM_PATTERNS.guid, example as string), example };
    case 'Edm.DateTimeOffset':
      return { template: MatchersV3.regex(EDM_PATTERNS.dateTimeOffset, example as string), example };
    case 'Edm.Date':
      return { template: MatchersV3.regex(EDM_PATTERNS.date, example as string), example };
    case 'Edm.TimeOfDay':
      return { template: MatchersV3.regex(EDM_PATTERNS.timeOfDay, example as string), example };
    case 'Edm.Duration':
      return { template: MatchersV3.regex(EDM_PATTERNS.duration, example as string), example };
    case 'Edm.Binary':
      return { template: MatchersV3.regex(EDM_PATTERNS.binary, example as string), example };
    case 'Edm.String':
    case 'Edm.Stream':
      return { template: MatchersV3.string(example as string), example };
    case 'Edm.Untyped':
      return inferred(value);
  }
}

function deriveEnum(value: unknown, members: string[], context: DeriveContext, path: string): { template: Template; example: unknown } {
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
  return { template: MatchersV3.regex(`(?i)^(${alternatives})(,\\s*(${alternatives}))*$`, example as string), example };
}

/** No documented type: match by the JSON type of the example, recursing into objects and arrays. */
function inferred(value: unknown): { template: Template; example: unknown } {
  if (value === null) return { template: null, example: null };
  if (Array.isArray(value)) {
    if (value.length === 0) return { template: MatchersV3.like([]), example: [] };
    return arrayTemplate(value, value.map(inferred));
  }
  if (typeof value === 'object') {
    const template: Record<string, Template> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      template[key] = key === '@odata.type' ? MatchersV3.equal(child) : inferred(child).template;
    }
    return { template, example: value };
  }
  return { template: MatchersV3.like(value), example: value };
}

function validPrimitive(value: unknown, name: EdmPrimitive): boolean {
  // A String that is a type name (`"String"`) is a placeholder, not an example.
  if ((name === 'Edm.String' || name === 'Edm.Stream') && typeof value === 'string' && isPlaceholder(value)) return false;
  return isEdmValue(value, name);
}

/** A deterministic example of the type, seeded by the JSON path so that values differ by field. */
function replacement(value: unknown, name: EdmPrimitive, path: string, context: DeriveContext): unknown {
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
