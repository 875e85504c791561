/**
 * Typed bodies → Pact V4 matching rules: the shape src/contract/typed-body.ts reads for every
 * value (its documented type, its example with placeholders replaced), written as pact-js
 * matchers. The reading itself, and why, is there; this module only speaks Pact.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { TypeRef } from '../contract/model';
import { typeBody, type Shape } from '../contract/typed-body';
import type { TypeLookup } from '../contract/types';

/** A pact-js matcher tree or a literal JSON value. */
export type Template = unknown;

interface Derived {
  /** The body template with matchers, for the pact. */
  template: Template;
  /** The concrete example (placeholders replaced): what the client sends or should receive. */
  example: unknown;
  /** JSON paths whose example value was replaced, with the reason (for reports). */
  replaced: { path: string; from: unknown; to: unknown }[];
}

/**
 * Derives the template and example for a JSON value. `type` is the documented type when known;
 * `shape` gives property types for an object whose type is known by its properties only (the
 * request-body table).
 */
export function deriveBody(value: unknown, type: TypeRef | null, lookup: TypeLookup, shape?: Map<string, TypeRef>): Derived {
  const typed = typeBody(value, type, lookup, shape);
  return { template: toTemplate(typed.shape), example: typed.example, replaced: typed.replaced };
}

/** A shape as pact-js matchers. */
export function toTemplate(shape: Shape): Template {
  switch (shape.match) {
    case 'literal':
      return null;
    case 'object': {
      const template: Record<string, Template> = {};
      for (const [key, field] of Object.entries(shape.fields)) template[key] = toTemplate(field);
      return template;
    }
    case 'items':
      return shape.items.map(toTemplate);
    case 'eachLike':
      return MatchersV3.eachLike(toTemplate(shape.item), 1);
    case 'equal':
      return MatchersV3.equal(shape.value);
    case 'like':
      return MatchersV3.like(shape.value);
    case 'boolean':
      return MatchersV3.boolean(shape.value as boolean);
    case 'integer':
      return MatchersV3.integer(shape.value as number);
    case 'number':
      return MatchersV3.number(shape.value as number);
    case 'string':
      return MatchersV3.string(shape.value as string);
    case 'regex':
      return MatchersV3.regex(shape.pattern, shape.value);
  }
}
