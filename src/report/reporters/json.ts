/**
 * The report as JSON: the VerificationReport object (schema in src/report/model.ts,
 * `schemaVersion`), with each finding's `message` added for people reading the file: the same
 * words the other formats show. Programs read the finding's data; `message` may change wording.
 */
import type { VerificationReport } from '../model';
import { findingText } from '../wording';

export function renderJson(report: VerificationReport): string {
  const pacts = report.pacts.map((pact) => ({
    ...pact,
    interactions: pact.interactions.map((interaction) => ({ ...interaction, findings: interaction.findings.map((finding) => ({ ...finding, message: findingText(finding) })) })),
  }));
  return `${JSON.stringify({ ...report, pacts }, null, 2)}\n`;
}
