/**
 * The live Microsoft Graph as a verification target. It brings what replaying pacts against a
 * real tenant needs: a real token put on every request by the recording proxy (the pacts and
 * Pact's verifier only ever see the fake one), read-only replay unless writes are allowed,
 * skipping what the token's permissions cannot do, provider states that create and delete real
 * objects, bounded retries under a concurrency limit, and a record of everything created, all
 * deleted at the end, also when the run fails or is interrupted.
 */
import type { Agent } from 'node:https';
import type { PactInteraction } from '../conformance/check';
import type { TokenProvider } from '../consumer/token-provider';
import { ConcurrencyLimiter } from '../internal/limiter';
import type { Logger } from '../internal/log';
import type { LoadedPact } from '../provider/load-pacts';
import type { Exchange } from '../provider/recorder';
import type { Target } from '../provider/verify';
import type { LiveConfig } from './config';
import { CreatedObjects, type CleanupSummary } from './created-objects';
import { liveCalls } from './graph-calls';
import { readDocumentedOrigin } from '../contract/pact-comments';
import { grantedPermissions, jwtClaims, permissionSkipReason, type GrantedPermissions } from './permissions';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../internal/retry';
import { documentedCreates, locatedObject, objectPath, planKey, planStates, startStateServer, type DocumentedCreate, type StatePlan } from './states';
import { liveTokenProvider, TokenAcquisitionError } from './token';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface LiveTargetOptions {
  config: LiveConfig;
  allowWrites: boolean;
  /** Requests in flight at once, replayed and the run's own (default 4). */
  concurrency?: number;
  retry?: RetryPolicy;
  logger: Logger;
  /** Timeout of the run's own Graph calls (provider states, cleanup), ms (default 30 s). */
  timeoutMs?: number;
  /** For a token endpoint whose certificate comes from a private CA (tests). */
  httpsAgent?: Agent;
  tokenProvider?: TokenProvider;
}

export interface LiveTarget extends Target {
  granted(): GrantedPermissions | null;
  /** Paths of created objects not deleted yet. */
  present(): string[];
  /** The run is stopping: cut the run's own retry waits short. */
  stop(): void;
  /** Deletes what is still present and says what was created and removed. */
  cleanup(): Promise<CleanupSummary>;
}

