/**
 * Provider states against the live service. A pact interaction that reads, changes or deletes
 * one object (`GET /v1.0/groups/{id}`) comes with a state (`a group exists`, `{id}`) and a path
 * expression (`/v1.0/groups/${id}`). Against the live service the state handler creates that
 * object with the request the docs give for creating one (the documented `POST` to the same
 * collection that answers 201), returns the new id for Pact's verifier to put in the path, and
 * deletes the object again at teardown.
 */
import { createServer, type Server } from 'node:http';
import type { PactInteraction } from '../conformance/check';
import type { Logger } from '../internal/log';
import type { LoadedPact } from '../provider/load-pacts';
import type { CreatedObject, CreatedObjects } from './created-objects';
import { isGraphApiError } from '../consumer/graph-error';
import type { LiveCalls } from './graph-calls';
import { readDocumentedOrigin, type DocumentedPermissions } from '../contract/pact-comments';
import { closeServer, listenLocally } from '../internal/local-server';
import { keyParams } from '../internal/provider-states';

/** How to create what one state describes: a POST to `collection` (placeholders of earlier states filled in). */
export interface StatePlan {
  state: string;
  param: string;
  collection: string;
  body: unknown;
  /** What the documented create request needs (the token must hold one). */
  permissions: DocumentedPermissions;
}

/** A documented create request: its body and the permissions its page lists. */
export interface DocumentedCreate {
  body: unknown;
  permissions: DocumentedPermissions;
}

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** `/v1.0/groups/${id}/members` and `/v1.0/groups/123/members` both → `/v1.0/groups/*\/members`. */
function shape(path: string, values: Set<string>): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment) => (/\$\{[^}]+\}/.test(segment) || values.has(decodeURIComponent(segment)) ? '*' : segment))
    .join('/');
}

/**
 * The plans for an interaction's states, or the reason it cannot be set up. Each placeholder's
 * collection is the path expression up to (not including) the placeholder's segment.
 */
export function planStates(interaction: PactInteraction, creates: Map<string, DocumentedCreate>): { plans: StatePlan[] } | { reason: string } {
  // Only key params create objects: `@` params document the example's object for providers that
  // can set it up as shown (the mock); a state with no key (a list's seeding) needs nothing here.
  const states = (interaction.providerStates ?? []).filter((state) => Object.keys(keyParams(state.params)).length > 0);
  if (states.length === 0) return { plans: [] };
  const expression = interaction.request.generators?.path?.expression;
  if (!expression) return { reason: 'it needs a provider state, but its pact has no path expression to put the created id in' };
  const segments = expression.split('/');
  const plans: StatePlan[] = [];
  for (const state of states) {
    for (const param of Object.keys(keyParams(state.params))) {
      const index = segments.findIndex((s) => s.includes(`\${${param}}`));
      if (index < 0) return { reason: `its provider state "${state.name}" sets ${param}, which the path does not use` };
      const collection = segments.slice(0, index).join('/');
      const unfilled = [...collection.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !plans.some((p) => p.param === name));
      if (unfilled.length > 0) return { reason: `its provider state "${state.name}" creates in ${collection}, whose ${unfilled.join(', ')} no earlier state sets` };
      const create = creates.get(shape(collection, new Set()));
      if (create === undefined) return { reason: `it needs ${state.name.replace(/^an? /, 'a ').replace(/ exists$/, '')} to exist, and the docs give no create request (POST ${collection} answering 201) to make one` };
      plans.push({ state: state.name, param, collection, body: create.body, permissions: create.permissions });
    }
  }
  return { plans };
}

/** Documented create requests by collection shape: POSTs that answer 201 with a JSON body. */
export function documentedCreates(pacts: LoadedPact[]): Map<string, DocumentedCreate> {
  const creates = new Map<string, DocumentedCreate>();
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      if (interaction.request.method !== 'POST' || interaction.response.status !== 201) continue;
      const content = interaction.request.body?.content;
      if (content === undefined || content === null || typeof content !== 'object') continue;
      const values = new Set((interaction.providerStates ?? []).flatMap((s) => Object.values(keyParams(s.params))));
      const key = shape(interaction.request.generators?.path?.expression ?? interaction.request.path, values);
      if (!creates.has(key)) creates.set(key, { body: content, permissions: readDocumentedOrigin(interaction.comments).permissions });
    }
  }
  return creates;
}

export interface StateServer {
  url: string;
  /** Setup failures so far, as `state: reason`. */
  failures: string[];
  close(): Promise<void>;
}

