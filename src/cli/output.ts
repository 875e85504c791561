/**
 * Console output for the CLI: summaries and diagnostics as readable text. Only the CLI prints.
 */
import { formatDiagnostic, type Diagnostic, type Severity } from '../contract/diagnostics';
import type { ContractModel } from '../contract/model';
import type { ExtractSummary } from '../docs/summary';

export interface Writer {
  out(text: string): void;
  err(text: string): void;
}

/** Streams whose reader has gone away (`| head`): nothing more is written to them. */
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/** A Writer over two streams that skips a stream once keepRunningWhenReaderCloses saw it close. */
export function streamWriter(out: NodeJS.WritableStream, err: NodeJS.WritableStream): Writer {
  return {
    out: (text) => {
      if (!closedStreams.has(out)) out.write(text);
    },
    err: (text) => {
      if (!closedStreams.has(err)) err.write(text);
    },
  };
}

export const processWriter: Writer = streamWriter(process.stdout, process.stderr);

export function formatExtractSummary(summary: ExtractSummary): string {
  const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
  const mb = summary.bytes / 1e6;
  const seconds = summary.durationMs / 1000;
  const lines = [
    `Pages        ${summary.pages} (${summary.apiPages} API, ${summary.resourcePages} resource), ${summary.pagesWithErrors} with errors, ${summary.crashes} crashes`,
    `Examples     ${summary.examples} (${summary.requestExamples} requests, ${summary.responseExamples} responses)`,
    `Pairs        ${summary.pairs} request/response pairs, ${summary.graphPairs} usable Graph pairs`,
    `Contracts    ${summary.contracts} API pages yield a contract`,
    `JSON bodies  ${summary.jsonBodies}: ${summary.jsonStrict} strict, ${summary.jsonRepaired} repaired (${pct(summary.jsonParseRate)} parsed)`,
    `Diagnostics  ${summary.severities.error} errors, ${summary.severities.warning} warnings, ${summary.severities.info} info`,
  ];
  for (const [code, count] of Object.entries(summary.diagnostics)) lines.push(`  ${code.padEnd(28)} ${count}`);
  lines.push(`Read ${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s`);
  return `${lines.join('\n')}\n`;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Diagnostics at or above `minimum`, most severe first within each file, at most `limit`. */
export function selectDiagnostics(model: ContractModel, minimum: Severity | 'none', limit: number): { shown: Diagnostic[]; hidden: number } {
  if (minimum === 'none') return { shown: [], hidden: 0 };
  const all = [...model.diagnostics, ...model.pages.flatMap((p) => p.diagnostics)].filter((d) => RANK[d.severity] >= RANK[minimum]);
  return { shown: all.slice(0, limit), hidden: Math.max(0, all.length - limit) };
}

export function formatDiagnostics(diagnostics: Diagnostic[], hidden: number): string {
  if (diagnostics.length === 0) return '';
  const lines = diagnostics.map(formatDiagnostic);
  if (hidden > 0) lines.push(`... and ${hidden} more (use --limit or --json to see all)`);
  return `${lines.join('\n')}\n`;
}

/**
 * `graph-contracts ... | head` closes the pipe before everything is written; Node then reports
 * EPIPE as an unhandled 'error' event with a stack trace. Instead, what is left for that stream is
 * dropped and the command runs to its end: files are still written, clean-up still runs and the
 * exit code is the command's own. Other stream errors are still raised.
 */
export function keepRunningWhenReaderCloses(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closedStreams.add(stream);
    });
  }
}
