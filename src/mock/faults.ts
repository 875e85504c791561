/**
 * Fault injection for the mock, off by default. A run picks a mode (and a rate); a single request
 * can ask for one with the `x-graph-contracts-fault` header. Choices are drawn from a seeded PRNG
 * so that a failing run can be reproduced, and every injected fault is logged with the JSON path
 * it touched, so that tests can check the verification reports the same path.
 */
export const FAULT_MODES = [
  'drop-field',
  'change-type',
  'break-format',
  'add-field',
  'wrong-status',
  'throttle',
  'server-error',
  'latency',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultConfig {
  mode: FaultMode;
  /** Share of requests affected, 0..1 (default 1). */
  rate?: number;
  /** Delay for `latency`, in ms (default 200). */
  latencyMs?: number;
  /** Seconds in the `Retry-After` of `throttle` (default 1). */
  retryAfterSeconds?: number;
}

export interface InjectedFault {
  mode: FaultMode;
  method: string;
  path: string;
  /** JSONPath of the field touched (`$.id`), for body faults. */
  field: string | null;
}

export const FAULT_HEADER = 'x-graph-contracts-fault';

export function parseFaultMode(value: string): FaultMode | null {
  return (FAULT_MODES as readonly string[]).includes(value) ? (value as FaultMode) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

interface Field {
  path: string;
  parent: Record<string, unknown>;
  key: string;
  value: unknown;
}

/** Every property of the body (objects and the first item of arrays), `@`-keys excluded. */
function fields(body: unknown): Field[] {
  const found: Field[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (node.length > 0) walk(node[0], `${path}[0]`);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key.startsWith('@') || key.includes('@odata.')) continue;
        const childPath = /^[A-Za-z_]\w*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
        found.push({ path: childPath, parent: node as Record<string, unknown>, key, value });
        walk(value, childPath);
      }
    }
  };
  walk(body, '$');
  return found;
}

/**
 * Applies a body fault in place; returns the JSONPath touched, or null when the body offers no
 * field the mode can touch (then the fault is not injected).
 */
export function applyBodyFault(mode: FaultMode, body: unknown, random: () => number): string | null {
  const all = fields(body);
  const pick = (candidates: Field[]): Field | null => (candidates.length === 0 ? null : candidates[Math.floor(random() * candidates.length)]!);
  switch (mode) {
    case 'drop-field': {
      const field = pick(all.filter((f) => f.value !== null));
      if (!field) return null;
      delete field.parent[field.key];
      return field.path;
    }
    case 'change-type': {
      const field = pick(all.filter((f) => ['string', 'number', 'boolean'].includes(typeof f.value)));
      if (!field) return null;
      field.parent[field.key] = typeof field.value === 'string' ? 12345 : String(field.value);
      return field.path;
    }
    case 'break-format': {
      // Dates first: the docs always type them (DateTimeOffset), while an id is often untyped.
      const dates = all.filter((f) => typeof f.value === 'string' && DATE.test(f.value));
      const field = pick(dates.length > 0 ? dates : all.filter((f) => typeof f.value === 'string' && UUID.test(f.value)));
      if (!field) return null;
      field.parent[field.key] = UUID.test(field.value as string) ? 'not-a-uuid' : 'not-a-date';
      return field.path;
    }
    case 'add-field': {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
      (body as Record<string, unknown>)['undocumentedField'] = 'added by fault injection';
      return '$.undocumentedField';
    }
    default:
      return null;
  }
}
