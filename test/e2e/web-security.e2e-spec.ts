import { TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

/** The web app's session, CSRF and header rules, over plain HTTP. */
describe('Web app security', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());


  it('keeps the session token in an httpOnly SameSite cookie that the API itself accepts as a bearer token', async () => {
    const { cookie } = await webSession(t, 'editor');
    const login = await t.http.get('/login').expect(200);
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax/);
    const token = cookie.split('=')[1];
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses a form post without the CSRF token, and one from another site, changing nothing', async () => {
    const { cookie, csrf } = await webSession(t, 'editor');
    const before = await t.count('articles');
    const article = { title: 'T', language: 'fr', body: 'Un texte.' };
    await t.http.post('/articles').set('Cookie', cookie).type('form').send(article).expect(403);
    await t.http.post('/articles').set('Cookie', cookie).type('form').send({ ...article, _csrf: 'forged' }).expect(403);
    await t.http.post('/articles').set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ ...article, _csrf: csrf }).expect(403);
    expect(await t.count('articles')).toBe(before);
    await t.http.post('/articles').set('Cookie', cookie).type('form').send({ ...article, _csrf: csrf }).expect(303);
    expect(await t.count('articles')).toBe(before + 1);
  });

  it('refuses a page action the role may not take even when the form is forged', async () => {
    const { cookie, csrf } = await webSession(t, 'reviewer');
    const page = await t.http.get('/articles').set('Cookie', cookie).expect(200);
    expect(page.text).not.toContain('Add an article');
    const before = await t.count('articles');
    const refused = await t.http.post('/articles').set('Cookie', cookie).type('form').send({ _csrf: csrf, title: 'T', language: 'fr', body: 'x' }).expect(403);
    expect(refused.text).toContain('you are signed in as reviewer');
    expect(await t.count('articles')).toBe(before);
    await t.http.get('/users').set('Cookie', cookie).expect(403);
  });

  it('signs out by revoking the token, not only by dropping the cookie', async () => {
    const { cookie, csrf } = await webSession(t, 'editor');
    await t.http.post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
    const after = await t.http.get('/articles').set('Cookie', cookie).expect(303);
    expect(after.headers.location).toBe('/login?next=%2Farticles');
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${cookie.split('=')[1]}`).expect(401);
  });

  it('sends a strict Content-Security-Policy on pages and leaves the API and its docs as they were', async () => {
    const login = await t.http.get('/login').expect(200);
    const csp = String(login.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(login.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(login.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(login.text).not.toMatch(/\son[a-z]+=/i);
    const health = await t.http.get('/health').expect(200);
    expect(health.headers['content-security-policy']).toBeUndefined();
    const docs = await t.http.get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    const script = await t.http.get('/assets/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('selectionchange');
  });

  it('escapes what users type', async () => {
    const { cookie, csrf } = await webSession(t, 'editor');
    const created = await t.http
      .post('/articles')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, title: '<img src=x onerror=alert(1)>', language: 'fr', body: '<script>alert(1)</script> « texte »' })
      .expect(303);
    const view = await t.http.get(created.headers.location).set('Cookie', cookie).expect(200);
    expect(view.text).not.toContain('<img src=x');
    expect(view.text).not.toContain('<script>alert');
    expect(view.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; « texte »');
  });
});
