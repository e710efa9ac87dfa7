import { articleInput, claimInput, sourceInput } from '../factories';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The web chain builder: every link it stores passes the API's own validation. */
describe('Web chain builder', () => {
  let t: TestApp;
  let editor: WebSession;
  let articleId: number;
  let sourceId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await webSession(t, 'editor');
    const auth = editor.user.auth;
    articleId = (await t.http.post('/api/articles').set('Authorization', auth).send(articleInput()).expect(201)).body.id;
    sourceId = (await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput({ name: 'Centre de réconciliation', aliases: ['CRPS'] })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  async function newClaim(): Promise<{ id: number; version: number }> {
    const response = await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.user.auth).send(claimInput()).expect(201);
    return { id: response.body.id, version: response.body.version };
  }

  const chainRows = (claimId: number): Promise<{ verb: string; mode: string; source_id: number }[]> =>
    t.dataSource.query(`SELECT verb, mode, source_id FROM attributions WHERE claim_id = ${Number(claimId)} ORDER BY position`);

  const postChain = (claimId: number, fields: Record<string, string>) =>
    t.http
      .post(`/claims/${claimId}/chain`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ _csrf: editor.csrf, links: '1', action: 'save', ...fields });

  it('refuses a link with an empty verb, an unknown mode and an over-long date, storing nothing and naming the fields', async () => {
    const claim = await newClaim();
    const response = await postChain(claim.id, {
      version: String(claim.version),
      l0_id: String(sourceId),
      l0_verb: '',
      l0_mode: '<evil>',
      l0_when: 'x'.repeat(500),
    }).expect(422);
    expect(response.text).toContain('link 1: verb');
    expect(response.text).toContain('link 1: mode');
    expect(response.text).toContain('link 1: saidWhen');
    expect(response.text).not.toContain('<evil>"');
    expect(await chainRows(claim.id)).toEqual([]);
  });

  it('saves a valid chain with the verb trimmed, as the API would', async () => {
    const claim = await newClaim();
    await postChain(claim.id, { version: String(claim.version), l0_id: String(sourceId), l0_verb: '  a indiqué ', l0_mode: 'paraphrase' }).expect(303);
    expect(await chainRows(claim.id)).toEqual([{ verb: 'a indiqué', mode: 'paraphrase', source_id: sourceId }]);
  });

  it('logs no claim and creates no source when a link of a new claim is invalid', async () => {
    const claims = await t.count('claims');
    const sources = await t.count('sources');
    const response = await t.http
      .post(`/articles/${articleId}/claims`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({
        _csrf: editor.csrf,
        action: 'save',
        quote: 'Les sapeurs syriens ont neutralisé 1230 mines',
        text: 'Syrian sappers neutralised 1,230 mines.',
        kind: 'quantity',
        links: '1',
        l0_name: 'Une source toute neuve',
        l0_kind: 'person',
        l0_verb: 'a dit',
        l0_mode: 'rumour',
      })
      .expect(422);
    expect(response.text).toContain('link 1: mode');
    expect(await t.count('claims')).toBe(claims);
    expect(await t.count('sources')).toBe(sources);
  });

  it('refuses a new source whose name the API would refuse, and a source id out of range, instead of failing in the database', async () => {
    const claim = await newClaim();
    const sources = await t.count('sources');
    const long = await postChain(claim.id, { version: String(claim.version), l0_name: 'n'.repeat(300), l0_kind: 'person', l0_verb: 'a dit', l0_mode: 'paraphrase' }).expect(422);
    expect(long.text).toContain('new source name');
    await postChain(claim.id, { version: String(claim.version), l0_id: '99999999999999999999', l0_verb: 'a dit', l0_mode: 'paraphrase' }).expect(422);
    expect(await t.count('sources')).toBe(sources);
    expect(await chainRows(claim.id)).toEqual([]);
  });
});

/**
 * With one pooled connection (DATABASE_POOL_SIZE=1, meaningful on PostgreSQL), naming sources in
 * the chain must not borrow a second connection while the transaction holds the only one.
 */
describe('Web chain builder on a pool of one connection', () => {
  let t: TestApp;
  let editor: WebSession;
  let articleId: number;
  let centre: number;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = '1';
    try {
      t = await TestApp.start();
    } finally {
      delete process.env.DATABASE_POOL_SIZE;
    }
    editor = await webSession(t, 'editor');
    const auth = editor.user.auth;
    articleId = (await t.http.post('/api/articles').set('Authorization', auth).send(articleInput()).expect(201)).body.id;
    centre = (await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput({ name: 'Centre de réconciliation', aliases: ['CRPS'] })).expect(201)).body.id;
    await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput({ name: 'Centre de presse' })).expect(201);
  });
  afterAll(() => t.close());

  it('matches names and aliases exactly (ignoring case and accents) and creates an unknown source, in one transaction', async () => {
    const claim = await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.user.auth).send(claimInput()).expect(201);
    const sources = await t.count('sources');
    await t.http
      .post(`/claims/${claim.body.id}/chain`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({
        _csrf: editor.csrf,
        action: 'save',
        version: String(claim.body.version),
        links: '4',
        ...{ l0_name: 'centre de reconciliation', l0_verb: 'a indiqué', l0_mode: 'paraphrase' },
        ...{ l1_name: 'crps', l1_verb: 'selon', l1_mode: 'paraphrase' },
        ...{ l2_name: 'Agence nouvelle', l2_kind: 'news_agency', l2_verb: 'rapporte', l2_mode: 'paraphrase' },
        // The source the row above creates, seen inside the same transaction.
        ...{ l3_name: 'AGENCE NOUVELLE', l3_verb: 'cite', l3_mode: 'paraphrase' },
      })
      .expect(303);
    const rows: { source_id: number | string }[] = await t.dataSource.query(
      `SELECT source_id FROM attributions WHERE claim_id = ${Number(claim.body.id)} ORDER BY position`,
    );
    const created = (await t.dataSource.query(`SELECT id FROM sources WHERE name = 'Agence nouvelle'`)) as { id: number | string }[];
    expect(created).toHaveLength(1);
    expect(rows.map((r) => Number(r.source_id))).toEqual([centre, centre, Number(created[0].id), Number(created[0].id)]);
    expect(await t.count('sources')).toBe(sources + 1);
  });

  it('does not take a name that only contains a source name for that source', async () => {
    const claim = await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.user.auth).send(claimInput()).expect(201);
    const refused = await t.http
      .post(`/claims/${claim.body.id}/chain`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ _csrf: editor.csrf, action: 'save', version: String(claim.body.version), links: '1', l0_name: 'Centre', l0_verb: 'a dit', l0_mode: 'paraphrase' })
      .expect(422);
    expect(refused.text).toContain('no source is named');
  });
});
