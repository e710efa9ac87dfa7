import { parse } from 'node-html-parser';
import { articleInput, claimInput, sourceInput } from '../factories';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The web pages' lists and their paging. */
describe('Web pages', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
  });
  afterAll(() => t.close());

  it.each(['/articles', '/sources', '/review'])('clamps an out-of-range ?page= on %s to the last allowed page instead of failing', async (path) => {
    const huge = await t.http.get(`${path}?page=99999999999999999999`).set('Cookie', admin.cookie).expect(200);
    expect(huge.text).not.toContain('Something went wrong');
    for (const garbage of ['abc', '-3', '0', '1e9', '']) {
      await t.http.get(`${path}?page=${garbage}`).set('Cookie', admin.cookie).expect(200);
    }
  });

  it("starts the claim form's required kind select with an empty placeholder option, the usual kind still preselected", async () => {
    const article = (await t.http.post('/api/articles').set('Authorization', admin.user.auth).send(articleInput()).expect(201)).body.id;
    const form = parse((await t.http.get(`/articles/${article}/claims/new`).set('Cookie', admin.cookie).expect(200)).text);
    const select = form.querySelector('select#kind')!;
    expect(select.hasAttribute('required')).toBe(true);
    const options = select.querySelectorAll('option');
    expect(options[0].getAttribute('value')).toBe('');
    expect(options.slice(1).every((o) => o.getAttribute('value'))).toBe(true);
    expect(options.filter((o) => o.hasAttribute('selected')).map((o) => o.getAttribute('value'))).toEqual(['event']);
  });

  it("shows a source's claims 50 at a time, both roles or one, with pager links", async () => {
    const auth = admin.user.auth;
    const article = (await t.http.post('/api/articles').set('Authorization', auth).send(articleInput()).expect(201)).body.id;
    const speaker = (await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput({ name: 'Le Centre' })).expect(201)).body.id;
    const relay = (await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput({ name: 'Une agence' })).expect(201)).body.id;
    const link = (sourceId: number) => ({ sourceId, verb: 'a indiqué', mode: 'paraphrase' as const });
    for (let i = 0; i < 54; i++) {
      const attributions = i === 0 ? [link(relay), link(speaker)] : [link(speaker)];
      await t.http.post(`/api/articles/${article}/claims`).set('Authorization', auth).send(claimInput({ text: `Claim ${i}`, unattributed: false, attributions })).expect(201);
    }
    const items = (html: string) => html.match(/class="claim-item"/g)?.length ?? 0;

    const first = await t.http.get(`/sources/${speaker}`).set('Cookie', admin.cookie).expect(200);
    expect(items(first.text)).toBe(50);
    expect(first.text).toContain('As the original speaker (53)');
    expect(first.text).toContain('As a relay (1)');
    expect(first.text).toContain(`href="/sources/${speaker}?page=2"`);
    const second = await t.http.get(`/sources/${speaker}?page=2`).set('Cookie', admin.cookie).expect(200);
    expect(items(second.text)).toBe(4);
    expect(second.text).toContain('Page 2 of 2');

    const relayOnly = await t.http.get(`/sources/${speaker}?role=relay`).set('Cookie', admin.cookie).expect(200);
    expect(items(relayOnly.text)).toBe(1);
    expect(relayOnly.text).toContain('as relay');
    expect(relayOnly.text).toContain('Claim 0');
    const speakerOnly = await t.http.get(`/sources/${speaker}?role=speaker&page=2`).set('Cookie', admin.cookie).expect(200);
    expect(items(speakerOnly.text)).toBe(3);
    expect(speakerOnly.text).toContain(`href="/sources/${speaker}?role=speaker&amp;page=1"`);
    await t.http.get(`/sources/${speaker}?page=99999999999999999999`).set('Cookie', admin.cookie).expect(200);
  });

  it("colours the article by each claim's current rating and offers only the workflow's moves on a proposed verdict", async () => {
    const editor = await t.signIn('editor');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    const logged = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const other = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput({ quote: 'Les sapeurs russes sont en route' })).expect(201)).body;
    const submitted = (await t.http.post(`/api/claims/${logged.id}/transitions`).set('Authorization', editor.auth).send({ to: 'submitted', version: logged.version }).expect(200)).body;
    const taken = (await t.http.post(`/api/claims/${logged.id}/transitions`).set('Authorization', admin.user.auth).send({ to: 'in_review', version: submitted.version }).expect(200)).body;
    await t.http.post(`/api/claims/${logged.id}/verdicts`).set('Authorization', admin.user.auth).send({ rating: 'false', rationale: 'Counted twice.', version: taken.version }).expect(201);

    const page = await t.http.get(`/articles/${article}?colour=rating`).set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain(`<mark class="hl rt-false" data-claims="${logged.id}" id="hl-${logged.id}" tabindex="0">`);
    expect(page.text).toContain(`<mark class="hl rt-none" data-claims="${other.id}" id="hl-${other.id}" tabindex="0">`);

    const panel = await t.http.get(`/claims/${logged.id}`).set('Cookie', admin.cookie).expect(200);
    const moves = [...panel.text.matchAll(/name="to" value="([a-z_]+)"/g)].map((m) => m[1]);
    expect(moves).toEqual(['draft', 'dismissed']); // return to editor, or dismiss; four eyes: the proposer does not publish; there is no way back to in_review
  });

  it('shows who proposed and who published the verdict, with its Markdown rationale rendered safely, and the history as status moves in words', async () => {
    const editor = await t.signIn('editor');
    const first = await t.signIn('reviewer');
    const second = await t.signIn('reviewer');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    let c = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const move = async (who: { auth: string }, to: string) =>
      (c = (await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', who.auth).send({ to, version: c.version }).expect(200)).body);
    await move(editor, 'submitted');
    await move(first, 'in_review');
    await t.http.post(`/api/claims/${c.id}/evidence`).set('Authorization', first.auth).send({ url: 'https://example.org/e', title: 'E', stance: 'supports' }).expect(201);
    c = (
      await t.http
        .post(`/api/claims/${c.id}/verdicts`)
        .set('Authorization', first.auth)
        .send({ rating: 'true', rationale: 'Counted **twice**. <script>alert(1)</script> [x](javascript:alert(1))', version: c.version })
        .expect(201)
    ).body;
    await move(second, 'published');

    const panel = (await t.http.get(`/claims/${c.id}`).set('Cookie', admin.cookie).expect(200)).text;
    const verdict = /<div id="current-verdict">([\s\S]*?)<\/section>/.exec(panel)![1];
    expect(verdict).toContain(`proposed by ${first.username}`);
    expect(verdict).toContain(`published by ${second.username}`);
    expect(verdict).toContain('<strong>twice</strong>');
    expect(verdict).not.toContain('<script>');
    expect(verdict).not.toContain('href="javascript:');
    expect(panel).toContain(`${second.username} moved the claim from verdict proposed to published`);
  });

  const huge = '99999999999999999999';
  it.each([`/articles/${huge}`, `/sources/${huge}`, `/claims/${huge}`, `/articles/${huge}/report.md`, `/claims/${huge}/chain`])(
    'answers an id beyond the 32-bit range in %s with a 400 page, not a database error',
    async (path) => {
      const response = await t.http.get(path).set('Cookie', admin.cookie).expect(400);
      expect(response.text).toContain('must be a positive integer id');
    },
  );
});
