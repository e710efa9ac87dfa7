import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SeedService } from '../../src/seed/seed.service';
import { launchBrowser, DESKTOP, selectText, signInAs } from '../support/browser';
import { TestApp } from '../support/test-app';

describe('Web app: logging a claim from a selection', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let articleId: number;
  let body: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    base = await t.listen();
    browser = await launchBrowser();
    const rows: { id: number; body: string }[] = await t.dataSource.query('SELECT id, body FROM articles');
    articleId = rows[0].id;
    body = rows[0].body;
    await t.signIn('editor', 'elise');
  }, 60_000);
  beforeEach(async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('console', (m) => console.log('console:', m.text()));
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('sends a visitor without a session to the sign-in page, and back after signing in', async () => {
    await page.goto(`${base}/articles/${articleId}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await signInAs(page, base, 'elise', 'password-of-elise');
    // signInAs opened /login directly, so it lands on the list
    expect(new URL(page.url()).pathname).toBe('/articles');
    expect(await page.locator('table.list a').first().getAttribute('href')).toBe(`/articles/${articleId}`);
  });

  it('logs a claim from selected words with the exact quote and offsets the API stores', async () => {
    await signInAs(page, base, 'elise', 'password-of-elise');
    await page.goto(`${base}/articles/${articleId}`);
    const sentence = 'Le chef-adjoint de l\'unité du Centre international de déminage';
    const start = body.indexOf(sentence);
    const end = body.indexOf('quelques jours.', start) + 'quelques jours.'.length;
    expect(await page.locator('#article-body').evaluate((el) => el.textContent)).toBe(body);
    await selectText(page, '#article-body', start, end);
    const log = page.locator('#log-claim');
    await log.waitFor({ state: 'visible' });
    await log.click();
    await page.waitForURL(/claims\/new/);
    expect(await page.locator('#quote').inputValue()).toBe(body.slice(start, end));
    await page.getByLabel('The claim, in your words').fill('Russian sappers were on their way to Palmyra.');
    await page.getByLabel('Kind', { exact: true }).selectOption('event');
    await page.getByLabel('Source (name or alias)').first().fill('veretenn');
    await page.getByRole('option', { name: /Veretennik/ }).click();
    await page.getByLabel('Verb as written').first().fill('a indiqué');
    await page.getByRole('button', { name: 'Add a link to the chain' }).click();
    await page.locator('#l1_name').fill('Agence Témoin');
    await page.locator('#l1_kind').selectOption('news_agency');
    await page.locator('#l1_verb').fill('rapporte');
    await page.getByRole('button', { name: 'Log claim' }).last().click();
    await page.waitForURL(/\/claims\/\d+/);
    const claimId = Number(new URL(page.url()).pathname.split('/').pop());
    const stored = await t.http.get(`/api/claims/${claimId}`).set('Authorization', (await t.signIn('admin')).auth).expect(200);
    expect(stored.body).toMatchObject({ quote: body.slice(start, end), start, end, kind: 'event', status: 'draft' });
    expect(stored.body.attributions.map((a: { source: { name: string }; verb: string }) => [a.source.name, a.verb])).toEqual([
      ['Dmitri Veretennik', 'a indiqué'],
      ['Agence Témoin', 'rapporte'],
    ]);
  });
});
