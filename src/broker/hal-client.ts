/**
 * A small HAL client for the Pact Broker API: reads the index, follows relations by name
 * (`pb:provider-pacts-for-verification`, `pb:publish-verification-results`, ...), expands
 * `{templated}` hrefs, and sends JSON with the broker's credentials. Errors name the request and
 * the broker's answer, never the credentials.
 */
import { authorizationHeader, registerBrokerSecrets, type BrokerSettings } from './settings';
import { excerpt, redact } from '../internal/secrets';
import { GraphContractsError } from '../internal/errors';

export interface HalLink {
  href: string;
  templated?: boolean;
  name?: string;
  title?: string;
}

export class BrokerError extends GraphContractsError {
  override readonly name = 'BrokerError' as const;
  readonly code = 'broker_request_failed' as const;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Bigger answers are not broker resources we read (pacts of thousands of interactions are a few MB). */
const MAX_RESPONSE_CHARS = 64 * 1024 * 1024;

export class HalClient {
  private indexLinks: Record<string, HalLink> | null = null;

  constructor(
    readonly settings: BrokerSettings,
    private readonly timeoutMs = 30_000,
  ) {
    registerBrokerSecrets(settings);
  }

  /** The href of an index relation with its template variables filled in (URI-encoded). */
  async indexLink(relation: string, params: Record<string, string> = {}): Promise<string> {
    this.indexLinks ??= ((await this.request('GET', `${this.settings.baseUrl}/`)) as { _links?: Record<string, HalLink> })._links ?? {};
    const link = this.indexLinks[relation];
    if (!link) throw new BrokerError(`The Pact Broker at ${this.settings.baseUrl} has no "${relation}" relation in its index; it may be too old for this feature (upgrade the broker).`);
    return expand(link.href, params);
  }

  get(url: string): Promise<unknown> {
    return this.request('GET', url);
  }

  post(url: string, body: unknown): Promise<unknown> {
    return this.request('POST', url, body);
  }

  put(url: string, body: unknown): Promise<unknown> {
    return this.request('PUT', url, body);
  }

  private async request(method: string, href: string, body?: unknown): Promise<unknown> {
    // Every request carries the broker's credentials, so every request goes to the broker: a link
    // (from the index, a pact or a webhook) that points at another origin is refused, not followed.
    const url = onBroker(href, this.settings);
    const headers: Record<string, string> = { Accept: 'application/hal+json, application/json' };
    const authorization = authorizationHeader(this.settings);
    if (authorization) headers.Authorization = authorization;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new BrokerError(redact(`Failed to reach the Pact Broker: ${method} ${url}: ${reason}. Check ${'PACT_BROKER_BASE_URL'} and the network.`));
    }
    const text = await response.text();
    if (text.length > MAX_RESPONSE_CHARS) throw new BrokerError(`The Pact Broker's answer to ${method} ${url} is larger than ${MAX_RESPONSE_CHARS} characters, so not a broker resource. Check that PACT_BROKER_BASE_URL is the Pact Broker's address.`);
    if (!response.ok) {
      const hint = response.status === 401 || response.status === 403 ? ' Check PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD.' : '';
      throw new BrokerError(redact(`The Pact Broker answered ${response.status} to ${method} ${url}: ${excerpt(text, 300)}.${hint}`), response.status);
    }
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new BrokerError(redact(`The Pact Broker's answer to ${method} ${url} is not JSON: ${excerpt(text, 120)}. Check that PACT_BROKER_BASE_URL is the Pact Broker's address (not a proxy or a login page).`));
    }
  }
}

/**
 * The absolute URL of an href (relative ones resolve against the broker), when it is on the
 * configured broker's origin; a BrokerError otherwise. A broker behind a proxy that links to its
 * public address needs PACT_BROKER_BASE_URL set to that address.
 */
export function onBroker(href: string, settings: BrokerSettings): string {
  const base = new URL(settings.baseUrl);
  let url: URL;
  try {
    url = new URL(href, `${settings.baseUrl}/`);
  } catch {
    throw new BrokerError(`The Pact Broker gave a link that is not a URL: "${excerpt(href, 200)}". Check the broker's own base URL setting (PACT_BROKER_BASE_URL on the broker).`);
  }
  if (url.origin !== base.origin) {
    throw new BrokerError(
      `Refusing to send a request with the broker's credentials to ${excerpt(url.origin, 200)}, which is not the configured Pact Broker (${base.origin}): ` +
        `the broker (or a pact) links there. If the broker links to its own public address, set PACT_BROKER_BASE_URL to that address.`,
    );
  }
  return url.href;
}

/** RFC 6570 level-1 expansion, which is all the broker's templates use (`/pacts/provider/{provider}/...`). */
export function expand(href: string, params: Record<string, string>): string {
  return href.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? encodeURIComponent(params[name]!) : whole));
}

/** A relation's href from a HAL document's `_links`, or null. */
export function linkOf(document: unknown, relation: string): string | null {
  const link = (document as { _links?: Record<string, HalLink | HalLink[]> } | null)?._links?.[relation];
  const first = Array.isArray(link) ? link[0] : link;
  return typeof first?.href === 'string' ? first.href : null;
}
