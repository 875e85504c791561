/**
 * Access tokens for the live target: a ready token, or the client-credentials grant through
 * Microsoft's identity library (MSAL), behind one cache that hands out a token until shortly
 * before it expires and then gets a new one. Tokens are registered as secrets the moment they
 * arrive, so that no output can show them.
 */
import type { Agent } from 'node:https';
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import axios from 'axios';
import { flatHeaders } from '../internal/headers';
import type { TokenProvider } from '../consumer/token-provider';
import { StaticTokenProvider } from '../consumer/token-provider';
import type { Logger } from '../internal/log';
import { silentLogger } from '../internal/log';
import { excerpt, redact, registerSecret } from '../internal/secrets';
import { GraphContractsError } from '../internal/errors';
import type { LiveAuth } from './config';

export interface IssuedToken {
  token: string;
  expiresOn: Date;
}

/** A source of fresh tokens (no caching of its own that matters). */
export interface TokenSource {
  acquire(): Promise<IssuedToken>;
}

export class TokenAcquisitionError extends GraphContractsError {
  override readonly name = 'TokenAcquisitionError' as const;
  readonly code = 'token_acquisition_failed' as const;
}

/** Renew this long before expiry (MSAL's own default offset), but at most half a token's lifetime. */
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Caches the token from a source until `expiresOn - margin`, then acquires a new one; concurrent
 * callers share one acquisition.
 */
export class CachingTokenProvider implements TokenProvider {
  private current: { token: string; refreshAt: number } | null = null;
  private pending: Promise<string> | null = null;
  acquisitions = 0;

  constructor(
    private readonly source: TokenSource,
    private readonly options: { now?: () => number; refreshMarginMs?: number; logger?: Logger } = {},
  ) {}

  getToken(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && now < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.refresh().finally(() => (this.pending = null));
    return this.pending;
  }

  private async refresh(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    const issued = await this.source.acquire();
    this.acquisitions++;
    registerSecret(issued.token);
    const lifetime = issued.expiresOn.getTime() - now;
    const margin = Math.min(this.options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS, Math.max(0, lifetime / 2));
    this.current = { token: issued.token, refreshAt: issued.expiresOn.getTime() - margin };
    (this.options.logger ?? silentLogger).debug(`acquired an access token, valid until ${issued.expiresOn.toISOString()} (renewed from ${new Date(this.current.refreshAt).toISOString()})`);
    return issued.token;
  }

  toJSON(): string {
    return 'CachingTokenProvider([redacted])';
  }
}

/** The client-credentials grant with MSAL (`ConfidentialClientApplication`). */
export class ClientCredentialsSource implements TokenSource {
  private readonly app: ConfidentialClientApplication;

  constructor(
    private readonly auth: Extract<LiveAuth, { kind: 'clientCredentials' }>,
    options: { httpsAgent?: Agent; timeoutMs?: number } = {},
  ) {
    registerSecret(auth.clientSecret);
    const host = new URL(auth.authorityHost).host;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        authority: `${auth.authorityHost}/${auth.tenantId}`,
        // Trust the configured authority host as it is: no instance discovery call to another host.
        knownAuthorities: [host],
      },
      system: {
        // MSAL's own logging stays off: its messages are not ours to vouch for.
        loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined },
        // Our network module, not MSAL's own, which has no timeout: a token endpoint that never
        // answers would stall the run. Each request (discovery and token) gets the run's timeout.
        networkClient: axiosNetworkClient(options.httpsAgent, options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS),
      },
    });
  }

  async acquire(): Promise<IssuedToken> {
    let result;
    try {
      // skipCache: the caching provider above decides when a token is due.
      result = await this.app.acquireTokenByClientCredential({ scopes: [this.auth.scope], skipCache: true });
    } catch (error) {
      // The endpoint's description is quoted, redacted: a careless endpoint may echo the secret.
      throw new TokenAcquisitionError(redact(`Could not get an access token from ${this.auth.authorityHost} for client ${this.auth.clientId}: ${describeMsalError(error)}. Check AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_AUTHORITY_HOST.`));
    }
    if (!result?.accessToken) throw new TokenAcquisitionError(`The token endpoint at ${this.auth.authorityHost} answered without an access token. Check that AZURE_AUTHORITY_HOST is Microsoft Entra ID's (${'https://login.microsoftonline.com'} or your cloud's), or set GRAPH_ACCESS_TOKEN instead.`);
    return { token: result.accessToken, expiresOn: result.expiresOn ?? new Date(Date.now() + 3_600_000) };
  }
}

/** Only the error code and the first line of its description: never request details. */
function describeMsalError(error: unknown): string {
  if (error && typeof error === 'object' && 'errorCode' in error) {
    const { errorCode, errorMessage } = error as { errorCode?: string; errorMessage?: string };
    return `${errorCode ?? 'error'}${errorMessage ? ` (${excerpt(String(errorMessage).split('\n')[0]!, 300)})` : ''}`;
  }
  return error instanceof Error ? excerpt(error.message.split('\n')[0]!, 300) : excerpt(String(error), 300);
}

/** The token endpoint's requests time out like the run's Graph calls (30 s by default). */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/**
 * MSAL's network module over axios (as the Graph calls), with a hard deadline per request and, where
 * the token endpoint's certificate comes from a private CA (a local stand-in in tests), that
 * https agent; otherwise Node's, which trusts NODE_EXTRA_CA_CERTS.
 */
function axiosNetworkClient(httpsAgent: Agent | undefined, timeoutMs: number): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await axios.request({
      method,
      url,
      ...(httpsAgent ? { httpsAgent } : {}),
      timeout: timeoutMs,
      // The whole exchange, not only the wait between bytes: a trickling endpoint cannot stall either.
      signal: AbortSignal.timeout(timeoutMs),
      headers: options?.headers ?? {},
      data: options?.body,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    const headers = flatHeaders(response.headers);
    let body: unknown = response.data;
    try {
      body = JSON.parse(String(response.data));
    } catch {
      // MSAL reads non-JSON bodies as errors itself.
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** The token provider for a live configuration. */
export function liveTokenProvider(auth: LiveAuth, options: { httpsAgent?: Agent; logger?: Logger; now?: () => number; timeoutMs?: number } = {}): TokenProvider {
  if (auth.kind === 'token') {
    registerSecret(auth.accessToken);
    return new StaticTokenProvider(auth.accessToken);
  }
  return new CachingTokenProvider(new ClientCredentialsSource(auth, { ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }), {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
