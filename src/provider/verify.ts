/**
 * The verification runner: replays pacts against a target with Pact's verifier, records every
 * exchange through a proxy, judges every field with the conformance pass, and returns the results
 * per pact and interaction (data: the caller builds the report, see src/compose/verification.ts).
 *
 * Targets are an interface: a running provider's base URL (and provider-state URL), which the
 * caller starts (the built-in mock: src/compose/targets.ts), or the live Graph service
 * (src/live/target.ts), which adds auth, retries, skipping and provider states of its own through
 * the optional members.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInteraction, noAnswer, passed, strictFindings } from '../conformance/check';
import { readDocumentedOrigin } from '../contract/pact-comments';
import { conformanceOf, type InteractionResult, type PactResult } from '../report/model';
import { pathTemplate } from '../report/operation';
import { parseSearch } from '../internal/query';
import { loadPacts, type LoadedPact } from './load-pacts';
import { selectPacts } from './select-pacts';
import { shardPacts, type Shard } from '../internal/shard';
import { pactFailed, placeTag, runPactVerifier, type PactVerdict } from './pact-verifier';
import { startRecorder, tapRecorder, type Exchange, type ExchangeTap, type RecorderOptions } from './recorder';
import type { PactInteraction } from '../conformance/check';
import type { Logger } from '../internal/log';
import { byCodeUnits } from '../internal/order';
import { GraphContractsError } from '../internal/errors';

/** Pact's verifier's own default request timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/**
 * Interactions per pact file given to Pact's verifier. Its cost per interaction grows with the size
 * of the file it reads (one file of 649 interactions: 60.7 s; the same split into 13 files of 50:
 * 8.0 s), so large pacts are replayed from chunks of this size, which keeps it linear. Smaller
 * still is cheaper (corpus, CPU of the verifier processes: chunks of 50, 9.2-11.5 s; 25, 8.4-8.9 s;
 * 10, 7.8-8.1 s; 5, 7.5-8.0 s; 1, 7.5 s with more CPU in the parent for the files): 10.
 */
const CHUNK_SIZE = 10;
/** How much longer Pact's verifier waits for an answer than the proxy does (see replayBatch). */
const PROXY_HOP_MARGIN_MS = 2_000;
/**
 * Interactions per run of Pact's verifier: enough to spread its start-up cost (about 0.25 s of CPU
 * for Node, pact-core and the Rust runtime), few to replay again after a stall.
 */
