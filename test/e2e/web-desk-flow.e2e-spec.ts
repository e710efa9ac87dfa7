import { articleInput, claimInput } from '../factories';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/**
 * Issue 9, "nothing typed is ever lost", over the web routes: confirm pages before destructive
 * actions, undo of a removed evidence link, refusals and stale verdicts shown on the claim panel
 * with the form still filled, forms offered only to who may use them, and a post after the
 * session ended leading back to its page.
 */
describe('Web desk flow: nothing typed is lost', () => {
  let t: TestApp;
  let admin: WebSession;
  let editor: WebSession;
  let reviewer: WebSession;
  let second: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
    editor = await webSession(t, 'editor');
    reviewer = await webSession(t, 'reviewer');
    second = await webSession(t, 'reviewer');
  });
  afterAll(() => t.close());

  type Claim = { id: number; version: number; articleId: number; status: string };

  async function draft(who: SignedIn = editor.user): Promise<Claim> {
    const article = (await t.http.post('/api/articles').set('Authorization', who.auth).send(articleInput()).expect(201)).body.id;
    return (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', who.auth).send(claimInput()).expect(201)).body;
  }
  async function move(claim: Claim, who: SignedIn, to: string, reason?: string): Promise<Claim> {
    return (await t.http.post(`/api/claims/${claim.id}/transitions`).set('Authorization', who.auth).send({ to, version: claim.version, reason }).expect(200)).body;
  }
  async function addEvidence(claim: Claim, who: SignedIn, title = 'Le rapport'): Promise<number> {
    return (await t.http.post(`/api/claims/${claim.id}/evidence`).set('Authorization', who.auth).send({ url: 'https://example.org/r', title, stance: 'supports', excerpt: 'Un extrait.' }).expect(201))
      .body.id;
  }
  /** A claim in review, assigned to `reviewer`, with one evidence link. */
  async function inReview(): Promise<Claim> {
    let claim = await draft();
    claim = await move(claim, editor.user, 'submitted');
    claim = await move(claim, reviewer.user, 'in_review');
    await addEvidence(claim, reviewer.user);
    return stored(claim.id);
  }
  async function proposed(): Promise<Claim> {
    const claim = await inReview();
    return (await t.http.post(`/api/claims/${claim.id}/verdicts`).set('Authorization', reviewer.user.auth).send({ rating: 'mixed', rationale: 'Vu.', version: claim.version }).expect(201)).body;
  }
  const post = (session: WebSession, path: string, fields: Record<string, string> = {}) =>
    t.http.post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...fields });
  const panel = async (session: WebSession, id: number) => (await t.http.get(`/claims/${id}`).set('Cookie', session.cookie).expect(200)).text;
  const stored = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', admin.user.auth)).body;

  it('asks before removing an evidence link, removes it on "yes", and restores it from the notice or the history once', async () => {
    const claim = await draft();
    const link = await addEvidence(claim, editor.user, 'Le <b>rapport</b>');

    const ask = await post(reviewer, `/claims/${claim.id}/evidence/${link}/remove`).expect(200);
    expect(ask.text).toContain('Remove the evidence link “Le &lt;b&gt;rapport&lt;/b&gt;”?');
    expect(ask.text).toContain('name="confirm" value="yes"');
    expect((await stored(claim.id)).evidence).toHaveLength(1);

    const done = await post(reviewer, `/claims/${claim.id}/evidence/${link}/remove`, { confirm: 'yes' }).expect(303);
    const after = await t.http.get(done.headers.location).set('Cookie', reviewer.cookie).expect(200);
    expect((await stored(claim.id)).evidence).toHaveLength(0);
    expect(after.text).toContain('Restore this link');
    expect(after.text).toContain('removed an evidence link: “Le &lt;b&gt;rapport&lt;/b&gt;”');
    const event = Number(/name="event" value="(\d+)"/.exec(after.text)![1]);

    const restored = await post(reviewer, `/claims/${claim.id}/evidence/restore`, { event: String(event) }).expect(303);
    expect(restored.headers.location).toBe(`/claims/${claim.id}?restored=1`);
    const links = (await stored(claim.id)).evidence;
    expect(links).toEqual([expect.objectContaining({ title: 'Le <b>rapport</b>', url: 'https://example.org/r', stance: 'supports', excerpt: 'Un extrait.' })]);
    const history = (await t.http.get(`/api/claims/${claim.id}/history`).set('Authorization', admin.user.auth)).body.items;
    expect(history.at(-1)).toEqual(expect.objectContaining({ action: 'evidence.restore', after: expect.objectContaining({ restoredFrom: event }) }));
    expect(await panel(reviewer, claim.id)).not.toContain('Restore this link');

    const twice = await post(reviewer, `/claims/${claim.id}/evidence/restore`, { event: String(event) }).expect(422);
    expect(twice.text).toContain('already restored');
    expect((await stored(claim.id)).evidence).toHaveLength(1);
  });

  it('asks before deleting a draft, publishing, dismissing and reassigning (the first post changes nothing), and undoes a reassignment', async () => {
    const claim = await draft();
    const ask = await post(editor, `/claims/${claim.id}/delete`, { version: String(claim.version) }).expect(200);
    expect(ask.text).toContain(`Delete draft claim ${claim.id}?`);
    expect(ask.text).toContain(`name="version" value="${claim.version}"`);
    expect(await stored(claim.id)).toEqual(expect.objectContaining({ version: claim.version }));

    const dismiss = await post(editor, `/claims/${claim.id}/transitions`, { to: 'dismissed', version: String(claim.version), reason: 'Opinion <i>pure</i>' }).expect(200);
    expect(dismiss.text).toContain(`Dismiss claim ${claim.id}?`);
    expect(dismiss.text).toContain('Opinion &lt;i&gt;pure&lt;/i&gt;');
    expect((await stored(claim.id)).status).toBe('draft');
    await post(editor, `/claims/${claim.id}/transitions`, { to: 'dismissed', version: String(claim.version), reason: 'Opinion', confirm: 'yes' }).expect(303);
    expect((await stored(claim.id)).status).toBe('dismissed');

    const verdict = await proposed();
    const publish = await post(second, `/claims/${verdict.id}/transitions`, { to: 'published', version: String(verdict.version) }).expect(200);
    expect(publish.text).toContain(`Publish the verdict on claim ${verdict.id}?`);
    expect(publish.text).toContain('“Mixed”');
    expect((await stored(verdict.id)).status).toBe('verdict_proposed');
    await post(second, `/claims/${verdict.id}/transitions`, { to: 'published', version: String(verdict.version), confirm: 'yes' }).expect(303);
    expect((await stored(verdict.id)).status).toBe('published');

    const review = await inReview();
    const reassign = await post(admin, `/claims/${review.id}/assignee`, { version: String(review.version), assigneeId: String(second.user.id) }).expect(200);
    expect(reassign.text).toContain(`Assign claim ${review.id} to ${second.user.username}?`);
    expect((await stored(review.id)).assignee.id).toBe(reviewer.user.id);
    const done = await post(admin, `/claims/${review.id}/assignee`, { version: String(review.version), assigneeId: String(second.user.id), confirm: 'yes' }).expect(303);
    expect((await stored(review.id)).assignee.id).toBe(second.user.id);
    // Undo: the notice gives it back to whoever had it.
    const after = await t.http.get(done.headers.location).set('Cookie', admin.cookie).expect(200);
    expect(after.text).toContain(`Undo: give it back to ${reviewer.user.username}`);
    const version = /<form method="post" action="\/claims\/\d+\/assignee" class="notice undo">.*?name="version" value="(\d+)"/.exec(after.text)![1];
    await post(admin, `/claims/${review.id}/assignee`, { version, assigneeId: String(reviewer.user.id), confirm: 'yes' }).expect(303);
    expect((await stored(review.id)).assignee.id).toBe(reviewer.user.id);
  });

  it('asks before deactivating a user, and deactivates on "yes"', async () => {
    const victim = await t.signIn('editor');
    const user = (await t.http.get(`/api/users/${victim.id}`).set('Authorization', admin.user.auth).expect(200)).body;
    const ask = await post(admin, `/users/${victim.id}`, { version: String(user.version), role: 'editor' }).expect(200);
    expect(ask.text).toContain(`Deactivate ${victim.username}?`);
    expect((await t.http.get(`/api/users/${victim.id}`).set('Authorization', admin.user.auth)).body.active).toBe(true);
    await post(admin, `/users/${victim.id}`, { version: String(user.version), role: 'editor', confirm: 'yes' }).expect(303);
    expect((await t.http.get(`/api/users/${victim.id}`).set('Authorization', admin.user.auth)).body.active).toBe(false);
  });

  it('offers the verdict form only to the assignee, and shows a forged verdict’s refusal on the panel with the rationale kept', async () => {
    const claim = await inReview();
    const mine = await panel(reviewer, claim.id);
    expect(mine).toContain(`action="/claims/${claim.id}/verdicts"`);
    expect(mine).toContain('<option value="" selected>Choose a rating…</option>');
    const theirs = await panel(second, claim.id);
    expect(theirs).not.toContain(`action="/claims/${claim.id}/verdicts"`);
    expect(theirs).toContain(`Only ${reviewer.user.username} (the assignee) or an admin proposes`);

    const refused = await post(second, `/claims/${claim.id}/verdicts`, { version: String(claim.version), rating: 'false', rationale: 'Mon raisonnement <b>long</b>.' }).expect(403);
    expect(refused.text).toContain('Only the reviewer the claim is assigned to');
    expect(refused.text).toContain('id="verdict-h"');
    expect(refused.text).not.toContain('<h1>Not allowed</h1>');
    expect(refused.text).toContain('Mon raisonnement &lt;b&gt;long&lt;/b&gt;.</textarea>');
    expect(refused.text).toContain('<option value="false" selected>False</option>');
    expect((await stored(claim.id)).verdicts).toHaveLength(0);
  });

  it('offers no evidence, wording or chain forms on a published claim, and shows a forged addition refused on the panel with the form filled', async () => {
    const verdict = await proposed();
    await move(verdict, second.user, 'published');
    const page = await panel(reviewer, verdict.id);
    expect(page).not.toContain(`action="/claims/${verdict.id}/evidence"`);
    expect(page).not.toContain('/remove"');
    expect(page).toContain('The evidence of a published claim is frozen');
    const asEditor = await panel(editor, verdict.id);
    expect(asEditor).not.toContain(`action="/claims/${verdict.id}/edit"`);
    expect(asEditor).not.toContain(`href="/claims/${verdict.id}/chain"`);
    expect(asEditor).toContain('A published claim is frozen');

    const refused = await post(reviewer, `/claims/${verdict.id}/evidence`, { url: 'https://example.org/late', title: 'Arrivé trop tard', stance: 'context' }).expect(422);
    expect(refused.text).toContain('is published: reopen it');
    expect(refused.text).toContain('value="Arrivé trop tard"');
    expect((await stored(verdict.id)).evidence).toHaveLength(1);
  });

  it('keeps the rating and rationale of a stale verdict and shows what the reviewer saw, what it is now and what they wrote', async () => {
    const claim = await proposed();
    // Someone else (the admin) proposes another verdict while the reviewer's form is open.
    await t.http.post(`/api/claims/${claim.id}/verdicts`).set('Authorization', admin.user.auth).send({ rating: 'false', rationale: 'Faux, selon nous.', version: claim.version }).expect(201);
    const stale = await post(reviewer, `/claims/${claim.id}/verdicts`, {
      version: String(claim.version),
      orig_status: 'verdict_proposed',
      orig_rating: 'mixed',
      orig_rationale: 'Vu.',
      rating: 'mostly_true',
      rationale: 'Ma nouvelle analyse.',
    }).expect(409);
    expect(stale.text).toContain('someone else changed this claim while you were proposing a verdict');
    expect(stale.text).toMatch(/<th scope="row">Rating<\/th><td>Mixed<\/td><td>False<\/td><td>Mostly true<\/td>/);
    expect(stale.text).toMatch(/<th scope="row">Rationale<\/th><td>Vu.<\/td><td>Faux, selon nous.<\/td><td>Ma nouvelle analyse.<\/td>/);
    expect(stale.text).toContain('<option value="mostly_true" selected>Mostly true</option>');
    expect(stale.text).toMatch(/<textarea id="rationale"[^>]*>\n?Ma nouvelle analyse.<\/textarea>/);
    const verdicts = (await stored(claim.id)).verdicts;
    expect(verdicts.map((v: { rating: string }) => v.rating)).toEqual(['mixed', 'false']);
  });

  it('keeps a refused comment in its form', async () => {
    const claim = await draft();
    const long = 'x'.repeat(5001);
    const refused = await post(editor, `/claims/${claim.id}/comments`, { body: long }).expect(422);
    expect(refused.text).toContain(`>\n${long}</textarea>`);
    expect((await stored(claim.id)).comments).toHaveLength(0);
  });

  it('sends a form posted after the session ended to sign-in, then back to the page it came from, marked for restoring', async () => {
    const claim = await draft();
    const gone = await t.http
      .post(`/claims/${claim.id}/comments`)
      .set('Origin', 'http://127.0.0.1')
      .set('Referer', `http://${'127.0.0.1'}/claims/${claim.id}?saved=1`)
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ _csrf: 'stale', body: 'Un long commentaire.' })
      .expect(303);
    expect(gone.headers.location).toBe(`/login?next=${encodeURIComponent(`/claims/${claim.id}?saved=1&restore=1`)}`);
    const elsewhere = await t.http.post(`/claims/${claim.id}/comments`).set('Referer', 'https://evil.example/claims/1').type('form').send({ body: 'x' }).expect(303);
    expect(elsewhere.headers.location).toBe('/login');
    expect((await stored(claim.id)).comments).toHaveLength(0);
  });

  it('sends a form carrying an earlier session’s token back to its page for restoring, changing nothing', async () => {
    const claim = await draft();
    const res = await t.http
      .post(`/claims/${claim.id}/comments`)
      .set('Cookie', editor.cookie)
      .set('Referer', `http://127.0.0.1/claims/${claim.id}`)
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ _csrf: 'token-of-an-earlier-session', body: 'Gardé.' })
      .expect(303);
    expect(res.headers.location).toBe(`/claims/${claim.id}?restore=1`);
    expect((await stored(claim.id)).comments).toHaveLength(0);
    // Without a same-site page to go back to, it stays a refusal.
    await t.http.post(`/claims/${claim.id}/comments`).set('Cookie', editor.cookie).type('form').send({ _csrf: 'forged', body: 'x' }).expect(403);
  });

  it('shows history in words, comments as safe Markdown, and no version number', async () => {
    const claim = await draft();
    await post(editor, `/claims/${claim.id}/comments`, { body: 'Voir **ceci** <script>alert(1)</script> [lien](javascript:alert(1))' }).expect(303);
    const page = await panel(editor, claim.id);
    expect(page).toContain('logged the claim');
    expect(page).toContain('commented');
    expect(page).not.toContain('claim.create');
    expect(page).toContain('<strong>ceci</strong>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('href="javascript:');
    expect(page).not.toMatch(/version \d/);
  });
});
