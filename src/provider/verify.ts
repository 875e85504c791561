/**
 * The verification runner: replays pacts against a target with Pact's verifier, records every
 * exchange through a proxy, judges every field with the conformance pass, and returns a report.
 *
 * Targets are an interface: the built-in mock (started in-process from the contract model), any
 * base URL, or the live Graph service (src/live/target.ts), which adds auth, retries, skipping and
 * provider states of its own through the optional members.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInteraction, passed, strictFindings, type Verdict } from '../conformance/check';
import type { ContractModel } from '../contract/model';
import type { FaultConfig } from '../mock/faults';
import { startMock } from '../mock/server';
import { conformanceOf, type InteractionResult, type PactResult, type VerificationReport } from '../report/model';
import { buildReport } from '../report/build';
import { pathTemplate } from '../report/operation';

export { buildReport };
import { parseSearch } from '../internal/query';
import { loadPacts, type LoadedPact } from './load-pacts';
import { selectPacts } from './select-pacts';
import { shardPacts, type Shard } from '../internal/shard';
import { pactFailed, runPactVerifier, type PactVerdict } from './pact-verifier';
import { startRecorder, type Exchange, type RecorderOptions } from './recorder';
import type { PactInteraction } from '../conformance/check';
import type { Logger } from '../internal/log';
import { byCodeUnits } from '../internal/order';

/** Pact's verifier's own default request timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** How long one verifier run may take without retries (see pact-verifier.ts). */
const DEFAULT_VERIFIER_TIMEOUT_MS = 120_000;

export interface Target {
  name: string;
  baseUrl: string;
  statesUrl?: string;
  /** Called once with the loaded pacts, before anything is replayed. */
  prepare?(pacts: LoadedPact[]): Promise<void>;
  /** Why an interaction is not replayed against this target; null to replay it. */
  skipReason?(pact: LoadedPact, interaction: PactInteraction): string | null;
  /** Options for each verifier group's recording proxy (auth header, retries, limits, hooks). */
  recorder?: Omit<RecorderOptions, 'requestTimeoutMs'>;
  /** A provider-state server for one verifier group (groups run in parallel, each needs its own). */
  startStates?(): Promise<{ url: string; close(): Promise<void> }>;
  /** Extra time Pact's verifier waits for one answer, beyond the request timeout (the proxy's retries). */
  extraWaitMs?: (requestTimeoutMs: number) => number;
  close(): Promise<void>;
}

/** The run was stopped through its abort signal (Ctrl-C); the report is incomplete. */
export class VerificationInterrupted extends Error {
  override readonly name = 'VerificationInterrupted' as const;
}

export async function mockTarget(model: ContractModel, options: { faults?: FaultConfig; seed?: number } = {}): Promise<Target & { faults: import('../mock/faults').InjectedFault[] }> {
  const mock = await startMock({ model, ...options });
  return { name: 'mock', baseUrl: mock.url, statesUrl: mock.statesUrl, faults: mock.faults, close: mock.close };
}

export function urlTarget(baseUrl: string, statesUrl?: string): Target {
  return { name: baseUrl, baseUrl, ...(statesUrl ? { statesUrl } : {}), close: async () => undefined };
}

export interface VerifyOptions {
  pacts: string[];
  target: Target;
  /** Verifier runs in parallel (default: 2, or 1 on a single core). */
  concurrency?: number;
  /** Per-request timeout in ms, for Pact's verifier and the recording proxy alike (default 5,000). */
  requestTimeoutMs?: number;
  /** Fail undocumented fields too (stricter than Pact). */
  strict?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Debug logging includes Pact's verifier log (which only ever sees the pacts' fake token). */
  logger?: Logger;
  /** Stops the verifier processes; `verify` then rejects with VerificationInterrupted. */
  signal?: AbortSignal;
  /** Verify only this shard's interactions (`--shard i/n`, see src/internal/shard.ts). */
  shard?: Shard;
  /** Verify only the interactions these patterns select (`--only`, see src/contract/select.ts); throws SelectionError when one selects nothing. */
  only?: readonly string[];
}

