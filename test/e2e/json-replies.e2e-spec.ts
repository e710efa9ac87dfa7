import { get } from 'node:http';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

/**
 * The API's JSON answers are written by LeanExpressAdapter (src/common/lean-express.adapter.ts)
 * with one JSON.stringify and one end(), instead of Express's res.json(). These are the headers
 * and statuses Express gave them: on the answers the shortcut writes, on those it passes to
 * Express (204, HEAD, a conditional request, a stream, a type the handler chose), and on error
 * answers, which the exception filter writes with res.json().
 */
describe('JSON answers written without res.json()', () => {
  let t: TestApp;
  let editor: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  let listening: Promise<string> | undefined;
  const base = () => (listening ??= t.listen()); // for the requests that cannot go through t.http
  const plainGet = (url: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(url, { headers }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      }).on('error', reject);
    });

  it('sends UTF-8 JSON with the byte length of accented text as Content-Length', async () => {
    const title = 'Démineurs russes à Palmyre — « 1 230 engins »';
    const created = await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title })).expect(201);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(created.headers['content-length'])).toBe(bytes(created.text));
    expect(bytes(created.text)).toBeGreaterThan(created.text.length); // the accents take two bytes
    expect(JSON.parse(created.text).title).toBe(title);

    const read = await t.http.get(`/api/articles/${created.body.id}`).set('Authorization', editor.auth).expect(200);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(read.headers['content-length'])).toBe(bytes(read.text));
    expect(read.headers['transfer-encoding']).toBeUndefined();
    expect(read.headers.etag).toBeUndefined();
    expect(read.body.title).toBe(title);
  });

  it('keeps the status a handler or an error sets: 201 for a create, 401 for a refused sign-in', async () => {
    const claim = await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201);
    expect(claim.body).toMatchObject({ id: expect.any(Number), version: 1 });
    const login = await t.http.post('/api/auth/login').send({ username: 'nobody-here', password: 'wrong password!' });
    expect(login.status).toBe(401);
    expect(login.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(login.headers['content-length'])).toBe(bytes(login.text));
  });

  it('answers a 204 with no body and no Content-Type', async () => {
    const claim = await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201);
    const removed = await t.http.delete(`/api/claims/${claim.body.id}`).set('Authorization', editor.auth).set('If-Match', '1').expect(204);
    expect(removed.text).toBe('');
    expect(removed.headers['content-type']).toBeUndefined();
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const get = await t.http.get(`/api/articles/${articleId}`).set('Authorization', editor.auth).expect(200);
    // Not through t.http, whose OpenAPI check knows no HEAD operations.
    const head = await fetch(`${await base()}/api/articles/${articleId}`, { method: 'HEAD', headers: { authorization: editor.auth } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('content-type')).toBe(get.headers['content-type']);
    expect(head.headers.get('content-length')).toBe(get.headers['content-length']);
  });

  it('sends error answers, which the exception filter writes, as JSON with their status and length', async () => {
    const missing = await t.http.get('/api/articles/999999').set('Authorization', editor.auth).expect(404);
    expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(missing.body).toMatchObject({ statusCode: 404, code: expect.any(String) });
    const invalid = await t.http.get(`/api/articles/${articleId}/claims?pageSize=0`).set('Authorization', editor.auth).expect(400);
    expect(invalid.body.errors[0].field).toBe('pageSize');
    expect(Number(invalid.headers['content-length'])).toBe(bytes(invalid.text));
  });

  it('passes a stream and a type the handler chose to Express: a CSV report, the annotations as JSON-LD', async () => {
    const csv = await t.http.get(`/api/articles/${articleId}/report?format=csv`).set('Authorization', editor.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const annotations = await t.http.get(`/api/articles/${articleId}/annotations`).set('Authorization', editor.auth).expect(200);
    expect(annotations.headers['content-type']).toBe('application/ld+json; charset=utf-8; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(Number(annotations.headers['content-length'])).toBe(bytes(annotations.text));
    expect(JSON.parse(annotations.text)).toMatchObject({ type: 'AnnotationCollection' });
  });

  it('answers If-None-Match: * with 304 and no body, as Express does, and other conditions with the JSON', async () => {
    // Not through t.http, whose OpenAPI check knows no 304 answers, nor fetch, which adds Cache-Control: no-cache to a conditional request.
    const star = await plainGet(`${await base()}/api/articles/${articleId}`, { authorization: editor.auth, 'if-none-match': '*' });
    expect(star.status).toBe(304);
    expect(star.body).toBe('');
    const tag = await t.http.get(`/api/articles/${articleId}`).set('Authorization', editor.auth).set('If-None-Match', '"some-tag"').expect(200);
    expect(tag.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(tag.body.id).toBe(articleId);
  });
});
