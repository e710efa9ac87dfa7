import { TestApp } from '../support/test-app';
import type { SignedIn } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The revisions pages: paste a corrected text, read both revisions, anchor a flagged claim. */
describe('Web revisions', () => {
  let t: TestApp;
  let editor: SignedIn;
  let web: WebSession;
  let reviewerWeb: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    // The web session's editor logs the claims: editors re-anchor only the claims they logged.
    web = await webSession(t, 'editor');
    editor = web.user;
    reviewerWeb = await webSession(t, 'reviewer');
  });
  afterAll(() => t.close());

  const original = 'Les sapeurs ont neutralisé 1230 mines. La route de Palmyre est rouverte.';
  const corrected = 'Selon le Centre, les sapeurs ont neutralisé 1320 mines. La route de Palmyre est rouverte.';
  const post = (session: WebSession, path: string, fields: Record<string, string>) => t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });

  async function setUp() {
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send({ title: 'Palmyre', language: 'fr', body: original }).expect(201)).body;
    const claim = async (quote: string) => (await t.http.post(`/api/articles/${article.id}/claims`).set('Authorization', editor.auth).send({ text: quote, quote, kind: 'event', unattributed: true }).expect(201)).body;
    return { article, mines: await claim('neutralisé 1230 mines'), road: await claim('La route de Palmyre est rouverte') };
  }

  it('saves a pasted text as revision 2 (CRLF normalised), shows the flag, and leaves the flagged claim unhighlighted', async () => {
    const { article, mines, road } = await setUp();
    const done = await post(web, `/articles/${article.id}/revisions`, { version: String(article.version), body: corrected.replace(/\n/g, '\r\n'), note: 'Chiffre corrigé' }).expect(303);
    expect(done.headers.location).toBe(`/articles/${article.id}/revisions?created=2&flagged=1`);
    const list = (await t.http.get(done.headers.location).set('Cookie', web.cookie).expect(200)).text;
    expect(list).toContain('Revision 2 saved; 1 claim flagged below for an editor.');
    expect(list).toContain('data-label="SHA-256"');
    expect(list).toContain('neutralisé 1320 mines');
    const articlePage = (await t.http.get(`/articles/${article.id}`).set('Cookie', web.cookie).expect(200)).text;
    expect(articlePage).toContain('1 claim could not be anchored in this revision');
    expect(articlePage).toContain(`data-claims="${road.id}"`);
    expect(articlePage).not.toContain(`data-claims="${mines.id}"`);
    const first = (await t.http.get(`/articles/${article.id}/revisions/1`).set('Cookie', reviewerWeb.cookie).expect(200)).text;
    expect(first).toContain(original);
    const second = (await t.http.get(`/articles/${article.id}/revisions/2`).set('Cookie', reviewerWeb.cookie).expect(200)).text;
    expect(second).toContain('Revision 2 (current)');
    const stored = (await t.http.get(`/api/articles/${article.id}/revisions/2`).set('Authorization', editor.auth)).body;
    expect(stored).toMatchObject({ body: corrected, note: 'Chiffre corrigé' });
    expect(second).toContain(stored.bodySha256);
  });

  it('anchors a flagged claim by accepting the proposal from the revisions page', async () => {
    const { article, mines } = await setUp();
    await post(web, `/articles/${article.id}/revisions`, { version: String(article.version), body: corrected, note: '' }).expect(303);
    const flag = (await t.http.get(`/api/articles/${article.id}/anchor-flags`).set('Authorization', editor.auth)).body[0];
    // The flag as a French-speaking editor sees it.
    const french = (await t.http.get(`/articles/${article.id}/revisions`).set('Cookie', web.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(french).toContain('À reprendre par un rédacteur\u00a0:');
    expect(french).toContain('Elle renvoie encore à la révision 1\u00a0:');
    expect(french).toContain('>Accepter les mots proposés</button>');
    const one = (await t.http.get(`/articles/${article.id}/revisions/2`).set('Cookie', web.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(one).toContain('Révision 2 (actuelle)');
    expect(one).toContain('← Toutes les révisions</a>');
    const done = await post(web, `/articles/${article.id}/anchor-flags/${flag.id}/resolve`, { claimVersion: String(flag.claimVersion) }).expect(303);
    expect(done.headers.location).toBe(`/articles/${article.id}/revisions?anchored=1`);
    const claim = (await t.http.get(`/api/claims/${mines.id}`).set('Authorization', editor.auth)).body;
    expect(claim.quote).toBe('neutralisé 1320 mines');
    expect((await t.http.get(`/articles/${article.id}`).set('Cookie', web.cookie)).text).toContain(`data-claims="${mines.id}"`);
  });

  it('keeps the pasted text on a stale version (409) and refuses reviewers (403)', async () => {
    const { article } = await setUp();
    await t.http.patch(`/api/articles/${article.id}`).set('Authorization', editor.auth).send({ version: article.version, title: 'Autre' }).expect(200);
    const stale = await post(web, `/articles/${article.id}/revisions`, { version: String(article.version), body: `${corrected} <script>`, note: '' }).expect(409);
    expect(stale.text).toContain('Your text is still in the form below');
    expect(stale.text).toContain('rouverte. &lt;script&gt;');
    await post(reviewerWeb, `/articles/${article.id}/revisions`, { version: String(article.version + 1), body: corrected, note: '' }).expect(403);
    expect((await t.http.get(`/articles/${article.id}/revisions`).set('Cookie', reviewerWeb.cookie).expect(200)).text).not.toContain('Paste a corrected text');
    expect((await t.http.get(`/api/articles/${article.id}/revisions`).set('Authorization', editor.auth)).body).toHaveLength(1);
  });
});