const MAX_BATCH = 1_000;
const MIN_BATCH = 50;

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
  /**
   * An independent instance for one parallel lane (the mock: its own objects), so that lanes
   * replaying at the same time never see each other's objects. Without it, lanes share the target.
   */
  lane?(): Promise<{ baseUrl: string; statesUrl?: string; tap?: ExchangeTap; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** The run was stopped through its abort signal (Ctrl-C); the report is incomplete. */
export class VerificationInterrupted extends GraphContractsError {
  override readonly name = 'VerificationInterrupted' as const;
  readonly code = 'verification_interrupted' as const;
}

export function urlTarget(baseUrl: string, statesUrl?: string): Target {
  return { name: baseUrl, baseUrl, ...(statesUrl ? { statesUrl } : {}), close: async () => undefined };
}

export interface VerifyOptions {
  pacts: string[];
  target: Target;
  /** Verifier runs in parallel, each in its own lane (default: cores + 1 for the mock, else 2, or 1 on a single core). */
  concurrency?: number;
  /** Per-request timeout in ms, for Pact's verifier and the recording proxy alike (default 5,000). */
  requestTimeoutMs?: number;
  /** Fail undocumented fields too (stricter than Pact). */
  strict?: boolean;
  /** Called as interactions are judged: how many of the `total` replayed ones are done. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Stop a run of Pact's verifier that made no progress (no output, no exchange) for this long, in
   * ms; the interaction it stalled on fails and the others are replayed without it. Default: twice
   * the time one interaction may take (its provider state, its request and retries); a new
   * verifier process has a start-up allowance on top.
   */
  stallTimeoutMs?: number;
  /** Debug logging includes Pact's verifier log (which only ever sees the pacts' fake token). */
  logger?: Logger;
  /** Stops the verifier processes; `verify` then rejects with VerificationInterrupted. */
  signal?: AbortSignal;
  /** Verify only this shard's interactions (`--shard i/n`, see src/internal/shard.ts). */
  shard?: Shard;
  /** Verify only the interactions these patterns select (`--only`, see src/contract/select.ts); throws SelectionError when one selects nothing. */
  only?: readonly string[];
}

/** What `verify` found: each pact's results, in the order the pacts were given. */
export interface VerificationResults {
  pacts: PactResult[];
  durationMs: number;
}

export async function verify(options: VerifyOptions): Promise<VerificationResults> {
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
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const waitMs = requestTimeoutMs + (target.extraWaitMs?.(requestTimeoutMs) ?? 0);
    // Pact's verifier only calls our proxy over http: an empty trust store saves it most of its time (see trustStoreEnv).
    const emptyTrustStore = { file: join(downloads, 'empty-trust-store.pem'), dir: join(downloads, 'empty-trust-store') };
    writeFileSync(emptyTrustStore.file, '');
    mkdirSync(emptyTrustStore.dir);
    const replay: Replay = {
      target,
      dir: downloads,
      files: 0,
      requestTimeoutMs,
      waitMs,
      // One interaction may wait for its provider state and its request in full.
      stallTimeoutMs: options.stallTimeoutMs ?? 2 * (waitMs + requestTimeoutMs),
      emptyTrustStore,
      strict: options.strict ?? false,
      results: new Map(),
      done: 0,
      total: runnable.reduce((n, p) => n + p.interactions.length, 0),
      options,
    };
    const items = runnable.flatMap((pact) => pact.interactions.map((interaction, index) => ({ pact, index, interaction })));
    const laneCount = Math.max(1, options.concurrency ?? defaultLanes(target));
    const batches = batchesOf(items, laneCount);
    let next = 0;
    // Lanes replay batches from one queue, each lane with its own instance of the target (when the
    // target has lanes), provider-state server and recording proxy, so that they use every core
    // without mixing their exchanges or objects.
    await Promise.all(
      Array.from({ length: Math.min(laneCount, batches.length) }, async () => {
        const lane = await target.lane?.();
        let states: { url: string; close(): Promise<void> } | undefined;
        try {
          states = await target.startStates?.();
          const where = { baseUrl: lane?.baseUrl ?? target.baseUrl, statesUrl: states?.url ?? lane?.statesUrl ?? target.statesUrl, tap: lane?.tap };
          for (let batch = batches[next++]; batch && !options.signal?.aborted; batch = batches[next++]) await replayBatch(batch, where, replay);
        } finally {
          await states?.close();
          await lane?.close();
        }
      }),
    );
    if (options.signal?.aborted) throw new VerificationInterrupted('The verification was interrupted.');
    const judged = new Map(runnable.map((pact) => [pact, pactResult(pact, pact.interactions.map((_, i) => replay.results.get(pact)![i]!))]));
    const ordered = loaded.map((pact) => withSkips(pact, judged.get(runnableOf(pact, runnable)) ?? null, skips.get(pact) ?? new Map()));
    markDocsConflicts(loaded, ordered);
    return { pacts: ordered, durationMs: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    rmSync(downloads, { recursive: true, force: true });
  }
}

/**
 * Lanes when the caller gives none. A target with lanes of its own (the mock) answers from this
 * process: each verifier waits for it between requests, so one lane more than cores keeps both
 * cores busy (corpus on 2 cores, alternated: 3 lanes 10.0 s and 10.9 s wall against 14.1 s and
 * 13.2 s with 2, for about the same CPU). Others keep 2 (live Graph: fewer requests in flight).
 */
function defaultLanes(target: Target): number {
  return target.lane ? availableParallelism() + 1 : Math.min(2, availableParallelism());
}

/** One interaction to replay: its (runnable) pact and its place there. */
interface Item {
  pact: LoadedPact;
  index: number;
  interaction: PactInteraction;
}

/** What every run of the verifier in one `verify` shares. */
interface Replay {
  target: Target;
  dir: string;
  /** Chunk files written so far (for unique names). */
  files: number;
  requestTimeoutMs: number;
  waitMs: number;
  stallTimeoutMs: number;
  emptyTrustStore: { file: string; dir: string };
  strict: boolean;
  /** Each runnable pact's interaction results, by index. */
  results: Map<LoadedPact, InteractionResult[]>;
  done: number;
  total: number;
  options: VerifyOptions;
}

/**
 * The interactions in runs of the verifier: about two runs per lane (lanes take them from one
 * queue, so they finish together), each within MIN_BATCH..MAX_BATCH interactions so that a
 * run's start-up is spread and a stalled run is cheap to replay.
 */
function batchesOf(items: Item[], lanes: number): Item[][] {
  const size = Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(items.length / (lanes * 2))));
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * One run of Pact's verifier over a batch, from chunk files of at most CHUNK_SIZE interactions,
 * through a recording proxy of its own. When the run stalls, the interaction it stalled on fails
 * alone, and the rest of the batch is replayed again without it.
 */
