import { totpCode } from '../../src/two-factor/totp';
import { articleInput } from '../factories';
import { TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

/** The interface language: the user's setting (API and account page), else Accept-Language, else English. */
describe('Languages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const stored = async (id: number): Promise<string | null> => (await t.dataSource.query(`SELECT language FROM users WHERE id = ${id}`))[0].language;

  it('sets, reads and clears the language through the API, stored on the user and audited', async () => {
    const user = await t.signIn('editor');
    const initial = await t.http.get('/api/account/language').set('Authorization', user.auth).set('Accept-Language', 'fr-CA,fr;q=0.9').expect(200);
    expect(initial.body).toEqual({ language: null, effective: 'fr' });
    const set = await t.http.put('/api/account/language').set('Authorization', user.auth).send({ language: 'fr' }).expect(200);
    expect(set.body).toEqual({ language: 'fr', effective: 'fr' });
    expect(await stored(user.id)).toBe('fr');
    // The setting wins over the browser's header.
    const read = await t.http.get('/api/account/language').set('Authorization', user.auth).set('Accept-Language', 'en').expect(200);
    expect(read.body).toEqual({ language: 'fr', effective: 'fr' });
    const cleared = await t.http.put('/api/account/language').set('Authorization', user.auth).set('Accept-Language', 'de, en;q=0.5').send({ language: null }).expect(200);
    expect(cleared.body).toEqual({ language: null, effective: 'en' });
    expect(await stored(user.id)).toBeNull();
    const admin = await t.signIn('admin');
    const audit = (await t.http.get('/api/audit').query({ action: 'user.language', entityId: user.id }).set('Authorization', admin.auth).expect(200)).body.items;
    expect(audit.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual([
      [{ language: null }, { language: 'fr' }],
      [{ language: 'fr' }, { language: null }],
    ]);
  });

  it('refuses a language it does not offer (400 naming the field) and keeps the setting', async () => {
    const user = await t.signIn('reviewer');
    await t.http.put('/api/account/language').set('Authorization', user.auth).send({ language: 'fr' }).expect(200);
    const refused = await t.http.put('/api/account/language').set('Authorization', user.auth).send({ language: 'de' }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['language']);
    expect(await stored(user.id)).toBe('fr');
    await t.http.put('/api/account/language').send({ language: 'fr' }).expect(401);
  });

  it('serves the sign-in page in the browser’s language (Accept-Language with q-values), English by default', async () => {
    const fr = await t.http.get('/login').set('Accept-Language', 'de;q=1, fr;q=0.8, en;q=0.1').expect(200);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('<h1>Connexion</h1>');
    expect(fr.text).toContain('Nom d’utilisateur');
    const en = await t.http.get('/login').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Sign in</h1>');
  });

  it('switches the pages to French from the account page, whatever the browser says, and back to the browser’s', async () => {
    const session = await webSession(t, 'editor');
    const before = await t.http.get('/account').set('Cookie', session.cookie).expect(200);
    expect(before.text).toContain('<html lang="en">');
    await t.http.post('/account/language').set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, language: 'fr' }).expect(303).expect('Location', '/account?language=1');
    expect(await stored(session.user.id)).toBe('fr');
    const after = await t.http.get('/account?language=1').set('Cookie', session.cookie).set('Accept-Language', 'en').expect(200);
    expect(after.text).toContain('<html lang="fr">');
    expect(after.text).toContain('Langue enregistrée.');
    expect(after.text).toContain('>Affirmations</a>');
    expect(after.text).toContain('<option value="fr" lang="fr" selected>Français</option>');
    // An unknown value is refused on the page, in French, and changes nothing.
    const refused = await t.http.post('/account/language').set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, language: 'xx' }).expect(422);
    expect(refused.text).toContain('La langue n’a pas été changée.');
    expect(await stored(session.user.id)).toBe('fr');
    await t.http.post('/account/language').set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, language: '' }).expect(303);
    expect(await stored(session.user.id)).toBeNull();
    const browser = await t.http.get('/account').set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200);
    expect(browser.text).toContain('<html lang="fr">');
    const english = await t.http.get('/account').set('Cookie', session.cookie).expect(200);
    expect(english.text).toContain('<html lang="en">');
  });

  it('downloads the web report in the reader’s language, and ?lang= overrides it', async () => {
    const session = await webSession(t, 'editor');
    const article = (await t.http.post('/api/articles').set('Authorization', session.user.auth).send(articleInput()).expect(201)).body.id;
    const french = await t.http.get(`/articles/${article}/report.md`).set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain('## Synthèse');
    const english = await t.http.get(`/articles/${article}/report.md?lang=en`).set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200);
    expect(english.text).toContain('## Summary');
    const page = await t.http.get(`/articles/${article}`).set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200);
    expect(page.text).toContain('HTML (nouvel onglet)');
  });

  it('shows the Users page’s two-factor reset (button, confirm page, notice) in French', async () => {
    const admin = await webSession(t, 'admin');
    const user = await t.signIn('reviewer');
    const fr = (path: string) => t.http.get(path).set('Cookie', admin.cookie).set('Accept-Language', 'fr');
    const list = await fr('/users').expect(200);
    expect(list.text).toContain(`aria-label="Réinitialiser la double authentification de ${user.username}"`);
    const ask = await t.http.post(`/users/${user.id}/two-factor/reset`).set('Cookie', admin.cookie).set('Accept-Language', 'fr').type('form').send({ _csrf: admin.csrf }).expect(200);
    expect(ask.text).toContain(`Réinitialiser la double authentification de ${user.username}\u00a0?`);
    expect(ask.text).toContain('Oui, réinitialiser la double authentification');
    const done = await fr('/users?twoFactorReset=1').expect(200);
    expect(done.text).toContain('Double authentification réinitialisée\u00a0; l’utilisateur a été déconnecté partout.');
    const refused = await t.http.post('/users').set('Cookie', admin.cookie).set('Accept-Language', 'fr').type('form').send({ _csrf: admin.csrf, username: '', role: 'editor', password: 'x' }).expect(422);
    expect(refused.text).toContain('L’utilisateur n’a pas été créé.');
  });

  it('shows the claim panel’s, article page’s and revisions page’s notices and problems in French', async () => {
    const session = await webSession(t, 'editor');
    await t.http.put('/api/account/language').set('Authorization', session.user.auth).send({ language: 'fr' }).expect(200);
    const article = (await t.http.post('/api/articles').set('Authorization', session.user.auth).send(articleInput()).expect(201)).body.id;
    const claim = (
      await t.http
        .post(`/api/articles/${article}/claims`)
        .set('Authorization', session.user.auth)
        .send({ text: 'Syrian sappers neutralised 1,230 mines.', quote: 'Les sapeurs syriens ont neutralisé 1230 mines', kind: 'quantity', unattributed: true })
        .expect(201)
    ).body.id;
    const web = (path: string) => t.http.get(path).set('Cookie', session.cookie);
    expect((await web(`/claims/${claim}?logged=1`).expect(200)).text).toContain('Affirmation enregistrée.');
    expect((await web(`/claims/${claim}?dismissedMatch=1`).expect(200)).text).toContain('Rapprochement écarté\u00a0: il ne sera plus proposé.');
    const panel = (await web(`/claims/${claim}`).expect(200)).text;
    expect(panel).toContain('<h2 id="similar-h">Affirmations similaires (0)</h2>');
    expect(panel).toContain('<h2 id="external-h">Déjà vérifiée ailleurs (0)</h2>');
    expect(panel).toContain('Aucune affirmation similaire dans le suivi.');
    const refused = await t.http.post(`/claims/${claim}/comments`).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, body: '' }).expect(422);
    expect(refused.text).toContain('Aucun commentaire n’a été ajouté.');
    expect(await t.count(`comments WHERE claim_id = ${claim}`)).toBe(0);
    expect((await web(`/articles/${article}?saved=1`).expect(200)).text).toContain('Détails de l’article enregistrés.');
    const edit = (await web(`/articles/${article}/edit`).expect(200)).text;
    expect(edit).toContain('<h1>Modifier les détails de l’article</h1>');
    expect(edit).toContain('<option value="">(source existante)</option>');
    expect(edit).toContain('collez un texte corrigé comme nouvelle révision</a>');
    expect((await web(`/articles/${article}?accepted=2`).expect(200)).text).toContain('2 affirmations suggérées enregistrées comme brouillon.');
    expect((await web(`/articles/${article}/revisions?created=2&flagged=1`).expect(200)).text).toContain('Révision 2 enregistrée\u00a0; 1 affirmation signalée ci-dessous à un rédacteur.');
    const revisions = (await web(`/articles/${article}/revisions`).expect(200)).text;
    expect(revisions).toContain('<h1>Révisions du texte</h1>');
    expect(revisions).toContain('Révision 1</a> (actuelle)');
    expect(revisions).toContain('<h2 id="new-heading">Coller un texte corrigé</h2>');
    expect(revisions).toContain('Il devient la révision 2 et le texte de l’article.');
  });

  it('shows the claim form in French (labels, kinds, submit) and its refusal in French, option values unchanged', async () => {
    const session = await webSession(t, 'editor');
    await t.http.put('/api/account/language').set('Authorization', session.user.auth).send({ language: 'fr' }).expect(200);
    const article = (await t.http.post('/api/articles').set('Authorization', session.user.auth).send(articleInput()).expect(201)).body.id;
    const form = (await t.http.get(`/articles/${article}/claims/new`).set('Cookie', session.cookie).expect(200)).text;
    expect(form).toContain('<h1 id="form-h">Enregistrer une affirmation</h1>');
    expect(form).toContain('<label for="quote">Citation\u00a0: les mots exacts de l’article</label>');
    expect(form).toContain('<label for="text">L’affirmation, dans vos mots</label>');
    expect(form).toContain('Choisissez un type');
    expect(form).toContain('<label for="note">Note (facultative)</label>');
    expect(form).toContain('<option value="quantity"');
    expect(form).toContain('<legend>Maillon 1\u00a0: source d’origine</legend>');
    expect(form).toContain('aria-label="Sources correspondantes"');
    expect(form).toContain('<option value="direct">Citation directe</option>');
    expect(form).toContain('Ajouter un maillon à la chaîne');
    expect(form).not.toContain('Log claim');
    const claims = await t.count('claims');
    const refused = await t.http
      .post(`/articles/${article}/claims`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, action: 'save', quote: '', text: '', kind: '', links: '0', unattributed: 'true' })
      .expect(422);
    expect(refused.text).toContain('Non enregistrée\u00a0: vérifiez le formulaire.');
    expect(refused.text).toContain('<h1 id="form-h">Enregistrer une affirmation</h1>');
    expect(await t.count('claims')).toBe(claims);
  });

  it('shows a source’s own page in French, its user-typed name and aliases as they are', async () => {
    const session = await webSession(t, 'editor');
    const source = (await t.http.post('/api/sources').set('Authorization', session.user.auth).send({ name: 'Sputnik', kind: 'news_agency', aliases: ['Спутник'] }).expect(201)).body;
    const html = (await t.http.get(`/sources/${source.id}`).set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(html).toContain('<dt>Autres noms</dt>');
    expect(html).toContain('<dd>Спутник</dd>');
    expect(html).toContain('<h2 id="claims-heading">Affirmations attribuées à Sputnik</h2>');
    expect(html).toContain('Comme auteur des propos (0)');
    expect(html).toContain('<p>Aucune.</p>');
    expect(html).not.toContain('Also known as');
    expect(html).toContain('>Modifier ou fusionner cette source</a>');
    const edit = (await t.http.get(`/sources/${source.id}/edit`).set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(edit).toContain('<h1>Modifier Sputnik</h1>');
    expect(edit).toContain('<label for="aliases">Autres noms (un nom par ligne)</label>');
    expect(edit).toContain('<h2 id="merge-heading">Fusionner un doublon</h2>');
    expect(edit).toContain('Fusionner Sputnik dans');
  });

  describe('API errors', () => {
    it('answers a stable code with the message in the language of Accept-Language, English by default', async () => {
      const user = await t.signIn('editor');
      const en = await t.http.get('/api/claims/987654').set('Authorization', user.auth).expect(404);
      expect(en.body).toMatchObject({ statusCode: 404, code: 'not_found', message: 'Claim 987654 does not exist.' });
      const fr = await t.http.get('/api/claims/987654').set('Authorization', user.auth).set('Accept-Language', 'fr-FR,fr;q=0.9,en;q=0.5').expect(404);
      expect(fr.body).toMatchObject({ statusCode: 404, code: 'not_found', message: 'L’affirmation 987654 n’existe pas.' });
      const anonymous = await t.http.get('/api/claims/1').set('Accept-Language', 'fr').expect(401);
      expect(anonymous.body).toMatchObject({ code: 'unauthenticated', message: 'Connectez-vous d’abord\u00a0: envoyez Authorization: Bearer <jeton> obtenu par POST /api/auth/login.' });
    });

    it('names the refused fields of a validation error in French, keeping the field list as it is', async () => {
      const user = await t.signIn('editor');
      const refused = await t.http
        .post('/api/account/password')
        .set('Authorization', user.auth)
        .set('Accept-Language', 'fr')
        .send({ currentPassword: 'x', newPassword: 'short', extra: 1 })
        .expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.message).toBe('Ces champs ont été refusés\u00a0: extra et newPassword.');
      expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'newPassword']);
    });

    it('gives each field’s reason in French from its constraint, fields unchanged; English as class-validator writes it', async () => {
      const user = await t.signIn('editor');
      const bad = { name: 5, kind: 'bogus', country: 'xx', extra: 1 };
      const french = await t.http.post('/api/sources').set('Authorization', user.auth).set('Accept-Language', 'fr').send(bad).expect(400);
      const english = await t.http.post('/api/sources').set('Authorization', user.auth).send(bad).expect(400);
      expect(french.body.code).toBe('validation_failed');
      expect(english.body.code).toBe('validation_failed');
      expect(french.body.errors.map((e: { field: string }) => e.field)).toEqual(english.body.errors.map((e: { field: string }) => e.field));
      expect(JSON.stringify(english.body.errors)).not.toContain('constraint');
      const reasons = (body: { errors: { field: string; reason: string }[] }) => body.errors.map((e) => `${e.field}: ${e.reason}`).sort();
      expect(reasons(english.body)).toEqual([
        'country: country must be an ISO 3166-1 alpha-2 code such as RU or LB',
        'extra: property extra should not exist',
        'kind: kind must be one of the following values: outlet, news_agency, government_body, military_unit, organisation, person, document',
        'name: name must be a string',
        'name: name must be longer than or equal to 1 and shorter than or equal to 200 characters',
      ]);
      expect(english.body.message).toBe(english.body.errors.map((e: { field: string; reason: string }) => `${e.field}: ${e.reason}`).join('; '));
      expect(reasons(french.body)).toEqual([
        // A DTO's own message stays as written.
        'country: country must be an ISO 3166-1 alpha-2 code such as RU or LB',
        'extra: la propriété extra n’est pas acceptée',
        'kind: kind doit être l’une des valeurs suivantes\u00a0: outlet, news_agency, government_body, military_unit, organisation, person, document',
        'name: name doit compter entre 1 et 200 caractères',
        'name: name doit être une chaîne de caractères',
      ]);
    });

    it('follows the user’s setting when the request names no language, and says which role is needed', async () => {
      const editor = await t.signIn('editor');
      await t.http.put('/api/account/language').set('Authorization', editor.auth).send({ language: 'fr' }).expect(200);
      const forbidden = await t.http.get('/api/audit').set('Authorization', editor.auth).expect(403);
      expect(forbidden.body).toMatchObject({ code: 'role_required', message: 'Il faut le rôle administrateur\u00a0; vous êtes connecté en tant que rédacteur.' });
      // An explicit Accept-Language wins for an API client.
      const english = await t.http.get('/api/audit').set('Authorization', editor.auth).set('Accept-Language', 'en').expect(403);
      expect(english.body).toMatchObject({ code: 'role_required', message: 'This needs the role admin; you are signed in as editor.' });
    });

    it('translates the two-factor refusals of the API sign-in by their code, keeping the code', async () => {
      const user = await t.signIn('reviewer');
      const started = await t.http.post('/api/account/two-factor/enrolment').set('Authorization', user.auth).expect(201);
      await t.http.post('/api/account/two-factor/confirmation').set('Authorization', user.auth).send({ code: totpCode(started.body.secret) }).expect(200);
      const login = (body: Record<string, string>) => t.http.post('/api/auth/login').set('Accept-Language', 'fr').send({ username: user.username, password: `password-of-${user.username}`, ...body });
      const tokensBefore = await t.count(`access_tokens WHERE user_id = ${user.id}`);
      const missing = await login({}).expect(401);
      expect(missing.body).toMatchObject({
        code: 'second_factor_required',
        message: 'Ce compte utilise la double authentification\u00a0: envoyez le code de votre application d’authentification (ou un code de secours) dans «\u00a0code\u00a0».',
      });
      const wrong = await login({ code: '000000' }).expect(401);
      expect(wrong.body).toMatchObject({ code: 'second_factor_invalid', message: expect.stringMatching(/^Code de double authentification erroné/) });
      const english = await t.http.post('/api/auth/login').send({ username: user.username, password: `password-of-${user.username}` }).expect(401);
      expect(english.body.message).toBe('This account uses two-factor: send the code from your authenticator app (or a recovery code) as "code".');
      expect(await t.count(`access_tokens WHERE user_id = ${user.id}`)).toBe(tokensBefore);
    });

    it('labels the review-queue lanes in the request’s language, keeping each lane’s id', async () => {
      const reviewer = await t.signIn('reviewer');
      const fr = await t.http.get('/api/review-queue/lanes').set('Authorization', reviewer.auth).set('Accept-Language', 'fr').expect(200);
      expect(fr.body.lanes.map((l: { lane: string }) => l.lane)).toEqual(['waiting', 'assigned', 'publish', 'published']);
      expect(fr.body.lanes[0].label).toBe('En attente d’un vérificateur');
      const page = await t.http.get('/api/review-queue/lanes/publish').set('Authorization', reviewer.auth).set('Accept-Language', 'fr').expect(200);
      expect(page.body).toMatchObject({ lane: 'publish', label: 'Verdicts en attente d’un second vérificateur' });
      const en = await t.http.get('/api/review-queue/lanes/publish').set('Authorization', reviewer.auth).expect(200);
      expect(en.body).toMatchObject({ lane: 'publish', label: 'Verdicts waiting for a second reviewer' });
    });

    it('shows a web error page in French, with its message translated', async () => {
      const session = await webSession(t, 'editor');
      const missing = await t.http.get('/claims/987654').set('Cookie', session.cookie).set('Accept-Language', 'fr').expect(404);
      expect(missing.text).toContain('<html lang="fr">');
      expect(missing.text).toContain('<h1>Introuvable</h1>');
      expect(missing.text).toContain('L’affirmation 987654 n’existe pas.');
    });
  });
});
