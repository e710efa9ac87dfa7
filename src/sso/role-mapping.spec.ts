import { parseRoleMap, roleFromClaim, usernameFromClaims } from './role-mapping';

describe('role mapping', () => {
  const map = parseRoleMap('desk-admins=admin, desk-reviewers = reviewer,desk-editors=editor');

  it('maps a group list to its strongest role', () => {
    expect(roleFromClaim(['staff', 'desk-editors', 'desk-reviewers'], map)).toBe('reviewer');
    expect(roleFromClaim(['desk-admins', 'desk-editors'], map)).toBe('admin');
    expect(roleFromClaim('desk-editors', map)).toBe('editor');
  });

  it('gives no role when nothing matches or the claim is missing', () => {
    expect(roleFromClaim(['staff'], map)).toBeNull();
    expect(roleFromClaim(undefined, map)).toBeNull();
    expect(roleFromClaim([42, null], map)).toBeNull();
  });

  it('without a map, takes values that are role names as they are', () => {
    expect(roleFromClaim(['reviewer', 'other'], new Map())).toBe('reviewer');
    expect(roleFromClaim('boss', new Map())).toBeNull();
  });

  it('makes a username from the preferred username, the e-mail, or the subject', () => {
    expect(usernameFromClaims({ sub: 'x', preferred_username: 'Maria Dupont' })).toBe('Maria-Dupont');
    expect(usernameFromClaims({ sub: 'x', email: 'olga@example.org' })).toBe('olga');
    expect(usernameFromClaims({ sub: 'abc123' })).toBe('abc123');
  });
});
