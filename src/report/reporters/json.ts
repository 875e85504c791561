/**
 * The report as JSON: the VerificationReport object (schema in src/report/model.ts,
 * `schemaVersion`), with a `message` on each error and warning for people reading the file: the
 * words the other formats show. Programs read the finding's data; a message's wording may change.
 * `ok` findings (most of them) go without one, and each finding takes one line, which keeps large
 * reports small and easy to scan or diff.
 */
import type { VerificationReport } from '../model';
import { findingText } from '../wording';

export function renderJson(report: VerificationReport): string {
  // Findings stand in as placeholders no report string can guess while the rest is indented, then go
  // in on one line each (a random token rather than node:crypto, which the CLI loads only when needed).
  const placeholder = `finding-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const lines: string[] = [];
  const pacts = report.pacts.map((pact) => ({
    ...pact,
    interactions: pact.interactions.map((interaction) => ({
      ...interaction,
      findings: interaction.findings.map((finding) => {
        lines.push(JSON.stringify(finding.severity === 'ok' ? finding : { ...finding, message: findingText(finding) }));
        return `${placeholder}:${lines.length - 1}`;
      }),
    })),
  }));
  const indented = JSON.stringify({ ...report, pacts }, null, 2);
  return `${indented.replace(new RegExp(`"${placeholder}:(\\d+)"`, 'g'), (_, n: string) => lines[Number(n)]!)}\n`;
}
