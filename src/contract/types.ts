/** The documented types of a contract model, looked up by name: for the pact builder, the mock and the library. */
import type { ResourceType, TypeRef } from './model';

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
