import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

/** Issue 15 item 6: nulls, a web form that skipped the API's limits, one rule for editors' drafts, If-Match once. */
describe('Input edge cases', () => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let otherEditor: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn('admin');
    editor = await t.signIn('editor');
    otherEditor = await t.signIn('editor');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each(['role', 'displayName', 'active', 'password'])('refuses PATCH /api/users/:id with %s: null as a 400 naming the field, and changes nothing', async (name) => {
    const before = (await t.http.get(`/api/users/${editor.id}`).set('Authorization', admin.auth).expect(200)).body;
    const res = await t.http.patch(`/api/users/${editor.id}`).set('Authorization', admin.auth).send({ version: before.version, [name]: null }).expect(400);
    expect(res.body.errors).toContainEqual({ field: name, reason: `${name} may be left out, but not null` });
    const after = (await t.http.get(`/api/users/${editor.id}`).set('Authorization', admin.auth).expect(200)).body;
    expect(after).toEqual(before);
  });

  it.each(['start', 'end', 'occurrence'])('refuses a claim PATCH with "%s": null with a sensible 400 (not "[NaN, NaN)")', async (name) => {
    const c = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const res = await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: c.version, [name]: null }).expect(400);
    expect(res.body.errors).toContainEqual({ field: name, reason: `${name} may be left out, but not null` });
    expect(res.body.message).not.toContain('NaN');
    expect((await t.http.get(`/api/claims/${c.id}`).set('Authorization', editor.auth).expect(200)).body.version).toBe(c.version);
  });

  it('still lets a claim PATCH clear its note with null', async () => {
    const c = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput({ note: 'n' })).expect(201)).body;
    const res = await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: c.version, note: null }).expect(200);
    expect(res.body.note).toBeNull();
  });

  it('answers a 50,000-character outlet on the web new-article form with a form error, not a 500, and stores nothing', async () => {
    const web = await webSession(t, 'editor');
    const before = await t.count('articles');
    const res = await t.http
      .post('/articles')
      .set('Cookie', web.cookie)
      .type('form')
      .send({ _csrf: web.csrf, title: 'T', language: 'fr', body: 'Un texte.', outlet: 'x'.repeat(50_000) })
      .expect(422);
    expect(res.text).toContain('outlet');
    expect(res.text).toContain('200');
    expect(await t.count('articles')).toBe(before);
  });

  describe('one rule for drafts: an editor edits, re-chains, deletes and submits only the claims they logged; admins any', () => {
    it('refuses another editor with 403 on every editor action, and lets the owner and an admin', async () => {
      const c = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
      const refusals = [
        await t.http.patch(`/api/claims/${c.id}`).set('Authorization', otherEditor.auth).send({ version: c.version, text: 'Rewritten' }),
        await t.http.put(`/api/claims/${c.id}/attributions`).set('Authorization', otherEditor.auth).send({ version: c.version, unattributed: true, attributions: [] }),
        await t.http.delete(`/api/claims/${c.id}`).set('Authorization', otherEditor.auth).set('If-Match', `"${c.version}"`),
        await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', otherEditor.auth).send({ version: c.version, to: 'submitted' }),
      ];
      for (const r of refusals) expect(r.status).toBe(403);
      expect(refusals[0].body.errors).toEqual([{ field: 'createdBy', reason: 'not your claim' }]);
      const after = (await t.http.get(`/api/claims/${c.id}`).set('Authorization', editor.auth).expect(200)).body;
      expect(after).toMatchObject({ version: c.version, text: c.text, status: 'draft' });

      const byAdmin = await t.http.patch(`/api/claims/${c.id}`).set('Authorization', admin.auth).send({ version: c.version, text: 'Admin wording' }).expect(200);
      await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: byAdmin.body.version, text: 'Own wording' }).expect(200);
    });
  });

  it('lists If-Match once per operation in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    let checked = 0;
    for (const ops of Object.values<Record<string, { parameters?: { in: string; name: string }[] }>>(doc.paths)) {
      for (const op of Object.values(ops)) {
        const ifMatch = (op.parameters ?? []).filter((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
        if (ifMatch.length) checked++;
        expect(ifMatch.length).toBeLessThanOrEqual(1);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
