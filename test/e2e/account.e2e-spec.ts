import { TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

/** Every user's own account: password change, sessions, signing out everywhere (API and web). */
describe('Account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const login = async (username: string, password = `password-of-${username}`) =>
    (await t.http.post('/api/auth/login').send({ username, password }).expect(200)).body.token as string;
  const me = (token: string) => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);

  it('changes the password with the current one: other sessions end, this one stays, the new password signs in, audited', async () => {
    const user = await t.signIn('reviewer');
    const other = await login(user.username);
    await t.http.post('/api/account/password').set('Authorization', user.auth).send({ currentPassword: `password-of-${user.username}`, newPassword: 'a brand new passphrase' }).expect(204);
    await me(user.token).expect(200);
    await me(other).expect(401);
    await t.http.post('/api/auth/login').send({ username: user.username, password: `password-of-${user.username}` }).expect(401);
    await login(user.username, 'a brand new passphrase');
    const admin = await t.signIn('admin');
    const audit = (await t.http.get('/api/audit').query({ action: 'user.password_change', entityId: user.id }).set('Authorization', admin.auth)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toEqual({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit[0])).not.toContain('brand new');
  });

  it('refuses a wrong current password (422) and a short new one (400), changing nothing', async () => {
    const user = await t.signIn('editor');
    const other = await login(user.username);
    const wrong = await t.http.post('/api/account/password').set('Authorization', user.auth).send({ currentPassword: 'not it', newPassword: 'a brand new passphrase' }).expect(422);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', reason: 'does not match your password' }]);
    const short = await t.http.post('/api/account/password').set('Authorization', user.auth).send({ currentPassword: `password-of-${user.username}`, newPassword: 'short' }).expect(400);
    expect(JSON.stringify(short.body.errors)).toContain('newPassword');
    await me(other).expect(200);
    await login(user.username);
  });

  it('lists only your own open sessions, marks the current one, and records when each was last used', async () => {
    const user = await t.signIn('editor');
    const second = await login(user.username);
    const stranger = await t.signIn('editor');
    const sessions = (await t.http.get('/api/account/sessions').set('Authorization', user.auth).expect(200)).body;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    for (const s of sessions) {
      expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
      expect(s.lastUsedAt).not.toBeNull();
    }
    // A token last used long ago is refreshed by its next request.
    await t.dataSource.query(`UPDATE access_tokens SET last_used_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ${user.id}`);
    await me(second).expect(200);
    const rows: { last_used_at: string }[] = await t.dataSource.query(`SELECT last_used_at FROM access_tokens WHERE user_id = ${user.id} ORDER BY id`);
    expect(rows.map((r) => r.last_used_at.startsWith('2000'))).toEqual([true, false]);
    // Someone else's session cannot be ended through your account.
    const theirs = (await t.http.get('/api/account/sessions').set('Authorization', stranger.auth)).body[0].id;
    await t.http.delete(`/api/account/sessions/${theirs}`).set('Authorization', user.auth).expect(404);
    await me(stranger.token).expect(200);
    const mine = sessions.find((s: { current: boolean }) => !s.current).id;
    await t.http.delete(`/api/account/sessions/${mine}`).set('Authorization', user.auth).expect(204);
    await me(second).expect(401);
  });

  it('signs out everywhere: every session of the user ends, others are untouched', async () => {
    const user = await t.signIn('reviewer');
    const second = await login(user.username);
    const stranger = await t.signIn('reviewer');
    expect((await t.http.delete('/api/account/sessions').set('Authorization', user.auth).expect(200)).body).toEqual({ revoked: 2 });
    await me(user.token).expect(401);
    await me(second).expect(401);
    await me(stranger.token).expect(200);
  });

  it('changes the password and signs out everywhere from the web account page', async () => {
    const web = await webSession(t, 'editor');
    const other = await login(web.user.username);
    const pageHtml = (await t.http.get('/account').set('Cookie', web.cookie).expect(200)).text;
    expect(pageHtml).toContain('(this session)');
    expect(pageHtml).toContain('data-label="Last used"');
    const post = (path: string, fields: Record<string, string> = {}) => t.http.post(path).set('Cookie', web.cookie).type('form').send({ _csrf: web.csrf, ...fields });
    const wrong = await post('/account/password', { currentPassword: 'nope', newPassword: 'twelve chars at least' }).expect(422);
    expect(wrong.text).toContain('Your current password is not right');
    await me(other).expect(200);
    const done = await post('/account/password', { currentPassword: `password-of-${web.user.username}`, newPassword: 'twelve chars at least' }).expect(303);
    expect(done.headers.location).toBe('/account?password=1');
    await me(other).expect(401);
    expect((await t.http.get('/account?password=1').set('Cookie', web.cookie).expect(200)).text).toContain('Password changed');
    const third = await login(web.user.username, 'twelve chars at least');
    const thirdId = (await t.http.get('/api/account/sessions').set('Authorization', `Bearer ${third}`)).body.find((x: { current: boolean }) => x.current).id;
    expect((await t.http.get('/account').set('Cookie', web.cookie)).text).toContain(`action="/account/sessions/${thirdId}/end"`);
    expect((await post(`/account/sessions/${thirdId}/end`).expect(303)).headers.location).toBe('/account?ended=1');
    await me(third).expect(401);
    const out = await post('/account/sign-out-everywhere').expect(303);
    expect(out.headers.location).toBe('/login');
    const after = await t.http.get('/account').set('Cookie', web.cookie).expect(303);
    expect(after.headers.location).toContain('/login');
  });
});
