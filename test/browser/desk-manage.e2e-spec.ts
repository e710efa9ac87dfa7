import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, DESKTOP, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/** Managing the desk's articles, sources and own account in real Chromium. */
describe('Web app: managing sources, articles and your account', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let editor: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'nadia');
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
    await t.close();
  });

  const api = (method: 'get' | 'post' | 'patch', path: string, who: SignedIn = editor) => t.http[method](path).set('Authorization', who.auth);

  it('merges a duplicate source through the edit page and its confirmation step; the claim now names the survivor', async () => {
    const survivor = (await api('post', '/api/sources').send({ name: 'Al Mayadeen', kind: 'outlet', aliases: ['Al-Mayadeen TV'] }).expect(201)).body;
    const duplicate = (await api('post', '/api/sources').send({ name: 'Mayadeen (chaîne)', kind: 'outlet' }).expect(201)).body;
    const article = (await api('post', '/api/articles').send({ title: 'Palmyre', language: 'fr', body: 'La ville est tombée, selon Al Mayadeen.' }).expect(201)).body;
    const claim = (
      await api('post', `/api/articles/${article.id}/claims`)
        .send({ text: 'The town fell.', quote: 'La ville est tombée', kind: 'event', attributions: [{ sourceId: duplicate.id, verb: 'selon', mode: 'paraphrase' }] })
        .expect(201)
    ).body;

    await signInAs(page, base, 'nadia', 'password-of-nadia');
    await page.goto(`${base}/sources/${duplicate.id}`);
    await page.getByRole('link', { name: 'Edit or merge this source' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'manage-source-merge-1280');
    await page.getByLabel('Merge Mayadeen (chaîne) into').fill('mayadeen tv');
    await page.getByRole('option', { name: /Al Mayadeen/ }).click();
    await page.getByRole('button', { name: 'Review the merge' }).click();
    await page.getByRole('heading', { name: 'Merge Mayadeen (chaîne) into Al Mayadeen?' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('1 chain link in 1 claim');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Merge into Al Mayadeen' }).click();
    await page.waitForURL((url) => url.pathname === `/sources/${survivor.id}`);
    expect(await page.getByRole('status').textContent()).toContain('Merged “Mayadeen (chaîne)” into this source.');
    expect(await page.locator('dl').textContent()).toContain('Mayadeen (chaîne)');

    const stored = (await api('get', `/api/claims/${claim.id}`).expect(200)).body;
    expect(stored.attributions[0].source).toMatchObject({ id: survivor.id, name: 'Al Mayadeen' });
    await api('get', `/api/sources/${duplicate.id}`).expect(404);
  });

  it("edits an article's details with a new outlet created on the spot, after the typeahead offers the existing ones", async () => {
    await api('post', '/api/sources').send({ name: 'Sputnik', kind: 'news_agency', aliases: ['Spoutnik'] }).expect(201);
    const article = (await api('post', '/api/articles').send({ title: 'Brouillon de titre', language: 'fr', body: 'Les sapeurs russes sont en route.' }).expect(201)).body;
    await signInAs(page, base, 'nadia', 'password-of-nadia');
    await page.goto(`${base}/articles/${article.id}`);
    await page.getByRole('link', { name: 'Edit details' }).click();
    await page.getByLabel('Title').fill('Les sapeurs russes en route vers Palmyre');
    const outlet = page.getByLabel("Outlet (a source's name or alias; empty for none)");
    await outlet.fill('spout');
    await page.getByRole('option', { name: /Sputnik/ }).waitFor();
    await outlet.fill('Orient Le Jour');
    await page.getByLabel('If the outlet is a new source, its kind').selectOption('outlet');
    await page.getByLabel('Published on (optional)').fill('2016-04-02');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the details' }).click();
    await page.waitForURL((url) => url.pathname === `/articles/${article.id}`);
    expect(await page.getByRole('status').textContent()).toContain('Article details saved.');
    expect(await page.locator('p.meta').first().textContent()).toContain('Orient Le Jour · April 2, 2016');
    const stored = (await api('get', `/api/articles/${article.id}`).expect(200)).body;
    expect(stored).toMatchObject({ title: 'Les sapeurs russes en route vers Palmyre', publishedDate: '2016-04-02', version: article.version + 1 });
    expect(stored.outlet).toMatchObject({ name: 'Orient Le Jour', kind: 'outlet' });
  });

  it('changes your own password from the account page: the other browser is signed out, the new password works', async () => {
    await t.signIn('reviewer', 'omar');
    await signInAs(page, base, 'omar', 'password-of-omar');
    const elsewhere = await browser.newContext({ viewport: DESKTOP });
    const other = await elsewhere.newPage();
    await signInAs(other, base, 'omar', 'password-of-omar');
    try {
      await page.getByRole('link', { name: /omar/ }).click();
      await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
      expect(await page.locator('table.list tbody tr').count()).toBe(3); // two browsers and the API sign-in of t.signIn
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Current password').fill('password-of-omar');
      await page.getByLabel('New password (at least 12 characters)').fill('correct horse battery');
      await page.getByRole('button', { name: 'Change the password' }).click();
      await page.waitForURL((url) => url.pathname === '/account' && url.search === '?password=1');
      expect(await page.getByRole('status').textContent()).toContain('Password changed');
      expect(await page.locator('table.list tbody tr').count()).toBe(1);
      await other.goto(`${base}/articles`);
      expect(new URL(other.url()).pathname).toBe('/login');
      await t.http.post('/api/auth/login').send({ username: 'omar', password: 'correct horse battery' }).expect(200);
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
    } finally {
      await elsewhere.close();
    }
  });

  it('pastes a corrected text as a new revision: the untouched claim follows, the changed one is flagged and then anchored by an editor', async () => {
    const original = 'Les sapeurs syriens ont neutralisé 1230 mines, a indiqué samedi le Centre. La ville est reliée par une route à Palmyre.';
    const corrected = 'Selon le Centre russe, les sapeurs syriens ont neutralisé 1320 mines. La ville est reliée par une route à Palmyre.';
    const article = (await api('post', '/api/articles').send({ title: 'Palmyre déminée', language: 'fr', body: original }).expect(201)).body;
    const claim = async (quote: string) => (await api('post', `/api/articles/${article.id}/claims`).send({ text: quote, quote, kind: 'event', unattributed: true }).expect(201)).body;
    const road = await claim('reliée par une route à Palmyre');
    const mines = await claim('ont neutralisé 1230 mines');

    await signInAs(page, base, 'nadia', 'password-of-nadia');
    await page.goto(`${base}/articles/${article.id}`);
    await page.getByRole('link', { name: 'Revisions' }).click();
    await page.getByLabel('Corrected text, pasted verbatim').fill(corrected);
    await page.getByLabel('What was corrected (optional)').fill('Chiffre et attribution corrigés');
    await page.getByRole('button', { name: 'Save as a new revision' }).click();
    await page.waitForURL((url) => url.search.startsWith('?created=2'));
    expect(await page.getByRole('status').first().textContent()).toContain('1 claim flagged below');
    expect(await page.locator('table.list tbody tr').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'manage-revision-flagged-1280');

    // Both revisions stay readable with their SHA-256.
    const revisions = (await api('get', `/api/articles/${article.id}/revisions`).expect(200)).body;
    expect(await page.locator('table.list').textContent()).toContain(revisions[0].bodySha256);
    expect(await page.locator('table.list').textContent()).toContain(revisions[1].bodySha256);
    const movedRoad = (await api('get', `/api/claims/${road.id}`)).body;
    expect(corrected.slice(movedRoad.start, movedRoad.end)).toBe('reliée par une route à Palmyre');
    expect((await api('get', `/api/claims/${mines.id}`)).body).toMatchObject({ start: mines.start, quote: 'ont neutralisé 1230 mines', version: mines.version });

    await page.goto(`${base}/articles/${article.id}`);
    expect(await page.locator(`mark[data-claims="${road.id}"]`).count()).toBe(1);
    expect(await page.locator(`mark[data-claims="${mines.id}"]`).count()).toBe(0);
    await page.getByRole('link', { name: 'anchor it again' }).click();
    await page.getByRole('button', { name: 'Accept the proposed words' }).click();
    await page.waitForURL((url) => url.search === '?anchored=1');
    expect(await page.locator('main').textContent()).toContain('Every claim is anchored in the current text.');
    const anchored = (await api('get', `/api/claims/${mines.id}`)).body;
    expect(anchored.quote).toBe('ont neutralisé 1320 mines');
    expect(corrected.slice(anchored.start, anchored.end)).toBe(anchored.quote);
    await page.goto(`${base}/articles/${article.id}/revisions/1`);
    expect(await page.locator('.article-body').textContent()).toBe(original);
  });

  it('on a phone, labels every table cell with its column and reaches an article\'s claims with one jump link; screenshots at 1280 and 375 px', async () => {
    await t.signIn('admin', 'ines');
    const sentence = (i: number) => `Paragraphe ${i} : les sapeurs ont neutralisé ${100 + i} mines près de Palmyre, a indiqué le Centre de réconciliation dans un communiqué publié samedi.`;
    const body = Array.from({ length: 40 }, (_, i) => sentence(i)).join('\n\n');
    const article = (await api('post', '/api/articles').send({ title: 'Une longue dépêche', language: 'fr', body }).expect(201)).body;
    for (let i = 0; i < 40; i += 4) {
      await api('post', `/api/articles/${article.id}/claims`).send({ text: `Claim ${i}`, quote: `neutralisé ${100 + i} mines`, kind: 'quantity', unattributed: true }).expect(201);
    }
    const source = (await api('post', '/api/sources').send({ name: 'Centre de réconciliation', kind: 'military_unit', aliases: ['Centre russe'] }).expect(201)).body;
    const pages: [string, string][] = [
      ['articles', '/articles'],
      ['sources', '/sources'],
      ['source-edit', `/sources/${source.id}/edit`],
      ['users', '/users'],
      ['account', '/account'],
      ['article-edit', `/articles/${article.id}/edit`],
      ['article-revisions', `/articles/${article.id}/revisions`],
      ['article-revision-1', `/articles/${article.id}/revisions/1`],
      ['article', `/articles/${article.id}`],
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await browser.newContext({ viewport });
      const p = await ctx.newPage();
      try {
        await signInAs(p, base, 'ines', 'password-of-ines');
        for (const [label, path] of pages) {
          await p.goto(`${base}${path}`);
          const name = `manage-${label}-${viewport.width}`;
          await screenshot(p, name);
          expect({ name, violations: await seriousViolations(p) }).toEqual({ name, violations: [] });
          // Every cell of every list table is labelled; on a phone the label is shown, since the header row is hidden.
          const cells = await p.locator('table.list td').evaluateAll((tds) =>
            tds.map((td) => ({ label: td.getAttribute('data-label'), shown: getComputedStyle(td, '::before').content })),
          );
          for (const cell of cells) {
            expect({ name, label: cell.label }).toEqual({ name, label: expect.stringMatching(/\S/) });
            if (viewport === PHONE) expect({ name, shown: cell.shown }).toEqual({ name, shown: JSON.stringify(cell.label) });
          }
          if (viewport === PHONE) expect({ name, sideways: await scrollsSideways(p) }).toEqual({ name, sideways: false });
        }
        if (viewport === PHONE) {
          // The claims sit below the whole text on a phone; the jump link is on the first screen and takes you there.
          expect(await p.locator('#claims-heading').evaluate((el) => el.getBoundingClientRect().top + window.scrollY)).toBeGreaterThan(2700);
          const jump = p.getByRole('link', { name: 'Jump to the claims (10)' });
          expect((await jump.boundingBox())!.y).toBeLessThan(PHONE.height);
          await jump.click();
          await p.waitForURL((url) => url.hash === '#claims-heading');
          const top = await p.locator('#claims-heading').evaluate((el) => el.getBoundingClientRect().top);
          expect(top).toBeGreaterThan(-2); // sub-pixel rounding
          expect(top).toBeLessThan(PHONE.height);
        } else {
          expect(await p.getByRole('link', { name: /Jump to the claims/ }).isVisible()).toBe(false);
        }
      } finally {
        await ctx.close();
      }
    }
  }, 90_000);
});
