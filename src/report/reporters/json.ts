/**
 * The report as JSON: the VerificationReport object (schema in src/report/model.ts,
 * `schemaVersion`), with a `message` on each error and warning for people reading the file: the
 * words the other formats show. Programs read the finding's data; a message's wording may change.
 * `ok` findings (most of them) go without one, which keeps large reports small.
 */
import type { VerificationReport } from '../model';
import { findingText } from '../wording';

export function renderJson(report: VerificationReport): string {
  const pacts = report.pacts.map((pact) => ({
    ...pact,
    interactions: pact.interactions.map((interaction) => ({ ...interaction, findings: interaction.findings.map((finding) => (finding.severity === 'ok' ? finding : { ...finding, message: findingText(finding) })) })),
  }));
  return `${JSON.stringify({ ...report, pacts }, null, 2)}\n`;
}
