/**
 * Local stand-ins for live mode, on 127.0.0.1 only: a Microsoft-identity-platform token endpoint
 * (HTTPS with the test certificate in test/fixtures/tls, OpenID configuration, client-credentials
 * grant, expiring JWT-shaped tokens with `roles`), and helpers to run the built-in mock as the
 * Graph service.
 */
import { readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { closeServer } from '../../src/internal/local-server';
import { REPO_ROOT } from '../helpers';

export const TLS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'tls');
export const TEST_CA_FILE = join(TLS_DIR, 'cert.pem');

export function testHttpsAgent(): Agent {
  return new Agent({ ca: readFileSync(TEST_CA_FILE) });
}

interface TokenRequest {
  path: string;
  form: Record<string, string>;
}

export interface TokenEndpoint {
  /** `https://127.0.0.1:<port>`: the authority host. */
  url: string;
  tenantId: string;
  /** Requests to the token path, in order. */
  tokenRequests: TokenRequest[];
  /** Every path requested (discovery included). */
  paths: string[];
  issued: string[];
  close(): Promise<void>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startTokenEndpoint(options: { tenantId?: string; clientId: string; clientSecret: string; roles: string[]; expiresInSeconds?: number }): Promise<TokenEndpoint> {
  const tenantId = options.tenantId ?? '00000000-0000-4000-8000-00000000aaaa';
  const tokenRequests: TokenRequest[] = [];
  const paths: string[] = [];
  const issued: string[] = [];
  let url = '';
  const server: Server = createServer({ key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(TEST_CA_FILE) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]!;
      paths.push(path);
      const json = (status: number, body: unknown): void => void response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
        return json(200, {
          token_endpoint: `${url}/${tenantId}/oauth2/v2.0/token`,
          authorization_endpoint: `${url}/${tenantId}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${url}/${tenantId}/oauth2/v2.0/logout`,
          issuer: `${url}/${tenantId}/v2.0`,
          jwks_uri: `${url}/${tenantId}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        });
      }
      if (path === `/${tenantId}/oauth2/v2.0/token` && request.method === 'POST') {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        tokenRequests.push({ path, form });
        if (form['grant_type'] !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003: only client_credentials here' });
        if (form['client_id'] !== options.clientId || form['client_secret'] !== options.clientSecret) {
          // A real endpoint never echoes the secret; a careless one might. The harness must not print it either way.
          return json(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided for ${form['client_id']} (secret ${form['client_secret']}).` });
        }
        const expiresIn = options.expiresInSeconds ?? 3600;
        const now = Math.floor(Date.now() / 1000);
        const token = `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url({ aud: form['scope']?.replace('/.default', ''), tid: tenantId, appid: options.clientId, roles: options.roles, iat: now, exp: now + expiresIn, n: issued.length })}.stand-in-signature-${issued.length}`;
        issued.push(token);
        return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
      }
      json(404, { error: 'not_found', error_description: `the stand-in does not serve ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tenantId,
    tokenRequests,
    paths,
    issued,
    close: () => closeServer(server),
  };
}

/** A JWT-shaped delegated or application token with the given permissions (not signed). */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.sig`;
}

interface SeenRequest {
  method: string;
  path: string;
  authorization: string;
}

export interface FrontProxy {
  url: string;
  seen: SeenRequest[];
  /** Requests being held (see `hold`). */
  held: number;
  close(): Promise<void>;
}

/**
 * A proxy in front of the Graph stand-in that records each request's Authorization header and can
 * hold chosen requests without answering (to interrupt a run mid-request).
 */
export async function startFrontProxy(targetUrl: string, options: { hold?: (method: string, path: string) => boolean } = {}): Promise<FrontProxy> {
  const { createServer: createHttpServer, request } = await import('node:http');
  const target = new URL(targetUrl);
  const seen: SeenRequest[] = [];
  const state = { held: 0 };
  const server = createHttpServer((incoming, outgoing) => {
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    seen.push({ method, path, authorization: String(incoming.headers.authorization ?? '') });
    if (options.hold?.(method, path)) {
      state.held++;
      return;
    }
    const upstream = request({ hostname: target.hostname, port: target.port, method, path, headers: { ...incoming.headers, host: target.host } }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get held() {
      return state.held;
    },
    close: () => closeServer(server),
  };
}
