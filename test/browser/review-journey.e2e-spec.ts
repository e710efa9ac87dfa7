import type { Browser, Page } from 'playwright-core';
import { SeedService } from '../../src/seed/seed.service';
import { DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways, selectText, seriousViolations, signInAs } from '../support/browser';
import { TestApp } from '../support/test-app';

/**
 * The desk's day in a real browser: an editor logs a claim from a selection with a two-link chain
 * and submits it; a reviewer takes it, adds evidence and proposes a verdict; a second reviewer
 * publishes it; the highlight changes. Every page is checked with axe and photographed at both widths.
 */
describe('Web app: from selection to published verdict', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let articleId: number;
  let body: string;
  const visited = new Set<string>();

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    base = await t.listen();
    browser = await launchBrowser();
    const rows: { id: number; body: string }[] = await t.dataSource.query('SELECT id, body FROM articles');
    articleId = rows[0].id;
    body = rows[0].body;
    await t.signIn('editor', 'edith');
    await t.signIn('reviewer', 'rita');
    await t.signIn('reviewer', 'raoul');
    await t.signIn('admin', 'ada');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function session(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAs(page, base, username, `password-of-${username}`);
    return page;
  }

  /** axe finds no serious or critical violation; no sideways scrolling at 1280 and 375 px; screenshots. */
  async function checkPage(page: Page, name: string): Promise<void> {
    if (visited.has(name)) return;
    visited.add(name);
    expect(await seriousViolations(page)).toEqual([]);
    for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      expect({ name, label, sideways: await scrollsSideways(page) }).toEqual({ name, label, sideways: false });
      await screenshot(page, `${name}-${label}`);
    }
    await page.setViewportSize(DESKTOP);
  }

  /** The classes of the highlight segments that belong to this claim alone (overlaps take the innermost claim's colour). */
  const tone = (page: Page, claimId: number) =>
    page.locator(`#article-body mark[data-claims="${claimId}"]`).evaluateAll((marks) => marks.map((m) => m.className).join(' | '));

  it('carries a claim from the editor’s selection to a published verdict', async () => {
    const editor = await session('edith');
    await checkPage(editor, 'articles');
    await editor.goto(`${base}/articles/${articleId}`);
    await checkPage(editor, 'article');
    const start = body.indexOf('Le chef-adjoint');
    const end = body.indexOf('quelques jours.', start) + 'quelques jours.'.length;
    await selectText(editor, '#article-body', start, end);
    await editor.locator('#log-claim').click();
    await editor.waitForURL(/claims\/new/);
    await editor.getByLabel('The claim, in your words').fill('Les sapeurs russes étaient en route vers Palmyre.');
    await editor.locator('#l0_name').fill('veretenn');
    await editor.getByRole('option', { name: /Veretennik/ }).click();
    await editor.locator('#l0_verb').fill('a indiqué');
    await editor.getByRole('button', { name: 'Add a link to the chain' }).click();
    await editor.locator('#l1_name').fill('Agence Témoin');
    await editor.locator('#l1_kind').selectOption('news_agency');
    await editor.locator('#l1_verb').fill('rapporte');
    await checkPage(editor, 'claim-form');
    await editor.getByRole('button', { name: 'Log claim' }).last().click();
    await editor.waitForURL(/\/claims\/\d+/);
    const claimId = Number(new URL(editor.url()).pathname.split('/')[2]);
    await checkPage(editor, 'claim-panel');
    // An editor is offered no verdict form and no publish button.
    expect(await editor.getByRole('button', { name: 'Propose verdict' }).count()).toBe(0);
    expect(await editor.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await editor.waitForURL(/moved=1/);
    expect(await editor.locator('#claim-status').textContent()).toContain('Submitted');

    const rita = await session('rita');
    await rita.goto(`${base}/review`);
    await checkPage(rita, 'review-queue');
    await rita.getByRole('link', { name: 'Les sapeurs russes étaient en route vers Palmyre.' }).click();
    await rita.getByRole('button', { name: 'Take for review' }).click();
    await rita.waitForURL(/moved=1/);
    await rita.locator('summary', { hasText: 'Add evidence' }).click();
    await rita.getByLabel('Address (http or https)').fill('https://example.org/demining-report');
    await rita.getByLabel('Title', { exact: true }).fill('Demining report, April 2016');
    await rita.getByLabel('Stance').selectOption('supports');
    await rita.getByLabel('Excerpt (optional)').fill('« Les sapeurs russes sont arrivés à Palmyre »');
    await rita.getByRole('button', { name: 'Add evidence' }).click();
    await rita.waitForURL(/evidence=1/);
    await rita.getByLabel('Rating').selectOption('mostly_true');
    await rita.getByLabel('Rationale').fill('The Russian sappers arrived a few days later, as announced.');
    await rita.getByRole('button', { name: 'Propose verdict' }).click();
    await rita.waitForURL(/verdict=1/);
    // Four eyes: the reviewer who proposed is not offered Publish.
    expect(await rita.getByRole('button', { name: 'Publish' }).count()).toBe(0);

    const raoul = await session('raoul');
    await raoul.goto(`${base}/articles/${articleId}`);
    expect(await tone(raoul, claimId)).toContain('st-verdict_proposed');
    await raoul.goto(`${base}/claims/${claimId}`);
    await raoul.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, on a page of its own (no script needed).
    await raoul.getByRole('button', { name: 'Yes, publish' }).click();
    await raoul.waitForURL(/moved=1/);
    expect(await raoul.locator('#claim-status').textContent()).toContain('Published');
    expect(await raoul.locator('#current-verdict').textContent()).toContain('Mostly true');
    await raoul.goto(`${base}/articles/${articleId}`);
    expect(await tone(raoul, claimId)).toContain('st-published');
    await raoul.goto(`${base}/articles/${articleId}?colour=rating`);
    expect(await tone(raoul, claimId)).toContain('rt-mostly_true');

    // The HTML report opens in a new tab and shows the verdict; the other formats download.
    const [tab] = await Promise.all([raoul.context().waitForEvent('page'), raoul.getByRole('link', { name: /^HTML/ }).click()]);
    await tab.waitForLoadState();
    const report = (await tab.locator('body').textContent()) ?? '';
    expect(report).toContain('The Russian sappers arrived a few days later, as announced.');
    expect(report).toContain('Dmitri Veretennik');
    for (const format of ['md', 'json', 'csv', 'claimreview']) {
      const download = await raoul.request.get(`${base}/articles/${articleId}/report.${format}`);
      expect({ format, status: download.status(), disposition: download.headers()['content-disposition'] }).toEqual({
        format,
        status: 200,
        disposition: expect.stringMatching(/^attachment; filename=/),
      });
    }
    expect(await (await raoul.request.get(`${base}/articles/${articleId}/report.md`)).text()).toContain('The Russian sappers arrived a few days later');

    const stored = await t.dataSource.query(`SELECT status FROM claims WHERE id = ${Number(claimId)}`);
    expect(stored[0].status).toBe('published');
  }, 120_000);

  it('refuses a forced action the user is not offered', async () => {
    const editor = await session('edith');
    const [claim] = await t.dataSource.query("SELECT id, version FROM claims WHERE status = 'draft' ORDER BY id LIMIT 1");
    await editor.goto(`${base}/claims/${claim.id}`);
    expect(await editor.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    const csrf = await editor.locator('input[name="_csrf"]').first().inputValue();
    const response = await editor.request.post(`${base}/claims/${claim.id}/transitions`, {
      form: { _csrf: csrf, to: 'published', version: String(claim.version) },
      headers: { origin: base },
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    const after = await t.dataSource.query(`SELECT status, version FROM claims WHERE id = ${Number(claim.id)}`);
    expect(after[0]).toEqual({ status: 'draft', version: claim.version });
  });

  it('reports a stale edit with what changed instead of overwriting it', async () => {
    const editor = await session('edith');
    const [claim] = await t.dataSource.query("SELECT id, text FROM claims WHERE status = 'draft' ORDER BY id LIMIT 1");
    await editor.goto(`${base}/claims/${claim.id}`);
    // Someone else saves a new wording through the API while the form is open.
    const admin = await t.http.post('/api/auth/login').send({ username: 'ada', password: 'password-of-ada' });
    const current = await t.http.get(`/api/claims/${claim.id}`).set('Authorization', `Bearer ${admin.body.token}`);
    await t.http
      .patch(`/api/claims/${claim.id}`)
      .set('Authorization', `Bearer ${admin.body.token}`)
      .send({ version: current.body.version, text: 'Their wording' })
      .expect(200);
    await editor.getByLabel('Wording').fill('My wording');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor.locator('#stale').textContent()).resolves.toContain('Not saved: someone else changed this claim');
    const table = await editor.locator('#stale table').textContent();
    expect(table).toContain('Their wording');
    expect(table).toContain('My wording');
    const stored = await t.dataSource.query(`SELECT text FROM claims WHERE id = ${Number(claim.id)}`);
    expect(stored[0].text).toBe('Their wording');
  });

  it('passes the accessibility check on the other pages', async () => {
    const admin = await session('ada');
    await admin.goto(`${base}/sources`);
    await checkPage(admin, 'sources');
    await admin.getByRole('link', { name: 'Dmitri Veretennik' }).click();
    await checkPage(admin, 'source');
    await admin.goto(`${base}/users`);
    await checkPage(admin, 'users');
    await admin.goto(`${base}/articles/new`);
    await checkPage(admin, 'article-new');
    const anon = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await anon.goto(`${base}/login`);
    await checkPage(anon, 'login');
  });
});