export function liveTarget(options: LiveTargetOptions): LiveTarget {
  const { config, logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
  const tokenProvider = options.tokenProvider ?? liveTokenProvider(config.auth, { logger, ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  // Stopping (Ctrl-C) cuts the run's own retry waits short; deletes still run, with their own budget.
  const stopping = new AbortController();
  const calls = liveCalls({ baseUrl: config.baseUrl, tokenProvider, retry, limiter, logger, timeoutMs: options.timeoutMs ?? 30_000, signal: stopping.signal });
  const cleanupCalls = liveCalls({ baseUrl: config.baseUrl, tokenProvider, retry, limiter, logger, timeoutMs: options.timeoutMs ?? 30_000 });
  const created = new CreatedObjects((path) => cleanupCalls.remove(path));
  const plans = new Map<string, StatePlan>();
  let creates = new Map<string, DocumentedCreate>();
  let granted: GrantedPermissions | null = null;

  /**
   * Objects the replayed requests create (201 Created with an id) are recorded for deletion; a
   * write whose outcome is unknown (5xx, no answer) is noted for the summary.
   */
  const onExchange = (exchange: Exchange): void => {
    if (READ_METHODS.has(exchange.method)) return;
    const path = exchange.path.split('?')[0]!;
    if (exchange.status === 0 || exchange.status >= 500) {
      created.noteWrite(`${exchange.method} ${path} got ${exchange.status === 0 ? 'no answer' : exchange.status}: its outcome is unknown`);
      return;
    }
    if (exchange.status < 200 || exchange.status >= 300) return;
    if (exchange.method === 'POST' && exchange.status === 201) {
      const id = idOf(exchange.body);
      const at = id ? objectPath(path, id, exchange.headers) : locatedObject(path, exchange.headers);
      if (at) {
        const object = created.record(at, `request POST ${path}`);
        logger.debug(`recorded ${object.path}, created by a replayed request`);
        return;
      }
    }
    if (!created.covers(path)) created.noteWrite(`${exchange.method} ${path} -> ${exchange.status}`);
  };

  return {
    name: `live ${config.baseUrl}`,
    baseUrl: config.baseUrl,
    recorder: {
      // The request filter: the real token replaces the pact's fake one on the way out.
      extraHeaders: async () => ({ authorization: `Bearer ${await tokenProvider.getToken()}` }),
      retry,
      limiter,
      onExchange,
      logger,
    },
    // Pact's verifier must wait through all the proxy's attempts and waits before it calls an answer missing.
    extraWaitMs: (requestTimeoutMs: number) => requestTimeoutMs * retry.maxRetries + retry.maxTotalMs,
    async prepare(pacts: LoadedPact[]) {
      const token = await tokenProvider.getToken();
      const expiry = expiresAt(token);
      if (expiry !== null && expiry <= Date.now()) throw new TokenAcquisitionError(`The access token in GRAPH_ACCESS_TOKEN expired at ${new Date(expiry).toISOString()}; get a new one (or use client credentials, which are renewed).`);
      if (expiry !== null && expiry - Date.now() < 10 * 60_000) logger.warn(`the access token expires at ${new Date(expiry).toISOString()}, possibly before the run and its cleanup end`);
      granted = grantedPermissions(token);
      logger.info(granted ? `the token is ${granted.kind === 'application' ? 'an application' : 'a delegated'} token with ${granted.scopes.length} permission(s): ${granted.scopes.join(', ') || 'none'}` : 'the token does not show its permissions (not a JWT): nothing is skipped for permissions');
      creates = documentedCreates(pacts);
    },
    skipReason(_pact: LoadedPact, interaction: PactInteraction): string | null {
      const method = interaction.request.method.toUpperCase();
      if (!READ_METHODS.has(method) && !options.allowWrites) return `it would change the tenant (${method}); live runs are read-only unless --allow-writes is given`;
      const permission = permissionSkipReason(readDocumentedOrigin(interaction.comments).permissions, granted);
      if (permission) return permission;
      const planned = planStates(interaction, creates);
      if ('reason' in planned) return planned.reason;
      // Writes the run can undo: creates (a POST documented to answer 201, deleted afterwards), and
      // changes to objects the run creates itself (its provider states). Nothing else is sent.
      if (method === 'POST' && interaction.response.status !== 201) return `it is an action (POST answering ${interaction.response.status}), whose effect the run could not undo`;
      if (!READ_METHODS.has(method) && method !== 'POST' && planned.plans.length === 0) return `it changes an object the run does not create (${method} ${interaction.request.path}), which the run could not undo`;
      if (planned.plans.length > 0 && !options.allowWrites) return `its provider state creates ${planned.plans.map((p) => p.collection).join(', ')} objects first (a write); live runs are read-only unless --allow-writes is given`;
      for (const plan of planned.plans) {
        const cannot = permissionSkipReason(plan.permissions, granted);
        if (cannot) return `its provider state creates a ${plan.collection} object first, and for that ${cannot}`;
      }
      const keyed = planned.plans.map((plan) => {
        const example = (interaction.providerStates ?? []).find((s) => s.name === plan.state)?.params?.[plan.param];
        return { key: planKey(plan.state, plan.param, String(example)), plan };
      });
      // The state server knows a state by name and example value only: one such state cannot create in two collections.
      const clash = keyed.find(({ key, plan }) => plans.has(key) && plans.get(key)!.collection !== plan.collection);
      if (clash) return `its provider state "${clash.plan.state}" is also used, with the same example value, for ${plans.get(clash.key)!.collection}; the two cannot be told apart`;
      for (const { key, plan } of keyed) plans.set(key, plan);
      return null;
    },
    startStates: () => startStateServer({ plans, calls, created, logger }),
    granted: () => granted,
    present: () => created.summary().objects.filter((o) => o.state === 'present').map((o) => o.path),
    stop: () => stopping.abort(),
    async cleanup() {
      await created.deleteAll();
      return created.summary();
    },
    async close() {
      await this.cleanup();
    },
  };
}

/** `exp` of a JWT access token, in ms; null when it is not a JWT or has none. */
function expiresAt(token: string): number | null {
  const exp = jwtClaims(token)?.['exp'];
  return typeof exp === 'number' ? exp * 1000 : null;
}

function idOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}
