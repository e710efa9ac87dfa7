import { articleInput, claimInput, sourceInput } from '../factories';
import { TestApp } from '../support/test-app';
import type { SignedIn } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** Editing sources from the web app and merging duplicates (API and web, with its confirmation step). */
describe('Source edit and merge', () => {
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

  const source = async (overrides = {}) => (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput(overrides)).expect(201)).body;
  const getSource = (id: number) => t.http.get(`/api/sources/${id}`).set('Authorization', editor.auth);
  const post = (session: WebSession, path: string, fields: Record<string, string> = {}) =>
    t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });

  /** A duplicate pair with a claim naming the duplicate as speaker, an article it is the outlet of and a member. */
  async function duplicates() {
    const survivor = await source({ name: `Ministère de la Défense ${Date.now()}`, kind: 'government_body', aliases: ['MoD'] });
    const duplicate = await source({ name: `Ministere russe de la Defense ${Date.now()}`, kind: 'government_body', aliases: ['Minoborony'] });
    const member = await source({ name: `Centre de réconciliation ${Date.now()}`, parentId: duplicate.id });
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ outletId: duplicate.id })).expect(201)).body;
    const claim = (
      await t.http
        .post(`/api/articles/${article.id}/claims`)
        .set('Authorization', editor.auth)
        .send(claimInput({ unattributed: false, attributions: [{ sourceId: duplicate.id, verb: 'a indiqué', mode: 'paraphrase' }] }))
        .expect(201)
    ).body;
    return { survivor, duplicate, member, article, claim };
  }

  it('merges a duplicate into the survivor: chain links, outlet, members and ledger move, the name becomes an alias, both audited', async () => {
    const { survivor, duplicate, member, article, claim } = await duplicates();
    const res = await t.http
      .post(`/api/sources/${duplicate.id}/merge`)
      .set('Authorization', editor.auth)
      .send({ intoId: survivor.id, version: duplicate.version, intoVersion: survivor.version })
      .expect(200);
    expect(res.body).toMatchObject({ mergedId: duplicate.id, attributions: 1, claimIds: [claim.id], articles: 1, members: 1 });
    expect(res.body.survivor.aliases).toEqual(['MoD', duplicate.name, 'Minoborony']);
    // The claim's chain changed: its version moved, so a chain form opened before the merge is stale (409).
    const after = (await t.http.get(`/api/claims/${claim.id}`).set('Authorization', editor.auth).expect(200)).body;
    expect(after.version).toBe(claim.version + 1);
    await t.http
      .put(`/api/claims/${claim.id}/attributions`)
      .set('Authorization', editor.auth)
      .send({ version: claim.version, attributions: [{ sourceId: duplicate.id, verb: 'a indiqué', mode: 'paraphrase' }] })
      .expect(409);

    await getSource(duplicate.id).expect(404);
    const stored = (await getSource(survivor.id).expect(200)).body;
    expect(stored.aliases).toEqual(['MoD', duplicate.name, 'Minoborony']);
    expect(stored.version).toBe(survivor.version + 1);
    expect((await t.http.get(`/api/claims/${claim.id}`).set('Authorization', editor.auth)).body.attributions[0].source.id).toBe(survivor.id);
    expect((await t.http.get(`/api/articles/${article.id}`).set('Authorization', editor.auth)).body.outlet.id).toBe(survivor.id);
    expect((await getSource(member.id)).body.parent.id).toBe(survivor.id);
    const ledger = (await t.http.get(`/api/sources/${survivor.id}/ledger`).set('Authorization', editor.auth).expect(200)).body;
    expect(ledger.totals.speaker.claims).toBe(1);
    // Searching by the merged name finds the survivor.
    const found = (await t.http.get('/api/sources').query({ q: 'minoborony' }).set('Authorization', editor.auth)).body.items;
    expect(found.map((s: { id: number }) => s.id)).toEqual([survivor.id]);

    const audit = (await t.http.get('/api/audit').query({ entityType: 'source', action: 'source.merge', entityId: survivor.id }).set('Authorization', admin.auth)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].before.merged.name).toBe(duplicate.name);
    expect(audit[0].after.claimIds).toEqual([claim.id]);
    const gone = (await t.http.get('/api/audit').query({ action: 'source.merged_into', entityId: duplicate.id }).set('Authorization', admin.auth)).body.items;
    expect(gone[0].after).toEqual({ intoId: survivor.id });
    const history = (await t.http.get(`/api/claims/${claim.id}/history`).set('Authorization', editor.auth).expect(200)).body.items;
    expect(history.find((e: { action: string }) => e.action === 'attribution.source_merge')).toMatchObject({ before: { sourceId: duplicate.id }, after: { sourceId: survivor.id } });
  });

  it('refuses a merge with a stale version of either source and changes nothing', async () => {
    const { survivor, duplicate, claim } = await duplicates();
    const stale = await t.http
      .post(`/api/sources/${duplicate.id}/merge`)
      .set('Authorization', editor.auth)
      .send({ intoId: survivor.id, version: duplicate.version, intoVersion: survivor.version + 5 })
      .expect(409);
    expect(stale.body.message).toContain(`Source ${survivor.id} was changed`);
    await getSource(duplicate.id).expect(200);
    expect((await t.http.get(`/api/claims/${claim.id}`).set('Authorization', editor.auth)).body.attributions[0].source.id).toBe(duplicate.id);
    expect((await getSource(survivor.id)).body.aliases).toEqual(['MoD']);
  });

  it('refuses merging a source into itself (422), into a missing source (422), and from a reviewer (403)', async () => {
    const a = await source();
    const self = await t.http.post(`/api/sources/${a.id}/merge`).set('Authorization', editor.auth).send({ intoId: a.id, version: 1, intoVersion: 1 }).expect(422);
    expect(self.body.errors).toEqual([{ field: 'intoId', reason: 'must be another source' }]);
    const missing = await t.http.post(`/api/sources/${a.id}/merge`).set('Authorization', editor.auth).send({ intoId: 999999, version: 1, intoVersion: 1 }).expect(422);
    expect(missing.body.errors[0].field).toBe('intoId');
    const reviewer = await t.signIn('reviewer');
    await t.http.post(`/api/sources/${a.id}/merge`).set('Authorization', reviewer.auth).send({ intoId: 1, version: 1, intoVersion: 1 }).expect(403);
    await t.http.post(`/api/sources/${a.id}/merge`).set('Authorization', editor.auth).send({ intoId: 'x', version: 1 }).expect(400);
    await getSource(a.id).expect(200);
  });

  it('edits a source from its edit page: aliases one a line, a parent picked by name, notes; stored and audited', async () => {
    const parent = await source({ name: `Forces armées ${Date.now()}` });
    const s = await source();
    const form = await t.http.get(`/sources/${s.id}/edit`).set('Cookie', web.cookie).expect(200);
    expect(form.text).toContain(`name="version" value="${s.version}"`);
    const saved = await post(web, `/sources/${s.id}/edit`, {
      version: String(s.version),
      name: 'Sergueï Roudskoï',
      kind: 'person',
      country: 'ru',
      aliases: 'Sergei Rudskoy\r\nRudskoy\r\n',
      parent: parent.name.toUpperCase(),
      parent_id: '',
      affiliationNote: 'Russian General Staff',
      description: 'chef du département <Opérations>',
      homepage: '',
    }).expect(303);
    expect(saved.headers.location).toBe(`/sources/${s.id}?saved=1`);
    const stored = (await getSource(s.id)).body;
    expect(stored).toMatchObject({ name: 'Sergueï Roudskoï', kind: 'person', country: 'RU', aliases: ['Sergei Rudskoy', 'Rudskoy'], affiliationNote: 'Russian General Staff', description: 'chef du département <Opérations>', homepage: null, version: s.version + 1 });
    expect(stored.parent.id).toBe(parent.id);
    const pageHtml = (await t.http.get(saved.headers.location).set('Cookie', web.cookie).expect(200)).text;
    expect(pageHtml).toContain('Source saved.');
    expect(pageHtml).toContain('chef du département &lt;Opérations&gt;');
    const audit = (await t.http.get('/api/audit').query({ action: 'source.update', entityId: s.id }).set('Authorization', admin.auth)).body.items;
    expect(audit[0].after.name).toBe('Sergueï Roudskoï');
  });

  it('shows the edit form again with what was typed when the version is stale, and changes nothing', async () => {
    const s = await source();
    await t.http.patch(`/api/sources/${s.id}`).set('Authorization', editor.auth).send({ version: s.version, country: 'LB' }).expect(200);
    const res = await post(web, `/sources/${s.id}/edit`, { version: String(s.version), name: 'Mon nouveau nom', kind: 'outlet', country: '', aliases: '', parent: '', affiliationNote: '', description: '', homepage: '' }).expect(409);
    expect(res.text).toContain('Someone else changed this source');
    expect(res.text).toContain('value="Mon nouveau nom"');
    expect((await getSource(s.id)).body.name).toBe(s.name);
  });

  it('refuses an unknown parent and an invalid country on the edit page with field errors (422)', async () => {
    const s = await source();
    const res = await post(web, `/sources/${s.id}/edit`, { version: String(s.version), name: s.name, kind: s.kind, parent: 'Nobody at all', parent_id: '' }).expect(422);
    expect(res.text).toContain('no source is named &quot;Nobody at all&quot;');
    const bad = await post(web, `/sources/${s.id}/edit`, { version: String(s.version), name: s.name, kind: s.kind, country: 'Russia' }).expect(422);
    expect(bad.text).toContain('country must be an ISO 3166-1 alpha-2 code');
    expect((await getSource(s.id)).body.version).toBe(s.version);
  });

  it('merges from the web in two steps: a confirmation page that says what moves, then the merge', async () => {
    const { survivor, duplicate, claim } = await duplicates();
    const confirm = await post(web, `/sources/${duplicate.id}/merge`, { into: survivor.name.toLowerCase(), into_id: '' }).expect(200);
    expect(confirm.text).toContain(`Merge ${duplicate.name} into ${survivor.name}?`);
    expect(confirm.text).toContain('1 chain link in 1 claim');
    const french = await post(web, `/sources/${duplicate.id}/merge`, { into: survivor.name.toLowerCase(), into_id: '' }).set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain(`Fusionner ${duplicate.name} dans ${survivor.name}\u00a0?`);
    expect(french.text).toContain('Dans 1 affirmation, 1 maillon de chaîne nommera');
    expect(french.text).toContain('Cette opération ne peut pas être annulée');
    await getSource(duplicate.id).expect(200); // nothing happens before the confirmation
    const done = await post(web, `/sources/${duplicate.id}/merge`, { into: survivor.name, into_id: String(survivor.id), version: String(duplicate.version), intoVersion: String(survivor.version), confirm: 'yes' }).expect(303);
    expect(done.headers.location).toBe(`/sources/${survivor.id}?merged=${encodeURIComponent(duplicate.name)}`);
    const pageHtml = (await t.http.get(done.headers.location).set('Cookie', web.cookie).expect(200)).text;
    expect(pageHtml).toContain(`Merged “${duplicate.name}” into this source.`);
    const frenchPage = (await t.http.get(done.headers.location).set('Cookie', web.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(frenchPage).toContain(`«\u00a0${duplicate.name}\u00a0» a été fusionnée dans cette source.`);
    expect(pageHtml).toContain(`/claims/${claim.id}`);
    await getSource(duplicate.id).expect(404);
  });

  it('offers the edit page to editors only: a reviewer gets 403 and no edit link', async () => {
    const s = await source();
    expect((await t.http.get(`/sources/${s.id}`).set('Cookie', web.cookie)).text).toContain(`href="/sources/${s.id}/edit"`);
    expect((await t.http.get(`/sources/${s.id}`).set('Cookie', reviewerWeb.cookie)).text).not.toContain(`/sources/${s.id}/edit`);
    await t.http.get(`/sources/${s.id}/edit`).set('Cookie', reviewerWeb.cookie).expect(403);
    await post(reviewerWeb, `/sources/${s.id}/merge`, { into_id: '1', confirm: 'yes', version: '1', intoVersion: '1' }).expect(403);
    await getSource(s.id).expect(200);
  });
});
