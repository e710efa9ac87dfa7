import { articleInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

/** The "Done when" paragraph. */
const SANA_PARAGRAPH =
  'The Syrian army said on Sunday it had recaptured the town of Qaryatain from Islamic State, according to state news agency SANA. ' +
  'A military source told Reuters that engineering units were clearing mines left in the town. ' +
  "The Syrian Observatory for Human Rights, a Britain-based monitoring group, said fighting continued on the town's outskirts and that at least 30 militants had been killed, a figure that could not be independently verified.";

interface Item {
  key: string;
  quote: string;
  start: number;
  end: number;
  kind: string;
  score: number;
  reason: string;
  unattributed: boolean;
  attributions: { position: number; name: string; sourceId: number | null; anonymous: boolean; description: string | null; verb: string; newSourceKind: string | null }[];
}

describe('Suggestions (GET/POST /api/articles/:id/suggestions)', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let reuters: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    reuters = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Reuters', kind: 'news_agency' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const newArticle = async (body = SANA_PARAGRAPH) =>
    (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Qaryatain', language: 'en', body })).expect(201)).body.id as number;
  const list = async (id: number): Promise<Item[]> =>
    (await t.http.get(`/api/articles/${id}/suggestions`).set('Authorization', editor.auth).expect(200)).body.items;
  const chain = (item: Item | undefined) => item?.attributions.map((a) => (a.anonymous ? `~${a.name}` : a.name));
  const having = (items: Item[], words: string) => items.find((i) => i.quote.includes(words));

  it('proposes the paragraph’s claims anchored to exact offsets, with chains speaker first and the registry matched', async () => {
    const id = await newArticle();
    const items = await list(id);
    for (const i of items) expect(SANA_PARAGRAPH.slice(i.start, i.end)).toBe(i.quote);
    const recaptured = having(items, 'it had recaptured the town of Qaryatain')!;
    expect(chain(recaptured)).toEqual(['Syrian army', 'SANA']);
    expect(recaptured.attributions.map((a) => a.verb)).toEqual(['said', 'according to']);
    expect(recaptured.attributions[1]).toMatchObject({ sourceId: null, newSourceKind: 'news_agency' });
    const mines = having(items, 'engineering units were clearing mines')!;
    expect(chain(mines)).toEqual(['~A military source', 'Reuters']);
    expect(mines.attributions[0]).toMatchObject({ anonymous: true, sourceId: null, description: 'A military source' });
    expect(mines.attributions[1]).toMatchObject({ sourceId: reuters, anonymous: false });
    expect(chain(having(items, 'fighting continued'))).toEqual(['Syrian Observatory for Human Rights']);
    const killed = having(items, 'at least 30 militants had been killed')!;
    expect(chain(killed)).toEqual(['Syrian Observatory for Human Rights']);
    expect(killed).toMatchObject({ kind: 'quantity', unattributed: false });
    expect(killed.reason).toMatch(/number \(30\)/);
    expect(killed.score).toBeGreaterThan(0.5);
    const background = having(items, 'a Britain-based monitoring group')!;
    expect(background).toMatchObject({ unattributed: true, attributions: [], kind: 'background' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/articles/{articleId}/suggestions', '/api/articles/{articleId}/suggestions/accept', '/api/articles/{articleId}/suggestions/reject']),
    );
    const item = doc.components.schemas.SuggestedAttributionDto.properties;
    expect(item.sourceId).toMatchObject({ type: 'integer', nullable: true });
    expect(doc.components.schemas.SuggestionListDto.properties.items).toMatchObject({ type: 'array' });
  });

  it('is for editors and admins only, and 404 for an article that does not exist', async () => {
    const id = await newArticle();
    await t.http.get(`/api/articles/${id}/suggestions`).set('Authorization', reviewer.auth).expect(403);
    await t.http.get(`/api/articles/${id}/suggestions`).expect(401);
    await t.http.get('/api/articles/999999/suggestions').set('Authorization', editor.auth).expect(404);
    const items = await list(id);
    await t.http.post(`/api/articles/${id}/suggestions/accept`).set('Authorization', reviewer.auth).send({ keys: [items[0].key] }).expect(403);
    expect(await t.count('claims')).toBe(0);
  });

  it('accepts three at once: logs them as draft claims with their sources, creating the new ones, audited as accepted from a suggestion', async () => {
    const id = await newArticle();
    const items = await list(id);
    const picked = [having(items, 'it had recaptured')!, having(items, 'engineering units')!, having(items, '30 militants')!];
    const sourcesBefore = await t.count('sources');
    const accepted = await t.http
      .post(`/api/articles/${id}/suggestions/accept`)
      .set('Authorization', editor.auth)
      .send({ keys: picked.map((p) => p.key) })
      .expect(201);
    expect(accepted.body.claims).toHaveLength(3);
    const [recaptured, mines, killed] = accepted.body.claims;
    expect(recaptured).toMatchObject({ status: 'draft', quote: picked[0].quote, start: picked[0].start, end: picked[0].end, unattributed: false });
    expect(recaptured.attributions.map((a: { source: { name: string; kind: string } }) => [a.source.name, a.source.kind])).toEqual([
      ['Syrian army', 'military_unit'],
      ['SANA', 'news_agency'],
    ]);
    expect(mines.attributions[0]).toMatchObject({ source: null, anonymous: true, description: 'A military source', verb: 'told' });
    expect(mines.attributions[1].source).toMatchObject({ id: reuters, name: 'Reuters' });
    expect(killed.attributions[0].source.name).toBe('Syrian Observatory for Human Rights');
    // Stored: the claims, the three new sources (army, SANA, Observatory), the anonymous link without a source.
    expect(await t.count('sources')).toBe(sourcesBefore + 3);
    const links: { source_id: number | null; anonymous: boolean | number; description: string | null }[] = await t.dataSource.query(
      `SELECT source_id, anonymous, description FROM attributions WHERE claim_id = ${Number(mines.id)} ORDER BY position`,
    );
    expect(links.map((l) => [l.source_id === null ? null : Number(l.source_id), Boolean(l.anonymous), l.description])).toEqual([
      [null, true, 'A military source'],
      [reuters, false, null],
    ]);
    const audit = (await t.http.get('/api/audit').query({ action: 'claim.accept_suggestion', pageSize: 50 }).set('Authorization', (await t.signIn('admin')).auth).expect(200)).body.items;
    expect(audit.filter((e: { claimId: number }) => [recaptured.id, mines.id, killed.id].includes(e.claimId))).toHaveLength(3);
    // Logged through the same path as a hand-made claim: listed with the article's claims, and not offered again.
    const claims = (await t.http.get(`/api/articles/${id}/claims`).set('Authorization', reviewer.auth).expect(200)).body.items;
    expect(claims.map((c: { id: number }) => c.id).sort()).toEqual([recaptured.id, mines.id, killed.id].sort());
    const left = (await list(id)).map((i) => i.key);
    for (const p of picked) expect(left).not.toContain(p.key);
    // Accepting the same suggestion again is refused, naming the key.
    const again = await t.http.post(`/api/articles/${id}/suggestions/accept`).set('Authorization', editor.auth).send({ keys: [picked[0].key] }).expect(422);
    expect(again.body.errors[0]).toMatchObject({ field: 'keys[0]' });
  });

  it('accepts in one transaction: when one item fails, nothing is logged and no source is created', async () => {
    const id = await newArticle(SANA_PARAGRAPH.replace('Syrian army', 'Syrian Arab Army'));
    const items = await list(id);
    const good = having(items, 'it had recaptured')!;
    const [claims, sources] = [await t.count('claims'), await t.count('sources')];
    const refused = await t.http
      .post(`/api/articles/${id}/suggestions/accept`)
      .set('Authorization', editor.auth)
      .send({ keys: [good.key, '1-2-0123456789abcdef'] })
      .expect(422);
    expect(refused.body.errors).toEqual([{ field: 'keys[1]', reason: expect.stringContaining('no open suggestion') }]);
    expect(await t.count('claims')).toBe(claims);
    expect(await t.count('sources')).toBe(sources);
    await t.http.post(`/api/articles/${id}/suggestions/accept`).set('Authorization', editor.auth).send({ keys: ['not a key'] }).expect(400);
    expect((await list(id)).map((i) => i.key)).toContain(good.key);
  });

  it('remembers a rejection: the suggestion is stored as rejected and not offered again', async () => {
    const id = await newArticle();
    const items = await list(id);
    const target = having(items, 'fighting continued')!;
    const response = await t.http.post(`/api/articles/${id}/suggestions/reject`).set('Authorization', editor.auth).send({ keys: [target.key] }).expect(200);
    expect(response.body).toEqual({ rejected: 1 });
    const stored: { start_offset: number; end_offset: number; quote_hash: string; rejected_by_id: number }[] = await t.dataSource.query(
      `SELECT start_offset, end_offset, quote_hash, rejected_by_id FROM suggestion_rejections WHERE article_id = ${id}`,
    );
    expect(stored.map((r) => [Number(r.start_offset), Number(r.end_offset), r.quote_hash.length, Number(r.rejected_by_id)])).toEqual([
      [target.start, target.end, 64, editor.id],
    ]);
    const after = await list(id);
    expect(after.map((i) => i.key)).not.toContain(target.key);
    expect(after).toHaveLength(items.length - 1);
    await t.http.post(`/api/articles/${id}/suggestions/reject`).set('Authorization', editor.auth).send({ keys: [target.key] }).expect(422);
  });
});

describe('Anonymous attribution links (POST /api/articles/:id/claims)', () => {
  let t: TestApp;
  let editor: SignedIn;
  let articleId: number;
  let sputnik: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    sputnik = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: 'Sputnik', kind: 'news_agency' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const post = (attributions: object[]) =>
    t.http
      .post(`/api/articles/${articleId}/claims`)
      .set('Authorization', editor.auth)
      .send({ text: 'Russian sappers are on their way.', quote: 'Les sapeurs russes sont en route', kind: 'event', attributions });

  it('records an anonymous source with its description on the claim, not as a registry source, and leaves it out of the ledger', async () => {
    const sources = await t.count('sources');
    const created = await post([
      { anonymous: true, description: 'une source militaire', verb: 'a indiqué', mode: 'paraphrase' },
      { sourceId: sputnik, verb: 'selon', mode: 'paraphrase' },
    ]).expect(201);
    expect(created.body.attributions[0]).toEqual({
      position: 0,
      source: null,
      anonymous: true,
      description: 'une source militaire',
      verb: 'a indiqué',
      mode: 'paraphrase',
      saidWhen: null,
      saidWhere: null,
    });
    expect(created.body.attributions[1]).toMatchObject({ source: { id: sputnik }, anonymous: false, description: null });
    expect(await t.count('sources')).toBe(sources);
    const stored: { source_id: number | null; description: string }[] = await t.dataSource.query(
      `SELECT source_id, description FROM attributions WHERE claim_id = ${Number(created.body.id)} AND position = 0`,
    );
    expect(stored).toEqual([{ source_id: null, description: 'une source militaire' }]);
    const ledger = (await t.http.get('/api/ledger').set('Authorization', editor.auth).expect(200)).body.items;
    expect(ledger.map((l: { source: { id: number } }) => l.source.id)).toEqual([sputnik]);
    const report = await t.http.get(`/api/articles/${articleId}/report`).query({ format: 'md' }).set('Authorization', editor.auth).expect(200);
    expect(report.text).toContain('anonymous: une source militaire');
  });

  it('refuses a link that is both anonymous and a source, or anonymous without a description', async () => {
    const both = await post([{ anonymous: true, sourceId: sputnik, description: 'une source', verb: 'a dit', mode: 'paraphrase' }]).expect(422);
    expect(both.body.errors).toEqual([{ field: 'attributions[0].sourceId', reason: 'must be left out when anonymous is true' }]);
    const bare = await post([{ anonymous: true, verb: 'a dit', mode: 'paraphrase' }]).expect(400);
    expect(JSON.stringify(bare.body.errors)).toContain('description');
    const neither = await post([{ verb: 'a dit', mode: 'paraphrase' }]).expect(400);
    expect(JSON.stringify(neither.body.errors)).toContain('sourceId');
    expect(await t.count('claims')).toBe(1);
  });
});
