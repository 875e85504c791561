/**
 * Live-target configuration from the environment (and `.env`, loaded by the CLI first). The
 * variable names are the ones Microsoft's identity libraries use, so a tenant's existing set-up
 * works as it is. Invalid or contradictory settings give one `LiveConfigError` naming what to set.
 */
import { GraphContractsError } from '../internal/errors';

const LIVE_ENV = {
  baseUrl: 'GRAPH_BASE_URL',
  accessToken: 'GRAPH_ACCESS_TOKEN',
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
  authorityHost: 'AZURE_AUTHORITY_HOST',
} as const;

const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export type LiveAuth =
  | { kind: 'token'; accessToken: string }
  | { kind: 'clientCredentials'; tenantId: string; clientId: string; clientSecret: string; authorityHost: string; scope: string };

export interface LiveConfig {
  baseUrl: string;
  auth: LiveAuth;
}

export class LiveConfigError extends GraphContractsError {
  override readonly name = 'LiveConfigError' as const;
  readonly code = 'live_config_invalid' as const;
}

export function readLiveConfig(env: NodeJS.ProcessEnv = process.env): LiveConfig {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const baseUrl = (value(LIVE_ENV.baseUrl) ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
  const base = checkUrl(LIVE_ENV.baseUrl, baseUrl);
  if (base.pathname !== '/') throw new LiveConfigError(`${LIVE_ENV.baseUrl} must be the service root without a path (the pacts carry /v1.0 or /beta), not "${baseUrl}".`);
  // The real token must not travel in clear text, except to a stand-in on this machine.
  if (base.protocol === 'http:' && !LOOPBACK.has(base.hostname)) throw new LiveConfigError(`${LIVE_ENV.baseUrl} must be https:// (the access token would travel in clear text); http:// is allowed only for 127.0.0.1 or localhost, not "${baseUrl}".`);
  const token = value(LIVE_ENV.accessToken);
  const credentials = { tenantId: value(LIVE_ENV.tenantId), clientId: value(LIVE_ENV.clientId), clientSecret: value(LIVE_ENV.clientSecret) };
  const credentialNames: Record<keyof typeof credentials, string> = { tenantId: LIVE_ENV.tenantId, clientId: LIVE_ENV.clientId, clientSecret: LIVE_ENV.clientSecret };
  const given = (Object.keys(credentials) as (keyof typeof credentials)[]).filter((k) => credentials[k] !== undefined);

  if (token && given.length > 0) {
    throw new LiveConfigError(
      `Both ${LIVE_ENV.accessToken} and client credentials (${given.map((k) => credentialNames[k]).join(', ')}) are set; set only one way of signing in: unset ${LIVE_ENV.accessToken} to use the client credentials, or unset the AZURE_* variables to use the token.`,
    );
  }
  if (token) return { baseUrl, auth: { kind: 'token', accessToken: token } };
  if (given.length === 0) {
    throw new LiveConfigError(
      `No credentials for the live target: set ${LIVE_ENV.accessToken} (a ready access token), or ${LIVE_ENV.tenantId}, ${LIVE_ENV.clientId} and ${LIVE_ENV.clientSecret} (client credentials of an app registration), in the environment or in .env (see .env.example).`,
    );
  }
  const missing = (Object.keys(credentials) as (keyof typeof credentials)[]).filter((k) => credentials[k] === undefined).map((k) => credentialNames[k]);
  if (missing.length > 0) throw new LiveConfigError(`Client credentials are incomplete: set ${missing.join(' and ')} too (or use ${LIVE_ENV.accessToken} instead).`);
  const authorityHost = (value(LIVE_ENV.authorityHost) ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  checkUrl(LIVE_ENV.authorityHost, authorityHost);
  if (!authorityHost.startsWith('https://')) throw new LiveConfigError(`${LIVE_ENV.authorityHost} must be an https:// URL (Microsoft's identity library refuses others), not "${authorityHost}".`);
  return {
    baseUrl,
    auth: {
      kind: 'clientCredentials',
      tenantId: credentials.tenantId!,
      clientId: credentials.clientId!,
      clientSecret: credentials.clientSecret!,
      authorityHost,
      // Client credentials always ask for the resource's statically granted permissions.
      scope: `${base.origin}/.default`,
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function checkUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LiveConfigError(`${name} is not a URL: "${value}". Set it to a base URL such as ${name === LIVE_ENV.baseUrl ? DEFAULT_GRAPH_BASE_URL : DEFAULT_AUTHORITY_HOST}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new LiveConfigError(`${name} must be an http(s) URL, not "${value}".`);
  return url;
}
