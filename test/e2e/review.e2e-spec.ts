import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

describe('Review workflow', () => {
  let t: TestApp;
  let editor: SignedIn;
  let otherEditor: SignedIn;
  let reviewer: SignedIn;
  let second: SignedIn;
  let admin: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    otherEditor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    second = await t.signIn('reviewer');
    admin = await t.signIn('admin');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  type Claim = { id: number; version: number; status: string; [key: string]: unknown };

  const get = async (id: number, who = admin): Promise<Claim> => (await t.http.get(`/api/claims/${id}`).set('Authorization', who.auth).expect(200)).body;
  const move = (id: number, who: SignedIn, to: string, version: number, reason?: string) =>
    t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send({ to, version, ...(reason ? { reason } : {}) });
  const propose = (id: number, who: SignedIn, version: number, rating = 'false', rationale = 'The Centre counted mines **and** IEDs.') =>
    t.http.post(`/api/claims/${id}/verdicts`).set('Authorization', who.auth).send({ rating, rationale, version });
  const addEvidence = (id: number, who = reviewer) =>
    t.http
      .post(`/api/claims/${id}/evidence`)
      .set('Authorization', who.auth)
      .send({ url: 'https://example.org/report', title: 'Mine action report', stance: 'contradicts' })
      .expect(201);

  /** A claim logged by `by` and walked to `status` through the API. */
  async function claimAt(status: 'draft' | 'submitted' | 'in_review' | 'verdict_proposed' | 'published', by = editor): Promise<Claim> {
    let c: Claim = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', by.auth).send(claimInput()).expect(201)).body;
    if (status === 'draft') return c;
    c = (await move(c.id, by, 'submitted', c.version).expect(200)).body;
    if (status === 'submitted') return c;
    c = (await move(c.id, reviewer, 'in_review', c.version).expect(200)).body;
    if (status === 'in_review') return c;
    await addEvidence(c.id);
    c = (await propose(c.id, reviewer, c.version).expect(201)).body;
    if (status === 'verdict_proposed') return c;
    return (await move(c.id, second, 'published', c.version).expect(200)).body;
  }

  /** Asserts the request was refused with `status` and that the claim is exactly as before. */
  async function refused(request: () => Promise<{ status: number; body: { message?: unknown; errors?: unknown[] } }>, id: number, status: number): Promise<void> {
    const before = await get(id);
    const transitionsBefore = await t.count('claim_transitions');
    const verdictsBefore = await t.count('verdicts');
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.body.message).toEqual(expect.any(String));
    // The role guard answers without field errors; the workflow rules always name the field and reason.
    for (const error of response.body.errors ?? []) expect(error).toEqual({ field: expect.any(String), reason: expect.any(String) });
    expect(await get(id)).toEqual(before);
    expect(await t.count('claim_transitions')).toBe(transitionsBefore);
    expect(await t.count('verdicts')).toBe(verdictsBefore);
  }

  describe('transitions by role', () => {
    it('lets the editor submit a draft, recording who and when, and take it back while untaken', async () => {
      const c = await claimAt('draft');
      const submitted = await move(c.id, editor, 'submitted', c.version).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', version: c.version + 1, assignee: null });
      expect(submitted.body.transitions).toEqual([
        { id: expect.any(Number), from: 'draft', to: 'submitted', reason: null, user: { id: editor.id, username: editor.username }, at: expect.any(String) },
      ]);
      const back = await move(c.id, editor, 'draft', submitted.body.version).expect(200);
      expect(back.body.status).toBe('draft');
      const rows: { from_status: string; to_status: string; user_id: number }[] = await t.dataSource.query(
        `SELECT from_status, to_status, user_id FROM claim_transitions WHERE claim_id = ${c.id} ORDER BY id`,
      );
      expect(rows).toEqual([
        { from_status: 'draft', to_status: 'submitted', user_id: editor.id },
        { from_status: 'submitted', to_status: 'draft', user_id: editor.id },
      ]);
    });

    it('refuses to submit a draft for a reviewer or another editor, and changes nothing', async () => {
      const c = await claimAt('draft');
      await refused(() => move(c.id, reviewer, 'submitted', c.version), c.id, 403);
      await refused(() => move(c.id, otherEditor, 'submitted', c.version), c.id, 403);
    });

    it('refuses every transition a draft does not have', async () => {
      const c = await claimAt('draft');
      for (const to of ['in_review', 'published', 'verdict_proposed']) {
        await refused(() => move(c.id, admin, to, c.version), c.id, 422);
      }
      await refused(() => propose(c.id, editor, c.version), c.id, 403); // not a reviewer
      await refused(() => propose(c.id, reviewer, c.version), c.id, 422); // not under review
      await refused(() => propose(c.id, admin, c.version), c.id, 422);
    });

    it('lets a reviewer take a submitted claim, assigning it to them; editors cannot', async () => {
      const c = await claimAt('submitted');
      await refused(() => move(c.id, editor, 'in_review', c.version), c.id, 403);
      await refused(() => move(c.id, reviewer, 'published', c.version), c.id, 422);
      const taken = await move(c.id, reviewer, 'in_review', c.version).expect(200);
      expect(taken.body).toMatchObject({ status: 'in_review', assignee: { id: reviewer.id, username: reviewer.username } });
      const stored: { assignee_id: number; status: string }[] = await t.dataSource.query(`SELECT assignee_id, status FROM claims WHERE id = ${c.id}`);
      expect(stored[0]).toEqual({ assignee_id: reviewer.id, status: 'in_review' });
    });

    it('keeps a taken claim from going back to draft by its editor (only the reviewer returns it, with a reason)', async () => {
      const c = await claimAt('in_review');
      await refused(() => move(c.id, editor, 'draft', c.version), c.id, 403);
      await refused(() => move(c.id, reviewer, 'draft', c.version), c.id, 422);
    });

    it('lets only the assignee hand a claim back to the queue', async () => {
      const c = await claimAt('in_review');
      await refused(() => move(c.id, second, 'submitted', c.version), c.id, 403);
      await refused(() => move(c.id, editor, 'submitted', c.version), c.id, 403);
      const back = await move(c.id, reviewer, 'submitted', c.version).expect(200);
      expect(back.body).toMatchObject({ status: 'submitted', assignee: null });
    });

    it('lets only the assignee propose a verdict, moving the claim to verdict_proposed', async () => {
      const c = await claimAt('in_review');
      await refused(() => propose(c.id, second, c.version), c.id, 403);
      await refused(() => propose(c.id, editor, c.version), c.id, 403);
      const response = await propose(c.id, reviewer, c.version, 'mostly_false').expect(201);
      expect(response.body).toMatchObject({ status: 'verdict_proposed', currentRating: 'mostly_false' });
      expect(response.body.currentVerdict).toEqual({
        id: expect.any(Number),
        rating: 'mostly_false',
        rationale: 'The Centre counted mines **and** IEDs.',
        reviewer: { id: reviewer.id, username: reviewer.username },
        createdAt: expect.any(String),
        publishedAt: null,
        publishedBy: null,
        reusesVerdictId: null,
        wordingVersion: 1,
        invalidatedAt: null,
      });
    });

    it('refuses a bad rating and an empty or overlong rationale as input errors', async () => {
      const c = await claimAt('in_review');
      await refused(() => propose(c.id, reviewer, c.version, 'pants_on_fire'), c.id, 400);
      await refused(() => propose(c.id, reviewer, c.version, 'false', '   '), c.id, 400);
      await refused(() => propose(c.id, reviewer, c.version, 'false', 'x'.repeat(10_001)), c.id, 400);
    });

    it('supersedes a verdict with a new one and keeps the whole history', async () => {
      const c = await claimAt('verdict_proposed');
      const again = await propose(c.id, reviewer, c.version, 'misleading', 'Second look: the figure is real but the framing misleads.').expect(201);
      expect(again.body.status).toBe('verdict_proposed');
      expect(again.body.verdicts.map((v: { rating: string }) => v.rating)).toEqual(['false', 'misleading']);
      expect(again.body.currentVerdict.rating).toBe('misleading');
      expect(await t.dataSource.query(`SELECT rating FROM verdicts WHERE claim_id = ${c.id} ORDER BY id`)).toEqual([{ rating: 'false' }, { rating: 'misleading' }]);
      // Proposing again does not repeat the in_review → verdict_proposed transition.
      expect(again.body.transitions.map((x: { to: string }) => x.to)).toEqual(['submitted', 'in_review', 'verdict_proposed']);
    });

    it('dismisses an open claim only with a reason, by its editor or a reviewer, and keeps it closed', async () => {
      const c = await claimAt('submitted');
      await refused(() => move(c.id, reviewer, 'dismissed', c.version), c.id, 422);
      await refused(() => move(c.id, otherEditor, 'dismissed', c.version, 'opinion'), c.id, 403);
      const dismissed = await move(c.id, reviewer, 'dismissed', c.version, 'Opinion, not checkable.').expect(200);
      expect(dismissed.body.transitions.at(-1)).toMatchObject({ from: 'submitted', to: 'dismissed', reason: 'Opinion, not checkable.' });
      await refused(() => move(c.id, editor, 'draft', dismissed.body.version), c.id, 422);
      await refused(() => move(c.id, admin, 'dismissed', dismissed.body.version, 'again'), c.id, 422);
      await refused(() => t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: dismissed.body.version, text: 'x' }), c.id, 422);
    });

    it('lists the transitions the signed-in user may make, from the same rules', async () => {
      const c = await claimAt('verdict_proposed');
      expect((await get(c.id, editor)).allowedTransitions).toEqual([]);
      expect((await get(c.id, reviewer)).allowedTransitions).toEqual(['draft', 'dismissed']);
      expect((await get(c.id, second)).allowedTransitions).toEqual(['published']);
      const d = await claimAt('draft');
      expect((await get(d.id, editor)).allowedTransitions).toEqual(['submitted', 'dismissed']);
      expect((await get(d.id, reviewer)).allowedTransitions).toEqual([]);
    });
  });

  describe('four eyes', () => {
    it('never lets the user who logged a claim take, set or publish its verdict, even an admin', async () => {
      const c = await claimAt('submitted', admin);
      await refused(() => move(c.id, admin, 'in_review', c.version), c.id, 403);
      const taken = (await move(c.id, reviewer, 'in_review', c.version).expect(200)).body;
      await refused(() => propose(c.id, admin, taken.version), c.id, 403);
      await addEvidence(c.id);
      const proposed = (await propose(c.id, reviewer, taken.version).expect(201)).body;
      const response = await move(c.id, admin, 'published', proposed.version);
      expect(response.status).toBe(403);
      expect(response.body.errors).toEqual([{ field: 'to', reason: 'four eyes: you logged this claim' }]);
      expect((await get(c.id)).status).toBe('verdict_proposed');
    });

    it('refuses to let the proposer publish their own verdict; a second reviewer publishes it', async () => {
      const c = await claimAt('verdict_proposed');
      await refused(() => move(c.id, reviewer, 'published', c.version), c.id, 403);
      await refused(() => move(c.id, editor, 'published', c.version), c.id, 403);
      const published = await move(c.id, second, 'published', c.version).expect(200);
      expect(published.body.status).toBe('published');
      expect(published.body.currentVerdict).toMatchObject({
        reviewer: { id: reviewer.id, username: reviewer.username },
        publishedBy: { id: second.id, username: second.username },
        publishedAt: expect.any(String),
      });
      const stored: { published_by_id: number; published_at: string }[] = await t.dataSource.query(
        `SELECT published_by_id, published_at FROM verdicts WHERE claim_id = ${c.id}`,
      );
      expect(stored).toEqual([{ published_by_id: second.id, published_at: published.body.currentVerdict.publishedAt }]);
    });

    it('refuses to assign a claim to the user who logged it', async () => {
      const c = await claimAt('submitted', admin);
      await refused(() => t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: admin.id, version: c.version }), c.id, 422);
    });
  });

  describe('publishing', () => {
    it('refuses to publish without an evidence link', async () => {
      let c = await claimAt('in_review');
      c = (await propose(c.id, reviewer, c.version).expect(201)).body;
      const response = await move(c.id, second, 'published', c.version).expect(422);
      expect(response.body.errors).toEqual([{ field: 'evidence', reason: 'no evidence link' }]);
      expect((await get(c.id)).status).toBe('verdict_proposed');
      await addEvidence(c.id, second);
      await move(c.id, second, 'published', c.version).expect(200);
    });

    it('freezes a published claim: wording, chain and evidence change only after reopening', async () => {
      const c = await claimAt('published');
      const link = (c.evidence as { id: number }[])[0];
      await refused(() => t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: c.version, text: 'Changed' }), c.id, 422);
      await refused(
        () => t.http.put(`/api/claims/${c.id}/attributions`).set('Authorization', editor.auth).send({ version: c.version, unattributed: true, attributions: [] }),
        c.id,
        422,
      );
      const removal = await t.http.delete(`/api/claims/${c.id}/evidence/${link.id}`).set('Authorization', reviewer.auth).expect(422);
      expect(removal.body.message).toMatch(/published: reopen it/);
      await t.http
        .post(`/api/claims/${c.id}/evidence`)
        .set('Authorization', reviewer.auth)
        .send({ url: 'https://example.org/late', title: 'Late', stance: 'context' })
        .expect(422);
      expect(await t.dataSource.query(`SELECT id FROM evidence_links WHERE claim_id = ${c.id}`)).toEqual([{ id: link.id }]);

      const reopened = (await move(c.id, second, 'in_review', c.version, 'Evidence link went dead; replacing it.').expect(200)).body;
      await t.http.delete(`/api/claims/${c.id}/evidence/${link.id}`).set('Authorization', second.auth).expect(204);
      // Reopened, it is under review again: its words are frozen until the reviewer returns it to the editor.
      await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: reopened.version, text: 'Reworded' }).expect(422);
      const returned = (await move(c.id, second, 'draft', reopened.version, 'Reword the claim').expect(200)).body;
      await t.http.patch(`/api/claims/${c.id}`).set('Authorization', editor.auth).send({ version: returned.version, text: 'Reworded' }).expect(200);
    });

    it('reopens a published claim only with a reason, counts the correction and keeps the history', async () => {
      const c = await claimAt('published');
      await refused(() => move(c.id, second, 'in_review', c.version), c.id, 422);
      await refused(() => move(c.id, editor, 'in_review', c.version, 'I disagree'), c.id, 403);
      const reopened = await move(c.id, second, 'in_review', c.version, 'New casualty figures from the UN.').expect(200);
      expect(reopened.body).toMatchObject({ status: 'in_review', corrections: 1, assignee: { id: second.id } });
      expect(reopened.body.transitions.at(-1)).toMatchObject({ from: 'published', to: 'in_review', reason: 'New casualty figures from the UN.' });
      // The published verdict stays on record, with who published it.
      expect(reopened.body.verdicts).toHaveLength(1);
      expect(reopened.body.verdicts[0].publishedBy).toEqual({ id: second.id, username: second.username });
      const again = (await propose(c.id, second, reopened.body.version, 'mostly_false', 'Corrected.').expect(201)).body;
      const republished = (await move(c.id, reviewer, 'published', again.version).expect(200)).body;
      expect(republished).toMatchObject({ status: 'published', corrections: 1, currentRating: 'mostly_false' });
      expect(republished.verdicts.map((v: { rating: string; publishedAt: string | null }) => [v.rating, v.publishedAt !== null])).toEqual([
        ['false', true],
        ['mostly_false', true],
      ]);
    });
  });

  describe('races', () => {
    it('lets exactly one of two reviewers take the same claim; the loser gets 409 and the claim is the winner’s', async () => {
      const c = await claimAt('submitted');
      const results = await Promise.all([move(c.id, reviewer, 'in_review', c.version), move(c.id, second, 'in_review', c.version)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body.assignee.id;
      const stored = await get(c.id);
      expect(stored).toMatchObject({ status: 'in_review', version: c.version + 1, assignee: { id: winner } });
      expect((stored.transitions as unknown[]).length).toBe(2);
    });

    it('lets exactly one of two reviewers publish, or reopen, and answers 412 to a stale If-Match', async () => {
      const c = await claimAt('verdict_proposed');
      const third = await t.signIn('reviewer');
      const results = await Promise.all([
        t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', second.auth).set('If-Match', `"${c.version}"`).send({ to: 'published' }),
        t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', third.auth).set('If-Match', `"${c.version}"`).send({ to: 'published' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200)!.body;
      const stored: { published_by_id: number }[] = await t.dataSource.query(`SELECT published_by_id FROM verdicts WHERE claim_id = ${c.id}`);
      expect(stored).toEqual([{ published_by_id: winner.currentVerdict.publishedBy.id }]);
      expect(await get(c.id)).toMatchObject({ status: 'published', version: c.version + 1 });
    });

    it('lets exactly one of two verdicts in at the same version', async () => {
      const c = await claimAt('in_review');
      const results = await Promise.all([propose(c.id, reviewer, c.version, 'true'), propose(c.id, admin, c.version, 'false')]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows: { n: string | number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM verdicts WHERE claim_id = ${c.id}`);
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('assignment and the queue', () => {
    it('lets an admin reassign, and unassign back to the queue; nobody else', async () => {
      const c = await claimAt('in_review');
      await refused(() => t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', reviewer.auth).send({ assigneeId: second.id, version: c.version }), c.id, 403);
      await refused(() => t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: editor.id, version: c.version }), c.id, 422);
      const moved = await t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: second.id, version: c.version }).expect(200);
      expect(moved.body).toMatchObject({ status: 'in_review', assignee: { id: second.id } });
      await refused(() => propose(c.id, reviewer, moved.body.version), c.id, 403);
      const back = await t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: null, version: moved.body.version }).expect(200);
      expect(back.body).toMatchObject({ status: 'submitted', assignee: null });
      expect(back.body.transitions.at(-1)).toMatchObject({ from: 'in_review', to: 'submitted', user: { id: admin.id } });
    });

    it('gives a reviewer the untaken submitted claims and their own, oldest first, filtered by article and source', async () => {
      const other = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Queue' })).expect(201)).body.id;
      const source = (await t.http.post('/api/sources').set('Authorization', editor.auth).send({ name: 'Queue source', kind: 'outlet' }).expect(201)).body.id;
      const log = async (attributed: boolean) =>
        (
          await t.http
            .post(`/api/articles/${other}/claims`)
            .set('Authorization', editor.auth)
            .send(claimInput(attributed ? { unattributed: false, attributions: [{ sourceId: source, verb: 'selon', mode: 'paraphrase' }] } : {}))
            .expect(201)
        ).body;
      const a = await log(true);
      const b = await log(false);
      const mine = await log(false);
      const theirs = await log(true);
      const draft = await log(true);
      for (const c of [a, b, mine, theirs]) await move(c.id, editor, 'submitted', c.version).expect(200);
      await move(mine.id, reviewer, 'in_review', mine.version + 1).expect(200);
      await move(theirs.id, second, 'in_review', theirs.version + 1).expect(200);
      const queue = await t.http.get('/api/review-queue').query({ articleId: other }).set('Authorization', reviewer.auth).expect(200);
      expect(queue.body.items.map((c: { id: number }) => c.id)).toEqual([a.id, b.id, mine.id]);
      expect(queue.body.total).toBe(3);
      const bySource = await t.http.get('/api/review-queue').query({ articleId: other, sourceId: source }).set('Authorization', reviewer.auth).expect(200);
      expect(bySource.body.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
      expect(queue.body.items.map((c: { id: number }) => c.id)).not.toContain(draft.id);
      await t.http.get('/api/review-queue').set('Authorization', editor.auth).expect(403);
    });
  });

  describe('discussion and history', () => {
    it('appends comments from any role and lists them with the claim, oldest first', async () => {
      const c = await claimAt('in_review');
      const first = await t.http.post(`/api/claims/${c.id}/comments`).set('Authorization', reviewer.auth).send({ body: 'Which **day** is «samedi»?' }).expect(201);
      expect(first.body).toEqual({ id: expect.any(Number), author: { id: reviewer.id, username: reviewer.username }, body: 'Which **day** is «samedi»?', createdAt: expect.any(String) });
      await t.http.post(`/api/claims/${c.id}/comments`).set('Authorization', editor.auth).send({ body: 'Saturday 2 April 2016.' }).expect(201);
      await t.http.post(`/api/claims/${c.id}/comments`).set('Authorization', editor.auth).send({ body: '' }).expect(400);
      const detail = await get(c.id);
      expect((detail.comments as { body: string }[]).map((x) => x.body)).toEqual(['Which **day** is «samedi»?', 'Saturday 2 April 2016.']);
      expect(detail.version).toBe(c.version); // discussion does not move the claim's version
    });

    it('returns the claim history in order with before and after; admins query the whole log', async () => {
      const c = await claimAt('published');
      const history = await t.http.get(`/api/claims/${c.id}/history`).set('Authorization', editor.auth).expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
        'claim.create',
        'claim.transition',
        'claim.transition',
        'evidence.add',
        'verdict.propose',
        'claim.transition',
        'claim.transition',
      ]);
      const publish = history.body.items.at(-1);
      expect(publish).toMatchObject({
        user: { id: second.id, username: second.username },
        entityType: 'claim',
        entityId: c.id,
        before: { status: 'verdict_proposed' },
        after: { status: 'published', publishedVerdictId: expect.any(Number) },
      });
      await t.http.get('/api/claims/999999/history').set('Authorization', editor.auth).expect(404);

      await t.http.get('/api/audit').set('Authorization', reviewer.auth).expect(403);
      const bySecond = await t.http.get('/api/audit').query({ userId: second.id, entityType: 'claim', entityId: c.id }).set('Authorization', admin.auth).expect(200);
      expect(bySecond.body).toMatchObject({ total: 1, items: [{ action: 'claim.transition', after: { status: 'published' } }] });
      const future = await t.http.get('/api/audit').query({ from: '2999-01-01T00:00:00Z' }).set('Authorization', admin.auth).expect(200);
      expect(future.body).toMatchObject({ total: 0, items: [] });
      const paged = await t.http.get('/api/audit').query({ claimId: c.id, pageSize: 2, page: 2 }).set('Authorization', admin.auth).expect(200);
      expect(paged.body.items.map((e: { action: string }) => e.action)).toEqual(['claim.transition', 'evidence.add']);
      expect(paged.body.total).toBe(7);
    });
  });
});

describe('Review workflow with REVIEW_SECOND_CHECK=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.REVIEW_SECOND_CHECK = 'false';
    try {
      t = await TestApp.start();
    } finally {
      delete process.env.REVIEW_SECOND_CHECK;
    }
  });
  afterAll(() => t.close());

  it('lets the proposer publish their own verdict, but still never the claim’s author', async () => {
    const admin = await t.signIn('admin');
    const reviewer = await t.signIn('reviewer');
    const articleId = (await t.http.post('/api/articles').set('Authorization', admin.auth).send(articleInput()).expect(201)).body.id;
    const move = (id: number, who: { auth: string }, body: object) => t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send(body);
    const walk = async (taker: { auth: string }) => {
      let c = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', admin.auth).send(claimInput()).expect(201)).body;
      c = (await move(c.id, admin, { to: 'submitted', version: c.version }).expect(200)).body;
      c = (await move(c.id, taker, { to: 'in_review', version: c.version }).expect(200)).body;
      await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/a', title: 'A', stance: 'supports' }).expect(201);
      return (await t.http.post(`/api/claims/${c.id}/verdicts`).set('Authorization', reviewer.auth).send({ rating: 'true', rationale: 'Confirmed.', version: c.version }).expect(201)).body;
    };
    const c = await walk(reviewer);
    expect(c.allowedTransitions).toEqual(['draft', 'published', 'dismissed']);
    const published = await move(c.id, reviewer, { to: 'published', version: c.version }).expect(200);
    expect(published.body.currentVerdict).toMatchObject({ reviewer: { id: reviewer.id }, publishedBy: { id: reviewer.id } });
    const own = await walk(reviewer);
    const refusal = await move(own.id, admin, { to: 'published', version: own.version }).expect(403);
    expect(refusal.body.errors).toEqual([{ field: 'to', reason: 'four eyes: you logged this claim' }]);
  });
});
