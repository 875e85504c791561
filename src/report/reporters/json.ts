/** The report as JSON: the VerificationReport object (schema in src/report/model.ts, `schemaVersion`). */
import type { VerificationReport } from '../model';

export function renderJson(report: VerificationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
