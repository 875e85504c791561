/**
 * Permission awareness for live verification. Each pact interaction carries, in its V4 comments,
 * the permissions its page documents (src/contract/pact-comments.ts); a live run reads what its
 * token was granted (the `roles` or `scp` claim) and skips, with the reason, what the token cannot do.
 */
import type { DocumentedPermissions } from '../contract/pact-comments';

export interface GrantedPermissions {
  /** App-only tokens carry `roles`; delegated (user) tokens carry `scp`. */
  kind: 'application' | 'delegated';
  scopes: string[];
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
