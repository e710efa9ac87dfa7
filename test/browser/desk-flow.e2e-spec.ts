import type { Browser, Page } from 'playwright-core';
import { articleInput, claimInput } from '../factories';
import { DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 9 in a real browser: what a reviewer types survives an expired or revoked session, a
 * stale verdict keeps its text and shows what changed, and destructive actions ask first and can
 * be undone. Every new page is checked with axe and photographed at 1280 and 375 px.
 */
describe('Web app: nothing typed is ever lost', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'edna');
    reviewer = await t.signIn('reviewer', 'remy');
    admin = await t.signIn('admin', 'adele');
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

  /** A claim in review, assigned to remy, with one evidence link. */
  async function inReview(): Promise<{ id: number; version: number }> {
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    let claim = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    for (const [who, to] of [[editor, 'submitted'], [reviewer, 'in_review']] as const) {
      claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set('Authorization', who.auth).send({ to, version: claim.version }).expect(200)).body;
    }
    await t.http.post(`/api/claims/${claim.id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/r', title: 'Le rapport du Centre', stance: 'supports' }).expect(201);
    return (await t.http.get(`/api/claims/${claim.id}`).set('Authorization', reviewer.auth)).body;
  }

  const stored = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.auth)).body;

  it('keeps a 400-character comment typed while the session expired, and puts it back after sign-in on the same page', async () => {
    const claim = await inReview();
    const page = await session('remy');
    await page.goto(`${base}/claims/${claim.id}`);
    const comment = `${'Le Centre a compté les mines une par une, selon son propre communiqué; '.repeat(6)}`.slice(0, 400);
    expect(comment).toHaveLength(400);
    await page.getByLabel('Add a comment').fill(comment);
    // The token expires while the reviewer types.
    // (The browser's session is remy's newest token; the API token the test uses stays valid.)
    await t.dataSource.query(`UPDATE access_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = (SELECT MAX(id) FROM access_tokens WHERE user_id = ${reviewer.id})`);
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/\/login\?next=/);
    expect((await stored(claim.id)).comments).toHaveLength(0);
    await page.getByLabel('Username').fill('remy');
    await page.getByLabel('Password').fill('password-of-remy');
    await Promise.all([page.waitForURL(new RegExp(`/claims/${claim.id}`)), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.locator('#restored-notice').waitFor();
    expect(await page.getByLabel('Add a comment').inputValue()).toBe(comment);
    expect(page.url()).not.toContain('restore=1');
    await checkPage(page, 'claim-restored');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/commented=1/);
    expect((await stored(claim.id)).comments.map((c: { body: string }) => c.body)).toEqual([comment]);
  }, 60_000);

  it('keeps a verdict’s rating and rationale when the session was signed out elsewhere', async () => {
    const claim = await inReview();
    const page = await session('remy');
    await page.goto(`${base}/claims/${claim.id}`);
    expect(await page.getByLabel('Rating').inputValue()).toBe('');
    await page.getByLabel('Rating').selectOption('mostly_false');
    const rationale = 'Le communiqué compte **1230** mines, mais les images satellites en montrent moins.';
    await page.getByLabel('Rationale').fill(rationale);
    // Signed out in another tab: the cookie is gone.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Propose verdict' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Username').fill('remy');
    await page.getByLabel('Password').fill('password-of-remy');
    await Promise.all([page.waitForURL(new RegExp(`/claims/${claim.id}`)), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.locator('#restored-notice').waitFor();
    expect(await page.getByLabel('Rating').inputValue()).toBe('mostly_false');
    expect(await page.getByLabel('Rationale').inputValue()).toBe(rationale);
    await page.getByRole('button', { name: 'Propose verdict' }).click();
    await page.waitForURL(/verdict=1/);
    const after = await stored(claim.id);
    expect(after.currentVerdict).toEqual(expect.objectContaining({ rating: 'mostly_false', rationale }));
  }, 60_000);

  it('keeps a comment when the user signed out and in again in another tab (the form carries the old session’s token)', async () => {
    const claim = await inReview();
    const page = await session('remy');
    await page.goto(`${base}/claims/${claim.id}`);
    await page.getByLabel('Add a comment').fill('Typed before signing out elsewhere.');
    const other = await page.context().newPage();
    await other.goto(`${base}/articles`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(/\/login/);
    await signInAs(other, base, 'remy', 'password-of-remy');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.locator('#restored-notice').waitFor();
    expect(await page.getByLabel('Add a comment').inputValue()).toBe('Typed before signing out elsewhere.');
    expect((await stored(claim.id)).comments).toHaveLength(0);
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/commented=1/);
    expect((await stored(claim.id)).comments.map((c: { body: string }) => c.body)).toEqual(['Typed before signing out elsewhere.']);
  }, 60_000);

  it('shows a stale verdict with what the reviewer saw, what it is now and what they wrote, with the form still filled', async () => {
    const claim = await inReview();
    const page = await session('remy');
    await page.goto(`${base}/claims/${claim.id}`);
    await page.getByLabel('Rating').selectOption('true');
    await page.getByLabel('Rationale').fill('Tout concorde.');
    // An admin proposes a verdict first.
    await t.http.post(`/api/claims/${claim.id}/verdicts`).set('Authorization', admin.auth).send({ rating: 'misleading', rationale: 'Trompeur.', version: claim.version }).expect(201);
    await page.getByRole('button', { name: 'Propose verdict' }).click();
    await page.locator('#stale').waitFor();
    const table = await page.locator('#stale table').innerText();
    expect(table).toMatch(/Rating\s+\(none\)\s+Misleading\s+True/);
    expect(table).toMatch(/Rationale\s+\(none\)\s+Trompeur\.\s+Tout concorde\./);
    expect(await page.getByLabel('Rating').inputValue()).toBe('true');
    expect(await page.getByLabel('Rationale').inputValue()).toBe('Tout concorde.');
    await checkPage(page, 'claim-stale-verdict');
    expect((await stored(claim.id)).verdicts).toHaveLength(1);
  }, 60_000);

  it('asks before removing an evidence link, and restores it from the notice', async () => {
    const claim = await inReview();
    const page = await session('remy');
    await page.goto(`${base}/claims/${claim.id}`);
    await page.getByRole('button', { name: 'Remove evidence: Le rapport du Centre' }).click();
    await page.getByRole('heading', { name: 'Remove the evidence link “Le rapport du Centre”?' }).waitFor();
    await checkPage(page, 'confirm');
    expect((await stored(claim.id)).evidence).toHaveLength(1);
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.waitForURL(/unlinked=1/);
    expect((await stored(claim.id)).evidence).toHaveLength(0);
    await page.locator('.notice.undo').getByRole('button', { name: 'Restore this link' }).click();
    await page.waitForURL(/restored=1/);
    expect((await stored(claim.id)).evidence.map((e: { title: string }) => e.title)).toEqual(['Le rapport du Centre']);
    expect(await page.getByRole('button', { name: 'Restore this link' }).count()).toBe(0);
  }, 60_000);
});
