import type { Browser, Page } from 'playwright-core';
import { articleInput, claimInput } from '../factories';
import { DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 9, "every reviewer finds their work", in a real browser: the lane of verdicts waiting for a
 * second reviewer spans more than one page, and a bulk take on the claims page reports the one
 * claim someone else changed meanwhile. Both pages pass axe and are photographed at both widths.
 */
describe('Web app: review lanes and bulk actions', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: SignedIn;
  let raoul: SignedIn;
  let article: number;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'eloi');
    raoul = await t.signIn('reviewer', 'raoul');
    await t.signIn('reviewer', 'rita');
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

  async function submitted(n: number, text: (i: number) => string): Promise<{ id: number; version: number }[]> {
    const claims = [];
    for (let i = 0; i < n; i++) claims.push((await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput({ text: text(i) })).expect(201)).body);
    const res = await t.http.post('/api/claims/bulk').set('Authorization', editor.auth).send({ action: 'submit', items: claims.map((c) => ({ id: c.id, version: c.version })) }).expect(200);
    expect(res.body.done).toBe(n);
    return res.body.results.map((r: { id: number; version: number }) => ({ id: r.id, version: r.version }));
  }

  it('pages through more than 50 verdicts waiting for a second reviewer, with the true total', async () => {
    const claims = await submitted(51, (i) => `Verdict à publier ${i}`);
    const taken = await t.http.post('/api/claims/bulk').set('Authorization', raoul.auth).send({ action: 'take', items: claims }).expect(200);
    for (const r of taken.body.results as { id: number; version: number }[]) {
      await t.http.post(`/api/claims/${r.id}/evidence`).set('Authorization', raoul.auth).send({ url: 'https://example.org/e', title: 'Source', stance: 'supports' }).expect(201);
      await t.http.post(`/api/claims/${r.id}/verdicts`).set('Authorization', raoul.auth).send({ rating: 'mixed', rationale: 'Vu.', version: r.version }).expect(201);
    }
    const rita = await session('rita');
    await rita.goto(`${base}/review`);
    await rita.getByRole('link', { name: /Verdicts waiting for a second reviewer \(51\)/ }).click();
    await rita.getByRole('heading', { name: 'Verdicts waiting for a second reviewer (51)' }).waitFor();
    expect(await rita.locator('table.lane tbody tr').count()).toBe(50);
    expect(await rita.locator('table.lane tbody tr').first().locator('td[data-label="proposed by"]').innerText()).toBe('raoul');
    await checkPage(rita, 'review-lanes');
    await rita.getByRole('link', { name: 'Next →' }).click();
    await rita.waitForURL(/page=2/);
    expect(await rita.locator('table.lane tbody tr').count()).toBe(1);
    expect(await rita.getByText('Page 2 of 2').count()).toBe(1);
    // raoul proposed them all: his own lane of verdicts to publish is empty (four eyes).
    const own = await session('raoul');
    await own.goto(`${base}/review?lane=publish`);
    await own.getByRole('heading', { name: 'Verdicts waiting for a second reviewer (0)' }).waitFor();
  }, 120_000);

  it('takes the ticked claims in bulk and reports the one changed meanwhile, leaving it untaken', async () => {
    const [a, b, c] = await submitted(3, (i) => `Prise en masse ${i}`);
    const rita = await session('rita');
    await rita.goto(`${base}/claims?q=prise+en+masse&status=submitted`);
    expect(await rita.locator('#claims-count').innerText()).toBe('3 claims');
    await checkPage(rita, 'claims-index');
    for (const x of [a, b, c]) await rita.locator(`input[name="item"][value="${x.id}:${x.version}"]`).check();
    // The editor rewords b while the page is open.
    await t.http.patch(`/api/claims/${b.id}`).set('Authorization', editor.auth).send({ version: b.version, text: 'Prise en masse, reformulée' }).expect(200);
    await rita.getByLabel('Action').selectOption('take');
    await rita.getByRole('button', { name: 'Apply to the selected claims' }).click();
    await rita.getByRole('heading', { name: 'Done for 2, refused for 1' }).waitFor();
    const refused = rita.locator('#bulk-results tr.refused');
    expect(await refused.count()).toBe(1);
    expect(await refused.innerText()).toContain('was changed by someone else');
    await checkPage(rita, 'claims-bulk-results');
    const rows: { id: number; status: string }[] = await t.dataSource.query(`SELECT id, status FROM claims WHERE id IN (${a.id}, ${b.id}, ${c.id}) ORDER BY id`);
    expect(rows.map((r) => r.status)).toEqual(['in_review', 'submitted', 'in_review']);
  }, 60_000);
});
