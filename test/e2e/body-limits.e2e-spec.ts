import { articleInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

/** Limits before validation (issue 15 item 3): sizes per route, JSON depth and members, capped error bodies. */
describe('Request body limits', () => {
  let t: TestApp;
  let editor: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
  });
  afterAll(() => t.close());

  const raw = (path: string, body: string, auth?: string, method: 'post' | 'patch' = 'post') => {
    const r = t.http[method](path).set('Content-Type', 'application/json');
    if (auth) r.set('Authorization', auth);
    return r.send(body);
  };

  it('refuses a sign-in body over 4 KB with 413 naming the limit', async () => {
    const res = await raw('/api/auth/login', JSON.stringify({ username: 'x', password: 'p'.repeat(5000) })).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: 'The request body is larger than the 4 KB this route accepts.' });
  });

  it('refuses JSON nested 2,000 levels deep with 400, on sign-in (anonymous) and on a claim route, never a 500', async () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const login = await raw('/api/auth/login', deep).expect(400);
    expect(login.body.message).toBe('The JSON body is refused: nested deeper than 32 levels.');
    expect(login.body.errors).toEqual([{ field: 'body', reason: login.body.message }]);
    const objects = '{"text":'.repeat(3000) + '1' + '}'.repeat(3000);
    await raw('/api/claims/1', objects, editor.auth, 'patch').expect(400);
  });

  it('refuses an object with 125,000 keys on the article route (1.9 MB, under its size limit) with 400, fast and with a short body', async () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 125_000 }, (_, i) => [`k${i}`, i])));
    expect(wide.length).toBeGreaterThan(1_800_000);
    const started = Date.now();
    const res = await raw('/api/articles', wide, editor.auth).expect(400);
    const ms = Date.now() - started;
    expect(res.body.message).toBe('The JSON body is refused: more than 10000 members (keys and array elements).');
    expect(res.text.length).toBeLessThan(1000);
    expect(ms).toBeLessThan(5000);
    expect(await t.count('articles')).toBe(0);
  });

  it('takes a 1.5 MB article on the article route but refuses 300 KB elsewhere with 413', async () => {
    const body = 'Les sapeurs syriens ont neutralisé 1230 mines. '.repeat(10_000).slice(0, 499_000);
    const created = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ body })).expect(201);
    expect(created.body.id).toEqual(expect.any(Number));
    const big = await raw('/api/sources', JSON.stringify({ name: 'x'.repeat(300 * 1024), kind: 'person' }), editor.auth).expect(413);
    expect(big.body.message).toBe('The request body is larger than the 256 KB this route accepts.');
  });

  it('reads no more than the sign-in limit from an anonymous request, even on the article route (413, then the guard never runs)', async () => {
    const res = await raw('/api/articles', JSON.stringify(articleInput({ body: 'x'.repeat(100_000) }))).expect(413);
    expect(res.body.message).toBe('The request body is larger than the 4 KB this route accepts without signing in.');
    await raw('/api/articles', JSON.stringify(articleInput({ body: 'x'.repeat(100_000) })), 'Bearer not-a-valid-token-0123456789').expect(413);
  });

  it('caps a validation error body at the first 20 errors and counts the rest', async () => {
    const body = { name: 'A source', kind: 'person', ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra${i}`, i])) };
    const res = await t.http.post('/api/sources').set('Authorization', editor.auth).send(body).expect(400);
    expect(res.body.errors).toHaveLength(20);
    expect(res.body.errorCount).toBe(500);
    expect(res.body.message).toMatch(/and 480 more$/);
    expect(await t.count('sources')).toBe(0);
  });

  it('refuses a web sign-in form over 4 KB with 413', async () => {
    await t.http.post('/login').type('form').send({ username: 'x', password: 'p'.repeat(5000) }).expect(413);
  });
});
