/**
 * Type resolution across pages: a request-body row typed `[crossTenantUserSyncInbound](../resources/
 * crosstenantusersyncinbound.md)` is resolved through the linked resource page, when that page was
 * extracted, to its qualified name, and to an enum (with members) when the page documents an enum.
 */
import { posix } from 'node:path';
import { diagnostic, type Diagnostic } from '../contract/diagnostics';
import { BoundedMemo } from '../internal/bounded-memo';
import type { PageContract, PropertySpec, ResourceType, TypeRef } from '../contract/model';

export interface TypeRegistry {
  byName: Map<string, ResourceType>;
  byFile: Map<string, ResourceType>;
}

export function buildRegistry(pages: PageContract[]): TypeRegistry {
  const byName = new Map<string, ResourceType>();
  const byFile = new Map<string, ResourceType>();
  for (const page of pages) {
    for (const type of page.types) {
      // Some types are documented twice (the Intune pages have their own partial `user`): keep
      // the fuller definition.
      const existing = byName.get(type.name.toLowerCase());
      if (!existing || size(type) > size(existing)) byName.set(type.name.toLowerCase(), type);
    }
    const main = page.types[0];
    if (main) byFile.set(page.file.toLowerCase(), main);
  }
  inheritKeys(byName);
  return { byName, byFile };
}

/**
 * An entity type often declares no key of its own (`user` has `baseType: directoryObject`, which
 * has `baseType: entity`, which has `keyProperty: id`): walk the base chain so that every type
 * derived from an entity is an entity with the inherited key.
 */
function inheritKeys(byName: Map<string, ResourceType>): void {
  for (const type of byName.values()) {
    if (type.kind === 'enum' || type.keyProperty) continue;
    const seen = new Set<string>();
    for (let base = type.baseType; base && !seen.has(base.toLowerCase()); ) {
      seen.add(base.toLowerCase());
      const parent = byName.get(base.replace(/^#/, '').toLowerCase());
      if (!parent) break;
      if (parent.keyProperty) {
        type.keyProperty = parent.keyProperty;
        type.kind = 'entity';
        break;
      }
      base = parent.baseType;
    }
  }
}

function size(type: ResourceType): number {
  return type.properties.length + type.relationships.length + type.members.length;
}

/**
 * A type named on a page: a bare name (qualified as `microsoft.graph.x`) on a page of another
 * namespace (`Namespace: microsoft.graph.callRecords`) names that namespace's `x` when it has one
 * (callRecords' `modality` is not the root `modality`).
 */
function findByName(name: string, namespace: string | null, registry: TypeRegistry): ResourceType | undefined {
  const lower = name.toLowerCase();
  if (namespace && namespace.toLowerCase() !== 'microsoft.graph' && lower.startsWith('microsoft.graph.') && lower.indexOf('.', 16) < 0) {
    const local = registry.byName.get(`${namespace.toLowerCase()}.${lower.slice(16)}`);
    if (local) return local;
  }
  return registry.byName.get(lower);
}

/** The page file a link in `page` points to, normalised for lookup (lower case, posix). */
function linkTarget(pageFile: string, ref: string): string {
  const folder = posix.dirname(pageFile.replace(/\\/g, '/'));
  // Pages of one folder link the same few resource pages thousands of times: join once per pair.
  return linkTargets.get(`${folder}\0${ref}`, () => posix.normalize(posix.join(folder, ref.split('#')[0]!)).toLowerCase());
}

const linkTargets = new BoundedMemo<string>(100_000);

/** Resolves the property types of every page in place; reports unresolved links on API pages. */
export function resolveTypes(pages: PageContract[], registry: TypeRegistry): void {
  for (const page of pages) {
    const unresolved = new Map<string, PropertySpec>();
    const resolveAll = (properties: PropertySpec[]): void => {
      for (const property of properties) {
        property.type = resolveType(property.type, page, registry, (ref) => {
          if (!unresolved.has(ref)) unresolved.set(ref, property);
        });
      }
    };
    resolveAll(page.requestBody);
    for (const type of page.types) {
      resolveAll(type.properties);
      resolveAll(type.relationships);
    }
    if (page.kind !== 'api') continue;
    const added: Diagnostic[] = [];
    for (const [ref, property] of unresolved) {
      added.push(
        diagnostic('type_unresolved', `The type of \`${property.name}\` links to \`${ref}\`, which is not in the docs folder.`, property.source),
      );
    }
    if (added.length > 0) {
      page.diagnostics.push(...added);
      page.diagnostics.sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);
    }
  }
}

function resolveType(type: TypeRef, page: PageContract, registry: TypeRegistry, onMissing: (ref: string) => void): TypeRef {
  if (type.kind === 'collection') return { kind: 'collection', of: resolveType(type.of, page, registry, onMissing) };
  if (type.kind !== 'complex' && type.kind !== 'enum') return type;
  // A link to a `#x-values` section names an enum on that page, not the page's own type.
  const sectionLink = type.ref?.includes('#') ?? false;
  const byLink = type.ref && !sectionLink ? registry.byFile.get(linkTarget(page.file, type.ref)) : undefined;
  const found = byLink ?? (type.name ? findByName(type.name, page.namespace, registry) : undefined);
  if (!found) {
    if (type.ref && !type.ref.startsWith('#')) onMissing(type.ref);
    return type;
  }
  const ref = type.ref ? { ref: type.ref } : {};
  if (found.kind === 'enum') {
    const members = found.members.length > 0 ? found.members : type.kind === 'enum' ? type.members : [];
    return { kind: 'enum', name: found.name, members, ...ref };
  }
  return { kind: 'complex', name: found.name, ...ref };
}
