import { articleInput, claimInput, sourceInput } from '../factories';
import { TestApp } from '../support/test-app';
import type { SignedIn } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The article's details page: metadata under the version check, the outlet picked or created on the spot. */
describe('Web article details', () => {
  let t: TestApp;
  let editor: SignedIn;
  let admin: SignedIn;
  let web: WebSession;
  let reviewerWeb: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    admin = await t.signIn('admin');
    web = await webSession(t, 'editor');
    reviewerWeb = await webSession(t, 'reviewer');
  });
  afterAll(() => t.close());

  const article = async () => (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body;
  const stored = async (id: number) => (await t.http.get(`/api/articles/${id}`).set('Authorization', editor.auth).expect(200)).body;
  const post = (session: WebSession, path: string, fields: Record<string, string>) => t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });
  const form = (a: { version: number }, overrides: Record<string, string> = {}) => ({
    version: String(a.version),
    title: 'Palmyre déminée',
    outlet: '',
    outlet_id: '',
    outlet_kind: '',
    url: 'https://example.org/palmyre-2',
    language: 'fr',
    publishedDate: '2016-04-03',
    ...overrides,
  });

  it('saves the details with a new outlet created on the spot, in one audited transaction; the text is untouched', async () => {
    const a = await article();
    await t.http.post(`/api/articles/${a.id}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201);
    const page = await t.http.get(`/articles/${a.id}/edit`).set('Cookie', web.cookie).expect(200);
    expect(page.text).toContain(`name="version" value="${a.version}"`);
    const done = await post(web, `/articles/${a.id}/edit`, form(a, { outlet: 'L’Orient-Le Jour', outlet_kind: 'outlet' })).expect(303);
    expect(done.headers.location).toBe(`/articles/${a.id}?saved=1`);
    const after = await stored(a.id);
    expect(after).toMatchObject({ title: 'Palmyre déminée', url: 'https://example.org/palmyre-2', publishedDate: '2016-04-03', version: a.version + 1, body: a.body, bodySha256: a.bodySha256 });
    expect(after.outlet).toMatchObject({ name: 'L’Orient-Le Jour', kind: 'outlet' });
    expect((await t.http.get(done.headers.location).set('Cookie', web.cookie)).text).toContain('Article details saved.');
    const audit = (await t.http.get('/api/audit').query({ entityType: 'article', entityId: a.id, action: 'article.update' }).set('Authorization', admin.auth)).body.items;
    expect(audit[0].after.title).toBe('Palmyre déminée');
    expect((await t.http.get('/api/audit').query({ action: 'source.create', entityId: after.outlet.id }).set('Authorization', admin.auth)).body.total).toBe(1);
  });

  it('picks an existing outlet by its alias, ignoring accents, and clears the date and address when emptied', async () => {
    const outlet = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Agence Sputnik', kind: 'news_agency', aliases: ['Spoutnik'] })).expect(201)).body;
    const a = await article();
    await post(web, `/articles/${a.id}/edit`, form(a, { outlet: 'SPOUTNÏK', url: '', publishedDate: '' })).expect(303);
    const after = await stored(a.id);
    expect(after.outlet.id).toBe(outlet.id);
    expect(after).toMatchObject({ url: null, publishedDate: null });
    expect(await t.count("sources WHERE name_folded LIKE '%spoutnik%'")).toBe(0);
  });

  it('refuses an unknown outlet without a kind (422) and rolls back: no source, no change', async () => {
    const a = await article();
    const sources = await t.count('sources');
    const res = await post(web, `/articles/${a.id}/edit`, form(a, { outlet: 'Une chaîne inconnue' })).expect(422);
    expect(res.text).toContain('no source is named &quot;Une chaîne inconnue&quot;');
    expect(res.text).toContain('value="Palmyre déminée"');
    expect(await t.count('sources')).toBe(sources);
    expect((await stored(a.id)).title).toBe(a.title);
  });

  it('keeps what was typed when the article changed meanwhile (409), and the new outlet is rolled back', async () => {
    const a = await article();
    await t.http.patch(`/api/articles/${a.id}`).set('Authorization', editor.auth).send({ version: a.version, title: 'Autre titre' }).expect(200);
    const sources = await t.count('sources');
    const res = await post(web, `/articles/${a.id}/edit`, form(a, { title: 'Mon titre <b>', outlet: 'Nouvelle chaîne', outlet_kind: 'outlet' })).expect(409);
    expect(res.text).toContain('The form keeps what you typed');
    expect(res.text).toContain('value="Mon titre &lt;b&gt;"');
    expect(await t.count('sources')).toBe(sources);
    expect((await stored(a.id)).title).toBe('Autre titre');
  });

  it('refuses a bad language and date with field errors (422)', async () => {
    const a = await article();
    const res = await post(web, `/articles/${a.id}/edit`, form(a, { language: 'français', publishedDate: '03/04/2016' })).expect(422);
    expect(res.text).toContain('language must be a BCP 47 tag');
    expect(res.text).toContain('publishedDate must be a date as YYYY-MM-DD');
    expect((await stored(a.id)).version).toBe(a.version);
  });

  it('does not offer or accept the edit to a reviewer (403)', async () => {
    const a = await article();
    expect((await t.http.get(`/articles/${a.id}`).set('Cookie', reviewerWeb.cookie)).text).not.toContain(`/articles/${a.id}/edit`);
    expect((await t.http.get(`/articles/${a.id}`).set('Cookie', web.cookie)).text).toContain(`href="/articles/${a.id}/edit"`);
    await t.http.get(`/articles/${a.id}/edit`).set('Cookie', reviewerWeb.cookie).expect(403);
    await post(reviewerWeb, `/articles/${a.id}/edit`, form(a)).expect(403);
    expect((await stored(a.id)).version).toBe(a.version);
  });
});
