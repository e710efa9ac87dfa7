import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { TestOidcProvider } from '../support/oidc-provider';
import { TestApp } from '../support/test-app';

// The app is driven over supertest, so the redirect URI is never dialled: the spec carries the
// provider's redirect back to the app itself, as the browser would.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/oidc/callback';

describe('Single sign-on with OpenID Connect (issue 16)', () => {
  let t: TestApp;
  let idp: TestOidcProvider;

  beforeAll(async () => {
    idp = await TestOidcProvider.start({
      clientId: 'claimtrail',
      clientSecret: 'claimtrail-test-secret',
      redirectUri: REDIRECT_URI,
      accounts: [
        { sub: 'u-1001', preferred_username: 'maria', name: 'Maria Dupont', email: 'maria@desk.example', groups: ['staff', 'desk-reviewers'] },
        { sub: 'u-1002', preferred_username: 'olga', name: 'Olga', groups: ['staff'] },
        { sub: 'u-1003', preferred_username: 'sami', groups: ['desk-editors'] },
      ],
    });
    Object.assign(process.env, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'claimtrail',
      OIDC_CLIENT_SECRET: 'claimtrail-test-secret',
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_PROVIDER_NAME: 'Test IdP',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'desk-reviewers=reviewer,desk-editors=editor',
    });
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_PROVIDER_NAME', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP']) delete process.env[key];
  });

  const web = () => request(t.app.getHttpServer());
  const cookieOf = (response: request.Response, name: string): string | undefined =>
    ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))?.split(';')[0];

  /** Starts a sign-in at the app and goes through the provider as `login`; answers the callback to call and the transaction cookie. */
  async function throughProvider(login: string, next = '/review'): Promise<{ callback: string; cookie: string }> {
    const started = await web().get(`/auth/oidc/start?next=${encodeURIComponent(next)}`).expect(302);
    const authorization = new URL(started.headers.location);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toEqual(expect.any(String));
    expect(authorization.searchParams.get('nonce')).toEqual(expect.any(String));
    const cookie = cookieOf(started, 'ct_oidc')!;
    expect(cookie).toBeDefined();
    const back = await idp.authorize(started.headers.location, login);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    return { callback: `/auth/oidc/callback${back.search}`, cookie };
  }

  const sessions = () => t.count('access_tokens');

  it('offers "Sign in with" the provider on the sign-in page', async () => {
    const page = await web().get('/login').expect(200);
    expect(page.text).toContain('Sign in with Test IdP');
    expect(page.text).toContain('href="/auth/oidc/start?next=%2Farticles"');
  });

  it('signs a new user in through the provider, creates them with the role their group maps to, and finds them again by (issuer, subject)', async () => {
    const { callback, cookie } = await throughProvider('u-1001');
    const done = await web().get(callback).set('Cookie', cookie).expect(303);
    expect(done.headers.location).toBe('/review');
    const session = cookieOf(done, 'ct_session');
    expect(session).toBeDefined();
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${session!.split('=')[1]}`).expect(200);
    expect(me.body).toMatchObject({ username: 'maria', role: 'reviewer' });

    const [identity] = await t.dataSource.query(`SELECT user_id, issuer, subject, last_sign_in_at FROM user_identities WHERE subject = 'u-1001'`);
    expect(identity).toMatchObject({ issuer: idp.issuer, subject: 'u-1001' });
    expect(Number(identity.user_id)).toBe(me.body.id);
    const [user] = await t.dataSource.query(`SELECT display_name, active FROM users WHERE id = ${me.body.id}`);
    expect(user.display_name).toBe('Maria Dupont');
    const [created] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'user.create' AND entity_id = ${me.body.id}`);
    expect(typeof created.after === 'string' ? JSON.parse(created.after) : created.after).toMatchObject({ via: 'single sign-on', role: 'reviewer' });
    // Her account has no password: nothing signs in with one.
    await t.http.post('/api/auth/login').send({ username: 'maria', password: '!' }).expect(401);

    const usersBefore = await t.count('users');
    const again = await throughProvider('u-1001', '/articles');
    const second = await web().get(again.callback).set('Cookie', again.cookie).expect(303);
    expect(second.headers.location).toBe('/articles');
    expect(await t.count('users')).toBe(usersBefore);
    expect(await t.count(`user_identities WHERE subject = 'u-1001'`)).toBe(1);
  });

  it('creates a user whose groups map to no role inactive, signs nobody in, and lets them in once an admin gives them a role', async () => {
    const before = await sessions();
    const { callback, cookie } = await throughProvider('u-1002');
    const refused = await web().get(callback).set('Cookie', cookie).expect(403);
    expect(refused.text).toContain('has no role on the desk yet');
    expect(cookieOf(refused, 'ct_session')).toBeUndefined();
    expect(await sessions()).toBe(before);
    const [olga] = await t.dataSource.query(`SELECT id, active, version FROM users WHERE username = 'olga'`);
    expect(Boolean(olga.active)).toBe(false);

    const admin = await t.signIn('admin');
    await t.app.get(UsersService).update({ id: admin.id, username: admin.username, role: 'admin' }, Number(olga.id), { active: true, role: 'editor', version: Number(olga.version) });
    const again = await throughProvider('u-1002');
    const done = await web().get(again.callback).set('Cookie', again.cookie).expect(303);
    expect(cookieOf(done, 'ct_session')).toBeDefined();
  });

  it('refuses a tampered state: nothing signed in, and the page says why', async () => {
    const before = await sessions();
    const { callback, cookie } = await throughProvider('u-1003');
    const url = new URL(callback, 'http://x');
    url.searchParams.set('state', 'forged-state');
    const refused = await web().get(`${url.pathname}${url.search}`).set('Cookie', cookie).expect(401);
    expect(refused.text).toContain('does not belong to the sign-in started in this browser (state mismatch)');
    expect(cookieOf(refused, 'ct_session')).toBeUndefined();
    expect(await sessions()).toBe(before);
    expect(await t.count(`user_identities WHERE subject = 'u-1003'`)).toBe(0);
  });

  it('says why in French for a French browser', async () => {
    const { callback, cookie } = await throughProvider('u-1003');
    const url = new URL(callback, 'http://x');
    url.searchParams.set('state', 'forged-state');
    const refused = await web().get(`${url.pathname}${url.search}`).set('Cookie', cookie).set('Accept-Language', 'fr').expect(401);
    expect(refused.text).toContain('<html lang="fr">');
    expect(refused.text).toContain('ne correspond pas à la connexion commencée dans ce navigateur');
    expect(refused.text).toContain('Se connecter avec Test IdP');
  });

  it('refuses a replayed code, with or without the sign-in cookie', async () => {
    const { callback, cookie } = await throughProvider('u-1003');
    await web().get(callback).set('Cookie', cookie).expect(303);
    const before = await sessions();

    const replayed = await web().get(callback).set('Cookie', cookie).expect(401);
    expect(replayed.text).toContain('refused the sign-in code: it was already used or has expired');
    const withoutCookie = await web().get(callback).expect(401);
    expect(withoutCookie.text).toContain('This sign-in was already used or has expired');
    expect(cookieOf(replayed, 'ct_session')).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('refuses an ID token issued for another application (wrong audience)', async () => {
    const before = await sessions();
    const { callback, cookie } = await throughProvider('u-1001');
    idp.tamper = { aud: 'another-application' };
    const refused = await web().get(callback).set('Cookie', cookie).expect(401);
    expect(refused.text).toContain('issued for another application (wrong audience)');
    expect(cookieOf(refused, 'ct_session')).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('refuses an expired ID token', async () => {
    const before = await sessions();
    const { callback, cookie } = await throughProvider('u-1001');
    const now = Math.floor(Date.now() / 1000);
    idp.tamper = { iat: now - 3600, exp: now - 60 };
    const refused = await web().get(callback).set('Cookie', cookie).expect(401);
    expect(refused.text).toContain('The identity token has expired');
    expect(cookieOf(refused, 'ct_session')).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('refuses an ID token whose signature does not verify', async () => {
    const before = await sessions();
    const { callback, cookie } = await throughProvider('u-1001');
    idp.tamper = { forgeSignature: true };
    const refused = await web().get(callback).set('Cookie', cookie).expect(401);
    expect(refused.text).toMatch(/signature/);
    expect(await sessions()).toBe(before);
  });
});
