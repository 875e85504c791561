/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`),
 * which GitHub shows as annotations on the pull request's changed lines.
 *
 * GitHub keeps only the first few annotations of each kind per step, so a page with hundreds of
 * findings would hide every other page's: each file gets at most `perFile`, then one notice that
 * counts the rest (the SARIF file and the console have them all).
 */
import type { Diagnostic, Severity } from '../contract/diagnostics';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** GitHub's escaping for a command's message (runner: `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a command's property values (runner: `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationOptions {
  /** At most this many annotations per file. */
  perFile: number;
  /** A diagnostic's path as the repository sees it (relative to its root). */
  path: (file: string) => string;
}

/** One workflow command per line, files in the order their diagnostics come. */
export function formatAnnotations(diagnostics: Diagnostic[], options: AnnotationOptions): string[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.source.file);
    if (list) list.push(d);
    else byFile.set(d.source.file, [d]);
  }
  const lines: string[] = [];
  for (const [file, unordered] of byFile) {
    // The cap keeps the most severe: errors, then warnings, then notes, each in line order.
    const list = [...unordered].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.source.line - b.source.line || a.source.column - b.source.column);
    const path = escapeProperty(options.path(file));
    for (const d of list.slice(0, options.perFile)) {
      const properties = [`file=${path}`, `line=${d.source.line}`, `col=${d.source.column}`, `title=${escapeProperty(`${d.code} (${d.severity})`)}`];
      lines.push(`::${COMMANDS[d.severity]} ${properties.join(',')}::${escapeData(`${d.message} ${d.hint}`)}`);
    }
    const rest = list.length - options.perFile;
    if (rest > 0) {
      const counts = countBySeverity(list.slice(options.perFile));
      lines.push(`::notice file=${path},title=${escapeProperty('more findings')}::${escapeData(`${rest} more finding(s) in this file (${counts}) are not annotated; the SARIF file (--sarif) and the lint without --annotations list them all.`)}`);
    }
  }
  return lines;
}

function countBySeverity(list: Diagnostic[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return (Object.entries(counts) as [Severity, number][]).filter(([, n]) => n > 0).map(([severity, n]) => `${n} ${severity}`).join(', ');
}
