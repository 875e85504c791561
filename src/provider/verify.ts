/**
 * The verification runner: replays pacts against a target with Pact's verifier, records every
 * exchange through a proxy, judges every field with the conformance pass, and returns a report.
 *
 * Targets are an interface: the built-in mock (started in-process from the contract model) or any
 * base URL. The live Graph target (issue #5) plugs in the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInteraction, passed, strictFindings, type Verdict } from '../conformance/check';
import type { ContractModel } from '../contract/model';
import type { FaultConfig } from '../mock/faults';
import { startMock } from '../mock/server';
import { conformanceOf, REPORT_SCHEMA_VERSION, type InteractionResult, type OperationSummary, type PactResult, type VerificationReport } from '../report/model';
import { parseSearch } from '../internal/query';
import { loadPacts, type LoadedPact } from './load-pacts';
import { shardPacts, type Shard } from '../internal/shard';
import { readFileSync } from 'node:fs';
import { pactFailed, runPactVerifier, type PactVerdict } from './pact-verifier';
import { startRecorder, type Exchange } from './recorder';

/** Pact's verifier's own default request timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

export interface Target {
  name: string;
  baseUrl: string;
  statesUrl?: string;
  close(): Promise<void>;
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
  /** Verify only this shard's interactions (`--shard i/n`, see src/internal/shard.ts). */
  shard?: Shard;
}

export async function verify(options: VerifyOptions): Promise<VerificationReport> {
  const started = process.hrtime.bigint();
  const downloads = mkdtempSync(join(tmpdir(), 'graph-contracts-verify-'));
  try {
    const loaded = await loadPacts(options.pacts, downloads);
    const pacts = options.shard ? shardPacts(loaded, options.shard, downloads, (file) => JSON.parse(readFileSync(file, 'utf8'))) : loaded;
    const groups = balance(pacts, options.concurrency ?? Math.min(2, availableParallelism()));
    const results = new Map<LoadedPact, PactResult>();
    let done = 0;
    // Each group: its own recording proxy and one run of Pact's verifier over the group's files,
    // so that the groups use both cores without mixing their exchanges.
    await Promise.all(
      groups.map(async (group) => {
        const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        const recorder = await startRecorder(options.target.baseUrl, { requestTimeoutMs });
        try {
          const verdict = await runPactVerifier({
            pactFiles: group.map((p) => p.file),
            requestTimeoutMs,
            providerBaseUrl: recorder.url,
            ...(options.target.statesUrl ? { providerStatesSetupUrl: options.target.statesUrl } : {}),
          });
          const exchanges = recorder.take();
          const used = new Set<number>();
          for (const pact of group) {
            results.set(pact, judge(pact, exchanges, used, verdict, options.strict ?? false));
            options.onProgress?.(++done, pacts.length);
          }
        } finally {
          await recorder.close();
        }
      }),
    );
    const ordered = pacts.map((p) => results.get(p)!);
    markDocsConflicts(pacts, ordered);
    return buildReport(options.target.name, ordered, Number(process.hrtime.bigint() - started) / 1e6);
  } finally {
    rmSync(downloads, { recursive: true, force: true });
  }
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
      description: interaction.description,
      key: interaction.comments?.testname ?? null,
      documentedAt: /Documented at (\S+)/.exec(interaction.comments?.text?.[0] ?? '')?.[1] ?? null,
      method: interaction.request.method,
      path: exchange?.path ?? interaction.request.path,
      passed: passed(findings),
      pactPassed: !pactFailed(verdict, pact.provider, interaction.description),
      findings,
      conformance: conformanceOf(findings),
      docsConflict: null,
    };
  });
  return { file: pact.source, consumer: pact.consumer, provider: pact.provider, pactPassed: interactions.every((i) => i.pactPassed), interactions };
}

/**
 * Several documented examples can send the same request (method, path, query) yet show different
 * responses (derived types documented on separate pages under one URL): no provider can answer
 * them all. A failing interaction in such a group is marked, naming the pages involved.
 */
function markDocsConflicts(pacts: LoadedPact[], results: PactResult[]): void {
  const groups = new Map<string, { response: string; page: string; result: InteractionResult }[]>();
  pacts.forEach((pact, p) => {
    pact.interactions.forEach((interaction, i) => {
      const key = `${interaction.request.method} ${interaction.request.path} ${JSON.stringify(sortedQuery(interaction.request.query ?? {}))}`;
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
  return Object.entries(query).sort(([a], [b]) => a.localeCompare(b));
}

export function buildReport(target: string, pacts: PactResult[], durationMs: number): VerificationReport {
  const all = pacts.flatMap((p) => p.interactions);
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const finding of all.flatMap((i) => i.findings)) verdicts[finding.verdict] = (verdicts[finding.verdict] ?? 0) + 1;
  const operations = new Map<string, InteractionResult[]>();
  for (const interaction of all) {
    const operation = interaction.key?.split('#')[0] ?? interaction.description;
    const list = operations.get(operation) ?? [];
    list.push(interaction);
    operations.set(operation, list);
  }
  const operationSummaries: OperationSummary[] = [...operations].map(([operation, list]) => ({
    operation,
    interactions: list.length,
    passed: list.filter((i) => i.passed).length,
    conformance: conformanceOf(list.flatMap((i) => i.findings)),
  }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target,
    pacts,
    summary: {
      pacts: pacts.length,
      interactions: all.length,
      passed: all.filter((i) => i.passed).length,
      failed: all.filter((i) => !i.passed).length,
      disagreements: all.filter((i) => i.passed !== i.pactPassed).length,
      docsConflicts: all.filter((i) => !i.passed && i.docsConflict !== null).length,
      conformance: conformanceOf(all.flatMap((i) => i.findings)),
      verdicts,
      durationMs: Math.round(durationMs),
    },
    operations: operationSummaries,
  };
}
