import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../src/two-factor/totp';
import { DESKTOP, launchBrowser, screenshot, seriousViolations, signInAs } from '../support/browser';
import { TestOidcProvider } from '../support/oidc-provider';
import { TestApp } from '../support/test-app';

/** A free port on 127.0.0.1: the provider must know the app's callback address before the app starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Single sign-on through a real OpenID provider, and two-factor enrolment and sign-in, in real Chromium. */
describe('Web app: single sign-on and two-factor', () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await TestOidcProvider.start({
      clientId: 'claimtrail',
      clientSecret: 'claimtrail-browser-secret',
      redirectUri: `${base}/auth/oidc/callback`,
      accounts: [{ sub: 'u-2001', preferred_username: 'leila', name: 'Leïla Haddad', groups: ['desk-editors'] }],
    });
    Object.assign(process.env, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'claimtrail',
      OIDC_CLIENT_SECRET: 'claimtrail-browser-secret',
      OIDC_REDIRECT_URI: `${base}/auth/oidc/callback`,
      OIDC_PROVIDER_NAME: 'Test IdP',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'desk-editors=editor',
    });
    t = await TestApp.start();
    await t.app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  }, 60_000);
  beforeEach(async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
    for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_PROVIDER_NAME', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP']) delete process.env[key];
  });

  it('signs in through the test OpenID provider with the "Sign in with" button', async () => {
    await page.goto(`${base}/login?next=%2Freview`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sso-login-1280');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await page.getByLabel('Account').fill('u-2001');
    await Promise.all([page.waitForURL((url) => url.origin === base && url.pathname === '/review'), page.getByRole('button', { name: 'Continue' }).click()]);
    expect(await page.locator('body').getAttribute('data-user')).toBe('leila');
    const [identity] = await t.dataSource.query(`SELECT u.username, u.role FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.subject = 'u-2001'`);
    expect(identity).toEqual({ username: 'leila', role: 'editor' });

    // Then switches the interface to French: the article page, the review queue and an error in French.
    const editor = await t.signIn('editor');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send({ title: 'Palmyre', language: 'fr', body: 'La ville est tombée samedi.' }).expect(201)).body;
    await page.goto(`${base}/account`);
    await page.getByLabel('Language of the interface').selectOption('fr');
    await page.getByRole('button', { name: 'Save the language' }).click();
    await page.goto(`${base}/articles/${article.id}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('navigation').first().textContent()).toContain('File de vérification');
    await page.goto(`${base}/review`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.goto(`${base}/claims/999999`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Introuvable');
  });

  it('enrols TOTP on the account page, then signs in with a code and then with a recovery code', async () => {
    const user = await t.signIn('reviewer', 'yusuf');
    await signInAs(page, base, user.username, 'password-of-yusuf');
    await page.goto(`${base}/account`);
    await page.getByRole('link', { name: 'Two-factor sign-in' }).click();
    await page.getByRole('button', { name: 'Set up two-factor' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'two-factor-enrol-1280');
    const secret = (await page.locator('#totp-secret').textContent())!;
    await page.getByLabel('The 6-digit code the app shows').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    const codes = await page.getByRole('list', { name: 'Recovery codes' }).locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Username').fill('yusuf');
    await page.getByLabel('Password').fill('password-of-yusuf');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-factor code' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'two-factor-code-1280');
    await page.getByLabel('Code from your authenticator app, or a recovery code').fill(totpCode(secret, Date.now() + 30_000));
    await Promise.all([page.waitForURL((url) => url.pathname === '/articles'), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Username').fill('yusuf');
    await page.getByLabel('Password').fill('password-of-yusuf');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code from your authenticator app, or a recovery code').fill(codes[4]);
    await Promise.all([page.waitForURL((url) => url.pathname === '/articles'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await page.locator('body').getAttribute('data-user')).toBe('yusuf');
    await page.goto(`${base}/account/two-factor`);
    expect(await page.locator('main').textContent()).toMatch(/Recovery codes left:\s*9/);
  });
});
