import { Transactions } from '../../src/database/transactions';
import { Source } from '../../src/sources/source.entity';
import { articleInput, claimInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

/**
 * TypeORM's SQLite drivers share one connection per data source: without the transaction queue,
 * concurrent transactions collide ("cannot start a transaction within a transaction") and a
 * write from one request can land inside another's transaction and vanish with its rollback.
 */
describe('Concurrent writes', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('loses none of sixty concurrent writes of different kinds', async () => {
    const before = { sources: await t.count('sources'), claims: await t.count('claims'), audit: await t.count('audit_events') };
    const claim = (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const requests = Array.from({ length: 60 }, (_, i) => {
      switch (i % 3) {
        case 0:
          return t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: `Concurrent source ${i}` }));
        case 1:
          return t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput({ text: `Claim ${i}` }));
        default:
          return t.http
            .post(`/api/claims/${claim.id}/evidence`)
            .set('Authorization', reviewer.auth)
            .send({ url: `https://example.org/${i}`, title: `Evidence ${i}`, stance: 'supports' });
      }
    });
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(await t.count('sources')).toBe(before.sources + 20);
    expect(await t.count('claims')).toBe(before.claims + 21);
    expect(await t.count('evidence_links')).toBe(20);
    // Every write and its audit event committed together: 1 claim + 60 writes.
    expect(await t.count('audit_events')).toBe(before.audit + 61);
  });

  it('keeps other requests out of a transaction that is open and later rolls back', async () => {
    const before = await t.count('sources');
    const failing = t.app.get(Transactions).run(async (manager) => {
      await manager.insert(Source, {
        name: 'Rolled back',
        nameFolded: 'rolled back',
        kind: 'person',
        createdAt: new Date(),
        updatedAt: new Date(),
        version: 1,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('deliberate failure after a write');
    });
    const meanwhile = Array.from({ length: 12 }, (_, i) =>
      t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput({ name: `Written meanwhile ${i}` })),
    );
    await expect(failing).rejects.toThrow('deliberate failure');
    const responses = await Promise.all(meanwhile);
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(await t.count('sources')).toBe(before + 12);
    const names: { name: string }[] = await t.dataSource.query("SELECT name FROM sources WHERE name = 'Rolled back'");
    expect(names).toEqual([]);
  });

  it('refuses a transaction opened inside another instead of deadlocking the queue', async () => {
    const tx = t.app.get(Transactions);
    await expect(tx.run(() => tx.run(async () => 'never'))).rejects.toThrow('inside a transaction');
    // The queue still serves the next unit of work.
    await expect(tx.run(async () => 'next')).resolves.toBe('next');
  });
});
