/**
 * Where the Pact Broker is and how to authenticate: `PACT_BROKER_BASE_URL` with either
 * `PACT_BROKER_TOKEN` (bearer) or `PACT_BROKER_USERNAME`/`PACT_BROKER_PASSWORD` (basic), the names
 * the official Pact tooling reads, from the environment or `.env`. The secrets are kept here and
 * in request headers only: `redact` (src/internal/secrets.ts) removes them from anything printed or reported.
 */
import { registerSecret } from '../internal/secrets';
import { GraphContractsError } from '../internal/errors';

export const BROKER_ENV = {
  baseUrl: 'PACT_BROKER_BASE_URL',
  token: 'PACT_BROKER_TOKEN',
  username: 'PACT_BROKER_USERNAME',
  password: 'PACT_BROKER_PASSWORD',
} as const;

export interface BrokerSettings {
  baseUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

export class BrokerConfigError extends GraphContractsError {
  override readonly name = 'BrokerConfigError' as const;
  readonly code = 'broker_config_invalid' as const;
}

/** A broker command without something it needs (a consumer version, a provider version to publish). */
export class BrokerUsageError extends GraphContractsError {
  override readonly name = 'BrokerUsageError' as const;
  readonly code = 'broker_usage_invalid' as const;
}

/** Broker settings from a flag or the environment; a missing or malformed base URL is an error that says how to fix it. */
export function brokerSettings(env: NodeJS.ProcessEnv = process.env, baseUrlFlag?: string): BrokerSettings {
  const baseUrl = (baseUrlFlag ?? env[BROKER_ENV.baseUrl] ?? '').trim().replace(/\/+$/, '');
  if (!baseUrl) throw new BrokerConfigError(`No Pact Broker given. Set ${BROKER_ENV.baseUrl} (in the environment or .env) or pass --broker-url.`);
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new BrokerConfigError(`${BROKER_ENV.baseUrl} must be an http(s) URL, not "${baseUrl}".`);
  // Credentials in the URL would be printed with it (messages, the official client's command
  // line); the URL itself is not shown here for the same reason.
  if (/^https?:\/\/[^/?#]*@/.test(baseUrl)) {
    throw new BrokerConfigError(`${BROKER_ENV.baseUrl} must not hold credentials (user:password@host): give the broker's address only and put the credentials in ${BROKER_ENV.username}/${BROKER_ENV.password} (or ${BROKER_ENV.token}).`);
  }
  const token = env[BROKER_ENV.token] || undefined;
  const username = env[BROKER_ENV.username] || undefined;
  const password = env[BROKER_ENV.password] || undefined;
  if (token && (username || password)) throw new BrokerConfigError(`Set either ${BROKER_ENV.token} or ${BROKER_ENV.username}/${BROKER_ENV.password}, not both.`);
  if (Boolean(username) !== Boolean(password)) throw new BrokerConfigError(`${BROKER_ENV.username} and ${BROKER_ENV.password} go together: set both or neither.`);
  const settings: BrokerSettings = { baseUrl, ...(token ? { token } : {}), ...(username ? { username } : {}), ...(password ? { password } : {}) };
  // Every form of these credentials is redacted from all output, reports and logs included.
  registerBrokerSecrets(settings);
  return settings;
}

export function authorizationHeader(settings: BrokerSettings): string | undefined {
  if (settings.token) return `Bearer ${settings.token}`;
  if (settings.username && settings.password) return `Basic ${Buffer.from(`${settings.username}:${settings.password}`).toString('base64')}`;
  return undefined;
}

/** The credentials as an environment for the official CLI (never as arguments, which other processes can read). */
export function credentialEnvironment(settings: BrokerSettings): Record<string, string> {
  const env: Record<string, string> = {};
  if (settings.token) env[BROKER_ENV.token] = settings.token;
  if (settings.username) env[BROKER_ENV.username] = settings.username;
  if (settings.password) env[BROKER_ENV.password] = settings.password;
  return env;
}

/** Every form a secret of these settings could take in text: itself, and the basic-auth header value. */
function secretForms(settings: BrokerSettings): string[] {
  const forms = [settings.token, settings.password];
  if (settings.username && settings.password) forms.push(Buffer.from(`${settings.username}:${settings.password}`).toString('base64'));
  if (settings.password) forms.push(encodeURIComponent(settings.password));
  return forms.filter((s): s is string => Boolean(s && s.length >= 3));
}

/**
 * Registers every form of these settings' credentials with the one redaction of
 * src/internal/secrets.ts. Whatever uses settings it did not get from `brokerSettings` (a client,
 * the handler) calls this first.
 */
export function registerBrokerSecrets(settings: BrokerSettings): void {
  for (const form of secretForms(settings)) registerSecret(form, 3);
}
