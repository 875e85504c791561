/**
 * Permission awareness for live verification. Each pact interaction carries, as V4 comments, the
 * permissions its page documents (written by the consumer stage); a live run reads what its token
 * was granted (the `roles` or `scp` claim) and skips, with the reason, what the token cannot do.
 */
import type { Permission } from '../contract/model';

/** What a page documents for one kind of token: any one of `scopes` suffices. */
type DocumentedAccess = { supported: true; scopes: string[] } | { supported: false };

export interface DocumentedPermissions {
  delegated: DocumentedAccess | null;
  application: DocumentedAccess | null;
}

export interface GrantedPermissions {
  /** App-only tokens carry `roles`; delegated (user) tokens carry `scp`. */
  kind: 'application' | 'delegated';
  scopes: string[];
}

const COMMENT = /^Permissions \((delegated|application)\): (.*)$/;
const NOT_SUPPORTED = 'not supported';

/**
 * The comment lines for a page's permission table: one per kind of token whose row is readable.
 * Rows the docs leave open (TODO text, empty cells) give no line: nothing is known.
 */
export function permissionComments(permissions: Permission[]): string[] {
  const lines: string[] = [];
  for (const [kind, type] of [['delegated', 'delegatedWork'], ['application', 'application']] as const) {
    const row = permissions.find((p) => p.type === type);
    if (!row || row.supported === null) continue;
    if (row.supported === false) lines.push(`Permissions (${kind}): ${NOT_SUPPORTED}`);
    else if (row.scopes.length > 0) lines.push(`Permissions (${kind}): ${row.scopes.join(', ')}`);
  }
  return lines;
}

/** Reads the permission comment lines back from an interaction's `comments.text`. */
export function documentedPermissions(commentText: readonly string[] | undefined): DocumentedPermissions {
  const documented: DocumentedPermissions = { delegated: null, application: null };
  for (const line of commentText ?? []) {
    const match = COMMENT.exec(line);
    if (!match) continue;
    const kind = match[1] as 'delegated' | 'application';
    const value = match[2]!.trim();
    documented[kind] = value === NOT_SUPPORTED ? { supported: false } : { supported: true, scopes: value.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  return documented;
}

/**
 * The permissions in an access token's claims. Microsoft Graph access tokens are JWTs; the claims
 * are read without verifying the signature (Graph verifies it; this only decides what to skip).
 * An opaque token gives null: nothing is skipped for permissions then. A JWT with neither `scp`
 * nor `roles` is an app token granted nothing.
 */
export function grantedPermissions(token: string): GrantedPermissions | null {
  const claims = jwtClaims(token);
  if (!claims) return null;
  if (typeof claims.scp === 'string') return { kind: 'delegated', scopes: claims.scp.split(' ').filter(Boolean) };
  if (Array.isArray(claims.roles)) return { kind: 'application', scopes: claims.roles.filter((r): r is string => typeof r === 'string') };
  // Microsoft Entra leaves `roles` out of an app token that was granted no permission at all.
  return { kind: 'application', scopes: [] };
}

/** The claims of a JWT access token, read without verifying it; null for an opaque token. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Why the token cannot run an interaction, or null when it can (or when nothing is known). */
export function permissionSkipReason(documented: DocumentedPermissions, granted: GrantedPermissions | null): string | null {
  if (!granted) return null;
  const access = documented[granted.kind];
  if (!access) return null;
  if (!access.supported) return `the docs say ${granted.kind} permissions are not supported for this API, and the token is a${granted.kind === 'application' ? 'n application' : ' delegated'} token`;
  const held = new Set(granted.scopes.map((s) => s.toLowerCase()));
  if (access.scopes.some((s) => held.has(s.toLowerCase()))) return null;
  return `the token has none of the ${granted.kind} permissions the docs require (${access.scopes.join(', ')}); it has ${granted.scopes.length > 0 ? granted.scopes.join(', ') : 'none'}`;
}