/**
 * Serves Pact's provider-state protocol (`{state, params, action}`; setup answers the values to
 * inject). Setups of one interaction come one after another; its teardown deletes, newest first,
 * everything its setups created.
 */
export async function startStateServer(options: { plans: Map<string, StatePlan>; calls: LiveCalls; created: CreatedObjects; logger: Logger }): Promise<StateServer> {
  let current: { objects: CreatedObject[]; values: Record<string, string> } = { objects: [], values: {} };
  const failures: string[] = [];

  const setup = async (state: string, params: Record<string, unknown>): Promise<Record<string, string>> => {
    const injected: Record<string, string> = {};
    for (const [param, example] of Object.entries(keyParams(params))) {
      const plan = options.plans.get(planKey(state, param, String(example)));
      if (!plan) throw new Error(`no plan to create "${state}" (${param})`);
      const collection = plan.collection.replace(PLACEHOLDER, (whole, name: string) => current.values[name] ?? whole);
      let response;
      try {
        response = await options.calls.send({ method: 'POST', path: collection, body: plan.body });
      } catch (error) {
        // A refusal (4xx) created nothing; after a 5xx or no answer the object may exist.
        const status = isGraphApiError(error) ? error.status : null;
        if (status === null || status >= 500) options.created.noteWrite(`POST ${collection} for provider state "${state}" got ${status ?? 'no answer'}: an object may have been created`);
        throw error;
      }
      const id = (response.body as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || id === '') {
        options.created.noteWrite(`POST ${collection} for provider state "${state}" answered ${response.status} without an id`);
        throw new Error(`POST ${collection} answered ${response.status} without an id`);
      }
      current.objects.push(options.created.record(objectPath(collection, id, response.headers), `provider state "${state}"`));
      current.values[param] = id;
      injected[param] = id;
      options.logger.debug(`provider state "${state}": created ${collection}/${id}`);
    }
    return injected;
  };

  const teardown = async (): Promise<void> => {
    const { objects } = current;
    current = { objects: [], values: {} };
    for (const object of [...objects].reverse()) await options.created.delete(object);
  };

  const pending = new Set<Promise<void>>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const handled = (async () => {
        let body: { state?: string; params?: Record<string, unknown>; action?: string };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          response.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid provider state request' }));
          return;
        }
        try {
          if (body.action === 'teardown') {
            await teardown();
            response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
            return;
          }
          const injected = await setup(body.state ?? '', body.params ?? {});
          response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(injected));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          failures.push(`${body.state ?? '(no state)'}: ${reason}`);
          options.logger.warn(`provider state "${body.state ?? ''}" could not be set up: ${reason}`);
          response.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: reason }));
        }
      })();
      pending.add(handled);
      void handled.finally(() => pending.delete(handled));
    });
  });
  const url = await listenLocally(server);
  return {
    url,
    failures,
    // A set-up still running (a POST in flight) finishes and records its object before close
    // returns, so that the run's cleanup sees it.
    close: async () => {
      await Promise.allSettled([...pending]);
      await closeServer(server);
    },
  };
}

/**
 * Where a created object lives: the `Location` the service gives (same host, its path), else the
 * collection and the new id.
 */
export function objectPath(collection: string, id: string, headers: Record<string, string>): string {
  const location = headers['location'];
  if (location) {
    try {
      const path = new URL(location, 'http://placeholder').pathname;
      if (path.split('/')[1] === collection.split('/')[1] && path.endsWith(`/${encodeURIComponent(id)}`)) return path;
    } catch {
      // An unreadable Location: fall back to the collection.
    }
  }
  return `${collection}/${encodeURIComponent(id)}`;
}

/**
 * Where a created object without an `id` lives (an object keyed by another property, such as a
 * partner configuration by `tenantId`): the path of the `Location` the service gives, when it is
 * one segment below the collection it was created in; null otherwise.
 */
export function locatedObject(collection: string, headers: Record<string, string>): string | null {
  const location = headers['location'];
  if (!location) return null;
  try {
    const path = new URL(location, 'http://placeholder').pathname;
    const rest = path.slice(collection.length + 1);
    return path.toLowerCase().startsWith(`${collection.toLowerCase()}/`) && rest !== '' && !rest.includes('/') ? path : null;
  } catch {
    return null;
  }
}

export function planKey(state: string, param: string, example: string): string {
  return `${state}\u0000${param}\u0000${example}`;
}
