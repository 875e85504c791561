/**
 * A comparison of two runs (src/report/compare.ts) as console text, Markdown for a CI job summary,
 * and JSON. Long lists are cut (the JSON keeps everything): a drift of thousands of interactions
 * must still fit a terminal and GitHub's 1 MiB job summary.
 */
import { formatSource } from '../contract/diagnostics';
import type { FieldChange, InteractionChange, ReportComparison, RunFigures } from './compare';
import { percent } from './format';

/** Entries per section in the console and in Markdown; the JSON has them all. */
export const MAX_LISTED = 50;

const SECTIONS: { key: keyof Pick<ReportComparison, 'newFailures' | 'fixed' | 'stillFailing' | 'skipChanges' | 'otherFieldChanges' | 'added' | 'removed'>; title: string }[] = [
  { key: 'newFailures', title: 'New failures' },
  { key: 'fixed', title: 'Fixed' },
  { key: 'stillFailing', title: 'Still failing, with changed fields' },
  { key: 'skipChanges', title: 'Skipped now, or replayed again' },
  { key: 'otherFieldChanges', title: 'Passing, with changed fields' },
  { key: 'added', title: 'Added interactions' },
  { key: 'removed', title: 'Removed interactions' },
];

/** Still-failing interactions are listed only when a field changed: the rest is the same story as before. */
function listed(comparison: ReportComparison, key: (typeof SECTIONS)[number]['key']): InteractionChange[] {
  return key === 'stillFailing' ? comparison.stillFailing.filter((c) => c.fields.length > 0) : comparison[key];
}

function describeFieldChange(f: FieldChange): string {
  return `${f.path} ${f.before} → ${f.after}${f.after === 'absent' || f.after === 'ok' ? '' : ` (expected ${f.expected}, got ${f.actual})`}`;
}

function runLine(label: string, r: RunFigures): string {
  return `${label} ${r.target}: ${r.interactions} interactions, ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped, ${percent(r.conformance)} of fields conform`;
}

function totals(c: ReportComparison): string {
  const fields = [...c.newFailures, ...c.fixed, ...c.stillFailing, ...c.otherFieldChanges].reduce((n, i) => n + i.fields.length, 0);
  const pending = c.newFailures.filter((i) => i.pending).length;
  return `${c.newFailures.length} new failure(s)${pending > 0 ? ` (${pending} in pending or WIP pacts)` : ''}, ${c.fixed.length} fixed, ${c.added.length} added, ${c.removed.length} removed, ${fields} field verdict change(s)`;
}

export function renderComparisonConsole(c: ReportComparison): string {
  const lines = [runLine('Baseline', c.baseline), runLine('Current ', c.current), ''];
  for (const { key, title } of SECTIONS) {
    const list = listed(c, key);
    if (list.length === 0) continue;
    lines.push(`${title} (${list.length})`);
    for (const i of list.slice(0, MAX_LISTED)) {
      const was = i.before === 'absent' || i.after === 'absent' ? '' : `  [${i.before} → ${i.after}]`;
      lines.push(`  ${i.method} ${i.path}  ${i.description}${i.source ? ` (${formatSource(i.source)})` : ''}${i.pending ? '  [pending]' : ''}${was}`);
      if (i.after === 'skipped' && i.skipped) lines.push(`      - ${i.skipped}`);
      for (const f of i.fields) lines.push(`      ${describeFieldChange(f)}`);
    }
    if (list.length > MAX_LISTED) lines.push(`  ... and ${list.length - MAX_LISTED} more (all are in the JSON comparison)`);
    lines.push('');
  }
  lines.push(`Drift        ${totals(c)}`);
  return `${lines.join('\n')}\n`;
}

/** A table cell: no line breaks or pipes, and no HTML (GitHub renders HTML in job summaries). */
const cell = (text: string): string =>
  text
    .replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
const code = (text: string): string => `<code>${cell(text)}</code>`;

export function renderComparisonMarkdown(c: ReportComparison): string {
  const lines = [
    '# Graph contract verification: changes since the baseline',
    '',
    `**${c.newFailures.length}** new failure(s), **${c.fixed.length}** fixed, ${c.added.length} interaction(s) added, ${c.removed.length} removed.`,
    '',
    '| run | target | interactions | passed | failed | skipped | conformance |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...(['baseline', 'current'] as const).map((run) => {
      const r = c[run];
      return `| ${run} | ${cell(r.target)} | ${r.interactions} | ${r.passed} | ${r.failed} | ${r.skipped} | ${percent(r.conformance)} |`;
    }),
  ];
  for (const { key, title } of SECTIONS) {
    const list = listed(c, key);
    if (list.length === 0) continue;
    lines.push('', `## ${title} (${list.length})`, '', '| interaction | before → after | field changes |', '| --- | --- | --- |');
    for (const i of list.slice(0, MAX_LISTED)) {
      const fields = i.fields.map((f) => `${code(f.path)} ${f.before} → **${f.after}**`).join('<br>');
      const reason = i.after === 'skipped' && i.skipped ? `skipped: ${cell(i.skipped)}` : '';
      lines.push(`| ${code(`${i.method} ${i.path}`)} ${cell(i.description)}${i.pending ? ' *pending*' : ''} | ${i.before} → ${i.after} | ${[fields, reason].filter(Boolean).join('<br>')} |`);
    }
    if (list.length > MAX_LISTED) lines.push('', `… and ${list.length - MAX_LISTED} more (all are in comparison.json).`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderComparisonJson(c: ReportComparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
