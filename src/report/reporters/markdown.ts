/** Markdown that fits a CI job summary: totals, per-operation table, failing fields. */
import type { VerificationReport } from '../model';
import { percent, problems } from '../format';
import { isPending, pendingFailures } from '../pending';
import { expectationText, observationText, pathText } from '../wording';

/**
 * Text for a table cell, shown as it is: response values and descriptions come from the target and
 * the docs, so raw HTML (`<script>`) is escaped as entities, and the Markdown that could make a
 * link, an image or a code span (`[`, `]`, backticks) or end the cell (`|`, a line break) is
 * escaped too; the backslash first, so that a value's own backslash cannot undo an escape.
 */
const cell = (text: string): string =>
  text
    .replace(/[\\`[\]|]/g, '\\$&')
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
    .replace(/\r?\n|\r/g, ' ');

/** A code span: a delimiter longer than any run of backticks inside, so no value can close it early. */
const code = (text: string, inTable = true): string => {
  const inner = (inTable ? text.replace(/\|/g, '\\|') : text).replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
};

export function renderMarkdown(report: VerificationReport): string {
  const s = report.summary;
  const lines = [
    '# Graph contract verification',
    '',
    `**${s.passed}/${s.interactions}** interactions passed against ${code(report.target, false)}` +
      (s.skipped > 0 ? ` (${s.skipped} skipped)` : '') +
      `; **${percent(s.conformance)}** of documented fields conform.` +
      (s.docsConflicts > 0 ? ` ${s.docsConflicts} failure(s) come from examples that document one request with different responses.` : ''),
    '',
    ...(pendingFailures(report) > 0 ? [`${pendingFailures(report)} failure(s) are in pending or WIP pacts (marked *pending* below) and do not fail the build.`, ''] : []),
    '| operation | interactions | passed | skipped | conformance |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...report.operations.map((o) => `| ${cell(o.operation)} | ${o.interactions} | ${o.passed} | ${o.skipped} | ${percent(o.conformance)} |`),
  ];
  const skipped = report.pacts.flatMap((p) => p.interactions.filter((i) => i.skipped !== null));
  if (skipped.length > 0) {
    lines.push('', '## Skipped', '', '| interaction | reason |', '| --- | --- |');
    for (const i of skipped) lines.push(`| ${cell(i.description)} | ${cell(i.skipped ?? '')} |`);
  }
  const failing = report.pacts.flatMap((p) => p.interactions.filter((i) => !i.passed).map((i) => ({ p, i })));
  if (failing.length > 0) {
    lines.push('', '## Failing fields', '', '| interaction | field | verdict | expected | actual |', '| --- | --- | --- | --- | --- |');
    for (const { p, i } of failing) {
      for (const f of problems(i.findings).filter((x) => x.severity === 'error')) {
        lines.push(`| ${cell(i.description)}${isPending(p) ? ' *pending*' : ''} | ${code(pathText(f.path))} | ${cell(f.code)} | ${cell(expectationText(f.expected))} | ${cell(observationText(f.actual))} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
