import { articleInput, claimInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

describe('Articles and claims', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let articleId: number;
  let body: string;
  let centre: number;
  let sputnik: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    const article = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201);
    articleId = article.body.id;
    body = article.body.body;
    centre = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Centre' })).expect(201)).body.id;
    sputnik = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Sputnik', kind: 'news_agency' })).expect(201))
      .body.id;
  });
  afterAll(() => t.close());

  const post = (payload: object, who = editor, article = articleId) =>
    t.http.post(`/api/articles/${article}/claims`).set('Authorization', who.auth).send(payload);

  describe('articles', () => {
    it('stores the body verbatim with its SHA-256', async () => {
      const text = "  «Les militaires…»\r\n l'armée — 1230 mines  ";
      const response = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ body: text })).expect(201);
      expect(response.body.body).toBe(text);
      expect(response.body.bodySha256).toBe(require('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex'));
      const stored: { body: string }[] = await t.dataSource.query(`SELECT body FROM articles WHERE id = ${Number(response.body.id)}`);
      expect(stored[0].body).toBe(text);
    });

    it('searches titles ignoring accents, paginated', async () => {
      const response = await t.http.get('/api/articles').query({ q: 'palmyre', pageSize: 10 }).set('Authorization', reviewer.auth).expect(200);
      expect(response.body.items.map((a: { title: string }) => a.title)).toContain('Les sapeurs à Palmyre');
      expect(response.body.items[0]).not.toHaveProperty('body');
    });

    it('freezes the body once a claim is anchored to it, but not the metadata', async () => {
      const article = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201);
      await t.http
        .patch(`/api/articles/${article.body.id}`)
        .set('Authorization', editor.auth)
        .send({ version: 1, body: 'A corrected text before any claim.' })
        .expect(200);
      await post(claimInput({ quote: 'corrected text' }), editor, article.body.id).expect(201);
      const refused = await t.http
        .patch(`/api/articles/${article.body.id}`)
        .set('Authorization', editor.auth)
        .send({ version: 2, body: 'Another text.' })
        .expect(422);
      expect(refused.body.errors).toEqual([{ field: 'body', reason: 'claims are anchored to the current text' }]);
      const renamed = await t.http
        .patch(`/api/articles/${article.body.id}`)
        .set('Authorization', editor.auth)
        .send({ version: 2, title: 'Renamed' })
        .expect(200);
      expect(renamed.body).toMatchObject({ title: 'Renamed', body: 'A corrected text before any claim.', version: 3 });
    });

    it('refuses an unknown outlet with 422 and a non-http url with 400', async () => {
      const outlet = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ outletId: 424242 })).expect(422);
      expect(outlet.body.errors).toEqual([{ field: 'outletId', reason: 'no source with id 424242' }]);
      const url = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ url: 'ftp://example.org/x' })).expect(400);
      expect(url.body.errors).toEqual([{ field: 'url', reason: 'url must be an http or https URL' }]);
    });

    it('answers 404 for an article that does not exist', async () => {
      await t.http.get('/api/articles/999999').set('Authorization', reviewer.auth).expect(404);
      await t.http.get('/api/articles/999999/claims').set('Authorization', reviewer.auth).expect(404);
      await t.http.get('/api/articles/999999/claims?page=3').set('Authorization', reviewer.auth).expect(404);
    });

    it("answers an existing article's claims with an empty page when it has none, or none that far", async () => {
      const empty = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'No claims yet' })).expect(201)).body.id;
      const none = await t.http.get(`/api/articles/${empty}/claims`).set('Authorization', reviewer.auth).expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0, page: 1 });
      const some = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Two claims' })).expect(201)).body.id;
      for (let i = 0; i < 2; i++) await t.http.post(`/api/articles/${some}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201);
      const past = await t.http.get(`/api/articles/${some}/claims?page=4&pageSize=1`).set('Authorization', reviewer.auth).expect(200);
      expect(past.body).toMatchObject({ items: [], total: 2, page: 4, pageSize: 1 });
    });
  });

  describe('anchoring', () => {
    it('accepts a quote whose offsets match the text exactly', async () => {
      const quote = 'Les sapeurs russes sont en route';
      const start = body.indexOf(quote);
      const response = await post(claimInput({ quote, start, end: start + quote.length })).expect(201);
      expect(response.body).toMatchObject({ quote, start, end: start + quote.length, status: 'draft', version: 1, unattributed: true, attributions: [] });
    });

    it('resolves the offsets from a quote that occurs once', async () => {
      const response = await post(claimInput({ quote: 'reliée par une route à Palmyre' })).expect(201);
      expect(response.body.start).toBe(body.indexOf('reliée par une route à Palmyre'));
      expect(body.slice(response.body.start, response.body.end)).toBe('reliée par une route à Palmyre');
    });

    it('refuses offsets whose text differs from the quote, naming the field and where it does occur', async () => {
      const before = await t.count('claims');
      const response = await post(claimInput({ quote: 'Les sapeurs syriens', start: 1, end: 20 })).expect(422);
      expect(response.body.errors).toEqual([{ field: 'quote', reason: 'differs from the article text at [1, 20)' }]);
      expect(response.body.occurrences).toEqual([{ start: 0, end: 19 }]);
      expect(await t.count('claims')).toBe(before);
    });

    it('lists the occurrences of an ambiguous quote, and takes the one asked for', async () => {
      const ambiguous = await post(claimInput({ quote: 'Les sapeurs' })).expect(422);
      expect(ambiguous.body.occurrences).toHaveLength(2);
      expect(ambiguous.body.message).toContain('occurs 2 times');
      const second = await post(claimInput({ quote: 'Les sapeurs', occurrence: 2 })).expect(201);
      expect(second.body.start).toBe(body.lastIndexOf('Les sapeurs'));
    });

    it('refuses a quote that is not in the article with 422', async () => {
      const response = await post(claimInput({ quote: 'Les sapeurs français' })).expect(422);
      expect(response.body.errors).toEqual([{ field: 'quote', reason: 'not found in the article text' }]);
    });
  });

  describe('attribution chains', () => {
    it('stores the chain in order, speaker first, with verbs as written', async () => {
      const response = await post(
        claimInput({
          quote: 'Les sapeurs russes sont en route',
          unattributed: false,
          attributions: [
            { sourceId: centre, verb: 'a indiqué', mode: 'paraphrase', saidWhen: 'samedi' },
            { sourceId: sputnik, verb: 'selon', mode: 'paraphrase', saidWhere: 'sur son site' },
          ],
        }),
      ).expect(201);
      expect(response.body.unattributed).toBe(false);
      expect(response.body.attributions).toEqual([
        { position: 0, source: { id: centre, name: 'Centre', kind: 'organisation' }, anonymous: false, description: null, verb: 'a indiqué', mode: 'paraphrase', saidWhen: 'samedi', saidWhere: null },
        { position: 1, source: { id: sputnik, name: 'Sputnik', kind: 'news_agency' }, anonymous: false, description: null, verb: 'selon', mode: 'paraphrase', saidWhen: null, saidWhere: 'sur son site' },
      ]);
    });

    it('requires either a chain or an explicit unattributed marker', async () => {
      const neither = await post(claimInput({ unattributed: undefined, attributions: [] })).expect(422);
      expect(neither.body.errors[0].field).toBe('attributions');
      const both = await post(
        claimInput({ unattributed: true, attributions: [{ sourceId: centre, verb: 'a indiqué', mode: 'direct' }] }),
      ).expect(422);
      expect(both.body.errors[0].field).toBe('attributions');
    });

    it('refuses a chain that names a source that does not exist, writing nothing', async () => {
      const before = await t.count('claims');
      const response = await post(
        claimInput({
          unattributed: false,
          attributions: [
            { sourceId: centre, verb: 'a indiqué', mode: 'direct' },
            { sourceId: 777777, verb: 'selon', mode: 'paraphrase' },
          ],
        }),
      ).expect(422);
      expect(response.body.errors).toEqual([{ field: 'attributions[1].sourceId', reason: 'no source with id 777777' }]);
      expect(await t.count('claims')).toBe(before);
    });

    it('replaces the chain in one transaction and moves the version on', async () => {
      const claim = await post(claimInput()).expect(201);
      const replaced = await t.http
        .put(`/api/claims/${claim.body.id}/attributions`)
        .set('Authorization', editor.auth)
        .send({ version: 1, attributions: [{ sourceId: sputnik, verb: 'écrit', mode: 'paraphrase' }] })
        .expect(200);
      expect(replaced.body).toMatchObject({ unattributed: false, version: 2 });
      expect(replaced.body.attributions.map((a: { source: { name: string } }) => a.source.name)).toEqual(['Sputnik']);
      const bad = await t.http
        .put(`/api/claims/${claim.body.id}/attributions`)
        .set('Authorization', editor.auth)
        .send({ version: 2, attributions: [{ sourceId: centre, verb: 'a indiqué', mode: 'direct' }, { sourceId: 0, verb: '', mode: 'shout' }] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['attributions[1].sourceId', 'attributions[1].verb', 'attributions[1].mode']),
      );
      const rows: { source_id: number }[] = await t.dataSource.query(`SELECT source_id FROM attributions WHERE claim_id = ${Number(claim.body.id)}`);
      expect(rows.map((r) => Number(r.source_id))).toEqual([sputnik]);
    });
  });

  describe('editing', () => {
    it('updates with the version in the body; a stale version gets 409 and changes nothing', async () => {
      const claim = await post(claimInput()).expect(201);
      const url = `/api/claims/${claim.body.id}`;
      await t.http.patch(url).set('Authorization', editor.auth).send({ version: 1, text: 'First edit' }).expect(200);
      const stale = await t.http.patch(url).set('Authorization', editor.auth).send({ version: 1, text: 'Second edit' }).expect(409);
      expect(stale.body).toMatchObject({ statusCode: 409, currentVersion: 2 });
      const now = await t.http.get(url).set('Authorization', reviewer.auth).expect(200);
      expect(now.body).toMatchObject({ text: 'First edit', version: 2 });
    });

    it('accepts If-Match instead, and answers 412 when it is stale', async () => {
      const claim = await post(claimInput()).expect(201);
      const url = `/api/claims/${claim.body.id}`;
      await t.http.patch(url).set('Authorization', editor.auth).set('If-Match', '"1"').send({ kind: 'event' }).expect(200);
      await t.http.patch(url).set('Authorization', editor.auth).set('If-Match', '"1"').send({ kind: 'date_place' }).expect(412);
      const missing = await t.http.patch(url).set('Authorization', editor.auth).send({ kind: 'date_place' }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'version', reason: 'required, or send If-Match' }]);
    });

    it('lets exactly one of many concurrent edits of the same version win', async () => {
      const claim = await post(claimInput()).expect(201);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.http.patch(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).send({ version: 1, text: `Edit ${i}` }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(7);
      const winner = results.find((r) => r.status === 200)!.body.text;
      const now = await t.http.get(`/api/claims/${claim.body.id}`).set('Authorization', reviewer.auth).expect(200);
      expect(now.body).toMatchObject({ text: winner, version: 2 });
    });

    it('re-anchors with a new quote checked against the article', async () => {
      const claim = await post(claimInput()).expect(201);
      await t.http.patch(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).send({ version: 1, quote: 'pas dans le texte' }).expect(422);
      const moved = await t.http
        .patch(`/api/claims/${claim.body.id}`)
        .set('Authorization', editor.auth)
        .send({ version: 1, quote: 'neutralisé 1230 mines' })
        .expect(200);
      expect(body.slice(moved.body.start, moved.body.end)).toBe('neutralisé 1230 mines');
    });

    it('deletes a draft with If-Match, keeping its audit trail', async () => {
      const claim = await post(claimInput()).expect(201);
      const missing = await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'version', reason: 'required, or send If-Match' }]);
      await t.http.patch(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).send({ version: 1, text: 'Edited meanwhile' }).expect(200);
      await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').expect(412);
      await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).set('If-Match', '"2"').expect(204);
      await t.http.get(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).expect(404);
      const audit: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE claim_id = ${Number(claim.body.id)} ORDER BY id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['claim.create', 'claim.update', 'claim.delete']);
    });

    it('refuses to delete a draft that has a review history or a discussion, which must stay', async () => {
      const claim = await post(claimInput()).expect(201);
      const url = `/api/claims/${claim.body.id}`;
      await t.http.post(`${url}/transitions`).set('Authorization', editor.auth).send({ to: 'submitted', version: 1 }).expect(200);
      await t.http.post(`${url}/transitions`).set('Authorization', editor.auth).send({ to: 'draft', version: 2 }).expect(200);
      const refused = await t.http.delete(url).set('Authorization', editor.auth).set('If-Match', '"3"').expect(422);
      expect(refused.body.errors).toEqual([{ field: 'status', reason: 'has a review history; dismiss it instead' }]);
      const commented = await post(claimInput()).expect(201);
      await t.http.post(`/api/claims/${commented.body.id}/comments`).set('Authorization', reviewer.auth).send({ body: 'Source?' }).expect(201);
      await t.http.delete(`/api/claims/${commented.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').expect(422);
      expect(await t.count('comments')).toBe(1);
    });

    it('refuses to delete a claim that is no longer a draft', async () => {
      const claim = await post(claimInput()).expect(201);
      await t.dataSource.query(`UPDATE claims SET status = 'submitted' WHERE id = ${Number(claim.body.id)}`);
      const response = await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').expect(422);
      expect(response.body.errors).toEqual([{ field: 'status', reason: 'is submitted, not draft' }]);
      expect(await t.http.get(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth)).toHaveProperty('status', 200);
    });

    it('records before and after of every claim write in the audit trail', async () => {
      const claim = await post(claimInput()).expect(201);
      await t.http.patch(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).send({ version: 1, text: 'Reworded' }).expect(200);
      const rows: { action: string; user_id: number; before: string; after: string }[] = await t.dataSource.query(
        `SELECT action, user_id, before, after FROM audit_events WHERE claim_id = ${Number(claim.body.id)} ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual(['claim.create', 'claim.update']);
      expect(Number(rows[1].user_id)).toBe(editor.id);
      expect(JSON.parse(rows[1].before).text).toBe(claimInput().text);
      expect(JSON.parse(rows[1].after).text).toBe('Reworded');
    });
  });

  describe('evidence', () => {
    it('adds and removes links, http(s) only, recording who added them', async () => {
      const claim = await post(claimInput()).expect(201);
      const link = await t.http
        .post(`/api/claims/${claim.body.id}/evidence`)
        .set('Authorization', reviewer.auth)
        .send({ url: 'https://www.unesco.org/palmyra', title: 'Site of Palmyra', stance: 'context', accessedDate: '2026-11-20' })
        .expect(201);
      expect(link.body).toMatchObject({ stance: 'context', addedBy: { id: reviewer.id, username: reviewer.username } });
      const bad = await t.http
        .post(`/api/claims/${claim.body.id}/evidence`)
        .set('Authorization', reviewer.auth)
        .send({ url: 'javascript:alert(1)', title: 'x', stance: 'agrees' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['stance', 'url']);
      const detail = await t.http.get(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).expect(200);
      expect(detail.body.evidence).toHaveLength(1);
      expect(detail.body.evidenceCount).toBe(1);
      await t.http.delete(`/api/claims/${claim.body.id}/evidence/${link.body.id}`).set('Authorization', reviewer.auth).expect(204);
      await t.http.delete(`/api/claims/${claim.body.id}/evidence/${link.body.id}`).set('Authorization', reviewer.auth).expect(404);
    });
  });

  describe('roles and bad input', () => {
    it('forbids reviewers from logging or editing claims', async () => {
      await post(claimInput(), reviewer).expect(403);
      const claim = await post(claimInput()).expect(201);
      await t.http.patch(`/api/claims/${claim.body.id}`).set('Authorization', reviewer.auth).send({ version: 1, text: 'x' }).expect(403);
      await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', reviewer.auth).set('If-Match', '"1"').expect(403);
      await t.http.post('/api/articles').set('Authorization', reviewer.auth).send(articleInput()).expect(403);
    });

    it('answers malformed JSON with 400, never 500', async () => {
      const response = await t.http
        .post(`/api/articles/${articleId}/claims`)
        .set('Authorization', editor.auth)
        .set('Content-Type', 'application/json')
        .send('{"text": "unterminated')
        .expect(400);
      expect(response.body.statusCode).toBe(400);
    });

    it('refuses unknown fields, wrong types and over-long text with each field named', async () => {
      const before = await t.count('claims');
      const response = await post({ ...claimInput(), text: 'x'.repeat(2001), kind: 42, start: 'zero', isAdmin: true }).expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['text', 'kind', 'start', 'isAdmin']));
      expect(await t.count('claims')).toBe(before);
    });

    it('answers 400 for a non-numeric or out-of-range id and 404 for a missing claim', async () => {
      await t.http.get('/api/claims/abc').set('Authorization', editor.auth).expect(400);
      const huge = await t.http.get('/api/claims/99999999999').set('Authorization', editor.auth).expect(400);
      expect(huge.body.errors).toEqual([{ field: 'id', reason: 'must be an integer from 1 to 2147483647' }]);
      await t.http.get('/api/claims/123456').set('Authorization', editor.auth).expect(404);
    });
  });
});
