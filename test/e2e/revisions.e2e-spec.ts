import { createHash } from 'node:crypto';
import { TestApp } from '../support/test-app';
import type { SignedIn } from '../support/test-app';

/** Article revisions over the API: a corrected text, claims re-anchored or flagged, both texts readable. */
describe('Article revisions', () => {
  let t: TestApp;
  let editor: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    admin = await t.signIn('admin');
  });
  afterAll(() => t.close());

  const original =
    'Les sapeurs syriens ont neutralisé 1230 mines, a indiqué samedi le Centre. Les sapeurs russes sont en route, selon Sputnik. La ville est reliée par une route à Palmyre.';
  const corrected =
    'Les sapeurs syriens ont neutralisé 1320 mines, a indiqué dimanche le Centre russe. Selon Sputnik, Moscou n’enverra personne. La ville est reliée par une route à Palmyre.';
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const api = (who: SignedIn = editor) => ({
    get: (path: string) => t.http.get(path).set('Authorization', who.auth),
    post: (path: string) => t.http.post(path).set('Authorization', who.auth),
  });

  async function articleWithClaims() {
    const article = (await api().post('/api/articles').send({ title: 'Palmyre', language: 'fr', body: original }).expect(201)).body;
    const claim = async (quote: string) => (await api().post(`/api/articles/${article.id}/claims`).send({ text: `About: ${quote}`, quote, kind: 'event', unattributed: true }).expect(201)).body;
    return {
      article,
      before: await claim('Les sapeurs syriens'), // untouched, before the edits
      quantity: await claim('ont neutralisé 1230 mines'), // corrected number: fuzzy
      gone: await claim('Les sapeurs russes sont en route'), // rewritten: not found
      after: await claim('reliée par une route à Palmyre'), // untouched, after the edits: shifted
    };
  }

  it('creates revision 2, moves the untouched claims exactly, flags the others without moving them, keeps both texts with their SHA-256', async () => {
    const { article, before, quantity, gone, after } = await articleWithClaims();
    const res = await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version, note: 'Chiffre corrigé' }).expect(201);
    expect(res.body.revision).toMatchObject({ number: 2, bodySha256: sha(corrected), length: corrected.length, note: 'Chiffre corrigé', current: true, createdBy: { id: editor.id } });
    expect(res.body.articleVersion).toBe(article.version + 1);
    expect(res.body.flagged).toBe(2);
    const outcome = Object.fromEntries(res.body.results.map((r: { claimId: number; outcome: string }) => [r.claimId, r.outcome]));
    expect(outcome).toEqual({ [before.id]: 'exact', [quantity.id]: 'fuzzy', [gone.id]: 'not_found', [after.id]: 'exact' });

    // The article's current text and SHA are the new revision's; existing fields unchanged in shape.
    const stored = (await api().get(`/api/articles/${article.id}`).expect(200)).body;
    expect(stored).toMatchObject({ body: corrected, bodySha256: sha(corrected), version: article.version + 1 });
    const claimOf = async (id: number) => (await api().get(`/api/claims/${id}`).expect(200)).body;
    const moved = await claimOf(after.id);
    expect(corrected.slice(moved.start, moved.end)).toBe('reliée par une route à Palmyre');
    expect(moved.version).toBe(after.version + 1);
    expect(await claimOf(before.id)).toMatchObject({ start: before.start, end: before.end, version: before.version });
    // Flagged claims are not moved: same quote, same offsets, same version.
    expect(await claimOf(quantity.id)).toMatchObject({ quote: 'ont neutralisé 1230 mines', start: quantity.start, version: quantity.version });

    const revisions = (await api().get(`/api/articles/${article.id}/revisions`).expect(200)).body;
    expect(revisions.map((r: { number: number; bodySha256: string; current: boolean }) => [r.number, r.bodySha256, r.current])).toEqual([
      [1, sha(original), false],
      [2, sha(corrected), true],
    ]);
    expect((await api().get(`/api/articles/${article.id}/revisions/1`).expect(200)).body.body).toBe(original);
    expect((await api().get(`/api/articles/${article.id}/revisions/2`).expect(200)).body.body).toBe(corrected);
    await api().get(`/api/articles/${article.id}/revisions/3`).expect(404);

    const flags = (await api().get(`/api/articles/${article.id}/anchor-flags`).expect(200)).body;
    expect(flags).toHaveLength(2);
    const fuzzy = flags.find((f: { claimId: number }) => f.claimId === quantity.id);
    expect(fuzzy).toMatchObject({ outcome: 'fuzzy', fromRevision: 1, toRevision: 2, quote: 'ont neutralisé 1230 mines', proposal: { quote: 'ont neutralisé 1320 mines' } });
    expect(fuzzy.score).toBeGreaterThan(0.9);
    expect(flags.find((f: { claimId: number }) => f.claimId === gone.id)).toMatchObject({ outcome: 'not_found', proposal: null });

    const audit = (await api(admin).get('/api/audit').query({ entityType: 'article', entityId: article.id, action: 'article.revision' }).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ before: { revision: 1, bodySha256: sha(original) }, after: { revision: 2, bodySha256: sha(corrected), claims: { exact: 2, fuzzy: 1, not_found: 1 } } });
    expect((await api(admin).get('/api/audit').query({ action: 'claim.reanchor', claimId: after.id }).expect(200)).body.total).toBe(1);
    expect((await api(admin).get('/api/audit').query({ action: 'claim.anchor_flag', claimId: gone.id }).expect(200)).body.total).toBe(1);
  });

  it('refuses to re-anchor a flagged claim that is frozen under review, and moves the wording version and the search text when it does re-anchor one', async () => {
    const { article, quantity, gone } = await articleWithClaims();
    const reviewer = await t.signIn('reviewer');
    await api().post(`/api/claims/${quantity.id}/transitions`).send({ to: 'submitted', version: quantity.version }).expect(200);
    await api(reviewer).post(`/api/claims/${quantity.id}/transitions`).send({ to: 'in_review', version: quantity.version + 1 }).expect(200);
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version }).expect(201);
    const flags = (await api().get(`/api/articles/${article.id}/anchor-flags`)).body;
    const frozen = flags.find((f: { claimId: number }) => f.claimId === quantity.id);
    const refused = await api().post(`/api/articles/${article.id}/anchor-flags/${frozen.id}/resolve`).send({ claimVersion: frozen.claimVersion }).expect(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'status' });
    expect((await api().get(`/api/claims/${quantity.id}`)).body.quote).toBe('ont neutralisé 1230 mines');

    const lost = flags.find((f: { claimId: number }) => f.claimId === gone.id);
    const wordingBefore = (await t.dataSource.query(`SELECT wording_version AS w, match_text AS m FROM claims WHERE id = ${gone.id}`))[0];
    await api().post(`/api/articles/${article.id}/anchor-flags/${lost.id}/resolve`).send({ claimVersion: lost.claimVersion, quote: 'Moscou n’enverra personne' }).expect(200);
    const wordingAfter = (await t.dataSource.query(`SELECT wording_version AS w, match_text AS m FROM claims WHERE id = ${gone.id}`))[0];
    expect(Number(wordingAfter.w)).toBe(Number(wordingBefore.w) + 1);
    expect(wordingAfter.m).toContain('mosc'); // the matching key of the new words (stemmed)
  });

  it('accepts a fuzzy proposal and anchors a lost claim by its new words; flags close, claims move, audited', async () => {
    const { article, quantity, gone } = await articleWithClaims();
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version }).expect(201);
    const flags = (await api().get(`/api/articles/${article.id}/anchor-flags`)).body;
    const fuzzy = flags.find((f: { claimId: number }) => f.claimId === quantity.id);
    const lost = flags.find((f: { claimId: number }) => f.claimId === gone.id);

    const none = await api().post(`/api/articles/${article.id}/anchor-flags/${lost.id}/resolve`).send({ claimVersion: lost.claimVersion }).expect(422);
    expect(none.body.errors[0].field).toBe('quote');
    await api().post(`/api/articles/${article.id}/anchor-flags/${fuzzy.id}/resolve`).send({ claimVersion: fuzzy.claimVersion + 1 }).expect(409);

    const accepted = await api().post(`/api/articles/${article.id}/anchor-flags/${fuzzy.id}/resolve`).send({ claimVersion: fuzzy.claimVersion }).expect(200);
    expect(accepted.body).toMatchObject({ claimId: quantity.id, quote: 'ont neutralisé 1320 mines' });
    const moved = (await api().get(`/api/claims/${quantity.id}`)).body;
    expect(moved).toMatchObject({ quote: 'ont neutralisé 1320 mines', version: quantity.version + 1 });
    expect(corrected.slice(moved.start, moved.end)).toBe(moved.quote);

    const typed = await api().post(`/api/articles/${article.id}/anchor-flags/${lost.id}/resolve`).send({ claimVersion: lost.claimVersion, quote: 'Moscou n’enverra personne' }).expect(200);
    expect(typed.body.quote).toBe('Moscou n’enverra personne');
    await api().post(`/api/articles/${article.id}/anchor-flags/${lost.id}/resolve`).send({ claimVersion: lost.claimVersion + 1 }).expect(409); // already resolved
    expect((await api().get(`/api/articles/${article.id}/anchor-flags`)).body).toEqual([]);
    const audit = (await api(admin).get('/api/audit').query({ action: 'claim.reanchor', claimId: gone.id })).body.items;
    expect(audit[0].after).toMatchObject({ revision: 2, quote: 'Moscou n’enverra personne', outcome: 'by_editor' });
  });

  it('re-anchors a still-flagged claim from the text it points into when a third revision arrives', async () => {
    const { article, gone, quantity } = await articleWithClaims();
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version }).expect(201);
    // Revision 3 restores the sentence: the claim, flagged against revision 1's text, is found again.
    const third = corrected.replace('Selon Sputnik, Moscou n’enverra personne.', 'Les sapeurs russes sont en route, selon Sputnik.');
    const res = await api().post(`/api/articles/${article.id}/revisions`).send({ body: third, version: article.version + 1 }).expect(201);
    expect(res.body.results.find((r: { claimId: number }) => r.claimId === gone.id)).toMatchObject({ outcome: 'exact' });
    const claim = (await api().get(`/api/claims/${gone.id}`)).body;
    expect(third.slice(claim.start, claim.end)).toBe('Les sapeurs russes sont en route');
    // The corrected number is still a fuzzy match: its flag now proposes a place in revision 3, from revision 1's words.
    const open = (await api().get(`/api/articles/${article.id}/anchor-flags`)).body;
    expect(open.map((f: { claimId: number; fromRevision: number; toRevision: number }) => [f.claimId, f.fromRevision, f.toRevision])).toEqual([[quantity.id, 1, 3]]);
  });

  it('refuses a stale version (409), an identical text (422), an empty text (400) and a reviewer (403), changing nothing', async () => {
    const { article } = await articleWithClaims();
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version + 3 }).expect(409);
    const same = await api().post(`/api/articles/${article.id}/revisions`).send({ body: original, version: article.version }).expect(422);
    expect(same.body.errors).toEqual([{ field: 'body', reason: 'identical to the current text' }]);
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: '', version: article.version }).expect(400);
    const reviewer = await t.signIn('reviewer');
    await api(reviewer).post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version }).expect(403);
    await api().post('/api/articles/999999/revisions').send({ body: corrected, version: 1 }).expect(404);
    expect((await api().get(`/api/articles/${article.id}/revisions`)).body).toHaveLength(1);
    expect((await api().get(`/api/articles/${article.id}`)).body).toMatchObject({ body: original, version: article.version });
  });

  it('settles a flag when the claim is re-anchored through the claim API, and leaves a flagged claim out of the HTML report highlights', async () => {
    const { article, quantity, gone, before } = await articleWithClaims();
    await api().post(`/api/articles/${article.id}/revisions`).send({ body: corrected, version: article.version }).expect(201);
    const report = (await api().get(`/api/articles/${article.id}/report`).query({ format: 'html' }).expect(200)).text;
    expect(report).toContain(`<a href="#claim-${before.id}">`);
    expect(report).not.toContain(`<a href="#claim-${gone.id}">${gone.id}</a></sup>`);
    const current = (await api().get(`/api/claims/${quantity.id}`)).body;
    await t.http.patch(`/api/claims/${quantity.id}`).set('Authorization', editor.auth).send({ version: current.version, quote: 'ont neutralisé 1320 mines' }).expect(200);
    const open = (await api().get(`/api/articles/${article.id}/anchor-flags`)).body;
    expect(open.map((f: { claimId: number }) => f.claimId)).toEqual([gone.id]);
  });
});
