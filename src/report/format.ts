/** Small helpers shared by the renderers. */
import type { Finding } from '../conformance/finding';

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Findings worth showing: errors, then warnings. */
export function problems(findings: Finding[]): Finding[] {
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}
