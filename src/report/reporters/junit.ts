/** JUnit XML: one test suite per pact, one test case per interaction; failures name the fields. */
import { formatSource } from '../../contract/diagnostics';
import type { VerificationReport } from '../model';
import { escapeXml } from '../format';
import { findingText, pathText } from '../wording';
import { isPending } from '../pending';

export function renderJunit(report: VerificationReport): string {
  const seconds = (report.summary.durationMs / 1000).toFixed(3);
  const suites = report.pacts.map((pact) => {
    const failures = pact.interactions.filter((i) => !i.passed).length;
    const skipped = pact.interactions.filter((i) => i.skipped !== null).length;
    const cases = pact.interactions.map((interaction) => {
      const name = escapeXml(interaction.description);
      const classname = escapeXml(pact.provider);
      if (interaction.skipped !== null) return `    <testcase classname="${classname}" name="${name}">\n      <skipped message="${escapeXml(interaction.skipped)}"/>\n    </testcase>`;
      const errors = interaction.findings.filter((f) => f.severity === 'error');
      if (errors.length === 0) return `    <testcase classname="${classname}" name="${name}"/>`;
      const message = escapeXml(errors.map((f) => `${pathText(f.path)}: ${f.code}`).join('; '));
      const detail = escapeXml(
        [
          ...errors.map(findingText),
          interaction.source ? `documented at ${formatSource(interaction.source)}` : '',
          interaction.docsConflict ? `docs conflict: ${interaction.docsConflict.examples} examples send this request with different responses (${interaction.docsConflict.pages.join(', ')})` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      return `    <testcase classname="${classname}" name="${name}">\n      <failure message="${message}" type="conformance">${detail}</failure>\n    </testcase>`;
    });
    // Pending and WIP pacts from a broker keep their failures, named so that a reader sees they do not fail the build.
    const status = pact.broker?.wip ? ' [WIP]' : isPending(pact) ? ' [pending]' : '';
    return `  <testsuite name="${escapeXml(`${pact.consumer} → ${pact.provider}${status}`)}" tests="${pact.interactions.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="graph-contracts verification" tests="${s.interactions}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds}">\n${suites.join('\n')}\n</testsuites>\n`;
}
