import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

const cookies = (response: { headers: Record<string, unknown> }): string[] => (response.headers['set-cookie'] as string[] | undefined) ?? [];

/** Starts the app with some environment variables set (read once, when the app starts). */
async function startWith(env: Record<string, string>): Promise<TestApp> {
  Object.assign(process.env, env);
  try {
    return await TestApp.start();
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}

/** Signs in through the form with the given extra headers (as a browser behind a proxy would send them). */
async function signInVia(t: TestApp, headers: Record<string, string>): Promise<{ status: number; setCookie: string[] }> {
  const user = await t.signIn('editor');
  const form = await t.http.get('/login').set(headers).expect(200);
  const pre = cookies(form)[0].split(';')[0];
  const preCsrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const login = await t.http
    .post('/login')
    .set(headers)
    .set('Cookie', pre)
    .type('form')
    .send({ _csrf: preCsrf, username: user.username, password: `password-of-${user.username}` });
  return { status: login.status, setCookie: cookies(login) };
}

describe('Web app behind a reverse proxy, with PUBLIC_URL', () => {
  let t: TestApp;
  let editor: WebSession;

  beforeAll(async () => {
    t = await startWith({ PUBLIC_URL: 'https://desk.example.org' });
    editor = await webSession(t, 'editor');
  });
  afterAll(() => t.close());

  const postArticle = (origin: string) =>
    t.http
      .post('/articles')
      .set('Host', 'claimtrail-upstream:3000') // nginx's default `Host: $proxy_host`
      .set('Origin', origin)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ _csrf: editor.csrf, title: 'Behind the proxy', language: 'fr', body: 'Un texte.' });

  it("accepts a form posted from PUBLIC_URL's origin although the Host header is the proxy's upstream", async () => {
    const before = await t.count('articles');
    await postArticle('https://desk.example.org').expect(303);
    expect(await t.count('articles')).toBe(before + 1);
  });

  it('refuses a form posted from any other origin, including the same host over plain http', async () => {
    const before = await t.count('articles');
    await postArticle('https://evil.example').expect(403);
    await postArticle('http://desk.example.org').expect(403);
    await postArticle('http://claimtrail-upstream:3000').expect(403);
    expect(await t.count('articles')).toBe(before);
  });

  it('marks the sign-in and session cookies Secure when PUBLIC_URL is https, even on a plain-http hop', async () => {
    const { status, setCookie } = await signInVia(t, { Origin: 'https://desk.example.org' });
    expect(status).toBe(303);
    expect(setCookie.find((c) => c.startsWith('ct_session='))).toMatch(/; Secure/);
    const form = await t.http.get('/login').expect(200);
    expect(cookies(form)[0]).toMatch(/; Secure/);
  });
});

describe('Web app behind a reverse proxy, with TRUST_PROXY', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWith({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it("honours the proxy's X-Forwarded-Host for the origin check and X-Forwarded-Proto for Secure cookies", async () => {
    const proxied = { Host: 'claimtrail-upstream:3000', 'X-Forwarded-Host': 'desk.example.org', 'X-Forwarded-Proto': 'https', Origin: 'https://desk.example.org' };
    const { status, setCookie } = await signInVia(t, proxied);
    expect(status).toBe(303);
    expect(setCookie.find((c) => c.startsWith('ct_session='))).toMatch(/; Secure/);
    const other = await signInVia(t, { ...proxied, Origin: 'https://evil.example' });
    expect(other.status).toBe(403);
  });
});

describe('Web app reached directly (no PUBLIC_URL, no TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('ignores forwarded headers a client could forge: no Secure cookie over http, and the Host header decides', async () => {
    const forged = { 'X-Forwarded-Host': 'desk.example.org', 'X-Forwarded-Proto': 'https', Origin: 'https://desk.example.org' };
    expect((await signInVia(t, forged)).status).toBe(403);
    const direct = await signInVia(t, {});
    expect(direct.status).toBe(303);
    expect(direct.setCookie.find((c) => c.startsWith('ct_session='))).not.toMatch(/Secure/);
  });
});