export async function verify(options: VerifyOptions): Promise<VerificationReport> {
  const started = process.hrtime.bigint();
  const downloads = mkdtempSync(join(tmpdir(), 'graph-contracts-verify-'));
  try {
    const { target } = options;
    const all = await loadPacts(options.pacts, downloads);
    const chosen = options.only && options.only.length > 0 ? selectPacts(all, options.only, downloads) : all;
    const loaded = options.shard ? shardPacts(chosen, options.shard, downloads, (file) => JSON.parse(readFileSync(file, 'utf8'))) : chosen;
    // Provider states may need a create request documented in another shard: prepare sees all.
    await target.prepare?.(all);
    const { runnable, skips } = selectInteractions(loaded, target, downloads);
    const groups = balance(runnable, options.concurrency ?? Math.min(2, availableParallelism()));
    const results = new Map<LoadedPact, PactResult>();
    let done = 0;
    // Each group: its own recording proxy and one run of Pact's verifier over the group's files,
    // so that the groups use both cores without mixing their exchanges.
    await Promise.all(
      groups.map(async (group) => {
        const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        const recorder = await startRecorder(target.baseUrl, { ...target.recorder, requestTimeoutMs });
        let states: { url: string; close(): Promise<void> } | undefined;
        try {
          states = await target.startStates?.();
          const statesUrl = states?.url ?? target.statesUrl;
          const waitMs = requestTimeoutMs + (target.extraWaitMs?.(requestTimeoutMs) ?? 0);
          const interactions = group.reduce((n, p) => n + p.interactions.length, 0);
          const verdict = await runPactVerifier({
            pactFiles: group.map((p) => p.file),
            requestTimeoutMs: waitMs,
            // With retries, a group may rightly take longer than the default limit: every interaction may wait in full.
            ...(target.extraWaitMs ? { timeoutMs: Math.max(DEFAULT_VERIFIER_TIMEOUT_MS, interactions * (waitMs + requestTimeoutMs) + 30_000) } : {}),
            providerBaseUrl: recorder.url,
            ...(statesUrl ? { providerStatesSetupUrl: statesUrl } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.logger?.level === 'debug' ? { logLevel: 'debug' as const } : {}),
          });
          if (options.logger?.level === 'debug') options.logger.debug(`Pact's verifier output:\n${verdict.output}`);
          if (options.signal?.aborted) return;
          const exchanges = recorder.take();
          const used = new Set<number>();
          for (const pact of group) {
            results.set(pact, judge(pact, exchanges, used, verdict, options.strict ?? false));
            options.onProgress?.(++done, runnable.length);
          }
        } finally {
          await states?.close();
          await recorder.close();
        }
      }),
    );
    if (options.signal?.aborted) throw new VerificationInterrupted('The verification was interrupted.');
    const ordered = loaded.map((pact) => withSkips(pact, results.get(runnableOf(pact, runnable)) ?? null, skips.get(pact) ?? new Map()));
    markDocsConflicts(loaded, ordered);
    return buildReport(options.target.name, ordered, Number(process.hrtime.bigint() - started) / 1e6);
  } finally {
    rmSync(downloads, { recursive: true, force: true });
  }
}

/**
 * Splits each pact into what the target replays and what it skips (with the reason). A pact with
 * skips is replayed from a copy holding only its runnable interactions; a pact with none left is
 * not replayed at all.
 */
function selectInteractions(pacts: LoadedPact[], target: Target, dir: string): { runnable: LoadedPact[]; skips: Map<LoadedPact, Map<number, string>> } {
  const runnable: LoadedPact[] = [];
  const skips = new Map<LoadedPact, Map<number, string>>();
  pacts.forEach((pact, p) => {
    const skipped = new Map<number, string>();
    pact.interactions.forEach((interaction, i) => {
      const reason = target.skipReason?.(pact, interaction) ?? null;
      if (reason !== null) skipped.set(i, reason);
    });
    skips.set(pact, skipped);
    if (skipped.size === 0) return runnable.push(pact);
    if (skipped.size === pact.interactions.length) return;
    const json = JSON.parse(readFileSync(pact.file, 'utf8')) as { interactions: unknown[] };
    json.interactions = json.interactions.filter((_, i) => !skipped.has(i));
    const file = join(dir, `selected-${p}.json`);
    writeFileSync(file, JSON.stringify(json));
    runnable.push({ ...pact, file, interactions: pact.interactions.filter((_, i) => !skipped.has(i)), selectedFrom: pact });
  });
  return { runnable, skips };
}

function runnableOf(pact: LoadedPact, runnable: LoadedPact[]): LoadedPact {
  return runnable.find((r) => r === pact || r.selectedFrom === pact) ?? pact;
}

/** A pact's results in its own order: replayed interactions judged, skipped ones with their reason. */
function withSkips(pact: LoadedPact, replayed: PactResult | null, skipped: Map<number, string>): PactResult {
  const judged = [...(replayed?.interactions ?? [])];
  const interactions = pact.interactions.map((interaction, i): InteractionResult => {
    const reason = skipped.get(i);
    if (reason === undefined) return judged.shift()!;
    return {
      ...identityOf(interaction),
      path: interaction.request.path,
      passed: true,
      pactPassed: true,
      skipped: reason,
      findings: [],
      conformance: 1,
      docsConflict: null,
    };
  });
  return pactResult(pact, interactions);
}

