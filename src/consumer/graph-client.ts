/**
 * The Graph client under test: what an application that calls Microsoft Graph would write with
 * axios. It sends one request with a bearer token, parses JSON, returns 2xx and 3xx responses,
 * and turns Graph error envelopes into a typed GraphApiError. It knows nothing of contracts.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { GraphApiError } from './graph-error';
import type { TokenProvider } from './token-provider';
import { flatHeaders } from '../internal/headers';

export interface GraphRequest {
  method: string;
  /** Path including the version segment, e.g. `/v1.0/users/123`. */
  path: string;
  /** Query parameters, already split (`$filter` → `displayName eq 'x'`). */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** A JSON value, or a string sent as is. */
  body?: unknown;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON for JSON responses, the text otherwise, null when empty. */
  body: unknown;
}

export interface GraphClientOptions {
  baseURL: string;
  tokenProvider: TokenProvider;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
}

export class GraphClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: GraphClientOptions) {
    this.http = axios.create({
      baseURL: options.baseURL.replace(/\/$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      // Graph answers 302 for report downloads: the caller sees the redirect, as documented.
      maxRedirects: 0,
      validateStatus: () => true,
      // Keep the body as text; JSON is parsed below only when the response says it is JSON.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Graph's OData keys ($filter, $select) must not be encoded as %24.
      paramsSerializer: { serialize: serializeQuery },
    });
  }

  async request(request: GraphRequest): Promise<GraphResponse> {
    const token = await this.options.tokenProvider.getToken();
    const headers: Record<string, string> = { ...request.headers, Authorization: `Bearer ${token}` };
    let data: string | undefined;
    if (request.body !== undefined && request.body !== null) {
      if (typeof request.body === 'string') data = request.body;
      else {
        data = JSON.stringify(request.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
      }
    }
    const response = await this.http.request<string>({
      method: request.method,
      url: request.path,
      params: request.query,
      headers,
      data,
    });
    const result = toGraphResponse(response);
    if (result.status >= 400) {
      const error = GraphApiError.fromResponse(result.status, result.body, `${request.method} ${request.path}`);
      error.retryAfter = result.headers['retry-after'] ?? null;
      throw error;
    }
    return result;
  }
}

function toGraphResponse(response: AxiosResponse<string>): GraphResponse {
  const headers = flatHeaders(response.headers);
  const text = typeof response.data === 'string' ? response.data : '';
  const contentType = headers['content-type'] ?? '';
  let body: unknown = text === '' ? null : text;
  if (text !== '' && /json/i.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers, body };
}

/** `a=1&$filter=x eq 'y'`, percent-encoding values but keeping `$` in keys, as Graph docs write them. */
export function serializeQuery(params: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key).replace(/%24/g, '$')}=${encodeURIComponent(v).replace(/%24/g, '$')}`);
    }
  }
  return parts.join('&');
}
