/**
 * Lints example bodies against the documented types: the harness both tests and lints the docs.
 *
 * - Type-name placeholders (`"String"`, `"String (timestamp)"`, `"Boolean"`, `"datetime-value"`)
 *   are found in request and response bodies (info: later stages replace them with typed values).
 * - A top-level request value that contradicts the request-body table (`"isServiceProvider":
 *   "Boolean"` for a Boolean, `"partnerState": "String"` for an enumeration) is a warning.
 */
import { diagnostic, type Diagnostic } from '../contract/diagnostics';
import type { Body, EdmPrimitive, ExamplePair, PropertySpec, TypeRef } from '../contract/model';
import { edmMismatch, hasStringForm, isPlaceholder } from '../contract/edm';
import { describeType } from './type-ref';
import { isRecord } from '../internal/records';

/** Finds the source line of `key` inside a body; supplied by the page extractor, which has the text. */
export type KeyLocator = (body: Body, key: string) => number;

export function lintPair(pair: ExamplePair, requestBody: PropertySpec[], locate: KeyLocator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const typed = new Set<string>();
  const request = pair.request.body;
  if (request?.kind === 'json' && isRecord(request.value) && requestBody.length > 0) {
    // Documented properties by lower-case name, the first row winning as with a linear search.
    const specs = new Map<string, PropertySpec>();
    for (const property of requestBody) {
      const name = property.name.toLowerCase();
      if (!specs.has(name)) specs.set(name, property);
    }
    for (const [key, value] of Object.entries(request.value)) {
      const spec = specs.get(key.toLowerCase());
      if (!spec) continue;
      const problem = contradiction(value, spec.type);
      if (problem) {
        typed.add(key);
        diagnostics.push(
          diagnostic('example_type_mismatch', `\`${key}\` is documented as ${describeType(spec.type)} but the example gives ${JSON.stringify(value)}${problem}.`, {
            ...request.source,
            line: locate(request, key),
          }),
        );
      }
    }
  }
  for (const body of [request, pair.response.body]) {
    if (body?.kind !== 'json') continue;
    for (const [key, value] of placeholders(body.value)) {
      if (body === request && typed.has(key)) continue;
      diagnostics.push(
        diagnostic('placeholder_value', `\`${key}\` holds the placeholder ${JSON.stringify(value)}, not an example value.`, {
          ...body.source,
          line: locate(body, key),
        }),
      );
    }
  }
  return diagnostics;
}

/** Why `value` cannot be of `type` (a short clause), or null when it can. */
export function contradiction(value: unknown, type: TypeRef): string | null {
  if (value === null) return null;
  switch (type.kind) {
    case 'primitive':
      return primitiveContradiction(value, type.name);
    case 'enum':
      if (typeof value !== 'string') return ', not a string member';
      if (isPlaceholder(value)) return ', a placeholder, not a member';
      if (type.members.length > 0 && !type.members.some((m) => m.toLowerCase() === value.toLowerCase()) && !value.includes(',')) {
        return `, which is not one of ${type.members.map((m) => `\`${m}\``).join(', ')}`;
      }
      return null;
    case 'complex':
      return isRecord(value) ? null : ', not an object';
    case 'collection':
      return Array.isArray(value) ? null : ', not an array';
    case 'unknown':
      return null;
  }
}

function primitiveContradiction(value: unknown, name: EdmPrimitive): string | null {
  if (typeof value === 'string' && isPlaceholder(value)) {
    // A type name where a string goes is a placeholder (reported as such), not a contradiction.
    if (name === 'Edm.String' || name === 'Edm.Stream' || hasStringForm(name)) return null;
    if (name === 'Edm.Boolean') return ', a placeholder string';
  }
  const mismatch = edmMismatch(value, name);
  return mismatch === null ? null : `, ${mismatch}`;
}

/** Every `key: "placeholder"` pair in a JSON value (bodies are depth-limited by the parser). */
function placeholders(value: unknown): [string, string][] {
  const found: [string, string][] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (isPlaceholder(node)) found.push([key, node]);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
    } else if (isRecord(node)) {
      for (const k in node) if (k.charCodeAt(0) !== 0x40 /* @ */) walk(node[k], k);
    }
  };
  walk(value, '');
  return found;
}

