/** A readable table for the terminal: one line per interaction, then the failing fields. */
import type { VerificationReport } from '../model';
import { describeFinding, percent, problems } from '../format';
import { pendingFailures } from '../pending';

export function renderConsole(report: VerificationReport): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    const status = pact.broker?.wip ? '  [WIP: failures do not fail the build]' : pact.broker?.pending ? '  [pending: failures do not fail the build]' : '';
    lines.push(`${pact.consumer} → ${pact.provider}  (${pact.file})${status}`);
    for (const interaction of pact.interactions) {
      if (interaction.skipped !== null) {
        lines.push(`  SKIP          ${interaction.method} ${interaction.path}  ${interaction.description}`);
        lines.push(`          - ${interaction.skipped}`);
        continue;
      }
      const mark = interaction.passed ? 'PASS' : 'FAIL';
      lines.push(`  ${mark}  ${percent(interaction.conformance).padStart(6)}  ${interaction.method} ${interaction.path}  ${interaction.description}`);
      for (const finding of problems(interaction.findings)) lines.push(`          ${finding.severity === 'error' ? '✗' : '!'} ${describeFinding(finding)}`);
      if (interaction.passed !== interaction.pactPassed) lines.push(`          ! Pact's verifier says ${interaction.pactPassed ? 'pass' : 'fail'}`);
      if (interaction.docsConflict) lines.push(`          ! docs conflict: ${interaction.docsConflict.examples} examples send this request with different responses (${interaction.docsConflict.pages.join(', ')})`);
    }
  }
  const s = report.summary;
  lines.push('');
  lines.push(`Verification  ${s.interactions} interactions in ${s.pacts} pacts against ${report.target}: ${s.passed} passed, ${s.failed} failed${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}`);
  lines.push(`Conformance   ${percent(s.conformance)} of documented fields conform`);
  lines.push(`Verdicts      ${Object.entries(s.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
  const pending = pendingFailures(report);
  if (pending > 0) lines.push(`Pending       ${pending} of the failures are in pending or WIP pacts and do not fail the build`);
  if (s.docsConflicts > 0) lines.push(`Docs conflicts ${s.docsConflicts} failed interaction(s) share their request with examples that show another response`);
  if (s.disagreements > 0) lines.push(`Disagreements ${s.disagreements} interaction(s) where Pact's verdict differs from the field-level one`);
  lines.push(`Time          ${(s.durationMs / 1000).toFixed(2)} s`);
  return `${lines.join('\n')}\n`;
}
