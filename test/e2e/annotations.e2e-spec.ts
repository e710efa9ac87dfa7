import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../src/annotations/web-annotation.schema.json';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

type Selector = { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number };
type Annotation = { id: string; motivation: string; body: { type: string; purpose: string; value?: string; source?: string }[]; target: { source: string; selector: Selector[] } };

/** W3C Web Annotations: GET /api/articles/:id/annotations and the import that turns them back into claims. */
describe('Web annotations', () => {
  let t: TestApp;
  let editor: SignedIn;
  const body = articleInput().body + ' 😀 Les sapeurs russes sont arrivés.';
  const as = (who: SignedIn) => ({ Authorization: who.auth });
  const newArticle = async (text = body) => (await t.http.post('/api/articles').set(as(editor)).send(articleInput({ body: text })).expect(201)).body.id as number;
  const exported = async (articleId: number) => {
    const res = await t.http.get(`/api/articles/${articleId}/annotations`).set(as(editor)).expect(200);
    return { res, doc: JSON.parse(res.text) as { first: { items: Annotation[] } } & Record<string, unknown> };
  };
  let source: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    source = await newArticle();
    await t.http.post(`/api/articles/${source}/claims`).set(as(editor)).send(claimInput()).expect(201);
    await t.http
      .post(`/api/articles/${source}/claims`)
      .set(as(editor))
      .send(claimInput({ text: 'Russian sappers arrived.', quote: 'Les sapeurs russes sont arrivés', kind: 'event' }))
      .expect(201);
  });
  afterAll(() => t.close());

  it('exports W3C Web Annotation JSON-LD that follows the model (JSON Schema written from the W3C model)', async () => {
    const { res, doc } = await exported(source);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json;.*profile="http:\/\/www\.w3\.org\/ns\/anno\.jsonld"/);
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(schema);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 2 });
  });

  it('selects each claim by quote with prefix and suffix and by position in code points, and links to the claim', async () => {
    const { doc } = await exported(source);
    const claims = (await t.http.get(`/api/articles/${source}/claims`).set(as(editor)).expect(200)).body.items as { id: number; start: number; end: number; quote: string }[];
    const russian = claims.find((c) => c.quote.startsWith('Les sapeurs russes sont arrivés'))!;
    const annotation = doc.first.items[1];
    const [quote, position] = annotation.target.selector;
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: russian.quote, prefix: [...body.slice(0, russian.start)].slice(-32).join(''), suffix: [...body.slice(russian.end)].slice(0, 32).join('') });
    // After the emoji (two UTF-16 units, one code point) positions are one less than JavaScript indices.
    expect(position).toEqual({ type: 'TextPositionSelector', start: russian.start - 1, end: russian.end - 1 });
    expect([...body].slice(position.start!, position.end!).join('')).toBe(russian.quote);
    expect(annotation.body).toEqual(expect.arrayContaining([{ type: 'SpecificResource', purpose: 'identifying', source: expect.stringMatching(new RegExp(`/api/claims/${russian.id}$`)) }]));
    expect(annotation.target.source).toBe('https://example.org/palmyre');
  });

  it('exports no rating for a claim whose verdict is only proposed', async () => {
    const articleId = await newArticle();
    const claim = (await t.http.post(`/api/articles/${articleId}/claims`).set(as(editor)).send(claimInput()).expect(201)).body;
    const reviewer = await t.signIn('reviewer');
    await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(editor)).send({ to: 'submitted', version: claim.version }).expect(200);
    await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(reviewer)).send({ to: 'in_review', version: claim.version + 1 }).expect(200);
    await t.http.post(`/api/claims/${claim.id}/verdicts`).set(as(reviewer)).send({ rating: 'false', rationale: 'Not yet checked by a second reviewer.', version: claim.version + 2 }).expect(201);
    const { doc } = await exported(articleId);
    const [annotation] = doc.first.items;
    expect(annotation.motivation).toBe('highlighting');
    expect(annotation.body.filter((b) => b.purpose === 'assessing')).toEqual([]);
  });

  it('round-trips: importing the export into an article with the same text recreates the same claims', async () => {
    const { doc } = await exported(source);
    const copy = await newArticle();
    const imported = await t.http.post(`/api/articles/${copy}/annotations`).set(as(editor)).send({ annotations: doc.first.items }).expect(201);
    expect(imported.body).toMatchObject({ skipped: 0, reanchored: [] });
    expect(imported.body.created.map((c: { text: string; kind: string; status: string }) => [c.text, c.kind, c.status])).toEqual([
      ['Syrian sappers neutralised 1,230 mines.', 'quantity', 'draft'],
      ['Russian sappers arrived.', 'event', 'draft'],
    ]);
    const again = await exported(copy);
    expect(again.doc.first.items.map((a) => a.target.selector)).toEqual(doc.first.items.map((a) => a.target.selector));
    expect(await t.count('claims')).toBeGreaterThanOrEqual(4);
    // Importing the same annotations twice (here as the whole exported collection) creates nothing new.
    const twice = await t.http.post(`/api/articles/${copy}/annotations`).set(as(editor)).send({ annotations: [doc] }).expect(201);
    expect(twice.body).toMatchObject({ created: [], skipped: 2 });
  });

  it('re-anchors by quote when the offsets differ, e.g. an annotation made on another copy of the text', async () => {
    const { doc } = await exported(source);
    const longer = await newArticle(`Mise à jour : précisions ajoutées. ${body}`);
    const imported = await t.http.post(`/api/articles/${longer}/annotations`).set(as(editor)).send({ annotations: doc.first.items }).expect(201);
    expect(imported.body.reanchored).toEqual([0, 1]);
    const shift = 'Mise à jour : précisions ajoutées. '.length;
    const stored = (await t.http.get(`/api/articles/${longer}/claims`).set(as(editor)).expect(200)).body.items as { quote: string; start: number }[];
    expect(stored.map((c) => c.start)).toEqual([body.indexOf('Les sapeurs syriens') + shift, body.indexOf('Les sapeurs russes sont arrivés') + shift]);
  });

  it('refuses the whole import, writing nothing, when one annotation cannot be anchored; and refuses reviewers', async () => {
    const { doc } = await exported(source);
    const target = await newArticle('Un tout autre texte, sans rapport. Les sapeurs syriens ont neutralisé 1230 mines');
    const before = await t.count('claims');
    const refused = await t.http.post(`/api/articles/${target}/annotations`).set(as(editor)).send({ annotations: doc.first.items }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'annotations[1].target.selector', reason: expect.stringContaining('does not occur') }]);
    expect(await t.count('claims')).toBe(before);
    const reviewer = await t.signIn('reviewer');
    await t.http.post(`/api/articles/${target}/annotations`).set(as(reviewer)).send({ annotations: doc.first.items }).expect(403);
    await t.http.post(`/api/articles/${target}/annotations`).set(as(editor)).send({ annotations: [] }).expect(400);
    await t.http.get('/api/articles/999999/annotations').set(as(editor)).expect(404);
  });
});
