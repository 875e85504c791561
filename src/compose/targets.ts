/**
 * The one place a verification target is chosen, checked and started, for the CLI (`--target`,
 * `--states-url`) and the serverless handler (`GRAPH_CONTRACTS_TARGET`, `GRAPH_CONTRACTS_STATES_URL`):
 * `mock` (the built-in mock, started in-process from the docs' contract model), `live` (the live
 * Graph, configured from the environment) or the base URL of a running provider.
 */
import type { ContractModel } from '../contract/model';
import { unreachableReason } from '../internal/reachability';
import { LiveConfigError, readLiveConfig, type LiveConfig } from '../live/config';
import type { LiveTarget, LiveTargetOptions } from '../live/target';
import type { FaultConfig, InjectedFault } from '../mock/faults';
import { startMock, type RunningMock } from '../mock/server';
import { urlTarget, type Target } from '../provider/verify';

export type TargetChoice = { kind: 'mock' } | { kind: 'live'; config: LiveConfig } | { kind: 'url'; baseUrl: string; statesUrl?: string };

/**
 * The target `setting` names (`source` says where it was given, for the message): the live
 * configuration is read from `env` when it is `live`; `statesUrl` is kept for a URL target only
 * (the mock serves its own provider states, the live target sets them up itself).
 */
export function chooseTarget(setting: string, source: string, options: { statesUrl?: string | undefined; env?: NodeJS.ProcessEnv } = {}): { choice: TargetChoice } | { error: string } {
  if (setting === 'mock') return { choice: { kind: 'mock' } };
  if (setting === 'live') {
    try {
      return { choice: { kind: 'live', config: readLiveConfig(options.env ?? process.env) } };
    } catch (error) {
      if (error instanceof LiveConfigError) return { error: error.message };
      throw error;
    }
  }
  if (/^https?:\/\//.test(setting)) return { choice: { kind: 'url', baseUrl: setting, ...(options.statesUrl ? { statesUrl: options.statesUrl } : {}) } };
  return { error: `${source} must be "mock", "live" or an http(s) URL, not "${setting}".` };
}

/** How long a URL target may take to accept a connection when no request timeout is given. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * For a URL target, the first of its URLs (base, then provider states) that cannot be reached,
 * and why: one clear error for a provider that is not there, rather than a failure per interaction.
 */
export async function unreachableUrl(choice: TargetChoice, timeoutMs: number = DEFAULT_CONNECT_TIMEOUT_MS): Promise<{ which: 'baseUrl' | 'statesUrl'; url: string; reason: string } | null> {
  if (choice.kind !== 'url') return null;
  for (const which of ['baseUrl', 'statesUrl'] as const) {
    const url = choice[which];
    const reason = url ? await unreachableReason(url, timeoutMs) : null;
    if (url && reason) return { which, url, reason };
  }
  return null;
}

export interface TargetSetup {
  /** The contract model the mock serves (asked for only when the target is the mock). */
  model: () => ContractModel;
  faults?: FaultConfig;
  seed?: number;
  /** The live target's options besides its configuration (required for the live target). */
  live?: Omit<LiveTargetOptions, 'config'>;
}

/** Starts the chosen target; `live` is the same target when it is the live one (its cleanup and objects left). */
export async function startTarget(choice: TargetChoice, setup: TargetSetup): Promise<{ target: Target; live: LiveTarget | null }> {
  switch (choice.kind) {
    case 'mock':
      return { target: await mockTarget(setup.model(), { ...(setup.faults ? { faults: setup.faults } : {}), ...(setup.seed !== undefined ? { seed: setup.seed } : {}) }), live: null };
    case 'url':
      return { target: urlTarget(choice.baseUrl, choice.statesUrl), live: null };
    case 'live': {
      if (!setup.live) throw new Error('Internal error: the live target was chosen without its options.');
      // Loaded on use: Microsoft's identity library is for live runs only.
      const { liveTarget } = await import('../live/target');
      const live = liveTarget({ ...setup.live, config: choice.config });
      return { target: live, live };
    }
  }
}

export async function mockTarget(model: ContractModel, options: { faults?: FaultConfig; seed?: number } = {}): Promise<Target & { faults: InjectedFault[] }> {
  const mock = await startMock({ model, ...options });
  const lanes: RunningMock[] = [];
  return {
    name: 'mock',
    baseUrl: mock.url,
    statesUrl: mock.statesUrl,
    // Faults injected by the mock and by every lane's instance of it.
    get faults() {
      return [mock, ...lanes].flatMap((m) => m.faults);
    },
    lane: async () => {
      const instance = await startMock({ model, ...options });
      lanes.push(instance);
      return { baseUrl: instance.url, statesUrl: instance.statesUrl, tap: instance.tap, close: instance.close };
    },
    close: mock.close,
  };
}
