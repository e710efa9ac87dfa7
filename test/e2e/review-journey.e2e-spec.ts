import { SeedService } from '../../src/seed/seed.service';
import { TestApp } from '../support/test-app';

describe('A sample-article claim from submission to correction, through the API only', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('shows every step exactly in the claim, its history and its source’s ledger', async () => {
    const { articleId } = await t.app.get(SeedService).seedSample();
    const editor = await t.signIn('editor', 'edith');
    const maria = await t.signIn('reviewer', 'maria');
    const nadia = await t.signIn('reviewer', 'nadia');
    const as = (who: { auth: string }) => ({ Authorization: who.auth });

    // The Reconciliation Centre's "1230 mines" claim.
    const list = await t.http.get(`/api/articles/${articleId}/claims`).query({ q: '1230 mines dans la ville', pageSize: 10 }).set(as(editor)).expect(200);
    expect(list.body.total).toBe(1);
    let claim = list.body.items[0];
    const centre = claim.attributions[0].source;
    expect(centre.name).toBe('Centre pour la réconciliation des parties en conflit en Syrie');
    const ledgerBefore = (await t.http.get(`/api/sources/${centre.id}/ledger`).set(as(editor)).expect(200)).body;

    // Editor submits.
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(editor)).send({ to: 'submitted', version: claim.version }).expect(200)).body;
    // Maria finds it in her queue and takes it.
    const queue = await t.http.get('/api/review-queue').query({ sourceId: centre.id }).set(as(maria)).expect(200);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toEqual([claim.id]);
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(maria)).send({ to: 'in_review', version: claim.version }).expect(200)).body;
    expect(claim.assignee).toEqual({ id: maria.id, username: 'maria' });
    // Discussion, evidence, verdict.
    await t.http.post(`/api/claims/${claim.id}/comments`).set(as(editor)).send({ body: 'The Centre later says "mines et bombes artisanales".' }).expect(201);
    const evidence = await t.http
      .post(`/api/claims/${claim.id}/evidence`)
      .set(as(maria))
      .send({ url: 'https://example.org/centre-bulletin', title: 'Centre bulletin, 2 April 2016', stance: 'contradicts' })
      .expect(201);
    claim = (
      await t.http
        .post(`/api/claims/${claim.id}/verdicts`)
        .set(as(maria))
        .send({ rating: 'misleading', rationale: 'The 1,230 figure counts **mines and IEDs** together.', version: claim.version })
        .expect(201)
    ).body;
    // Maria cannot publish her own verdict; Nadia does.
    await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(maria)).send({ to: 'published', version: claim.version }).expect(403);
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(nadia)).send({ to: 'published', version: claim.version }).expect(200)).body;
    expect(claim.currentVerdict).toMatchObject({ rating: 'misleading', reviewer: { username: 'maria' }, publishedBy: { username: 'nadia' } });

    const ledgerPublished = (await t.http.get(`/api/sources/${centre.id}/ledger`).set(as(editor)).expect(200)).body;
    expect(ledgerPublished.totals.speaker).toMatchObject({
      claims: ledgerBefore.totals.speaker.claims,
      published: ledgerBefore.totals.speaker.published + 1,
      falseOrMisleading: 1,
      byRating: expect.objectContaining({ misleading: 1 }),
    });
    expect(ledgerPublished.claims.find((e: { claimId: number }) => e.claimId === claim.id)).toMatchObject({
      role: 'speaker',
      status: 'published',
      latestVerdict: { rating: 'misleading', publishedAt: claim.currentVerdict.publishedAt },
    });

    // A correction reopens it, with a reason; it stays on record.
    claim = (
      await t.http
        .post(`/api/claims/${claim.id}/transitions`)
        .set(as(maria))
        .send({ to: 'in_review', version: claim.version, reason: 'The Centre separated mines from IEDs in a later bulletin.' })
        .expect(200)
    ).body;
    expect(claim).toMatchObject({ status: 'in_review', corrections: 1, currentRating: 'misleading' });
    expect(claim.transitions.map((x: { from: string; to: string; user: { username: string } }) => `${x.from}>${x.to} ${x.user.username}`)).toEqual([
      'draft>submitted edith',
      'submitted>in_review maria',
      'in_review>verdict_proposed maria',
      'verdict_proposed>published nadia',
      'published>in_review maria',
    ]);
    expect(claim.comments).toHaveLength(1);
    expect(claim.evidence.map((e: { id: number; addedBy: { username: string } }) => [e.id, e.addedBy.username])).toEqual([[evidence.body.id, 'maria']]);

    const history = (await t.http.get(`/api/claims/${claim.id}/history`).set(as(editor)).expect(200)).body;
    expect(history.items.map((e: { action: string; user: { username: string } | null }) => `${e.action} ${e.user?.username ?? 'system'}`)).toEqual([
      'claim.create system',
      'claim.transition edith',
      'claim.transition maria',
      'comment.add edith',
      'evidence.add maria',
      'verdict.propose maria',
      'claim.transition maria',
      'claim.transition nadia',
      'claim.transition maria',
    ]);
    expect(history.items.at(-1)).toMatchObject({
      before: { status: 'published' },
      after: { status: 'in_review', reason: 'The Centre separated mines from IEDs in a later bulletin.', assigneeId: maria.id },
    });

    const ledgerAfter = (await t.http.get(`/api/sources/${centre.id}/ledger`).set(as(editor)).expect(200)).body;
    expect(ledgerAfter.totals.speaker).toEqual(ledgerBefore.totals.speaker);
    expect(ledgerAfter.claims.find((e: { claimId: number }) => e.claimId === claim.id)).toMatchObject({ status: 'in_review', latestVerdict: { rating: 'misleading' } });
  });
});
