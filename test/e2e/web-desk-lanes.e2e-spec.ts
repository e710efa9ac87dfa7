import { articleInput, claimInput, sourceInput } from '../factories';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The review queue's lanes and the claims page (search, filters, my claims, bulk actions) over the web routes. */
describe('Web desk: lanes and the claims page', () => {
  let t: TestApp;
  let admin: WebSession;
  let editor: WebSession;
  let reviewer: WebSession;
  let article: number;

  type Claim = { id: number; version: number };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
    editor = await webSession(t, 'editor');
    reviewer = await webSession(t, 'reviewer');
    article = (await t.http.post('/api/articles').set('Authorization', editor.user.auth).send(articleInput({ title: 'Palmyre <déminée>' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  async function logged(who: SignedIn, overrides = {}): Promise<Claim> {
    return (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', who.auth).send(claimInput(overrides)).expect(201)).body;
  }
  async function move(c: Claim, who: SignedIn, to: string): Promise<Claim> {
    return (await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', who.auth).send({ to, version: c.version }).expect(200)).body;
  }
  const get = async (session: WebSession, path: string) => (await t.http.get(path).set('Cookie', session.cookie).expect(200)).text;
  const post = (session: WebSession, path: string, fields: Record<string, string | string[]>) =>
    t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });

  it('shows a reviewer the lanes with their totals and the waiting claims with article, submitter and wait', async () => {
    const c = await move(await logged(editor.user, { text: 'En attente <b>longue</b>' }), editor.user, 'submitted');
    const html = await get(reviewer, '/review');
    expect(html).toContain('Waiting for a reviewer <span class="count">(1)</span>');
    expect(html).toContain('Verdicts waiting for a second reviewer <span class="count">(0)</span>');
    expect(html).not.toContain('Your claims returned to you');
    expect(html).toContain(`<a href="/claims/${c.id}">En attente &lt;b&gt;longue&lt;/b&gt;</a>`);
    expect(html).toContain('Palmyre &lt;déminée&gt;');
    expect(html).toContain(`<td data-label="submitted by">${editor.user.username}</td>`);
    expect(html).toMatch(/<td data-label="Waiting"><span title="[^"]+">\d+ min<\/span><\/td>/);
    await move(c, editor.user, 'draft');
    const editorLanes = await get(editor, '/review');
    expect(editorLanes).toContain('Your claims returned to you <span class="count">(1)</span>');
    expect(editorLanes).toContain(`<td data-label="returned by">${editor.user.username}</td>`);
    // A lane the role does not work falls back to its first lane.
    expect(await get(editor, '/review?lane=publish')).toContain('<h2 id="lane-h">Your claims returned to you (1)</h2>');
  });

  it('finds claims across articles by wording or source (accents optional), by status, and "my claims"', async () => {
    const source = (await t.http.post('/api/sources').set('Authorization', editor.user.auth).send(sourceInput({ name: 'Dmitri Vérétennik' })).expect(201)).body.id;
    const other = (await t.http.post('/api/articles').set('Authorization', admin.user.auth).send(articleInput({ title: 'Une autre' })).expect(201)).body.id;
    const attributed = (
      await t.http
        .post(`/api/articles/${other}/claims`)
        .set('Authorization', admin.user.auth)
        .send(claimInput({ text: 'Les sapeurs comptent', unattributed: false, attributions: [{ sourceId: source, verb: 'a indiqué', mode: 'paraphrase' }] }))
        .expect(201)
    ).body;
    const bySource = await get(editor, '/claims?q=veretennik');
    expect(bySource).toContain(`value="${attributed.id}:${attributed.version}"`);
    expect(bySource).toContain('1 claim<');
    expect(await get(editor, '/claims?q=SAPEURS+COMPTENT')).toContain(`href="/claims/${attributed.id}"`);
    expect(await get(editor, `/claims?q=veretennik&mine=1`)).toContain('No claim matches.');
    expect(await get(admin, `/claims?q=veretennik&mine=1`)).toContain(`href="/claims/${attributed.id}"`);
    expect(await get(admin, `/claims?q=veretennik&status=published`)).toContain('No claim matches.');
  });

  it('takes the ticked claims with one result per claim: a claim changed meanwhile is refused and stays as it was', async () => {
    const a = await move(await logged(editor.user, { text: 'Premier' }), editor.user, 'submitted');
    const b = await move(await logged(editor.user, { text: 'Second' }), editor.user, 'submitted');
    await t.http.patch(`/api/claims/${b.id}`).set('Authorization', editor.user.auth).send({ version: b.version, text: 'Second, changé' }).expect(200);
    const res = await post(reviewer, '/claims/bulk', { action: 'take', item: [`${a.id}:${a.version}`, `${b.id}:${b.version}`], back: 'status=submitted' }).expect(200);
    expect(res.text).toContain('Done for 1, refused for 1');
    expect(res.text).toMatch(new RegExp(`<tr class="refused"><td data-label="Claim"><a href="/claims/${b.id}">[^<]*</a></td><td data-label="Result">Refused: Claim ${b.id} was changed by someone else`));
    expect(res.text).toContain('<option value="submitted" selected>');
    const stored = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.user.auth)).body;
    expect((await stored(a.id)).status).toBe('in_review');
    expect((await stored(b.id)).status).toBe('submitted');
  });

  it('refuses a bulk post with no claim ticked or no action, naming what is missing, and changes nothing', async () => {
    const res = await post(editor, '/claims/bulk', { action: 'submit' }).expect(422);
    expect(res.text).toContain('tick at least one claim');
    const none = await post(editor, '/claims/bulk', { action: '', item: ['1:1'] }).expect(422);
    expect(none.text).toContain('<strong>action</strong>');
  });

  it('offers each role only its bulk actions', async () => {
    await logged(editor.user);
    const asReviewer = await get(reviewer, '/claims');
    expect(asReviewer).toContain('<option value="take">Take for review</option>');
    expect(asReviewer).not.toContain('<option value="kind">');
    const asEditor = await get(editor, '/claims');
    expect(asEditor).not.toContain('<option value="take">');
    expect(asEditor).toContain('<option value="kind">Change the kind</option>');
    expect(asEditor).not.toContain('<option value="assign">');
    expect(await get(admin, '/claims')).toContain('<option value="assign">Assign</option>');
  });
});
