import type { Browser, Page } from 'playwright-core';
import { articleInput, claimInput } from '../factories';
import { DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 13 in a real browser: a reviewer's inbox count rises when a claim is assigned to them and
 * drops when they read it; an @mention is suggested while typing and rendered as a link.
 */
describe('Web app: notifications', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: SignedIn;
  let admin: SignedIn;
  let rita: SignedIn;
  let article: number;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'eloi');
    admin = await t.signIn('admin', 'ada');
    rita = await t.signIn('reviewer', 'rita');
    article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Palmyre' })).expect(201)).body.id;
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

  async function checkPage(page: Page, name: string): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
    for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      expect({ name, label, sideways: await scrollsSideways(page) }).toEqual({ name, label, sideways: false });
      await screenshot(page, `${name}-${label}`);
    }
    await page.setViewportSize(DESKTOP);
  }

  const count = (page: Page) => page.locator('#unread-count').innerText();

  it('shows the reviewer’s inbox count rise when a claim is assigned to them, and drop when they read it', async () => {
    const page = await session('rita');
    await page.goto(`${base}/review`);
    expect(await count(page)).toBe('0');

    let c = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput({ text: 'Sappers neutralised 1,230 mines.' })).expect(201)).body;
    c = (await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', editor.auth).send({ to: 'submitted', version: c.version }).expect(200)).body;
    await t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: rita.id, version: c.version }).expect(200);

    await page.reload();
    expect(await count(page)).toBe('1');
    await page.getByRole('link', { name: /Notifications/ }).click();
    await page.waitForURL(`${base}/notifications`);
    const item = page.locator('ol.notifications li.unread');
    await expect(item.innerText()).resolves.toContain(`ada assigned you claim #${c.id} “Sappers neutralised 1,230 mines.”`);
    await checkPage(page, 'notifications-inbox');

    await page.getByRole('button', { name: 'Mark read' }).click();
    await page.waitForURL(/\/notifications\?read=1$/);
    expect(await count(page)).toBe('0');
    expect(await page.locator('ol.notifications li.unread').count()).toBe(0);
    const stored: { read_at: string | null }[] = await t.dataSource.query(`SELECT read_at FROM notifications WHERE user_id = ${rita.id}`);
    expect(stored).toHaveLength(1);
    expect(stored[0].read_at).toBeTruthy();

    // The link leads to the claim, where she is watching it (assigned to her).
    await page.getByRole('link', { name: /ada assigned you/ }).click();
    await page.waitForURL(`${base}/claims/${c.id}`);
    await expect(page.getByRole('button', { name: 'Unwatch this claim' }).isVisible()).resolves.toBe(true);
  });

  it('suggests people while typing an @mention, renders it as a link, and notifies them', async () => {
    const c = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const page = await session('rita');
    await page.goto(`${base}/claims/${c.id}`);
    const box = page.getByLabel(/Add a comment/);
    await box.click();
    await box.pressSequentially('Could @el', { delay: 20 });
    // Selected, not only listed: a pause after "@" can first show every name with the first one selected.
    await page.getByRole('option', { name: '@eloi', selected: true }).waitFor();
    await box.press('Enter');
    await expect(box.inputValue()).resolves.toBe('Could @eloi ');
    await box.pressSequentially('check the count?');
    await Promise.all([page.waitForURL(`${base}/claims/${c.id}`), page.getByRole('button', { name: 'Comment' }).click()]);
    const link = page.locator('.comment-body a.mention');
    await expect(link.getAttribute('href')).resolves.toBe('/people/eloi');
    await expect(link.innerText()).resolves.toBe('@eloi');
    await checkPage(page, 'notifications-mention');

    const eloi = await session('eloi');
    await eloi.goto(`${base}/notifications`);
    expect(await count(eloi)).toBe('1');
    await expect(eloi.locator('ol.notifications li.unread').innerText()).resolves.toContain(`rita mentioned you in a comment on claim #${c.id}`);
    await eloi.goto(`${base}/notifications/preferences`);
    await checkPage(eloi, 'notifications-preferences');
  });
});
