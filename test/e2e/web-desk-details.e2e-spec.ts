import { articleInput, claimInput } from '../factories';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** Issue 9's "smaller things": the claim form beside the text, covered quotes, repeated quotes, keyboard reach, help. */
describe('Web desk details', () => {
  let t: TestApp;
  let editor: WebSession;
  let article: number;
  const body = 'Les sapeurs sont arrivés. La ville est calme. Les sapeurs sont repartis vers Palmyre. <b>Fin</b>.';

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await webSession(t, 'editor');
    article = (await t.http.post('/api/articles').set('Authorization', editor.user.auth).send(articleInput({ body })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const get = async (path: string) => (await t.http.get(path).set('Cookie', editor.cookie).expect(200)).text;
  const post = (path: string, fields: Record<string, string>) => t.http.post(path).set('Cookie', editor.cookie).type('form').send({ _csrf: editor.csrf, ...fields });

  it('opens the claim form beside the article text with the chosen words marked, and warns with a link when a claim already covers them', async () => {
    const existing = (
      await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.user.auth).send(claimInput({ text: 'Déjà <i>là</i>', quote: 'La ville est calme', unattributed: true })).expect(201)
    ).body;
    const start = body.indexOf('ville');
    const html = await get(`/articles/${article}/claims/new?start=${start}&end=${start + 'ville est calme'.length}`);
    expect(html).toContain('class="article-layout claim-form-layout"');
    expect(html).toContain('<mark class="hl chosen" data-claims="0">ville est calme</mark>');
    expect(html).toContain('&lt;b&gt;Fin&lt;/b&gt;');
    expect(html).toContain('A claim already covers');
    expect(html).toContain(`<a href="/claims/${existing.id}">Déjà &lt;i&gt;là&lt;/i&gt;</a>`);
    const elsewhere = await get(`/articles/${article}/claims/new?start=0&end=11`);
    expect(elsewhere).not.toContain('id="covered"');
  });

  it('offers the occurrences of a typed quote that occurs twice, with their context, and logs the one chosen', async () => {
    const fields = { quote: 'Les sapeurs sont', text: 'Ils repartent.', kind: 'event', unattributed: 'true', links: '1', action: 'save' };
    const ask = await post(`/articles/${article}/claims`, fields).expect(422);
    expect(ask.text).toContain('These words occur 2 times');
    const french = await post(`/articles/${article}/claims`, fields).set('Accept-Language', 'fr').expect(422);
    expect(french.text).toContain('Ces mots apparaissent 2 fois dans l’article\u00a0: choisissez l’occurrence dont parle l’affirmation, puis enregistrez-la.');
    const second = body.lastIndexOf('Les sapeurs sont');
    expect(ask.text).toContain(`value="0:16"`);
    expect(ask.text).toContain(`value="${second}:${second + 16}"`);
    expect(ask.text).toContain('<strong>Les sapeurs sont</strong> repartis vers Palmyre.');
    const before = await t.count('claims');
    expect(before).toBe(1);
    const done = await post(`/articles/${article}/claims`, { ...fields, occurrence: `${second}:${second + 16}` }).expect(303);
    const id = Number(/\/claims\/(\d+)/.exec(done.headers.location)![1]);
    const stored = (await t.http.get(`/api/claims/${id}`).set('Authorization', editor.user.auth)).body;
    expect({ start: stored.start, end: stored.end, quote: stored.quote }).toEqual({ start: second, end: second + 16, quote: 'Les sapeurs sont' });
  });

  it('warns before logging typed words a claim already covers, with a link, and logs them when sent again', async () => {
    const fields = { quote: 'est calme', text: 'Calme.', kind: 'event', unattributed: 'true', links: '1', action: 'save' };
    const warned = await post(`/articles/${article}/claims`, fields).expect(200);
    expect(warned.text).toContain('A claim already covers');
    expect(warned.text).toContain('name="covered_ok" value="1"');
    const start = body.indexOf('est calme');
    expect(warned.text).toContain(`name="start" value="${start}"`);
    const before = await t.count('claims');
    expect(before).toBe(2); // nothing was kept by the first post
    await post(`/articles/${article}/claims`, { ...fields, start: String(start), end: String(start + 9), covered_ok: '1' }).expect(303);
    expect(await t.count('claims')).toBe(before + 1);
  });

  it('brings the chain buttons back to the chain instead of the top of the page', async () => {
    const html = await get(`/articles/${article}/claims/new`);
    expect(html).toContain(`value="add" class="secondary" formnovalidate formaction="/articles/${article}/claims#chain-builder"`);
    const added = await post(`/articles/${article}/claims`, { quote: '', text: '', kind: 'event', links: '1', action: 'add' }).expect(200);
    expect(added.text).toContain('id="l1_name"');
  });

  it('makes the highlights keyboard-reachable: a skip link to the claims, focusable starts, and a "show in text" link per claim', async () => {
    const html = await get(`/articles/${article}`);
    expect(html).toMatch(/<a class="skip-inline" href="#claims-heading">Skip to the claims \(\d+\)<\/a>/);
    const ids = [...html.matchAll(/id="claim-(\d+)"/g)].map((m) => m[1]);
    for (const id of ids) {
      expect(html).toMatch(new RegExp(`data-claims="[^"]*\\b${id}\\b[^"]*" id="hl-${id}" tabindex="0"`));
      expect(html).toContain(`href="#hl-${id}"`);
    }
  });

  it('lists the keyboard shortcuts on the help page, linked from every page', async () => {
    const help = await get('/help');
    for (const key of ['<kbd>j</kbd>', '<kbd>k</kbd>', '<kbd>l</kbd>', '<kbd>Ctrl + Enter (⌘ + Enter)</kbd>']) expect(help).toContain(key);
    expect(await get('/articles')).toContain('<a href="/help">Help</a>');
  });
});
