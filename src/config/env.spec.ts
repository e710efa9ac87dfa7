import { EnvError, loadEnv } from './env';

describe('loadEnv', () => {
  it('defaults to an embedded SQLite file on loopback port 3000', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ DATABASE_URL: 'sqlite:data/claimtrail.sqlite', PORT: 3000, HOST: '127.0.0.1', PASSWORD_SCRYPT_LOG_N: 17 });
  });

  it('accepts a PostgreSQL URL and numeric settings from strings', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/claimtrail', PORT: '8080', DATABASE_POOL_SIZE: '20' });
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://u:p@db:5432/claimtrail', PORT: 8080, DATABASE_POOL_SIZE: 20 });
  });

  it('names every bad variable and why', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(EnvError);
    try {
      loadEnv({ DATABASE_URL: 'mysql://x', PORT: 'eighty' });
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_URL="mysql://x": DATABASE_URL must be sqlite:<path> or postgres://');
      expect((error as Error).message).toContain('PORT="eighty"');
    }
  });

  it('refuses a password cost below the floor', () => {
    expect(() => loadEnv({ PASSWORD_SCRYPT_LOG_N: '10' })).toThrow(/PASSWORD_SCRYPT_LOG_N/);
  });
});

describe('REVIEW_SECOND_CHECK', () => {
  it('is on by default', () => {
    expect(loadEnv({}).REVIEW_SECOND_CHECK).toBe(true);
  });

  it('reads true/false and 1/0', () => {
    expect(loadEnv({ REVIEW_SECOND_CHECK: 'false' }).REVIEW_SECOND_CHECK).toBe(false);
    expect(loadEnv({ REVIEW_SECOND_CHECK: '0' }).REVIEW_SECOND_CHECK).toBe(false);
    expect(loadEnv({ REVIEW_SECOND_CHECK: 'true' }).REVIEW_SECOND_CHECK).toBe(true);
  });

  it('refuses anything else, naming the variable, rather than silently turning the check off', () => {
    expect(() => loadEnv({ REVIEW_SECOND_CHECK: 'no' })).toThrow(EnvError);
    expect(() => loadEnv({ REVIEW_SECOND_CHECK: 'no' })).toThrow(/REVIEW_SECOND_CHECK="no"/);
  });

  it('takes PUBLIC_URL as an http(s) origin and refuses a path, a user part or another scheme, naming the variable', () => {
    expect(loadEnv({}).PUBLIC_URL).toBe('');
    expect(loadEnv({ PUBLIC_URL: 'https://desk.example.org' }).PUBLIC_URL).toBe('https://desk.example.org');
    expect(loadEnv({ PUBLIC_URL: 'http://127.0.0.1:8080/' }).PUBLIC_URL).toBe('http://127.0.0.1:8080/');
    for (const bad of ['desk.example.org', 'https://desk.example.org/claimtrail', 'https://user@desk.example.org', 'ftp://desk.example.org']) {
      expect(() => loadEnv({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL=/);
    }
  });

  it('trusts no proxy unless TRUST_PROXY is true, and refuses a typo', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(() => loadEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY="yes"/);
  });

  it('refuses half-configured single sign-on and a bad role map or LOCAL_PASSWORDS, naming the variable', () => {
    const sso = { OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'claimtrail', OIDC_REDIRECT_URI: 'https://desk.example.org/auth/oidc/callback' };
    expect(loadEnv(sso).OIDC_ISSUER).toBe('https://id.example.org');
    expect(() => loadEnv({ ...sso, OIDC_CLIENT_ID: '' })).toThrow(/OIDC_CLIENT_ID is required/);
    expect(() => loadEnv({ ...sso, OIDC_REDIRECT_URI: '' })).toThrow(/OIDC_REDIRECT_URI/);
    expect(() => loadEnv({ ...sso, OIDC_REDIRECT_URI: 'https://desk.example.org/elsewhere' })).toThrow(/OIDC_REDIRECT_URI=/);
    expect(loadEnv({ OIDC_ROLE_MAP: 'desk-admins=admin, desk-reviewers=reviewer' }).OIDC_ROLE_MAP).toContain('admin');
    expect(() => loadEnv({ OIDC_ROLE_MAP: 'desk-admins=boss' })).toThrow(/OIDC_ROLE_MAP=/);
    expect(() => loadEnv({ LOCAL_PASSWORDS: 'false' })).toThrow(/LOCAL_PASSWORDS="false"/);
  });
});
