import { articleInput, claimInput, sourceInput } from '../factories';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

/** The review queue's lanes and bulk actions over the API (issue 9, "every reviewer finds their work"). */
describe('Desk: review lanes and bulk actions', () => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let rita: SignedIn;
  let raoul: SignedIn;
  let article: number;

  type Claim = { id: number; version: number; status: string };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn('admin');
    editor = await t.signIn('editor');
    rita = await t.signIn('reviewer');
    raoul = await t.signIn('reviewer');
    article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Lanes' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  async function logged(who: SignedIn = editor, text = 'Un fait.'): Promise<Claim> {
    return (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', who.auth).send(claimInput({ text })).expect(201)).body;
  }
  async function move(c: Claim, who: SignedIn, to: string): Promise<Claim> {
    return (await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', who.auth).send({ to, version: c.version }).expect(200)).body;
  }
  async function propose(c: Claim, who: SignedIn): Promise<Claim> {
    await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', who.auth).send({ url: 'https://example.org/e', title: 'E', stance: 'supports' }).expect(201);
    const now = (await t.http.get(`/api/claims/${c.id}`).set('Authorization', who.auth)).body;
    return (await t.http.post(`/api/claims/${c.id}/verdicts`).set('Authorization', who.auth).send({ rating: 'mixed', rationale: 'Vu.', version: now.version }).expect(201)).body;
  }
  /** Dates the claim's latest status change `minutesAgo` in the past (the lanes sort on it). */
  async function waited(c: Claim, minutesAgo: number): Promise<void> {
    const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await t.dataSource.query(`UPDATE claim_transitions SET at = '${at}' WHERE claim_id = ${Number(c.id)}`);
  }
  const lane = async (who: SignedIn, name: string, query = '') =>
    (await t.http.get(`/api/review-queue/lanes/${name}?articleId=${article}${query}`).set('Authorization', who.auth).expect(200)).body;
  const totals = async (who: SignedIn) =>
    Object.fromEntries(
      ((await t.http.get(`/api/review-queue/lanes?articleId=${article}`).set('Authorization', who.auth).expect(200)).body.lanes as { lane: string; total: number }[]).map((l) => [l.lane, l.total]),
    );

  it('fills each lane with the claims that wait there, with true totals, article, who moved them and since when, sorted by waiting time', async () => {
    const waiting: Claim[] = [];
    for (const minutes of [30, 90, 10]) {
      const c = await move(await logged(editor, `Attend ${minutes} min`), editor, 'submitted');
      await waited(c, minutes);
      waiting.push(c);
    }
    const ownByRita = await logged(admin); // logged by an admin, submitted: in rita's waiting lane, not in the admin's
    await move(ownByRita, admin, 'submitted');

    const first = await lane(rita, 'waiting', '&pageSize=2');
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(2);
    expect(first.items.map((i: { claim: { text: string } }) => i.claim.text)).toEqual(['Attend 90 min', 'Attend 30 min']);
    expect(first.items[0]).toEqual(
      expect.objectContaining({ article: { id: article, title: 'Lanes' }, movedBy: { id: editor.id, username: editor.username }, since: expect.any(String) }),
    );
    expect(first.items[0].waitingSeconds).toBeGreaterThanOrEqual(90 * 60 - 5);
    const newest = await lane(rita, 'waiting', '&order=desc&pageSize=1');
    expect(newest.items[0].claim.id).toBe(ownByRita.id);
    expect((await lane(admin, 'waiting')).total).toBe(3); // four eyes: not the admin's own claim

    // rita takes one; raoul proposes a verdict on another (through a take); the editor takes one back.
    const taken = await move(waiting[0], rita, 'in_review');
    const theirs = await propose(await move(waiting[1], raoul, 'in_review'), raoul);
    const back = await move(waiting[2], editor, 'draft');
    expect(await totals(rita)).toEqual({ waiting: 1, assigned: 1, publish: 1, published: 0 });
    expect(await totals(raoul)).toEqual({ waiting: 1, assigned: 0, publish: 0, published: 0 }); // his own verdict is not his to publish
    expect(await totals(editor)).toEqual({ returned: 1, published: 0 });
    expect((await lane(rita, 'assigned')).items[0].claim.id).toBe(taken.id);
    const publish = await lane(rita, 'publish');
    expect(publish.items[0]).toEqual(expect.objectContaining({ claim: expect.objectContaining({ id: theirs.id }), movedBy: { id: raoul.id, username: raoul.username } }));
    expect((await lane(editor, 'returned')).items[0].claim.id).toBe(back.id);

    await move(theirs, rita, 'published');
    const published = await lane(raoul, 'published');
    expect(published.items.map((i: { claim: { id: number } }) => i.claim.id)).toEqual([theirs.id]);
    expect(published.items[0].movedBy.id).toBe(rita.id);
  });

  it('refuses an unknown lane or sort with 400', async () => {
    await t.http.get('/api/review-queue/lanes/everything').set('Authorization', rita.auth).expect(400);
    await t.http.get('/api/review-queue/lanes/waiting?sort=title').set('Authorization', rita.auth).expect(400);
  });

  it('takes many claims at once, each under its own version, with a per-item result: a stale one is refused and left as it was', async () => {
    const a = await move(await logged(), editor, 'submitted');
    const b = await move(await logged(), editor, 'submitted');
    const c = await move(await logged(), editor, 'submitted');
    await t.http.patch(`/api/claims/${b.id}`).set('Authorization', editor.auth).send({ version: b.version, text: 'Changé entre-temps' }).expect(200);
    const res = await t.http
      .post('/api/claims/bulk')
      .set('Authorization', rita.auth)
      .send({ action: 'take', items: [a, b, c].map((x) => ({ id: x.id, version: x.version })) })
      .expect(200);
    expect(res.body.done).toBe(2);
    expect(res.body.refused).toBe(1);
    expect(res.body.results.map((r: { id: number; ok: boolean; status: number }) => [r.id, r.ok, r.status])).toEqual([
      [a.id, true, 200],
      [b.id, false, 409],
      [c.id, true, 200],
    ]);
    const stored = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.auth)).body;
    expect((await stored(a.id)).assignee.id).toBe(rita.id);
    expect((await stored(b.id)).status).toBe('submitted');
    expect((await stored(b.id)).assignee).toBeNull();
    expect((await stored(c.id)).status).toBe('in_review');
  });

  it('applies the workflow rules per item: submit only your own drafts, assign only as admin, change the kind only on your own claims (admins any)', async () => {
    const mine = await logged(editor);
    const someoneElses = await logged(admin);
    const submitted = await t.http
      .post('/api/claims/bulk')
      .set('Authorization', editor.auth)
      .send({ action: 'submit', items: [mine, someoneElses].map((x) => ({ id: x.id, version: x.version })) })
      .expect(200);
    expect(submitted.body.results.map((r: { ok: boolean; status: number }) => r.status)).toEqual([200, 403]);

    const reviewerAssigns = await t.http.post('/api/claims/bulk').set('Authorization', rita.auth).send({ action: 'assign', assigneeId: rita.id, items: [{ id: mine.id, version: 2 }] }).expect(200);
    expect(reviewerAssigns.body.results[0]).toEqual(expect.objectContaining({ ok: false, status: 403 }));
    const assigned = await t.http.post('/api/claims/bulk').set('Authorization', admin.auth).send({ action: 'assign', assigneeId: raoul.id, items: [{ id: mine.id, version: 2 }] }).expect(200);
    expect(assigned.body.results[0]).toEqual(expect.objectContaining({ ok: true, version: 3 }));

    // Editors change only the claims they logged (admins any): the one editor rule of the workflow.
    const kinds = await t.http
      .post('/api/claims/bulk')
      .set('Authorization', editor.auth)
      .send({ action: 'kind', kind: 'event', items: [{ id: someoneElses.id, version: someoneElses.version }, { id: 99999999, version: 1 }] })
      .expect(200);
    expect(kinds.body.results.map((r: { status: number }) => r.status)).toEqual([403, 404]);
    const byAdmin = await t.http
      .post('/api/claims/bulk')
      .set('Authorization', admin.auth)
      .send({ action: 'kind', kind: 'event', items: [{ id: someoneElses.id, version: someoneElses.version }] })
      .expect(200);
    expect(byAdmin.body.results.map((r: { status: number }) => r.status)).toEqual([200]);
    expect((await t.http.get(`/api/claims/${someoneElses.id}`).set('Authorization', admin.auth)).body.kind).toBe('event');
  });

  it('refuses a malformed bulk request with 400 naming the field, changing nothing', async () => {
    const res = await t.http.post('/api/claims/bulk').set('Authorization', editor.auth).send({ action: 'kind', items: [] }).expect(400);
    expect(JSON.stringify(res.body)).toMatch(/items/);
    expect(JSON.stringify(res.body)).toMatch(/kind/);
    await t.http.post('/api/claims/bulk').set('Authorization', editor.auth).send({ action: 'delete', items: [{ id: 1, version: 1 }] }).expect(400);
  });

  it('documents the lanes and bulk routes with their response shapes in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const ok = (path: string, method: string) => doc.paths[path][method].responses['200'].content['application/json'].schema.$ref;
    expect(ok('/api/review-queue/lanes', 'get')).toBe('#/components/schemas/LanesDto');
    expect(ok('/api/review-queue/lanes/{lane}', 'get')).toBe('#/components/schemas/LanePageDto');
    expect(ok('/api/claims/bulk', 'post')).toBe('#/components/schemas/BulkResultDto');
    // A nullable reference is documented as anyOf [the reference, null] (src/openapi/document.ts: OpenAPI 3.0's nullable does not widen a $ref).
    expect(doc.components.schemas.LaneItemDto.properties.movedBy).toEqual(
      expect.objectContaining({ anyOf: [{ $ref: '#/components/schemas/UserRefDto' }, expect.objectContaining({ nullable: true, enum: [null] })] }),
    );
    expect(doc.components.schemas.BulkItemResultDto.required).toEqual(expect.arrayContaining(['id', 'ok', 'status', 'message', 'version']));
  });

  it('finds claims across articles by a source name or alias, accents optional, and by who logged them', async () => {
    const source = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Sergueï Roudskoï', aliases: ['Rudskoy'] })).expect(201)).body.id;
    const other = (await t.http.post('/api/articles').set('Authorization', admin.auth).send(articleInput({ title: 'Autre' })).expect(201)).body.id;
    const attributed = (
      await t.http
        .post(`/api/articles/${other}/claims`)
        .set('Authorization', admin.auth)
        .send(claimInput({ text: 'Sans rapport', unattributed: false, attributions: [{ sourceId: source, verb: 'a dit', mode: 'paraphrase' }] }))
        .expect(201)
    ).body.id;
    for (const q of ['roudskoi', 'RUDSKOY']) {
      const found = (await t.http.get(`/api/claims?q=${q}`).set('Authorization', editor.auth).expect(200)).body;
      expect(found.items.map((c: { id: number }) => c.id)).toEqual([attributed]);
    }
    const mine = (await t.http.get(`/api/claims?createdById=${admin.id}&articleId=${other}`).set('Authorization', editor.auth).expect(200)).body;
    expect(mine.items.map((c: { id: number }) => c.id)).toEqual([attributed]);
  });
});
