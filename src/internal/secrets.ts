/**
 * Secrets never reach output: every credential the process knows (from the environment, or
 * issued to it at run time, such as access tokens) is registered here, and everything printed,
 * logged or written as a report passes through `redact`. The code paths are written not to
 * print secrets in the first place; this is the second line of defence.
 */

/** Environment variables that hold credentials. */
export const SECRET_VARIABLES = ['GRAPH_ACCESS_TOKEN', 'AZURE_CLIENT_SECRET', 'PACT_BROKER_TOKEN', 'PACT_BROKER_PASSWORD'] as const;

export const REDACTED = '[redacted]';

const secrets = new Set<string>();

/** Registers a value to be redacted from all output. Very short values are ignored (they would redact ordinary words). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) secrets.add(value);
}

/** Registers the credentials found in the environment (after `.env` has been loaded). */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_VARIABLES) registerSecret(env[name]);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}
