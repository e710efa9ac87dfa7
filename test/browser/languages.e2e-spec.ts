import type { Browser, Page } from 'playwright-core';
import { articleInput, claimInput } from '../factories';
import { DESKTOP, launchBrowser, screenshot, seriousViolations, signInAs } from '../support/browser';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 16, "the desk in French": a reviewer switches the interface to French on the account page
 * and sees the article page, the review queue and an error message in French; a browser that asks
 * for French gets the sign-in page in French before anyone has chosen. Article text and claims stay
 * as written.
 */
describe('Web app: languages', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: SignedIn;
  let article: number;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    editor = await t.signIn('editor', 'eloise');
    await t.signIn('reviewer', 'rachid');
    article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Palmyre, le déminage' })).expect(201)).body.id;
    const claim = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput({ text: 'The demining took a month' })).expect(201)).body;
    await t.http.post(`/api/claims/${claim.id}/transitions`).set('Authorization', editor.auth).send({ to: 'submitted', version: claim.version }).expect(200);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function open(locale?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, ...(locale ? { locale } : {}) });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  it('switches to French on the account page: the article page, the review queue and an error message are in French', async () => {
    const page = await open();
    await signInAs(page, base, 'rachid', 'password-of-rachid');
    await page.goto(`${base}/account`);
    await page.getByLabel('Language of the interface').selectOption('fr');
    await Promise.all([page.waitForURL(/\/account\?language=1/), page.getByRole('button', { name: 'Save the language' }).click()]);
    await page.getByText('Langue enregistrée.').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect((await t.dataSource.query(`SELECT language FROM users WHERE username = 'rachid'`))[0].language).toBe('fr');

    await page.goto(`${base}/articles/${article}`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('heading', { name: 'Affirmations (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Texte', exact: true }).waitFor();
    expect(await page.locator('.claim-item .badge').first().innerText()).toContain('Soumise');
    await page.getByRole('link', { name: 'Voir dans le texte' }).waitFor();
    // The user's own words are not translated.
    await page.getByRole('link', { name: 'The demining took a month' }).waitFor();
    await page.getByRole('link', { name: 'File de vérification' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'languages-article-fr');

    await page.goto(`${base}/review`);
    await page.getByRole('heading', { level: 1, name: 'File de vérification' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'En attente d’un vérificateur (1)' }).waitFor();
    await page.getByRole('columnheader', { name: 'Soumise par' }).waitFor();
    await page.getByRole('link', { name: 'attente la plus longue d’abord' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'languages-review-fr');

    const missing = await page.goto(`${base}/claims/987654`);
    expect(missing?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Introuvable' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('L’affirmation 987654 n’existe pas.');

    // A refused form says why in French too.
    await page.goto(`${base}/account`);
    await page.getByLabel('Mot de passe actuel').fill('not my password');
    await page.getByLabel('Nouveau mot de passe (12 caractères au moins)').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'La modification ne peut pas être appliquée.' }).waitFor();
    await screenshot(page, 'languages-error-fr');
  });

  it('serves a browser that asks for French (Accept-Language) in French before anyone chooses', async () => {
    const page = await open('fr-FR');
    await page.goto(`${base}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByLabel('Nom d’utilisateur').fill('eloise');
    await page.getByLabel('Mot de passe').fill('password-of-eloise');
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await page.getByRole('link', { name: 'Ajouter un article' }).waitFor();
    await page.goto(`${base}/review`);
    await page.getByRole('heading', { level: 2, name: 'Vos affirmations qui vous sont revenues (0)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