/** What names an interaction in a report: its description, test name, documented place and method. */
function identityOf(interaction: PactInteraction): Pick<InteractionResult, 'description' | 'key' | 'documentedAt' | 'method' | 'template'> {
  return {
    description: interaction.description,
    key: interaction.comments?.testname ?? null,
    documentedAt: /Documented at (\S+)/.exec(interaction.comments?.text?.[0] ?? '')?.[1] ?? null,
    method: interaction.request.method,
    template: pathTemplate(interaction.request.path, interaction.request.generators?.path),
  };
}

function pactResult(pact: LoadedPact, interactions: InteractionResult[]): PactResult {
  return { file: pact.source, consumer: pact.consumer, provider: pact.provider, pactPassed: interactions.every((i) => i.pactPassed), interactions };
}

/** Field-level verdicts for one pact's interactions, from the exchanges its verifier run produced. */
function judge(pact: LoadedPact, exchanges: Exchange[], used: Set<number>, verdict: PactVerdict, strict: boolean): PactResult {
  const interactions = pact.interactions.map((interaction, i): InteractionResult => {
    const exchange = pickExchange(exchanges, used, i, interaction.request);
    const checked = exchange
      ? checkInteraction(interaction, { status: exchange.status, headers: exchange.headers, body: exchange.body })
      : null;
    const findings = checked ? (strict ? strictFindings(checked) : checked) : [{ path: 'status', verdict: 'status_mismatch' as Verdict, expected: String(interaction.response.status), actual: '(no response recorded)', severity: 'error' as const }];
    return {
      ...identityOf(interaction),
      path: exchange?.path ?? interaction.request.path,
      passed: passed(findings),
      pactPassed: !pactFailed(verdict, pact.provider, interaction.description),
      skipped: null,
      findings,
      conformance: conformanceOf(findings),
      docsConflict: null,
    };
  });
  return pactResult(pact, interactions);
}

/**
 * Several documented examples can send the same concrete request (method, path, query, body) in
 * the same provider state yet show different responses: no provider can answer them all. A
 * failing interaction in such a group is marked, naming the pages involved. Examples whose states
 * set up different objects (derived types under one URL template) are not in conflict.
 */
function markDocsConflicts(pacts: LoadedPact[], results: PactResult[]): void {
  const groups = new Map<string, { response: string; page: string; result: InteractionResult }[]>();
  pacts.forEach((pact, p) => {
    pact.interactions.forEach((interaction, i) => {
      const { request } = interaction;
      const key = JSON.stringify([request.method, request.path, sortedQuery(request.query ?? {}), request.body?.content ?? null, interaction.providerStates ?? []]);
      const result = results[p]!.interactions[i]!;
      const entry = { response: JSON.stringify([interaction.response.status, interaction.response.body?.content ?? null]), page: result.key?.split('#')[0] ?? pact.source, result };
      const group = groups.get(key) ?? [];
      group.push(entry);
      groups.set(key, group);
    });
  });
  for (const entries of groups.values()) {
    if (new Set(entries.map((e) => e.response)).size < 2) continue;
    const pages = [...new Set(entries.map((e) => e.page))].sort();
    for (const entry of entries) if (!entry.result.passed) entry.result.docsConflict = { examples: entries.length, pages };
  }
}

/** Splits pacts into `count` groups of about the same number of interactions (largest first). */
function balance(pacts: LoadedPact[], count: number): LoadedPact[][] {
  const groups: { pacts: LoadedPact[]; size: number }[] = Array.from({ length: Math.max(1, Math.min(count, pacts.length)) }, () => ({ pacts: [], size: 0 }));
  for (const pact of [...pacts].sort((a, b) => b.interactions.length - a.interactions.length)) {
    const smallest = groups.reduce((a, b) => (b.size < a.size ? b : a));
    smallest.pacts.push(pact);
    smallest.size += pact.interactions.length;
  }
  return groups.map((g) => g.pacts).filter((g) => g.length > 0);
}

/**
 * The exchange that answered an interaction: the first unused one with the same method and path
 * (provider-state values are injected as documented, so paths match), else the one at the same
 * position, since Pact's verifier replays a file's interactions in order.
 */
function pickExchange(exchanges: Exchange[], used: Set<number>, index: number, request: { method: string; path: string; query?: Record<string, string[]> }): Exchange | null {
  const wanted = JSON.stringify(sortedQuery(request.query ?? {}));
  const sameRequest = (e: Exchange): boolean => {
    const [path, search = ''] = e.path.split('?');
    return e.method === request.method && path === request.path && JSON.stringify(sortedQuery(parseSearch(search))) === wanted;
  };
  let found = exchanges.findIndex((e, i) => !used.has(i) && sameRequest(e));
  if (found < 0 && !used.has(index) && exchanges[index]?.method === request.method) found = index;
  if (found < 0) return null;
  used.add(found);
  return exchanges[found]!;
}

function sortedQuery(query: Record<string, string[]>): [string, string[]][] {
  return Object.entries(query).sort(([a], [b]) => byCodeUnits(a, b));
}
