import { excerpt, redact } from '../internal/secrets';

/** `a string`, `an array`, `an object`: the article English wants before a type or matcher name. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A value for a finding: at most 120 characters, redacted before it is cut (see `excerpt`). */
export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? excerpt(text, 117) : redact(text);
}
