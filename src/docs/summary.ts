/**
 * The figures `graph-contracts extract` prints and writes with `--summary-json`, so that CI and the
 * corpus tests read the same numbers people see.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../contract/diagnostics';
import type { PageOutcome } from './extract';
import { byCodeUnits } from '../internal/order';

export interface ExtractSummary {
  /** Files processed (one page each, readable or not). */
  pages: number;
  apiPages: number;
  resourcePages: number;
  /** Pages with at least one error-severity diagnostic. */
  pagesWithErrors: number;
  /** Pages whose extraction threw (a harness bug); must be 0. */
  crashes: number;
  bytes: number;
  /** Request and response examples found. */
  examples: number;
  requestExamples: number;
  responseExamples: number;
  /** Request/response pairs. */
  pairs: number;
  /** Pairs whose request is a usable Graph URL: the candidates for interactions. */
  graphPairs: number;
  /** API pages that yield at least one usable pair. */
  contracts: number;
  jsonBodies: number;
  jsonStrict: number;
  jsonRepaired: number;
  /** (strict + repaired) / JSON-looking bodies, 1 when there are none. */
  jsonParseRate: number;
  diagnostics: Partial<Record<DiagnosticCode, number>>;
  severities: Record<Severity, number>;
  durationMs: number;
}

export function summarise(outcomes: PageOutcome[], global: Diagnostic[], durationMs: number): ExtractSummary {
  const diagnostics: Partial<Record<DiagnosticCode, number>> = {};
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const count = (d: Diagnostic): void => {
    diagnostics[d.code] = (diagnostics[d.code] ?? 0) + 1;
    severities[d.severity]++;
  };
  global.forEach(count);
  const summary: ExtractSummary = {
    pages: outcomes.length,
    apiPages: 0,
    resourcePages: 0,
    pagesWithErrors: 0,
    crashes: 0,
    bytes: 0,
    examples: 0,
    requestExamples: 0,
    responseExamples: 0,
    pairs: 0,
    graphPairs: 0,
    contracts: 0,
    jsonBodies: 0,
    jsonStrict: 0,
    jsonRepaired: 0,
    jsonParseRate: 1,
    diagnostics,
    severities,
    durationMs: Math.round(durationMs),
  };
  for (const { page, stats, bytes, crashed } of outcomes) {
    page.diagnostics.forEach(count);
    if (page.kind === 'api') summary.apiPages++;
    if (page.kind === 'resource') summary.resourcePages++;
    if (page.diagnostics.some((d) => d.severity === 'error')) summary.pagesWithErrors++;
    if (crashed) summary.crashes++;
    summary.bytes += bytes;
    summary.requestExamples += stats.requestExamples;
    summary.responseExamples += stats.responseExamples;
    summary.pairs += page.pairs.length;
    const usable = page.pairs.filter((p) => p.request.usable).length;
    summary.graphPairs += usable;
    if (page.kind === 'api' && usable > 0) summary.contracts++;
    summary.jsonBodies += stats.jsonBodies;
    summary.jsonStrict += stats.jsonStrict;
    summary.jsonRepaired += stats.jsonRepaired;
  }
  summary.examples = summary.requestExamples + summary.responseExamples;
  summary.jsonParseRate = summary.jsonBodies === 0 ? 1 : (summary.jsonStrict + summary.jsonRepaired) / summary.jsonBodies;
  summary.diagnostics = Object.fromEntries(Object.entries(diagnostics).sort((a, b) => byCodeUnits(a[0], b[0])));
  return summary;
}
