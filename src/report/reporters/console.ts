/**
 * The terminal view. By default it lists what needs attention, failures with their failing fields,
 * and summarises the rest (passes counted, skips counted by reason), so that a run of thousands of
 * interactions fits a screen or a CI log; `verbose` lists every interaction as well.
 */
import { formatSource } from '../../contract/diagnostics';
import type { InteractionResult, PactResult, VerificationReport } from '../model';
import { percent, problems } from '../format';
import { findingText } from '../wording';
import { pendingFailures } from '../pending';
import type { RenderOptions } from '../render-options';


/**
 * Lines of failing interactions listed by default (the files list them all): a budget of lines
 * rather than a number of interactions, so that the output stays one screenful-ish whatever the
 * failures look like.
 */
const FAILURE_LINES_BUDGET = 120;
/** Fields shown per failing interaction by default. */
const MAX_FIELDS_LISTED = 4;
/** Skip reasons listed by default (the most frequent). */
const MAX_SKIP_REASONS = 8;

function pactHeader(pact: PactResult): string {
  const status = pact.broker?.wip ? '  [WIP: failures do not fail the build]' : pact.broker?.pending ? '  [pending: failures do not fail the build]' : '';
  return `${pact.consumer} → ${pact.provider}  (${pact.file})${status}`;
}

function interactionLines(interaction: InteractionResult, maxFields: number): string[] {
  if (interaction.skipped !== null) return [`  SKIP          ${interaction.method} ${interaction.path}  ${interaction.description}`, `          - ${interaction.skipped}`];
  const mark = interaction.passed ? 'PASS' : 'FAIL';
  const lines = [`  ${mark}  ${percent(interaction.conformance).padStart(6)}  ${interaction.method} ${interaction.path}  ${interaction.description}`];
  const shown = problems(interaction.findings);
  for (const finding of shown.slice(0, maxFields)) lines.push(`          ${finding.severity === 'error' ? '✗' : '!'} ${findingText(finding)}`);
  if (shown.length > maxFields) lines.push(`          … ${shown.length - maxFields} more field(s) (--verbose, or the Markdown, HTML or JSON report)`);
  if (interaction.passed !== interaction.pactPassed) lines.push(`          ! Pact's verifier says ${interaction.pactPassed ? 'pass' : 'fail'}`);
  if (interaction.docsConflict) lines.push(`          ! docs conflict: ${interaction.docsConflict.examples} examples send this request with different responses (${interaction.docsConflict.pages.join(', ')})`);
  if (!interaction.passed && interaction.source) lines.push(`          documented at ${formatSource(interaction.source)}`);
  return lines;
}

export function renderConsole(report: VerificationReport, options: RenderOptions = {}): string {
  const lines: string[] = [];
  const verbose = options.verbose ?? false;
  let unlistedFailures = 0;
  let unlistedDisputes = 0;
  for (const pact of report.pacts) {
    const entries = verbose ? pact.interactions : pact.interactions.filter((i) => i.skipped === null && (!i.passed || i.passed !== i.pactPassed));
    if (entries.length === 0) continue;
    const body: string[] = [];
    for (const interaction of entries) {
      const more = interactionLines(interaction, verbose ? Infinity : MAX_FIELDS_LISTED);
      // The pact's header line counts too; the first failure is always listed.
      if (!verbose && lines.length + body.length > 0 && lines.length + body.length + more.length + 1 > FAILURE_LINES_BUDGET) {
        if (interaction.passed) unlistedDisputes++;
        else unlistedFailures++;
        continue;
      }
      body.push(...more);
    }
    if (body.length > 0) lines.push(pactHeader(pact), ...body);
  }
  if (unlistedFailures + unlistedDisputes > 0) {
    const what = [unlistedFailures > 0 ? `${unlistedFailures} more failing interaction(s)` : '', unlistedDisputes > 0 ? `${unlistedDisputes} passing one(s) that Pact's verifier fails` : ''].filter(Boolean).join(' and ');
    lines.push(`  … and ${what}: the Markdown, HTML and JSON reports list them all (--verbose prints them)`);
  }

  const s = report.summary;
  if (!verbose && s.skipped > 0) {
    const reasons = new Map<string, number>();
    for (const i of report.pacts.flatMap((p) => p.interactions)) if (i.skipped !== null) reasons.set(i.skipped, (reasons.get(i.skipped) ?? 0) + 1);
    const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
    lines.push('', `Skipped       ${s.skipped} interaction(s) not replayed (--verbose lists them):`);
    for (const [reason, count] of sorted.slice(0, MAX_SKIP_REASONS)) lines.push(`  ${String(count).padStart(5)}  ${reason}`);
    if (sorted.length > MAX_SKIP_REASONS) lines.push(`         … ${sorted.length - MAX_SKIP_REASONS} more reason(s)`);
  }
  const notGenerated = report.notGenerated ?? [];
  if (notGenerated.length > 0) {
    const reasons = new Map<string, number>();
    for (const n of notGenerated) reasons.set(n.reason, (reasons.get(n.reason) ?? 0) + 1);
    lines.push('', `Not generated ${notGenerated.length} documented example(s) have no interaction (generate skipped them; the HTML and JSON reports list them):`);
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, MAX_SKIP_REASONS)) lines.push(`  ${String(count).padStart(5)}  ${reason}`);
  }
  lines.push('');
  lines.push(`Verification  ${s.interactions} interactions in ${s.pacts} pacts against ${report.target}: ${s.passed} passed, ${s.failed} failed${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}${!verbose && s.passed > 0 ? ' (passes not listed; --verbose lists them)' : ''}`);
  lines.push(`Conformance   ${percent(s.conformance)} of documented fields conform`);
  lines.push(`Verdicts      ${Object.entries(s.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
  const pending = pendingFailures(report);
  if (pending > 0) lines.push(`Pending       ${pending} of the failures are in pending or WIP pacts and do not fail the build`);
  if (s.docsConflicts > 0) lines.push(`Docs conflicts ${s.docsConflicts} failed interaction(s) share their request with examples that show another response`);
  if (s.disagreements > 0) lines.push(`Disagreements ${s.disagreements} interaction(s) where Pact's verdict differs from the field-level one`);
  lines.push(`Time          ${(s.durationMs / 1000).toFixed(2)} s`);
  return `${lines.join('\n')}\n`;
}
