import type { Role } from '../users/user.entity';

const STRENGTH: Record<Role, number> = { editor: 1, reviewer: 2, admin: 3 };

/** Parses OIDC_ROLE_MAP (`desk-admins=admin,desk-reviewers=reviewer`) into claim value → role. */
export function parseRoleMap(map: string): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const pair of map.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim() as Role);
  }
  return out;
}

/**
 * The role a provider's claim gives (a string or a list of groups): the strongest mapped value.
 * Without a map, values that are role names count as themselves. Null when nothing matches:
 * the user then waits for an admin to assign a role.
 */
export function roleFromClaim(value: unknown, map: Map<string, Role>): Role | null {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  let best: Role | null = null;
  for (const v of values) {
    const role = map.size > 0 ? map.get(v) : (['editor', 'reviewer', 'admin'] as const).find((r) => r === v);
    if (role && (!best || STRENGTH[role] > STRENGTH[best])) best = role;
  }
  return best;
}

/** A username for a new account from the provider's claims: preferred_username, the e-mail's local part, or the subject. */
export function usernameFromClaims(claims: { preferred_username?: unknown; email?: unknown; sub: string }): string {
  const candidates = [claims.preferred_username, typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined, claims.sub];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const cleaned = c.trim().replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 56);
    if (cleaned) return cleaned;
  }
  return 'user';
}
