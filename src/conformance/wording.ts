/** Values as findings carry them (the words are the report's: src/report/wording.ts). */
import { excerpt, redact } from '../internal/secrets';

/** A value for a finding: at most 120 characters, redacted before it is cut (see `excerpt`). */
export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? excerpt(text, 117) : redact(text);
}
