import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

type Claim = { id: number; version: number; status: string };
type Row = { user_id: number; kind: string; claim_id: number; summary: string; delivery: string };

describe('Notifications', () => {
  let t: TestApp;
  let editor: SignedIn;
  let otherEditor: SignedIn;
  let reviewer: SignedIn;
  let second: SignedIn;
  let admin: SignedIn;
  let gone: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor', 'eddie');
    otherEditor = await t.signIn('editor', 'olga');
    reviewer = await t.signIn('reviewer', 'rita');
    second = await t.signIn('reviewer', 'sam');
    admin = await t.signIn('admin', 'ada');
    gone = await t.signIn('reviewer', 'gus');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    // gus watches the whole article, then leaves the desk: he never hears of anything again.
    await t.http.put(`/api/articles/${articleId}/watch`).set('Authorization', gone.auth).expect(200, { watching: true });
    await t.http.patch(`/api/users/${gone.id}`).set('Authorization', admin.auth).send({ active: false, version: 1 }).expect(200);
  });
  afterAll(() => t.close());

  const move = (id: number, who: SignedIn, to: string, version: number, reason?: string) =>
    t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send({ to, version, ...(reason ? { reason } : {}) });
  const propose = (id: number, who: SignedIn, version: number, rationale = 'The Centre counted mines **and** IEDs.') =>
    t.http.post(`/api/claims/${id}/verdicts`).set('Authorization', who.auth).send({ rating: 'false', rationale, version });
  const comment = (id: number, who: SignedIn, body: string) => t.http.post(`/api/claims/${id}/comments`).set('Authorization', who.auth).send({ body });
  const notified = (claimId: number): Promise<Row[]> =>
    t.dataSource.query(`SELECT user_id, kind, claim_id, summary, delivery FROM notifications WHERE claim_id = ${claimId} ORDER BY id`);
  const who = (rows: Row[], kind: string) => rows.filter((r) => r.kind === kind).map((r) => Number(r.user_id)).sort((a, b) => a - b);
  const byId = (...users: SignedIn[]) => users.map((u) => u.id).sort((a, b) => a - b);

  async function claimAt(status: 'draft' | 'submitted' | 'in_review' | 'verdict_proposed' | 'published'): Promise<Claim> {
    let c: Claim = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    if (status === 'draft') return c;
    c = (await move(c.id, editor, 'submitted', c.version).expect(200)).body;
    if (status === 'submitted') return c;
    c = (await move(c.id, reviewer, 'in_review', c.version).expect(200)).body;
    if (status === 'in_review') return c;
    await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/r', title: 'Report', stance: 'contradicts' }).expect(201);
    c = (await propose(c.id, reviewer, c.version).expect(201)).body;
    if (status === 'verdict_proposed') return c;
    return (await move(c.id, second, 'published', c.version).expect(200)).body;
  }

  it('tells a reviewer that an admin assigned them a claim, and nobody else', async () => {
    const c = await claimAt('submitted');
    await t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: second.id, version: c.version }).expect(200);
    const rows = await notified(c.id);
    expect(rows).toEqual([{ user_id: second.id, kind: 'assigned', claim_id: c.id, summary: `ada assigned you claim #${c.id} “Syrian sappers neutralised 1,230 mines.”`, delivery: 'in_app' }]);
    const inbox = await t.http.get('/api/notifications').set('Authorization', second.auth).expect(200);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'assigned', claimId: c.id, actor: { id: admin.id, username: 'ada' }, readAt: null });
    // The assignee now watches it.
    await t.http.get(`/api/claims/${c.id}/watch`).set('Authorization', second.auth).expect(200, { watching: true });
  });

  it('tells the reviewers who could publish a proposed verdict, but not its proposer, the editor who logged it, or a deactivated reviewer', async () => {
    const c = await claimAt('verdict_proposed');
    expect(who(await notified(c.id), 'verdict_proposed')).toEqual(byId(second, admin));
  });

  it('tells the editor who logged a claim that it was returned, published, corrected and dismissed, and no one else', async () => {
    const returned = await claimAt('in_review');
    await move(returned.id, reviewer, 'draft', returned.version, 'Name the source.').expect(200);
    let rows = await notified(returned.id);
    expect(rows.map((r) => [r.user_id, r.kind])).toEqual([[editor.id, 'returned']]);
    expect(rows[0].summary).toBe(`rita returned your claim #${returned.id} “Syrian sappers neutralised 1,230 mines.” to draft`);

    const published = await claimAt('published');
    rows = await notified(published.id);
    expect(rows.filter((r) => r.kind !== 'verdict_proposed').map((r) => [r.user_id, r.kind])).toEqual([[editor.id, 'published']]);
    const reopened = await move(published.id, reviewer, 'in_review', published.version, 'A typo in the rationale.').expect(200);
    expect((await notified(published.id)).filter((r) => r.kind === 'corrected').map((r) => r.user_id)).toEqual([editor.id]);
    await move(published.id, reviewer, 'dismissed', reopened.body.version, 'A duplicate.').expect(200);
    expect((await notified(published.id)).filter((r) => r.kind === 'dismissed').map((r) => r.user_id)).toEqual([editor.id]);
  });

  it('tells the claim’s editor, its reviewer and its watchers of a comment, never the commenter nor a deactivated watcher', async () => {
    const c = await claimAt('in_review');
    await t.http.put(`/api/claims/${c.id}/watch`).set('Authorization', otherEditor.auth).expect(200, { watching: true });
    await comment(c.id, admin, 'Any news on this one?').expect(201);
    expect(who(await notified(c.id), 'comment')).toEqual(byId(editor, reviewer, otherEditor));
    // The commenter is not told of their own comment.
    await comment(c.id, reviewer, 'Still looking.').expect(201);
    expect(who(await notified(c.id), 'comment')).toEqual(byId(editor, reviewer, otherEditor, editor, otherEditor));
  });

  it('stops telling someone who unwatched the claim, and tells whoever watches the whole article', async () => {
    const c = await claimAt('draft');
    await t.http.delete(`/api/claims/${c.id}/watch`).set('Authorization', editor.auth).expect(200, { watching: false });
    await t.http.put(`/api/articles/${articleId}/watch`).set('Authorization', second.auth).expect(200, { watching: true });
    await comment(c.id, admin, 'Is this checkable?').expect(201);
    expect(who(await notified(c.id), 'comment')).toEqual(byId(second));
    const audit: { action: string; user_id: number }[] = await t.dataSource.query(`SELECT action, user_id FROM audit_events WHERE action LIKE 'watch.%' AND claim_id = ${c.id}`);
    expect(audit).toEqual([{ action: 'watch.stop', user_id: editor.id }]);
    await t.http.delete(`/api/articles/${articleId}/watch`).set('Authorization', second.auth).expect(200, { watching: false });
  });

  it('refuses to watch a claim or an article that does not exist', async () => {
    await t.http.put('/api/claims/999999/watch').set('Authorization', editor.auth).expect(404);
    await t.http.put('/api/articles/999999/watch').set('Authorization', editor.auth).expect(404);
    expect(await t.count('watches WHERE claim_id = 999999 OR article_id = 999999')).toBe(0);
  });

  describe('@mentions', () => {
    it('tells a user mentioned in a comment (as a mention, not also as a comment)', async () => {
      const c = await claimAt('in_review');
      await comment(c.id, admin, 'Hey @eddie and @olga, see the Centre’s site. Mail me at ada@example.org.').expect(201);
      const rows = await notified(c.id);
      expect(who(rows, 'mention')).toEqual(byId(editor, otherEditor));
      expect(who(rows, 'comment')).toEqual(byId(reviewer));
      expect(rows.find((r) => r.kind === 'mention')!.summary).toBe(`ada mentioned you in a comment on claim #${c.id} “Syrian sappers neutralised 1,230 mines.”`);
    });

    it('tells a user mentioned in a verdict’s rationale', async () => {
      const c = await claimAt('in_review');
      await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/r', title: 'Report', stance: 'contradicts' }).expect(201);
      await propose(c.id, reviewer, c.version, 'As @olga found, the count includes IEDs.').expect(201);
      expect(who(await notified(c.id), 'mention')).toEqual(byId(otherEditor));
    });

    it('refuses a comment mentioning an unknown user, or one who cannot see the claim, naming them, and stores nothing', async () => {
      const c = await claimAt('draft');
      const comments = await t.count('comments');
      const unknown = await comment(c.id, admin, 'Ask @nobody please').expect(422);
      expect(unknown.body.message).toContain('@nobody is not a user of this desk');
      expect(unknown.body.errors).toEqual([{ field: 'body', reason: '@nobody is not a user of this desk' }]);
      const blind = await comment(c.id, admin, 'Ask @gus please').expect(422);
      expect(blind.body.errors).toEqual([{ field: 'body', reason: '@gus cannot see this claim (the account is deactivated)' }]);
      expect(await t.count('comments')).toBe(comments);
      expect(await notified(c.id)).toEqual([]);
    });

    it('suggests active users by the beginning of their username', async () => {
      const people = await t.http.get('/api/people?q=o').set('Authorization', editor.auth).expect(200);
      expect(people.body).toEqual([{ username: 'olga', displayName: 'olga' }]);
      expect((await t.http.get('/api/people?q=g').set('Authorization', editor.auth).expect(200)).body).toEqual([]);
      expect((await t.http.get('/api/people?q=%25').set('Authorization', editor.auth).expect(200)).body).toEqual([]);
    });
  });

  describe('the inbox', () => {
    it('lists my notifications newest first, counts the unread, and marks one or all read', async () => {
      const me = await t.signIn('editor', 'nina');
      const c1 = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', me.auth).send(claimInput()).expect(201)).body;
      const c2 = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', me.auth).send(claimInput()).expect(201)).body;
      await comment(c1.id, admin, 'first').expect(201);
      await comment(c2.id, admin, 'second').expect(201);
      await comment(c1.id, admin, 'third').expect(201);
      const list = await t.http.get('/api/notifications').set('Authorization', me.auth).expect(200);
      expect(list.body.total).toBe(3);
      expect(list.body.items.map((n: { excerpt: string }) => n.excerpt)).toEqual(['third', 'second', 'first']);
      await t.http.get('/api/notifications/unread-count').set('Authorization', me.auth).expect(200, { unread: 3 });

      const first = list.body.items[2];
      const read = await t.http.post(`/api/notifications/${first.id}/read`).set('Authorization', me.auth).expect(200);
      expect(read.body.readAt).toBeTruthy();
      await t.http.get('/api/notifications/unread-count').set('Authorization', me.auth).expect(200, { unread: 2 });
      const unread = await t.http.get('/api/notifications?unread=true').set('Authorization', me.auth).expect(200);
      expect(unread.body.items.map((n: { excerpt: string }) => n.excerpt)).toEqual(['third', 'second']);

      // Someone else's notification does not exist for me.
      await t.http.post(`/api/notifications/${first.id}/read`).set('Authorization', otherEditor.auth).expect(404);

      await t.http.post('/api/notifications/read-all').set('Authorization', me.auth).expect(200, { updated: 2 });
      await t.http.get('/api/notifications/unread-count').set('Authorization', me.auth).expect(200, { unread: 0 });
      const stored: { n: number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ${me.id} AND read_at IS NULL`);
      expect(Number(stored[0].n)).toBe(0);
    });

    it('needs a signed-in user', async () => {
      await t.http.get('/api/notifications').expect(401);
    });
  });

  describe('preferences', () => {
    it('are in-app only until chosen, and keep the address and the choices made', async () => {
      const me = await t.signIn('reviewer', 'paul');
      const before = await t.http.get('/api/notifications/preferences').set('Authorization', me.auth).expect(200);
      expect(before.body.email).toBeNull();
      expect(before.body.kinds.every((k: { delivery: string }) => k.delivery === 'in_app')).toBe(true);
      const after = await t.http
        .put('/api/notifications/preferences')
        .set('Authorization', me.auth)
        .send({ email: 'paul@example.org', kinds: [{ kind: 'assigned', delivery: 'email' }, { kind: 'comment', delivery: 'digest' }] })
        .expect(200);
      expect(after.body.email).toBe('paul@example.org');
      expect(after.body.kinds.find((k: { kind: string }) => k.kind === 'assigned').delivery).toBe('email');
      const stored: { email: string; preferences: string }[] = await t.dataSource.query(`SELECT email, preferences FROM notification_settings WHERE user_id = ${me.id}`);
      expect(stored[0].email).toBe('paul@example.org');
      expect(JSON.parse(stored[0].preferences)).toEqual({ assigned: 'email', comment: 'digest' });
    });

    it('refuse e-mail delivery without an address, and a bad address or kind, naming the field', async () => {
      const me = await t.signIn('reviewer', 'quentin');
      const noAddress = await t.http.put('/api/notifications/preferences').set('Authorization', me.auth).send({ kinds: [{ kind: 'mention', delivery: 'email' }] }).expect(422);
      expect(noAddress.body.errors).toEqual([{ field: 'email', reason: 'required for e-mail or digest delivery' }]);
      const bad = await t.http.put('/api/notifications/preferences').set('Authorization', me.auth).send({ email: 'not-an-address' }).expect(400);
      expect(JSON.stringify(bad.body.errors)).toContain('email');
      await t.http.put('/api/notifications/preferences').set('Authorization', me.auth).send({ kinds: [{ kind: 'gossip', delivery: 'email' }] }).expect(400);
      expect(await t.count(`notification_settings WHERE user_id = ${me.id}`)).toBe(0);
    });
  });
});
