/**
 * Typed matchers for a documented resource type on their own: for interactions the docs do not
 * show (the app's own create body, a response the app stubs). The rules are the consumer tests'
 * (src/pact/matchers.ts): each field is matched by its documented type.
 */
import type { ResourceType, TypeRef } from '../contract/model';
import { deriveBody, type Template } from '../pact/matchers';
import { propertiesOf, type TypeLookup } from '../contract/types';
import { UndocumentedPropertyError, UnknownTypeError } from './errors';

export interface MatchersForOptions {
  /** Match properties the type does not document by their JSON type instead of failing (default false). */
  allowUndocumented?: boolean;
}

/** `user`, `microsoft.graph.user` or `#microsoft.graph.user` → the documented type. */
export function resolveType(name: string, types: Record<string, ResourceType>): ResourceType {
  const bare = name.trim().replace(/^#/, '').toLowerCase();
  const found = types[bare] ?? types[`microsoft.graph.${bare}`];
  if (found) return found;
  const short = bare.split('.').pop() ?? bare;
  const suggestions = Object.values(types)
    .map((t) => t.name)
    .filter((n) => n.toLowerCase().split('.').pop()!.includes(short) || short.includes(n.toLowerCase().split('.').pop()!))
    .sort((a, b) => a.length - b.length)
    .slice(0, 5);
  throw new UnknownTypeError(name, suggestions);
}

/** The pact-js matcher template for `value` as a documented `typeName` (an array: a collection of it). */
export function typedMatchers(typeName: string, value: unknown, types: Record<string, ResourceType>, lookup: TypeLookup, options: MatchersForOptions = {}): Template {
  const type = resolveType(typeName, types);
  const element: TypeRef = type.kind === 'enum' ? { kind: 'enum', name: type.name, members: type.members } : { kind: 'complex', name: type.name };
  const ref: TypeRef = Array.isArray(value) ? { kind: 'collection', of: element } : element;
  if (!options.allowUndocumented) {
    const undocumented: string[] = [];
    findUndocumented(value, ref, lookup, '$', undocumented);
    if (undocumented.length > 0) throw new UndocumentedPropertyError(type.name, undocumented, type.source);
  }
  return deriveBody(value, ref, lookup).template;
}

function findUndocumented(value: unknown, type: TypeRef, lookup: TypeLookup, path: string, found: string[]): void {
  if (type.kind === 'collection') {
    if (Array.isArray(value)) value.forEach((item, i) => findUndocumented(item, type.of, lookup, `${path}[${i}]`, found));
    return;
  }
  if (type.kind !== 'complex' || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const record = value as Record<string, unknown>;
  // A derived type named by the value itself documents its own extra properties.
  const declared = typeof record['@odata.type'] === 'string' ? (record['@odata.type'] as string).replace(/^#/, '') : type.name;
  const documented = lookup.get(declared) ?? lookup.get(type.name);
  // Open types (event, for one) may carry extension properties on the wire, but a name the type
  // does not document in a test's own value is far more often a typo: allowUndocumented opts out.
  if (!documented) return;
  const properties = propertiesOf(documented.name, lookup);
  if (properties.size === 0) return;
  for (const [key, child] of Object.entries(record)) {
    if (key.startsWith('@') || key.includes('@odata.')) continue;
    const childType = properties.get(key.toLowerCase());
    if (!childType) found.push(`${path}.${key}`);
    else findUndocumented(child, childType, lookup, `${path}.${key}`, found);
  }
}