async function replayBatch(items: Item[], where: { baseUrl: string; statesUrl: string | undefined; tap: ExchangeTap | undefined }, replay: Replay): Promise<void> {
  if (items.length === 0) return;
  const { options, target } = replay;
  let lastExchange = 0;
  const onExchange = target.recorder?.onExchange;
  // A lane that reports its own answers is called directly, unless the target needs the proxy (auth, retries, hooks).
  const tap = target.recorder ? undefined : where.tap;
  const recorder = tap
    ? tapRecorder(where.baseUrl, tap, { requestTimeoutMs: replay.requestTimeoutMs, onExchange: () => void (lastExchange = Date.now()) })
    : await startRecorder(where.baseUrl, {
        ...target.recorder,
        requestTimeoutMs: replay.requestTimeoutMs,
        onExchange: (exchange, requestBody) => {
          lastExchange = Date.now();
          onExchange?.(exchange, requestBody);
        },
      });
  let verdict: PactVerdict;
  let exchanges: Exchange[];
  try {
    verdict = await runPactVerifier({
      pactFiles: writeChunks(items, replay),
      // The proxy judges slowness (past the request timeout it answers 504, which Pact fails too);
      // Pact's own clock starts earlier, on the far side of the proxy, so under load it could run
      // out first on an answer the proxy still recorded in time: a disagreement made by the hop.
      requestTimeoutMs: replay.waitMs + PROXY_HOP_MARGIN_MS,
      providerBaseUrl: recorder.url,
      ...(where.statesUrl ? { providerStatesSetupUrl: where.statesUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.logger?.level === 'debug' ? { logLevel: 'debug' as const } : {}),
      stallTimeoutMs: replay.stallTimeoutMs,
      lastActivity: () => lastExchange,
      emptyTrustStore: replay.emptyTrustStore,
      // A tapped lane (the built-in mock) tears each interaction's states down itself.
      ...(tap ? { stateTeardowns: false } : {}),
    });
  } finally {
    // Taken before closing: closing ends requests still in flight (the one a stalled run waits on).
    exchanges = recorder.take();
    await recorder.close();
  }
  if (options.logger?.level === 'debug') options.logger.debug(`Pact's verifier output:\n${verdict.output}`);
  if (options.signal?.aborted) return;
  if (!verdict.stalled) {
    const answered = assignExchanges(items, exchanges);
    items.forEach((item, position) => record(item, judge(item, answered[position] ?? null, !pactFailed(verdict, position), replay.strict), replay));
    return;
  }
  const stuck = stalledOn(items, exchanges);
  options.logger?.info(`Pact's verifier made no progress for ${Math.round(replay.stallTimeoutMs / 1000)} s at "${stuck.interaction.description}" (${stuck.pact.provider}): it fails, the other ${items.length - 1} interactions of its run are replayed again`);
  record(stuck, stalledResult(stuck, replay.stallTimeoutMs), replay);
  await replayBatch(
    items.filter((item) => item !== stuck),
    where,
    replay,
  );
}

function record(item: Item, result: InteractionResult, replay: Replay): void {
  const results = replay.results.get(item.pact) ?? [];
  results[item.index] = result;
  replay.results.set(item.pact, results);
  replay.options.onProgress?.(++replay.done, replay.total);
}

/** The batch as pact files of at most CHUNK_SIZE interactions, one pact's consecutive interactions each, in order. */
function writeChunks(items: Item[], replay: Replay): string[] {
  const chunks: Item[][] = [];
  for (const item of items) {
    const last = chunks[chunks.length - 1];
    if (last && last[0]!.pact === item.pact && last.length < CHUNK_SIZE) last.push(item);
    else chunks.push([item]);
  }
  const documents = new Map<string, Record<string, unknown>>();
  let position = 0;
  return chunks.map((chunk) => {
    const source = chunk[0]!.pact.file;
    const document = documents.get(source) ?? (JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>);
    documents.set(source, document);
    const file = join(replay.dir, `chunk-${replay.files++}.json`);
    // Each description carries its place in the run, so that Pact's report names it without doubt.
    const interactions = chunk.map((item) => ({ ...item.interaction, description: `${item.interaction.description}${placeTag(position++)}` }));
    writeFileSync(file, JSON.stringify({ ...document, interactions }));
    return file;
  });
}

/**
 * The interaction a stalled run was on: Pact's verifier replays in order, so it is the one after
 * the last interaction whose request reached the proxy.
 */
function stalledOn(items: Item[], exchanges: Exchange[]): Item {
  const matched = exactMatches(items, exchanges);
  const last = matched.reduce((found, exchange, position) => (exchange >= 0 ? position : found), -1);
  return items[Math.min(last + 1, items.length - 1)]!;
}

function stalledResult(item: Item, stallTimeoutMs: number): InteractionResult {
  const findings = [noAnswer(item.interaction.response.status, `no answer: Pact's verifier made no progress on this interaction for ${Math.round(stallTimeoutMs / 1000)} s and was stopped; the others were replayed without it`)];
  return { ...identityOf(item.interaction), path: item.interaction.request.path, passed: false, pactPassed: false, skipped: null, findings, conformance: conformanceOf(findings), docsConflict: null };
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
function identityOf(interaction: PactInteraction): Pick<InteractionResult, 'description' | 'key' | 'source' | 'method' | 'template'> {
  const origin = readDocumentedOrigin(interaction.comments);
  return {
    description: interaction.description,
    key: origin.key,
    source: origin.source,
    method: interaction.request.method,
    template: pathTemplate(interaction.request.path, interaction.request.generators?.path),
  };
}

function pactResult(pact: LoadedPact, interactions: InteractionResult[]): PactResult {
  return { file: pact.source, consumer: pact.consumer, provider: pact.provider, pactPassed: interactions.every((i) => i.pactPassed), interactions };
}

/** The field-level verdict for one interaction, from the exchange that answered it, and Pact's. */
function judge(item: Item, exchange: Exchange | null, pactPassed: boolean, strict: boolean): InteractionResult {
  const { interaction } = item;
  const checked = exchange ? checkInteraction(interaction, { status: exchange.status, headers: exchange.headers, body: exchange.body }) : null;
  const findings = checked ? (strict ? strictFindings(checked) : checked) : [noAnswer(interaction.response.status, 'no response recorded')];
  return {
    ...identityOf(interaction),
    path: exchange?.path ?? interaction.request.path,
    passed: passed(findings),
    pactPassed,
    skipped: null,
    findings,
    conformance: conformanceOf(findings),
    docsConflict: null,
  };
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

/**
 * The exchange that answered each interaction of a run. First the same request (method, path,
 * query; provider-state values are injected as documented, so paths match), in order. Then, for
 * an interaction left without one (its path was sent otherwise, e.g. encoded), an unused exchange
 * with its method between those of its matched neighbours: Pact's verifier replays a run's
 * interactions in order, and one whose provider state failed sends nothing, so position alone
 * would shift every later interaction onto its neighbour's exchange.
 */
function assignExchanges(items: Item[], exchanges: Exchange[]): (Exchange | null)[] {
  const matched = exactMatches(items, exchanges);
  const used = new Set(matched.filter((e) => e >= 0));
  items.forEach((item, position) => {
    if (matched[position]! >= 0) return;
    const before = matched.slice(0, position).reduce((found, e) => (e >= 0 ? e : found), -1);
    const after = matched.slice(position + 1).find((e) => e >= 0) ?? exchanges.length;
    for (let e = before + 1; e < after; e++) {
      if (used.has(e) || exchanges[e]!.method !== item.interaction.request.method) continue;
      matched[position] = e;
      used.add(e);
      break;
    }
  });
  return matched.map((e) => (e >= 0 ? exchanges[e]! : null));
}

/** For each interaction, the index of the first unused exchange of the same request (or -1), in order. */
function exactMatches(items: Item[], exchanges: Exchange[]): number[] {
  const used = new Set<number>();
  return items.map(({ interaction: { request } }) => {
    const wanted = JSON.stringify(sortedQuery(request.query ?? {}));
    const found = exchanges.findIndex((e, i) => {
      if (used.has(i) || e.method !== request.method) return false;
      const [path, search = ''] = e.path.split('?');
      return path === request.path && JSON.stringify(sortedQuery(parseSearch(search))) === wanted;
    });
    if (found >= 0) used.add(found);
    return found;
  });
}

function sortedQuery(query: Record<string, string[]>): [string, string[]][] {
  return Object.entries(query).sort(([a], [b]) => byCodeUnits(a, b));
}
