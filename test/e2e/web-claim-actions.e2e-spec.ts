import { articleInput, claimInput } from '../factories';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The claim panel's remove-evidence, delete-draft and reassign forms, over the web routes. */
describe('Web claim actions', () => {
  let t: TestApp;
  let admin: WebSession;
  let editor: WebSession;
  let reviewer: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
    editor = await webSession(t, 'editor');
    reviewer = await webSession(t, 'reviewer');
  });
  afterAll(() => t.close());

  type Claim = { id: number; version: number; articleId: number };

  async function draft(who: SignedIn = editor.user): Promise<Claim> {
    const article = (await t.http.post('/api/articles').set('Authorization', who.auth).send(articleInput()).expect(201)).body.id;
    return (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', who.auth).send(claimInput()).expect(201)).body;
  }

  async function move(claim: Claim, who: SignedIn, to: string): Promise<Claim> {
    return (await t.http.post(`/api/claims/${claim.id}/transitions`).set('Authorization', who.auth).send({ to, version: claim.version }).expect(200)).body;
  }

  async function addEvidence(claim: Claim, who: SignedIn, title = 'Le rapport'): Promise<number> {
    return (await t.http.post(`/api/claims/${claim.id}/evidence`).set('Authorization', who.auth).send({ url: 'https://example.org/r', title, stance: 'supports' }).expect(201)).body.id;
  }

  const post = (session: WebSession, path: string, fields: Record<string, string> = {}) =>
    t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });
  const panel = async (session: WebSession, id: number) => (await t.http.get(`/claims/${id}`).set('Cookie', session.cookie).expect(200)).text;
  const stored = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.user.auth)).body;

  it('removes an evidence link from the panel with a notice, and the link is gone from the store', async () => {
    const claim = await draft();
    const keep = await addEvidence(claim, editor.user, 'À garder');
    const link = await addEvidence(claim, editor.user, 'Le <b>rapport</b>');
    const before = await panel(reviewer, claim.id);
    expect(before).toContain(`action="/claims/${claim.id}/evidence/${link}/remove"`);
    expect(before).toContain('aria-label="Remove evidence: Le &lt;b&gt;rapport&lt;/b&gt;"');

    const done = await post(reviewer, `/claims/${claim.id}/evidence/${link}/remove`, { confirm: 'yes' }).expect(303);
    expect(done.headers.location).toBe(`/claims/${claim.id}?unlinked=1&link=${link}`);
    expect((await t.http.get(done.headers.location).set('Cookie', reviewer.cookie).expect(200)).text).toContain('Evidence link removed.');
    expect((await stored(claim.id)).evidence.map((e: { id: number }) => e.id)).toEqual([keep]);
  });

  it('refuses to remove evidence of a published claim with a message, and the link stays', async () => {
    const other = await t.signIn('reviewer');
    let claim = await draft();
    claim = await move(claim, editor.user, 'submitted');
    claim = await move(claim, reviewer.user, 'in_review');
    const link = await addEvidence(claim, reviewer.user);
    claim = (
      await t.http.post(`/api/claims/${claim.id}/verdicts`).set('Authorization', reviewer.user.auth).send({ rating: 'true', rationale: 'Vérifié.', version: claim.version }).expect(201)
    ).body;
    await move(claim, other, 'published');

    const refused = await post(editor, `/claims/${claim.id}/evidence/${link}/remove`, { confirm: 'yes' }).expect(422);
    expect(refused.text).toContain(`Claim ${claim.id} is published: reopen it`);
    expect((await stored(claim.id)).evidence.map((e: { id: number }) => e.id)).toEqual([link]);
  });

  it('deletes a draft under its version and lands on the article page with a notice; the claim is gone', async () => {
    const claim = await draft();
    const page = await panel(editor, claim.id);
    expect(page).toContain('Delete this draft');

    const done = await post(editor, `/claims/${claim.id}/delete`, { version: String(claim.version), confirm: 'yes' }).expect(303);
    expect(done.headers.location).toBe(`/articles/${claim.articleId}?deleted=1`);
    const article = await t.http.get(done.headers.location).set('Cookie', editor.cookie).expect(200);
    expect(article.text).toContain('Draft claim deleted.');
    await t.http.get(`/api/claims/${claim.id}`).set('Authorization', admin.user.auth).expect(404);
  });

  it('refuses to delete a stale version (409) or a draft with a review history (422), with a message on the claim page', async () => {
    const stale = await draft();
    await t.http.patch(`/api/claims/${stale.id}`).set('Authorization', editor.user.auth).send({ version: stale.version, text: 'Changé entre-temps.' }).expect(200);
    const conflict = await post(editor, `/claims/${stale.id}/delete`, { version: String(stale.version) }).expect(409);
    expect(conflict.text).toContain('Not deleted: someone else changed this claim meanwhile');
    expect((await stored(stale.id)).text).toBe('Changé entre-temps.');

    let withHistory = await draft();
    withHistory = await move(withHistory, editor.user, 'submitted');
    withHistory = await move(withHistory, editor.user, 'draft');
    const refused = await post(admin, `/claims/${withHistory.id}/delete`, { version: String(withHistory.version), confirm: 'yes' }).expect(422);
    expect(refused.text).toContain('has a review history');
    expect((await stored(withHistory.id)).status).toBe('draft');
  });

  it('lets an admin reassign a claim under review to another active reviewer, or to nobody, and stores it', async () => {
    const second = await t.signIn('reviewer');
    let claim = await draft();
    claim = await move(claim, editor.user, 'submitted');
    claim = await move(claim, reviewer.user, 'in_review');
    const page = await panel(admin, claim.id);
    expect(page).toContain(`<option value="${second.id}">${second.username}</option>`);
    expect(page).toContain(`<option value="${reviewer.user.id}" selected>${reviewer.user.username}</option>`);
    expect(page).not.toContain(`<option value="${editor.user.id}"`); // not a reviewer, and logged the claim

    const done = await post(admin, `/claims/${claim.id}/assignee`, { version: String(claim.version), assigneeId: String(second.id), confirm: 'yes' }).expect(303);
    const moved = await stored(claim.id);
    expect(moved.assignee.id).toBe(second.id);
    expect((await t.http.get(done.headers.location).set('Cookie', admin.cookie).expect(200)).text).toContain('Assignment changed.');

    const stale = await post(admin, `/claims/${claim.id}/assignee`, { version: String(claim.version), assigneeId: '' }).expect(409);
    expect(stale.text).toContain('someone else changed this claim meanwhile');
    await post(admin, `/claims/${claim.id}/assignee`, { version: String(moved.version), assigneeId: '', confirm: 'yes' }).expect(303);
    const queued = await stored(claim.id);
    expect(queued.assignee).toBeNull();
    expect(queued.status).toBe('submitted');
  });

  it('offers a reviewer neither "Delete this draft" nor "Reassign", and refuses their forged posts, changing nothing', async () => {
    const claim = await draft();
    expect(await panel(reviewer, claim.id)).not.toContain('Delete this draft');
    const refused = await post(reviewer, `/claims/${claim.id}/delete`, { version: String(claim.version) }).expect(403);
    expect(refused.text).toContain('you are signed in as reviewer');
    expect((await stored(claim.id)).version).toBe(claim.version);

    const submitted = await move(claim, editor.user, 'submitted');
    const page = await panel(reviewer, claim.id);
    expect(page).not.toContain('Reassign');
    expect(page).not.toContain(`action="/claims/${claim.id}/assignee"`);
    await post(reviewer, `/claims/${claim.id}/assignee`, { version: String(submitted.version), assigneeId: String(reviewer.user.id) }).expect(403);
    const after = await stored(claim.id);
    expect(after.status).toBe('submitted');
    expect(after.assignee).toBeNull();
    expect(after.version).toBe(submitted.version);
  });

  it('shows an admin the reassign form only while the claim can be assigned, and no one the delete button off a draft', async () => {
    const claim = await draft();
    const asDraft = await panel(admin, claim.id);
    expect(asDraft).not.toContain(`action="/claims/${claim.id}/assignee"`);
    await move(claim, editor.user, 'submitted');
    const submitted = await panel(admin, claim.id);
    expect(submitted).toContain(`action="/claims/${claim.id}/assignee"`);
    expect(submitted).not.toContain('Delete this draft');
  });
});
