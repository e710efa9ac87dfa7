import { DataSource } from 'typeorm';
import { claimInput } from '../../factories';
import { dropDatabase, emptyDatabaseUrl } from '../../support/database';
import { TestApp } from '../../support/test-app';

/**
 * Two Claimtrail instances behind a load balancer, sharing one PostgreSQL database: each has its
 * own Nest application, DataSource and connection pool, as two processes would.
 */
describe('Two instances on one PostgreSQL database', () => {
  let url: string;
  let a: TestApp;
  let b: TestApp;
  let printed: string[];

  beforeAll(async () => {
    url = await emptyDatabaseUrl();
    process.env.SEED_ON_FIRST_START = 'true';
    printed = [];
    // The console is where the first start prints the admin password: read it there.
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      // Both start at once on an empty database: migrations, the first admin and the sample.
      [a, b] = await Promise.all([
        TestApp.start({ databaseUrl: url, prepare: { firstStart: true } }),
        TestApp.start({ databaseUrl: url, prepare: { firstStart: true } }),
      ]);
    } finally {
      spy.mockRestore();
      process.env.SEED_ON_FIRST_START = 'false';
    }
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase(url);
  });

  it('start together on an empty database: one migrates and creates the admin, the other finds it done', async () => {
    const migrations: { name: string }[] = await a.dataSource.query('SELECT name FROM migrations');
    expect(migrations.map((m) => m.name).sort()).toEqual(a.dataSource.migrations.map((m) => m.name).sort());
    expect(await a.count('users')).toBe(1);
    expect(await a.count('articles')).toBe(1);
    expect(await a.count('claims')).toBe(37);
    const passwords = [...printed.join('').matchAll(/password: (\S+)/g)].map((m) => m[1]);
    expect(passwords).toHaveLength(1);
    const [password] = passwords;
    // The printed password is the admin's, on either instance.
    await a.http.post('/api/auth/login').send({ username: 'admin', password }).expect(200);
    await b.http.post('/api/auth/login').send({ username: 'admin', password }).expect(200);
    for (const t of [a, b]) {
      const health = await t.http.get('/health').expect(200);
      expect(health.body.database).toEqual({ type: 'postgres', connected: true, migrationsPending: false, writable: true });
    }
  });

  it('accept a sign-in token issued by either one, and a logout on one signs out of both', async () => {
    const editor = await a.signIn('editor');
    await b.http.get('/api/auth/me').set('Authorization', editor.auth).expect(200);
    await b.http.post('/api/auth/logout').set('Authorization', editor.auth).expect(204);
    await a.http.get('/api/articles').set('Authorization', editor.auth).expect(401);
    await b.http.get('/api/articles').set('Authorization', editor.auth).expect(401);
  });

  it('let exactly one of two concurrent conflicting edits win, the other getting 409, each time', async () => {
    const editor = await a.signIn('editor');
    const created = await a.http.post('/api/articles/1/claims').set('Authorization', editor.auth).send(claimInput({ quote: 'Palmyre', occurrence: 1 })).expect(201);
    const id = created.body.id as number;
    const winners: string[] = [];
    for (let round = 1; round <= 8; round++) {
      const [fromA, fromB] = await Promise.all([
        a.http.patch(`/api/claims/${id}`).set('Authorization', editor.auth).send({ version: round, note: `A${round}` }),
        b.http.patch(`/api/claims/${id}`).set('Authorization', editor.auth).send({ version: round, note: `B${round}` }),
      ]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 409]);
      const [won, lost] = fromA.status === 200 ? [fromA, fromB] : [fromB, fromA];
      expect(won.body).toMatchObject({ version: round + 1 });
      expect(lost.body).toMatchObject({ statusCode: 409 });
      winners.push(won.body.note as string);
    }
    // What is stored is the last winner's, and the history has every winning edit, no other.
    const stored = await b.http.get(`/api/claims/${id}`).set('Authorization', editor.auth).expect(200);
    expect(stored.body).toMatchObject({ version: 9, note: winners.at(-1) });
    const events: { after: string }[] = await a.dataSource.query(
      "SELECT after FROM audit_events WHERE entity_type = 'claim' AND entity_id = $1 AND action = 'claim.update' ORDER BY id",
      [id],
    );
    expect(events.map((e) => JSON.parse(e.after).note)).toEqual(winners);
  });

  it('answer 412 through either one to an If-Match that the other has made stale', async () => {
    const editor = await a.signIn('editor');
    const created = await a.http.post('/api/articles/1/claims').set('Authorization', editor.auth).send(claimInput({ quote: 'Palmyre', occurrence: 2 })).expect(201);
    await a.http.patch(`/api/claims/${created.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').send({ note: 'first' }).expect(200);
    await b.http.patch(`/api/claims/${created.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').send({ note: 'second' }).expect(412);
    const stored: { note: string; version: number }[] = await b.dataSource.query('SELECT note, version FROM claims WHERE id = $1', [created.body.id]);
    expect(stored).toEqual([{ note: 'first', version: 2 }]);
  });

  it('lose nothing when both write at once without conflicting', async () => {
    const editor = await a.signIn('editor');
    const claims = await a.http.get('/api/articles/1/claims?pageSize=10').set('Authorization', editor.auth).expect(200);
    const claimId = claims.body.items[0].id as number;
    const before = await a.count('audit_events');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).http
          .post(`/api/claims/${claimId}/evidence`)
          .set('Authorization', editor.auth)
          .send({ url: `https://example.org/concurrent/${i}`, title: `Report ${i}`, stance: 'context' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const urls: { url: string }[] = await (b.dataSource as DataSource).query('SELECT url FROM evidence_links WHERE claim_id = $1', [claimId]);
    expect(urls.map((u) => u.url).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `https://example.org/concurrent/${i}`).sort());
    expect(await a.count('audit_events')).toBe(before + 20);
  });
});
