import { articleInput, claimInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

describe('Frozen under review (issue 15 item 2)', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let second: SignedIn;
  let admin: SignedIn;
  let articleId: number;
  let sourceA: number;
  let sourceB: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    second = await t.signIn('reviewer');
    admin = await t.signIn('admin');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    sourceA = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput()).expect(201)).body.id;
    sourceB = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  type Claim = { id: number; version: number; status: string; text: string; [key: string]: any };
  const get = async (id: number): Promise<Claim> => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.auth).expect(200)).body;
  const move = (id: number, who: SignedIn, to: string, version: number, reason?: string) =>
    t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send({ to, version, ...(reason ? { reason } : {}) });
  const chain = (sourceId: number) => ({ attributions: [{ sourceId, verb: 'a indiqué', mode: 'paraphrase' as const }] });

  async function claimAt(status: 'in_review' | 'verdict_proposed'): Promise<Claim> {
    let c: Claim = (
      await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput({ unattributed: undefined, ...chain(sourceA) })).expect(201)
    ).body;
    c = (await move(c.id, editor, 'submitted', c.version).expect(200)).body;
    c = (await move(c.id, reviewer, 'in_review', c.version).expect(200)).body;
    if (status === 'in_review') return c;
    await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/r', title: 'Report', stance: 'supports' }).expect(201);
    return (await t.http.post(`/api/claims/${c.id}/verdicts`).set('Authorization', reviewer.auth).send({ rating: 'true', rationale: 'Counted.', version: c.version }).expect(201)).body;
  }

  for (const status of ['in_review', 'verdict_proposed'] as const) {
    it(`refuses PATCH of the wording, quote or offsets while the claim is ${status}, naming the rule, and changes nothing`, async () => {
      const c = await claimAt(status);
      for (const body of [{ text: 'Other words.' }, { quote: 'Les sapeurs russes sont en route' }, { start: 0, end: 11 }]) {
        for (const who of [editor, admin]) {
          const res = await t.http.patch(`/api/claims/${c.id}`).set('Authorization', who.auth).send({ ...body, version: c.version }).expect(422);
          expect(res.body.errors).toEqual([{ field: 'status', reason: `is ${status}: frozen under review` }]);
          expect(res.body.message).toContain('frozen under review');
        }
      }
      const after = await get(c.id);
      expect(after).toMatchObject({ version: c.version, text: c.text, quote: c.quote, start: c.start, end: c.end });
    });

    it(`refuses PUT /attributions while the claim is ${status} and keeps the chain`, async () => {
      const c = await claimAt(status);
      const res = await t.http.put(`/api/claims/${c.id}/attributions`).set('Authorization', editor.auth).send({ ...chain(sourceB), version: c.version }).expect(422);
      expect(res.body.errors).toEqual([{ field: 'status', reason: `is ${status}: frozen under review` }]);
      const after = await get(c.id);
      expect(after.attributions.map((a: any) => a.source.id)).toEqual([sourceA]);
      expect(after.version).toBe(c.version);
    });
  }

  it('returns a claim with a proposed verdict to its editor with a reason, invalidating (not deleting) the verdict, then lets the editor change it', async () => {
    const c = await claimAt('verdict_proposed');
    const verdictId = c.currentVerdict.id;
    expect(c.currentVerdict).toMatchObject({ wordingVersion: 1, invalidatedAt: null });
    expect(c.allowedTransitions).toContain('draft');
    await move(c.id, reviewer, 'draft', c.version).expect(422); // a reason is required
    const back = (await move(c.id, reviewer, 'draft', c.version, 'The speaker is Sputnik, not the Centre').expect(200)).body;
    expect(back).toMatchObject({ status: 'draft', assignee: null });
    expect(back.verdicts).toHaveLength(1);
    expect(back.currentVerdict).toMatchObject({ id: verdictId, invalidatedAt: expect.any(String), publishedAt: null });
    expect(back.transitions.at(-1)).toMatchObject({ from: 'verdict_proposed', to: 'draft', reason: 'The speaker is Sputnik, not the Centre' });
    const stored = await t.dataSource.query(`SELECT invalidated_at FROM verdicts WHERE id = ${verdictId}`);
    expect(stored[0].invalidated_at).toEqual(expect.any(String));
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE claim_id = ${c.id} AND action = 'verdict.invalidate'`);
    expect(audit).toHaveLength(1);

    const edited = (await t.http.put(`/api/claims/${c.id}/attributions`).set('Authorization', editor.auth).send({ ...chain(sourceB), version: back.version }).expect(200)).body;
    expect(edited.attributions.map((a: any) => a.source.id)).toEqual([sourceB]);
  });

  it('refuses to publish a verdict that was invalidated, even after the claim comes back', async () => {
    const c = await claimAt('verdict_proposed');
    let back = (await move(c.id, reviewer, 'draft', c.version, 'Wrong quote').expect(200)).body;
    back = (await move(c.id, editor, 'submitted', back.version).expect(200)).body;
    back = (await move(c.id, reviewer, 'in_review', back.version).expect(200)).body;
    // Without a new verdict the claim is in_review; publishing is not a move from there.
    await move(c.id, second, 'published', back.version).expect(422);
    const proposed = (await t.http.post(`/api/claims/${c.id}/verdicts`).set('Authorization', reviewer.auth).send({ rating: 'false', rationale: 'Re-read.', version: back.version }).expect(201)).body;
    expect(proposed.verdicts).toHaveLength(2);
    const published = (await move(c.id, second, 'published', proposed.version).expect(200)).body;
    expect(published.currentVerdict).toMatchObject({ rating: 'false', publishedAt: expect.any(String), invalidatedAt: null });
    expect(published.verdicts[0].invalidatedAt).toEqual(expect.any(String));
    expect(published.verdicts[0].publishedAt).toBeNull();
  });

  it('refuses to publish when the words changed since the verdict was proposed (the verdict records the wording version)', async () => {
    const c = await claimAt('verdict_proposed');
    // A change that bypasses the API's freeze (another instance on an older build, a manual fix in the database).
    await t.dataSource.query(`UPDATE claims SET text = 'Swapped words', wording_version = wording_version + 1 WHERE id = ${c.id}`);
    const res = await move(c.id, second, 'published', c.version).expect(422);
    expect(res.body.errors).toEqual([{ field: 'verdict', reason: 'proposed on wording version 1, the claim is at 2' }]);
    expect((await get(c.id)).status).toBe('verdict_proposed');
    const rows = await t.dataSource.query(`SELECT published_at FROM verdicts WHERE claim_id = ${c.id}`);
    expect(rows[0].published_at).toBeNull();
  });

  it('moves the wording version on with every change of words or chain, not with kind or note', async () => {
    let c: Claim = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    c = (await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ note: 'n', version: c.version }).expect(200)).body;
    c = (await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ text: 'New words.', version: c.version }).expect(200)).body;
    c = (await t.http.put(`/api/claims/${c.id}/attributions`).set('Authorization', editor.auth).send({ ...chain(sourceA), version: c.version }).expect(200)).body;
    const rows = await t.dataSource.query(`SELECT wording_version FROM claims WHERE id = ${c.id}`);
    expect(Number(rows[0].wording_version)).toBe(3);
  });

  it('does not offer the edit form, the chain editor or delete on the web panel of a claim under review, and refuses the posts', async () => {
    const c = await claimAt('in_review');
    const web = await webSession(t, 'admin');
    const panel = await t.http.get(`/claims/${c.id}`).set('Cookie', web.cookie).expect(200);
    expect(panel.text).toContain('Frozen under review');
    expect(panel.text).not.toContain(`action="/claims/${c.id}/edit"`);
    expect(panel.text).not.toContain(`href="/claims/${c.id}/chain"`);
    expect(panel.text).not.toContain(`action="/claims/${c.id}/delete"`);
    // A post from a page loaded earlier is refused on the panel, and nothing changes.
    const post = await t.http
      .post(`/claims/${c.id}/edit`)
      .set('Cookie', web.cookie)
      .type('form')
      .send({ _csrf: web.csrf, version: String(c.version), text: 'Sneaky rewording', kind: c.kind, note: '', orig_text: c.text, orig_kind: c.kind, orig_note: '' });
    expect(post.status).toBeLessThan(500);
    expect(post.text).toContain('frozen under review');
    expect((await get(c.id)).text).toBe(c.text);
  });

  it('offers the assignee a "Return to editor" button with a reason field on the web panel', async () => {
    const c = await claimAt('verdict_proposed');
    const login = await t.http.get('/login').expect(200);
    const pre = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const preCsrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    const signed = await t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: preCsrf, username: reviewer.username, password: `password-of-${reviewer.username}` }).expect(303);
    const cookie = (signed.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const panel = await t.http.get(`/claims/${c.id}`).set('Cookie', cookie).expect(200);
    expect(panel.text).toContain('Return to editor');
    expect(panel.text).toContain('id="reason-draft"');
  });
});
