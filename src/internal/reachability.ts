/**
 * Whether a server can be reached at all, asked once before a run that depends on it, so that an
 * unreachable target or broker is one clear error (exit 2) rather than a failure per interaction
 * or a minute of a client's retries ending in "not deployable". Only a connection is opened (TLS
 * too, for https: an untrusted certificate is as fatal as a refused connection); no request and no
 * credentials are sent.
 */
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** Why `url` cannot be reached (e.g. "connection refused (ECONNREFUSED)"), or null when it can. */
export function unreachableReason(url: string, timeoutMs: number): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(`"${url}" is not a URL`);
  }
  const secure = target.protocol === 'https:';
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port || (secure ? 443 : 80));
  return new Promise((resolve) => {
    const socket = secure ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) }) : netConnect({ host, port });
    let settled = false;
    const finish = (reason: string | null): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => finish(`no connection within ${timeoutMs} ms`));
    socket.once(secure ? 'secureConnect' : 'connect', () => finish(null));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(describeError(error)));
  });
}

const KNOWN: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

function describeError(error: NodeJS.ErrnoException): string {
  const code = error.code;
  if (code && KNOWN[code]) return `${KNOWN[code]} (${code})`;
  return code ? `${error.message.replace(/^[A-Z_]+:\s*/, '')} (${code})` : error.message;
}

/**
 * Whether requests to `url` would go through a proxy ($HTTPS_PROXY, $HTTP_PROXY, $ALL_PROXY, less
 * $NO_PROXY), as the official broker client sends them: a direct connection then proves nothing.
 */
export function proxiedFor(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const get = (name: string): string => env[name] ?? env[name.toLowerCase()] ?? '';
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const proxy = target.protocol === 'https:' ? get('HTTPS_PROXY') || get('ALL_PROXY') : get('HTTP_PROXY') || get('ALL_PROXY');
  if (!proxy) return false;
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const exempt = get('NO_PROXY').split(',').map((s) => s.trim().toLowerCase().replace(/:\d+$/, '')).filter(Boolean);
  return !exempt.some((entry) => entry === '*' || host === entry.replace(/^\./, '') || host.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}
