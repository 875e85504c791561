/**
 * The mock's route table, derived from the contract model: one operation per documented example
 * (method + path pattern), classified as create / read / list / update / delete / other so that
 * the mock can behave like Graph (stateful entity sets) rather than replay examples.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { ContractModel, PropertySpec } from '../contract/model';
import { buildSpec, type InteractionSpec } from '../pact/interactions';
import { typeLookup } from '../pact/matchers';

export type OperationKind = 'create' | 'read' | 'list' | 'update' | 'delete' | 'other';

export interface Operation {
  method: string;
  kind: OperationKind;
  pattern: RegExp;
  /** Literal segments count, to prefer the most specific route. */
  specificity: number;
  /** Entity kind (singular collection name) for stateful operations. */
  entity: string | null;
  status: number;
  /** The documented response body, with typed examples (or text), null for none. */
  body: { json: unknown } | { text: string; contentType: string } | null;
  requestProperties: PropertySpec[];
  key: string;
}

export function buildRoutes(model: ContractModel): Operation[] {
  const lookup = typeLookup(model.types);
  const operations: Operation[] = [];
  for (const page of model.pages) {
    for (const pair of page.pairs) {
      const spec = buildSpec(page, pair, lookup);
      if (spec.kind !== 'interaction') continue;
      operations.push(toOperation(spec, page.requestBody));
    }
  }
  return operations.sort((a, b) => b.specificity - a.specificity);
}

function toOperation(spec: InteractionSpec, requestProperties: PropertySpec[]): Operation {
  const pathPattern = spec.request.pathExpression ?? spec.request.path;
  const segments = pathPattern.split('/');
  const last = segments[segments.length - 1] ?? '';
  const isKey = /^\$\{[^}]+\}$/.test(last);
  const collection = isKey ? segments[segments.length - 2] ?? '' : last;
  const body = spec.response.body;
  const json = body?.kind === 'json' ? MatchersV3.reify(body.template) : undefined;
  const listShaped = json !== null && typeof json === 'object' && !Array.isArray(json) && Array.isArray((json as Record<string, unknown>)['value']);
  let kind: OperationKind = 'other';
  if (isKey && spec.request.method === 'GET') kind = 'read';
  else if (isKey && (spec.request.method === 'PATCH' || spec.request.method === 'PUT')) kind = 'update';
  else if (isKey && spec.request.method === 'DELETE') kind = 'delete';
  else if (!isKey && spec.request.method === 'POST' && spec.response.status === 201) kind = 'create';
  else if (!isKey && spec.request.method === 'GET' && listShaped) kind = 'list';
  return {
    method: spec.request.method,
    kind,
    pattern: new RegExp(`^${segments.map(segmentPattern).join('/')}$`, 'i'),
    specificity: segments.filter((s) => !s.includes('${')).length,
    entity: kind === 'other' ? null : singular(collection.replace(/\(.*$/, '')),
    status: spec.response.status,
    body: body === null ? null : body.kind === 'json' ? { json } : { text: body.text, contentType: body.contentType },
    requestProperties,
    key: spec.key,
  };
}

function segmentPattern(segment: string): string {
  return segment
    .split(/(\$\{[^}]+\})/)
    .map((part) => (/^\$\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
}

/** `deviceManagementPartners` → `deviceManagementPartner`, `policies` → `policy`. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|us)$/.test(name)) return name;
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** The most specific operation for a request, or null. */
export function findOperation(operations: Operation[], method: string, path: string): { operation: Operation; params: string[] } | null {
  for (const operation of operations) {
    if (operation.method !== method) continue;
    const match = operation.pattern.exec(path);
    if (match) return { operation, params: match.slice(1) };
  }
  return null;
}
