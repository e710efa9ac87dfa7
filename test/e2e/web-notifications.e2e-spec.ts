import { articleInput, claimInput } from '../factories';
import { TestApp } from '../support/test-app';
import { WebSession, webSession } from '../support/web-session';

/** The notification pages and forms over HTTP, as a browser without script uses them. */
describe('Web: notifications, preferences and watching', () => {
  let t: TestApp;
  let editor: WebSession;
  let reviewer: WebSession;
  let articleId: number;
  let claimId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await webSession(t, 'editor');
    reviewer = await webSession(t, 'reviewer');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.user.auth).send(articleInput()).expect(201)).body.id;
    claimId = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.user.auth).send(claimInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const post = (who: WebSession, path: string, form: Record<string, string>) =>
    t.http.post(path).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf, ...form });

  it('watches and unwatches a claim and an article from their pages, audited', async () => {
    let panel = await t.http.get(`/claims/${claimId}`).set('Cookie', reviewer.cookie).expect(200);
    expect(panel.text).toContain('Watch this claim');
    await post(reviewer, `/claims/${claimId}/watch`, { watching: 'yes' }).expect(303).expect('Location', `/claims/${claimId}`);
    panel = await t.http.get(`/claims/${claimId}`).set('Cookie', reviewer.cookie).expect(200);
    expect(panel.text).toContain('Unwatch this claim');
    expect(await t.count(`watches WHERE user_id = ${reviewer.user.id} AND claim_id = ${claimId}`)).toBe(1);
    await post(reviewer, `/claims/${claimId}/watch`, { watching: 'no' }).expect(303);
    expect(await t.count(`watches WHERE user_id = ${reviewer.user.id} AND claim_id = ${claimId}`)).toBe(0);

    await post(reviewer, `/articles/${articleId}/watch`, { watching: 'yes' }).expect(303).expect('Location', `/articles/${articleId}`);
    const article = await t.http.get(`/articles/${articleId}`).set('Cookie', reviewer.cookie).expect(200);
    expect(article.text).toContain('Unwatch this article');
    const audit: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_events WHERE user_id = ${reviewer.user.id} AND action LIKE 'watch.%' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['watch.start', 'watch.stop', 'watch.start']);
  });

  it('refuses a watch form without the CSRF token, changing nothing', async () => {
    await t.http.post(`/claims/${claimId}/watch`).set('Cookie', editor.cookie).type('form').send({ watching: 'no' }).expect(403);
    expect(await t.count(`watches WHERE user_id = ${editor.user.id} AND claim_id = ${claimId}`)).toBe(1);
  });

  it('saves preferences from the form, and shows the refusal with the field when e-mail has no address', async () => {
    const refused = await post(editor, '/notifications/preferences', { email: '', 'kind.comment': 'email' }).expect(422);
    expect(refused.text).toContain('required for e-mail or digest delivery');
    expect(await t.count(`notification_settings WHERE user_id = ${editor.user.id}`)).toBe(0);
    // This desk has no SMTP_URL: the page says e-mail stays off, but the choice is kept for when it is on.
    await post(editor, '/notifications/preferences', { email: 'eddie@example.org', 'kind.comment': 'digest', 'kind.assigned': 'in_app' }).expect(303).expect('Location', '/notifications/preferences?saved=1');
    const page = await t.http.get('/notifications/preferences?saved=1').set('Cookie', editor.cookie).expect(200);
    expect(page.text).toContain('Preferences saved.');
    expect(page.text).toContain('This desk sends no e-mail');
    expect(page.text).toMatch(/name="kind\.comment" value="digest" checked/);
    const stored: { email: string; preferences: string }[] = await t.dataSource.query(`SELECT email, preferences FROM notification_settings WHERE user_id = ${editor.user.id}`);
    expect(stored[0].email).toBe('eddie@example.org');
    expect(JSON.parse(stored[0].preferences)).toEqual({ comment: 'digest', assigned: 'in_app' });
  });

  it('shows the unread count in the header, lists the inbox, and escapes what users typed', async () => {
    await t.http.post(`/api/claims/${claimId}/comments`).set('Authorization', reviewer.user.auth).send({ body: '<img src=x onerror=alert(1)> look' }).expect(201);
    const inbox = await t.http.get('/notifications').set('Cookie', editor.cookie).expect(200);
    expect(inbox.text).toMatch(/id="unread-count" data-unread="1">1</);
    expect(inbox.text).toContain('&lt;img src=x onerror=alert(1)&gt; look');
    expect(inbox.text).not.toContain('<img src=x');
    await post(editor, '/notifications/read-all', {}).expect(303);
    const after = await t.http.get('/notifications').set('Cookie', editor.cookie).expect(200);
    expect(after.text).toMatch(/id="unread-count" data-unread="0">0</);
  });

  it('answers mention suggestions as JSON and shows the person a mention links to', async () => {
    const suggest = await t.http.get(`/people/suggest?q=${reviewer.user.username.slice(0, 5)}`).set('Cookie', editor.cookie).expect(200);
    expect(suggest.body).toContainEqual({ username: reviewer.user.username, displayName: reviewer.user.username });
    const person = await t.http.get(`/people/${reviewer.user.username}`).set('Cookie', editor.cookie).expect(200);
    expect(person.text).toContain(`@${reviewer.user.username}, reviewer`);
    await t.http.get('/people/nobody-here').set('Cookie', editor.cookie).expect(404);
  });

  it('words each summary in the reader’s language (inbox, API), and shows an old row’s stored English summary', async () => {
    const french = await webSession(t, 'reviewer');
    await t.http.put('/api/account/language').set('Authorization', french.user.auth).send({ language: 'fr' }).expect(200);
    const c = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.user.auth).send(claimInput()).expect(201)).body.id;
    await t.http.put(`/api/claims/${c}/watch`).set('Authorization', french.user.auth).expect(200);
    const zoe = await t.signIn('editor', 'zoe');
    await t.http.post(`/api/claims/${c}/comments`).set('Authorization', zoe.auth).send({ body: 'Une source ?' }).expect(201);
    const fr = `zoe a commenté l’affirmation nº ${c} “Syrian sappers neutralised 1,230 mines.”`;
    const en = `zoe commented on claim #${c} “Syrian sappers neutralised 1,230 mines.”`;

    const frInbox = await t.http.get('/notifications').set('Cookie', french.cookie).expect(200);
    expect(frInbox.text).toContain(fr);
    expect(frInbox.text).not.toContain(en);
    const enInbox = await t.http.get('/notifications').set('Cookie', editor.cookie).expect(200);
    expect(enInbox.text).toContain(en);
    expect(enInbox.text).not.toContain(fr);

    // The API answers in the request's language; the stored summary stays English.
    const asked = await t.http.get('/api/notifications').set('Authorization', editor.user.auth).set('Accept-Language', 'fr').expect(200);
    expect(asked.body.items[0].summary).toBe(fr);
    const plain = await t.http.get('/api/notifications').set('Authorization', editor.user.auth).set('Accept-Language', 'en').expect(200);
    expect(plain.body.items[0].summary).toBe(en);
    expect(Object.keys(asked.body.items[0]).sort()).toEqual(Object.keys(plain.body.items[0]).sort());
    const stored: { id: number; summary: string; summary_params: string }[] = await t.dataSource.query(`SELECT id, summary, summary_params FROM notifications WHERE user_id = ${french.user.id} AND claim_id = ${c}`);
    expect(stored[0].summary).toBe(en);
    expect(JSON.parse(stored[0].summary_params)).toMatchObject({ kind: 'comment', actor: 'zoe', claimId: c });

    // A row written before the params existed: its stored English summary, in any language.
    await t.dataSource.query(
      `INSERT INTO notifications (user_id, kind, claim_id, actor_id, actor_name, summary, delivery, created_at)
       SELECT user_id, kind, claim_id, actor_id, actor_name, 'zoe commented long ago on this claim', delivery, created_at FROM notifications WHERE id = ${stored[0].id}`,
    );
    const withOld = await t.http.get('/notifications').set('Cookie', french.cookie).expect(200);
    expect(withOld.text).toContain('zoe commented long ago on this claim');
    expect(withOld.text).toContain(fr);
    const oldApi = await t.http.get('/api/notifications').set('Authorization', french.user.auth).set('Accept-Language', 'fr').expect(200);
    expect(oldApi.body.items.map((n: { summary: string }) => n.summary)).toEqual(['zoe commented long ago on this claim', fr]);
  });
});
