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
import { documentedPermissions, grantedPermissions, permissionSkipReason, type GrantedPermissions } from './permissions';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { documentedCreates, planKey, planStates, startStateServer, type DocumentedCreate, type StatePlan } from './states';
import { liveTokenProvider } from './token';

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
  /** Deletes what is still present and says what was created and removed. */
  cleanup(): Promise<CleanupSummary>;
}

export function liveTarget(options: LiveTargetOptions): LiveTarget {
  const { config, logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
  const tokenProvider = options.tokenProvider ?? liveTokenProvider(config.auth, { logger, ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}) });
  const calls = liveCalls({ baseUrl: config.baseUrl, tokenProvider, retry, limiter, logger, timeoutMs: options.timeoutMs ?? 30_000 });
  const created = new CreatedObjects((path) => calls.remove(path));
  const plans = new Map<string, StatePlan>();
  let creates = new Map<string, DocumentedCreate>();
  let granted: GrantedPermissions | null = null;
  let cleaned: CleanupSummary | null = null;

  /** Objects the replayed requests create (201 Created with an id) are recorded for deletion. */
  const onExchange = (exchange: Exchange): void => {
    if (READ_METHODS.has(exchange.method) || exchange.status < 200 || exchange.status >= 300) return;
    const path = exchange.path.split('?')[0]!;
    if (exchange.method === 'POST' && exchange.status === 201) {
      const id = idOf(exchange.body);
      if (id) {
        created.record(`${path}/${encodeURIComponent(id)}`, `request POST ${path}`);
        logger.debug(`recorded ${path}/${id}, created by a replayed request`);
        return;
      }
    }
    const own = created.summary().objects.some((o) => path === o.path || path.startsWith(`${o.path}/`));
    if (!own) created.noteWrite(`${exchange.method} ${path} -> ${exchange.status}`);
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
    // Pact's verifier must wait through the proxy's retries before it calls an answer missing.
    extraWaitMs: retry.maxTotalMs,
    async prepare(pacts: LoadedPact[]) {
      granted = grantedPermissions(await tokenProvider.getToken());
      logger.info(granted ? `the token is ${granted.kind === 'application' ? 'an application' : 'a delegated'} token with ${granted.scopes.length} permission(s): ${granted.scopes.join(', ') || 'none'}` : 'the token does not show its permissions (not a JWT): nothing is skipped for permissions');
      creates = documentedCreates(pacts);
    },
    skipReason(_pact: LoadedPact, interaction: PactInteraction): string | null {
      const method = interaction.request.method.toUpperCase();
      if (!READ_METHODS.has(method) && !options.allowWrites) return `it would change the tenant (${method}); live runs are read-only unless --allow-writes is given`;
      const permission = permissionSkipReason(documentedPermissions(interaction.comments?.text), granted);
      if (permission) return permission;
      const planned = planStates(interaction, creates);
      if ('reason' in planned) return planned.reason;
      if (planned.plans.length > 0 && !options.allowWrites) return `its provider state creates ${planned.plans.map((p) => p.collection).join(', ')} objects first (a write); live runs are read-only unless --allow-writes is given`;
      for (const plan of planned.plans) {
        const cannot = permissionSkipReason(plan.permissions, granted);
        if (cannot) return `its provider state creates a ${plan.collection} object first, and for that ${cannot}`;
      }
      for (const plan of planned.plans) {
        const example = (interaction.providerStates ?? []).find((s) => s.name === plan.state)?.params?.[plan.param];
        plans.set(planKey(plan.state, plan.param, String(example)), plan);
      }
      return null;
    },
    startStates: () => startStateServer({ plans, calls, created, logger }),
    granted: () => granted,
    async cleanup() {
      if (cleaned) return cleaned;
      await created.deleteAll();
      cleaned = created.summary();
      return cleaned;
    },
    async close() {
      await this.cleanup();
    },
  };
}

function idOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}
