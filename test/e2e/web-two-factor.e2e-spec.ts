import { totpCode } from '../../src/two-factor/totp';
import { TwoFactorService } from '../../src/two-factor/two-factor.service';
import { UsersService } from '../../src/users/users.service';
import { SignedIn, TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

const CSRF = /name="_csrf" value="([^"]+)"/;
const cookieOf = (response: { headers: Record<string, unknown> }, name: string): string | undefined =>
  ([] as string[]).concat((response.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))?.split(';')[0];

describe('Two-factor on the web pages (issue 16)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Enrols through the account pages; answers the secret and the recovery codes shown. */
  async function enrolOnTheWeb(s: WebSession): Promise<{ secret: string; codes: string[] }> {
    const started = await t.http.post('/account/two-factor/enrol').set('Cookie', s.cookie).type('form').send({ _csrf: s.csrf }).expect(200);
    expect(started.text).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR code for your authenticator app"/);
    const secret = /<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(started.text)![1];
    const confirmed = await t.http.post('/account/two-factor/confirm').set('Cookie', s.cookie).type('form').send({ _csrf: s.csrf, code: totpCode(secret) }).expect(200);
    const codes = [...confirmed.text.matchAll(/<li><code>([a-z2-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(confirmed.text).toContain('They are shown only now.');
    return { secret, codes };
  }

  /** The password step of the sign-in form; answers the second-factor page and its cookies. */
  async function passwordStep(user: SignedIn) {
    const form = await t.http.get('/login').expect(200);
    const pre = cookieOf(form, 'ct_login_csrf')!;
    const answer = await t.http
      .post('/login')
      .set('Cookie', pre)
      .type('form')
      .send({ _csrf: CSRF.exec(form.text)![1], username: user.username, password: `password-of-${user.username}`, next: '/review' })
      .expect(200);
    expect(cookieOf(answer, 'ct_session')).toBeUndefined();
    return { page: answer.text, cookies: [cookieOf(answer, 'ct_login_csrf')!, cookieOf(answer, 'ct_2fa')!].join('; '), csrf: CSRF.exec(answer.text)![1] };
  }

  const codeStep = (step: { cookies: string; csrf: string }, user: SignedIn, code: string) =>
    t.http.post('/login/second-factor').set('Cookie', step.cookies).type('form').send({ _csrf: step.csrf, username: user.username, code, next: '/review' });

  it('enrols on the account page, then asks for the code after the password and signs in with it', async () => {
    const s = await webSession(t, 'editor');
    const { secret } = await enrolOnTheWeb(s);
    const status = await t.http.get('/account/two-factor').set('Cookie', s.cookie).expect(200);
    expect(status.text).toContain('Recovery codes left:');

    const step = await passwordStep(s.user);
    expect(step.page).toContain('Code from your authenticator app, or a recovery code');
    const wrong = await codeStep(step, s.user, '000000').expect(401);
    expect(wrong.text).toContain('Wrong two-factor code');
    expect(cookieOf(wrong, 'ct_session')).toBeUndefined();
    const retry = { cookies: `${cookieOf(wrong, 'ct_login_csrf')}; ${step.cookies.split('; ')[1]}`, csrf: CSRF.exec(wrong.text)![1] };
    const ok = await codeStep(retry, s.user, totpCode(secret, Date.now() + 30_000)).expect(303);
    expect(ok.headers.location).toBe('/review');
    const session = cookieOf(ok, 'ct_session')!;
    await t.http.get('/review').set('Cookie', session).expect(200);
    // The challenge is used up: the same second step again signs nobody in.
    const again = await codeStep(retry, s.user, totpCode(secret, Date.now() + 30_000)).expect(401);
    expect(again.text).toContain('sign in again with your password');
  });

  it('asks for the code in French for a French browser', async () => {
    const s = await webSession(t, 'editor');
    await enrolOnTheWeb(s);
    const form = await t.http.get('/login').set('Accept-Language', 'fr').expect(200);
    const answer = await t.http
      .post('/login')
      .set('Cookie', cookieOf(form, 'ct_login_csrf')!)
      .set('Accept-Language', 'fr')
      .type('form')
      .send({ _csrf: CSRF.exec(form.text)![1], username: s.user.username, password: `password-of-${s.user.username}` })
      .expect(200);
    expect(answer.text).toContain('<h1>Code de double authentification</h1>');
    expect(answer.text).toContain('Code de votre application d’authentification, ou code de secours');
  });

  it('signs in with a recovery code once', async () => {
    const s = await webSession(t, 'editor');
    const { codes } = await enrolOnTheWeb(s);
    const ok = await codeStep(await passwordStep(s.user), s.user, codes[0]).expect(303);
    expect(cookieOf(ok, 'ct_session')).toBeDefined();
    await codeStep(await passwordStep(s.user), s.user, codes[0]).expect(401);
  });

  it('ends the second step after five wrong codes', async () => {
    const s = await webSession(t, 'editor');
    const { secret } = await enrolOnTheWeb(s);
    let step = await passwordStep(s.user);
    for (let i = 0; i < 5; i++) {
      const wrong = await codeStep(step, s.user, '000000').expect(401);
      step = { ...step, cookies: `${cookieOf(wrong, 'ct_login_csrf')}; ${step.cookies.split('; ')[1]}`, csrf: CSRF.exec(wrong.text)![1] };
    }
    const refused = await codeStep(step, s.user, totpCode(secret, Date.now() + 30_000)).expect(401);
    expect(refused.text).toContain('too many wrong codes');
    expect(cookieOf(refused, 'ct_session')).toBeUndefined();
  });

  it('sends reviewers without two-factor to set it up when an admin requires it, and lets them in once they have', async () => {
    const admin = await webSession(t, 'admin');
    const saved = await t.http.post('/settings/security').set('Cookie', admin.cookie).type('form').send({ _csrf: admin.csrf, requireTwoFactor: 'yes' }).expect(303);
    expect(saved.headers.location).toBe('/settings/security?saved=1');
    try {
      // The API's sign-in refuses them (they must enrol first): create the user directly and sign in on the web.
      const created = await t.app.get(UsersService).create(null, { username: 'rita', role: 'reviewer', password: 'password-of-rita' });
      const user = { id: created.id, username: 'rita', role: 'reviewer' as const, token: '', auth: '' };
      const form = await t.http.get('/login').expect(200);
      const login = await t.http
        .post('/login')
        .set('Cookie', cookieOf(form, 'ct_login_csrf')!)
        .type('form')
        .send({ _csrf: CSRF.exec(form.text)![1], username: user.username, password: `password-of-${user.username}` })
        .expect(303);
      const cookie = cookieOf(login, 'ct_session')!;
      const sent = await t.http.get('/articles').set('Cookie', cookie).expect(303);
      expect(sent.headers.location).toBe('/account/two-factor');
      const enrolPage = await t.http.get('/account/two-factor').set('Cookie', cookie).expect(200);
      expect(enrolPage.text).toContain('The desk requires two-factor sign-in for your role');
      await enrolOnTheWeb({ user, cookie, csrf: CSRF.exec(enrolPage.text)![1] });
      await t.http.get('/articles').set('Cookie', cookie).expect(200);
      // Admins too (the admin here has none): sent to enrol.
      expect((await t.http.get('/articles').set('Cookie', admin.cookie).expect(303)).headers.location).toBe('/account/two-factor');
    } finally {
      // The admin has no two-factor either, so the page would send them to enrol: turn it off directly.
      await t.app.get(TwoFactorService).updateSettings(admin.user, { requireTwoFactorForReviewersAndAdmins: false });
    }
    expect(await t.count(`audit_events WHERE action = 'settings.two_factor'`)).toBe(2);
  });

  it('lets an admin reset a user’s two-factor from the Users page after a confirm page; the user’s sessions end', async () => {
    const admin = await webSession(t, 'admin');
    const s = await webSession(t, 'reviewer');
    await enrolOnTheWeb(s);
    const refused = await t.http.post(`/users/${s.user.id}/two-factor/reset`).set('Cookie', s.cookie).type('form').send({ _csrf: s.csrf, confirm: 'yes' }).expect(403);
    expect(refused.text).toContain('This needs the role admin');
    const ask = await t.http.post(`/users/${s.user.id}/two-factor/reset`).set('Cookie', admin.cookie).type('form').send({ _csrf: admin.csrf }).expect(200);
    expect(ask.text).toContain(`Reset ${s.user.username}’s two-factor?`);
    expect(await t.count(`totp_credentials WHERE user_id = ${s.user.id}`)).toBe(1);
    const done = await t.http.post(`/users/${s.user.id}/two-factor/reset`).set('Cookie', admin.cookie).type('form').send({ _csrf: admin.csrf, confirm: 'yes' }).expect(303);
    expect(done.headers.location).toBe('/users?twoFactorReset=1');
    expect(await t.count(`totp_credentials WHERE user_id = ${s.user.id}`)).toBe(0);
    expect(await t.count(`audit_events WHERE action = 'user.two_factor.reset' AND entity_id = ${s.user.id} AND user_id = ${admin.user.id}`)).toBe(1);
    expect((await t.http.get('/articles').set('Cookie', s.cookie).expect(303)).headers.location).toContain('/login');
    const list = await t.http.get('/users?twoFactorReset=1').set('Cookie', admin.cookie).expect(200);
    expect(list.text).toContain('Two-factor reset; the user was signed out everywhere.');
  });
});
