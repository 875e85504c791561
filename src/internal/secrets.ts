/**
 * Secrets never reach output: every credential the process knows (from the environment, or
 * issued to it at run time, such as access tokens) is registered here, and everything printed,
 * logged or written as a report passes through `redact`. The code paths are written not to
 * print secrets in the first place; this is the second line of defence.
 */

/** Environment variables that hold credentials. */
const SECRET_VARIABLES = ['GRAPH_ACCESS_TOKEN', 'AZURE_CLIENT_SECRET', 'PACT_BROKER_TOKEN', 'PACT_BROKER_PASSWORD'] as const;

export const REDACTED = '[redacted]';

const secrets = new Set<string>();
/** The secrets longest first (so that a secret containing another is replaced whole); rebuilt on registration. */
let longestFirst: string[] = [];

/**
 * Registers a value to be redacted from all output, with its JSON- and URL-escaped forms. Values
 * shorter than `minLength` are ignored (they would redact ordinary words); callers that know a
 * value is a credential (a broker password) may lower it.
 */
export function registerSecret(value: string | undefined | null, minLength = 8): void {
  if (!value || value.length < minLength) return;
  secrets.add(value);
  for (const form of [JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) if (form !== value) secrets.add(form);
  longestFirst = [...secrets].sort((a, b) => b.length - a.length);
}

/** Registers the credentials found in the environment (after `.env` has been loaded). */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_VARIABLES) registerSecret(env[name]);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of longestFirst) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/**
 * At most `max` characters of a text for a message, redacted first and cut after: cutting first
 * would leave the part of a secret before the cut, which no longer matches the whole secret.
 * Every place that shortens text for output uses this.
 */
export function excerpt(text: string, max: number): string {
  const clean = redact(text);
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

/**
 * A copy of a JSON-like value (a report) with every string redacted: reports are redacted before
 * they are rendered, since rendering escapes text (HTML, Markdown), and an escaped secret no longer
 * matches the secret.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [redact(key), redactDeep(item)])) as T;
  }
  return value;
}
