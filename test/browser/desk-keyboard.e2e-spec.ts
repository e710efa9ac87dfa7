import type { Browser, Page } from 'playwright-core';
import { articleInput, claimInput } from '../factories';
import { DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 9's smaller things in a real browser: highlights reached and followed with the keyboard,
 * the j/k and Ctrl+Enter shortcuts, the help page, the claim form beside the text keeping its
 * place when a chain link is added, and the choice among a repeated quote's occurrences.
 */
describe('Web app: keyboard and claim form details', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: SignedIn;
  let article: number;
  const paragraph = 'Les sapeurs sont arrivés à Palmyre samedi, selon le Centre. ';
  const body = `${paragraph.repeat(40)}La ville est calme. ${paragraph.repeat(40)}Fin.`;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'elsa');
    article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Palmyre', body })).expect(201)).body.id;
    for (const [quote, occurrence] of [['La ville est calme', undefined], ['Fin', undefined], ['Les sapeurs sont arrivés', 3]] as const) {
      await t.http
        .post(`/api/articles/${article}/claims`)
        .set('Authorization', editor.auth)
        .send(claimInput({ text: `Claim on ${quote}`, quote, ...(occurrence ? { occurrence } : {}) }))
        .expect(201);
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function session(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAs(page, base, 'elsa', 'password-of-elsa');
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

  it('reaches a highlight with Tab, follows it with Enter to its claim, and walks the claims with j and k', async () => {
    const page = await session();
    await page.goto(`${base}/articles/${article}`);
    // From the skip link, Tab passes the "log a claim by typing" link and lands on the first highlight.
    await page.getByRole('link', { name: /Skip to the claims/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
    const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.claims);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('.claim-item')?.id)).toBe(`claim-${id}`);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const one = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('j');
    const two = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(one);
    expect(two).not.toBe(one);
    // The skip link takes the keyboard past the text.
    await page.getByRole('link', { name: /Skip to the claims/ }).click();
    expect(page.url()).toContain('#claims-heading');
    await page.getByRole('link', { name: 'Show in text (claim' }).first().click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
  });

  it('lists the shortcuts on the help page, reached with ?', async () => {
    const page = await session();
    await page.goto(`${base}/articles`);
    await page.keyboard.press('?');
    await page.waitForURL(/\/help$/);
    await page.getByRole('table', { name: 'Keyboard shortcuts' }).waitFor();
    await checkPage(page, 'help');
  });

  it('keeps the claim form beside the text and its place when a chain link is added, and sends it with Ctrl+Enter', async () => {
    const page = await session();
    const start = body.indexOf('La ville est calme');
    await page.goto(`${base}/articles/${article}/claims/new?start=${start}&end=${start + 18}`);
    await page.locator('#covered').waitFor();
    const text = await page.locator('.form-text').boundingBox();
    const form = await page.locator('#claim-form').boundingBox();
    expect(text!.x + text!.width).toBeLessThanOrEqual(form!.x); // side by side at 1280 px
    expect(await page.locator('.form-text').evaluate((el) => el.scrollTop)).toBeGreaterThan(0); // scrolled to the chosen words
    await checkPage(page, 'claim-form-beside-text');
    await page.getByLabel('The claim, in your words').fill('La ville est calme, dit l’article.');
    await page.getByRole('button', { name: 'Add a link to the chain' }).click();
    await page.locator('#l1_name').waitFor();
    expect(new URL(page.url()).hash).toBe('#chain-builder');
    // The browser scrolls to the fragment once the page has laid out: wait for it rather than sample too early.
    await page.waitForFunction(() => window.scrollY > 200, undefined, { timeout: 5000 });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await page.getByLabel('No named source: the article says it in its own voice (the chain below is then ignored)').check();
    await page.getByLabel('The claim, in your words').focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/logged=1/);
    const [row] = await t.dataSource.query(`SELECT start_offset AS s FROM claims WHERE text = 'La ville est calme, dit l’article.'`);
    expect(Number(row.s)).toBe(start);
  });

  it('warns before logging typed words a claim covers, offers the occurrences of a quote found several times, and logs the chosen one', async () => {
    const page = await session();
    await page.goto(`${base}/articles/${article}/claims/new`);
    await page.getByLabel('Quote: the article’s exact words').fill('La ville est calme. Les sapeurs');
    await page.getByLabel('The claim, in your words').fill('Unique.');
    await page.getByLabel('No named source: the article says it in its own voice (the chain below is then ignored)').check();
    await page.getByRole('button', { name: 'Log claim' }).last().click();
    // It occurs once, but a claim covers "La ville est calme": the form says so first, with a link.
    await page.locator('#covered').getByRole('link', { name: 'Claim on La ville est calme' }).waitFor();
    await page.getByRole('button', { name: 'Log claim' }).last().click();
    await page.waitForURL(/logged=1/);
    await page.goto(`${base}/articles/${article}/claims/new`);
    await page.getByLabel('Quote: the article’s exact words').fill('arrivés à Palmyre samedi');
    await page.getByLabel('The claim, in your words').fill('La deuxième fois.');
    await page.getByLabel('No named source: the article says it in its own voice (the chain below is then ignored)').check();
    await page.getByRole('button', { name: 'Log claim' }).last().click();
    await page.locator('#occurrences').waitFor();
    expect(await page.locator('#occurrences input[type="radio"]').count()).toBe(80);
    await checkPage(page, 'claim-form-occurrences');
    await page.locator('#occurrences input[type="radio"]').nth(1).check();
    await page.getByRole('button', { name: 'Log claim' }).last().click();
    await page.waitForURL(/logged=1/);
    const [row] = await t.dataSource.query(`SELECT start_offset AS s FROM claims WHERE text = 'La deuxième fois.'`);
    expect(Number(row.s)).toBe(paragraph.length + paragraph.indexOf('arrivés à Palmyre samedi'));
  });
});
