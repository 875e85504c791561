/**
 * The verification report: plain data that every renderer reads. The JSON report is this object,
 * so its shape is a public schema: `schemaVersion` changes when a field is removed or renamed.
 */
import type { SourceRef } from '../contract/diagnostics';
import type { Finding, FindingCode } from '../conformance/finding';

/**
 * 2: findings are data (`code`, `path` as segments, `expected` and `actual` as tagged values; see
 * docs/verification.md); interactions and not-generated examples carry `source` (a SourceRef)
 * instead of the `documentedAt` string, and every interaction its `template`. 1: findings were
 * text. `report --merge` and `--compare` read both (see report-shape.ts).
 */
export const REPORT_SCHEMA_VERSION = 2;

/** The report versions this release reads (older ones are upgraded on load, src/report/report-shape.ts). */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, REPORT_SCHEMA_VERSION];

export interface InteractionResult {
  description: string;
  /** `testname` from the pact's comments: `<page>#<example id>`. */
  key: string | null;
  /** Where the docs show the example (from the pact's comments); null for a pact that does not say. */
  source: SourceRef | null;
  method: string;
  path: string;
  /**
   * The path as the docs template it (`/v1.0/users/{id}`), from the pact's provider-state path
   * generator; the concrete path when the pact has none.
   */
  template: string;
  /** Our field-level verdict: no error finding. */
  passed: boolean;
  /** Pact's own verdict for this interaction. */
  pactPassed: boolean;
  /** Why the interaction was not replayed (read-only live run, missing permission...); null when it was. */
  skipped: string | null;
  findings: Finding[];
  /** Share of documented fields (status, headers, body fields) with an `ok` verdict. */
  conformance: number;
  /**
   * Why a failure may lie in the docs rather than the provider: set when other documented examples
   * send the same request (method, path, query) but show a different response, so no provider can
   * satisfy them all (`pages` names them).
   */
  docsConflict: { examples: number; pages: string[] } | null;
}

export interface PactResult {
  file: string;
  consumer: string;
  provider: string;
  pactPassed: boolean;
  interactions: InteractionResult[];
  /** Set for pacts fetched from a Pact Broker (`verify --broker`, the serverless handler). */
  broker?: BrokerPactInfo;
}

/** Where a pact came from in the broker, and whether its failures may fail the build. */
interface BrokerPactInfo {
  url: string;
  /** Pending pacts' failures are reported but do not fail the build (https://docs.pact.io/pending). */
  pending: boolean;
  /** Work-in-progress pacts are verified as pending too (https://docs.pact.io/wip). */
  wip: boolean;
  notices: string[];
  /** The published verification result's URL, when results were published. */
  resultUrl?: string;
}

export interface OperationSummary {
  /** `METHOD /path/{template}` (the documented operation). */
  operation: string;
  /** The pages that document it (the `page` part of the interactions' keys). */
  pages: string[];
  interactions: number;
  passed: number;
  failed: number;
  skipped: number;
  conformance: number;
}

/** A documented example that `generate` made no interaction of, and why (a non-Graph URL, a binary body...). */
export interface NotGeneratedExample {
  /** `<page>#<example id>`. */
  key: string;
  description: string;
  /** Where the docs show the example. */
  source: SourceRef | null;
  reason: string;
}

export interface VerificationReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  target: string;
  pacts: PactResult[];
  /**
   * Examples of the docs the pacts came from that `generate` skipped (set when verify knows the
   * docs: `run`, and `verify --target mock`). Not counted in `summary`: they never were interactions.
   */
  notGenerated?: NotGeneratedExample[];
  summary: {
    pacts: number;
    interactions: number;
    passed: number;
    failed: number;
    /** Interactions not replayed, each with its reason (`skipped` on the interaction). */
    skipped: number;
    /** Interactions whose own verdict differs from Pact's (should be 0). */
    disagreements: number;
    /** Share of checked fields with an `ok` verdict, over all interactions. */
    conformance: number;
    /** Failed interactions whose request other examples document with a different response. */
    docsConflicts: number;
    verdicts: Partial<Record<FindingCode, number>>;
    durationMs: number;
  };
  operations: OperationSummary[];
  /** Set when the run verified one shard (`--shard i/n`): `report --merge` checks that shards 1..n each come once. */
  shard?: { index: number; count: number };
}

/** `ok` findings over all findings except `unexpected` (undocumented fields are not part of the contract). */
export function conformanceOf(findings: Finding[]): number {
  const checked = findings.filter((f) => f.code !== 'unexpected');
  return checked.length === 0 ? 1 : checked.filter((f) => f.code === 'ok').length / checked.length;
}
