/**
 * Console output for the CLI: summaries and diagnostics as readable text. Only the CLI prints.
 */
import { formatDiagnostic, type Diagnostic, type Severity } from '../contract/diagnostics';
import type { ContractModel } from '../contract/model';
import type { ExtractSummary } from '../docs/summary';
import type { GraphContractsError } from '../internal/errors';

export interface Writer {
  out(text: string): void;
  err(text: string): void;
}

/** Streams whose reader has gone away (`| head`): nothing more is written to them. */
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/** A Writer over two streams that skips a stream once watchOutputStreams saw it fail. */
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
 * The line an error that stops a command prints: what went wrong and how to fix it (the message),
 * after `lead` (what was being done), ending with the error's stable code (docs/cli.md, "Error codes").
 */
export function errorLine(error: GraphContractsError, lead = ''): string {
  return `[graph-contracts] ${lead}${error.message} [${error.code}]\n`;
}

/** What the CLI learnt about its output streams while it ran. */
export interface OutputWatch {
  /** The first error other than EPIPE (a full disk, say): the output is incomplete. */
  failure(): NodeJS.ErrnoException | null;
}

/**
 * Keeps the command running when one of its output streams fails, so that files are still
 * written, clean-up still runs and the exit code is the command's own:
 * - `graph-contracts ... | head` closes the pipe early (EPIPE): the reader has what it wanted,
 *   the rest of that stream's output is dropped, and that is not an error.
 * - Any other error (ENOSPC on a full disk, EIO): the rest of that stream's output is dropped too,
 *   one line on the other stream says so, and failure() reports it for the exit code.
 * Without this, Node throws the stream's 'error' event as an uncaught exception with a stack trace.
 */
export function watchOutputStreams(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): OutputWatch {
  let failure: NodeJS.ErrnoException | null = null;
  const watch = (stream: NodeJS.WritableStream, name: string, other: NodeJS.WritableStream): void => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      closedStreams.add(stream);
      if (error.code === 'EPIPE') return;
      failure ??= error;
      if (!closedStreams.has(other)) other.write(`[graph-contracts] Cannot write to ${name} (${error.code ?? error.message}); the rest of its output is lost.\n`);
    });
  };
  watch(out, 'standard output', err);
  watch(err, 'standard error', out);
  return { failure: () => failure };
}
