import { sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

describe('Sources', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
  });
  afterAll(() => t.close());

  const create = (body: object, who = editor) => t.http.post('/api/sources').set('Authorization', who.auth).send(body);

  it('creates a source with aliases, a parent and an affiliation note, and audits it', async () => {
    const ministry = await create(sourceInput({ name: 'ministère russe de la Défense', kind: 'government_body', country: 'RU' })).expect(201);
    const response = await create({
      name: 'Sergueï Roudskoï',
      kind: 'person',
      country: 'RU',
      aliases: ['Sergei Rudskoy', 'Rudskoy'],
      parentId: ministry.body.id,
      description: "chef du département Opérations de l'état-major général russe",
      affiliationNote: 'Russian Armed Forces officer',
    }).expect(201);
    expect(response.body).toMatchObject({
      name: 'Sergueï Roudskoï',
      kind: 'person',
      aliases: ['Sergei Rudskoy', 'Rudskoy'],
      parent: { id: ministry.body.id, name: 'ministère russe de la Défense', kind: 'government_body' },
      version: 1,
    });
    const audit: { action: string; user_id: number }[] = await t.dataSource.query(
      `SELECT action, user_id FROM audit_events WHERE entity_type = 'source' AND entity_id = ${Number(response.body.id)}`,
    );
    expect(audit).toEqual([{ action: 'source.create', user_id: editor.id }]);
  });

  it('finds sources by name or alias ignoring case and accents', async () => {
    for (const q of ['roudskoi', 'ROUDSKOÏ', 'rudskoy', 'serguei']) {
      const response = await t.http.get('/api/sources').query({ q }).set('Authorization', reviewer.auth).expect(200);
      expect(response.body.items.map((s: { name: string }) => s.name)).toEqual(['Sergueï Roudskoï']);
    }
    const none = await t.http.get('/api/sources').query({ q: '%' }).set('Authorization', reviewer.auth).expect(200);
    expect(none.body.total).toBe(0);
  });

  it('refuses a duplicate name, even with other accents or case, with 409 and the field', async () => {
    const response = await create(sourceInput({ name: 'SERGUEI ROUDSKOI' })).expect(409);
    expect(response.body.errors).toEqual([{ field: 'name', reason: expect.stringContaining('already used') }]);
  });

  it('refuses an unknown parent with 422, and a loop of affiliations', async () => {
    const missing = await create(sourceInput({ parentId: 99999 })).expect(422);
    expect(missing.body.errors).toEqual([{ field: 'parentId', reason: 'no source with id 99999' }]);
    const unit = await create(sourceInput({ kind: 'military_unit' })).expect(201);
    const person = await create(sourceInput({ kind: 'person', parentId: unit.body.id })).expect(201);
    const loop = await t.http
      .patch(`/api/sources/${unit.body.id}`)
      .set('Authorization', editor.auth)
      .send({ version: 1, parentId: person.body.id })
      .expect(422);
    expect(loop.body.errors[0].field).toBe('parentId');
  });

  it('refuses bad kinds, countries and homepages with each field named', async () => {
    const response = await create({ name: 'X', kind: 'blog', country: 'Russia', homepage: 'javascript:alert(1)' }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'homepage', 'kind']);
  });

  it('updates with optimistic locking: a stale version gets 409 and changes nothing', async () => {
    const source = await create(sourceInput({ name: 'Al Mayadeen', kind: 'outlet' })).expect(201);
    await t.http
      .patch(`/api/sources/${source.body.id}`)
      .set('Authorization', editor.auth)
      .send({ version: 1, country: 'LB', aliases: ['الميادين'] })
      .expect(200);
    const stale = await t.http
      .patch(`/api/sources/${source.body.id}`)
      .set('Authorization', editor.auth)
      .send({ version: 1, country: 'SY' })
      .expect(409);
    expect(stale.body.currentVersion).toBe(2);
    const now = await t.http.get(`/api/sources/${source.body.id}`).set('Authorization', reviewer.auth).expect(200);
    expect(now.body).toMatchObject({ country: 'LB', aliases: ['الميادين'], version: 2 });
  });

  it('refuses null for a required field on update instead of failing in the database', async () => {
    const source = await create(sourceInput()).expect(201);
    const response = await t.http
      .patch(`/api/sources/${source.body.id}`)
      .set('Authorization', editor.auth)
      .send({ version: 1, name: null, kind: null, country: null })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name', 'name']);
  });

  it('clears the aliases when they are set to null', async () => {
    const source = await create(sourceInput({ aliases: ['One', 'Two'] })).expect(201);
    const response = await t.http.patch(`/api/sources/${source.body.id}`).set('Authorization', editor.auth).send({ version: 1, aliases: null }).expect(200);
    expect(response.body.aliases).toEqual([]);
  });

  it('lets reviewers read but not write sources', async () => {
    await create(sourceInput(), reviewer).expect(403);
    await t.http.get('/api/sources').set('Authorization', reviewer.auth).expect(200);
  });

  it('paginates and filters by kind in SQL', async () => {
    const response = await t.http
      .get('/api/sources')
      .query({ kind: 'outlet', pageSize: 1, page: 1 })
      .set('Authorization', reviewer.auth)
      .expect(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 1, total: 1 });
    expect(response.body.items[0].kind).toBe('outlet');
    await t.http.get('/api/sources').query({ pageSize: 500 }).set('Authorization', reviewer.auth).expect(400);
  });
});
