import { Server } from 'node:http';
import { BENCH_TOKEN, fill } from '../bench/generate';
import { Reference } from '../bench/reference';
import { TestApp } from '../support/test-app';

/**
 * `npm run bench` compares Claimtrail with a hand-written reference server (test/bench/reference.ts)
 * on the same database. The comparison is fair only if both answer the same bytes: this proves it
 * for every request the bench sends, on bench data made by the bench's own generator.
 */
describe('bench reference server', () => {
  let t: TestApp;
  let reference: Reference;
  let server: Server;
  let base: string;
  const auth = `Bearer ${BENCH_TOKEN}`;

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 400);
    reference = Reference.open(t.databaseUrl);
    server = await reference.listen(0);
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await reference.close();
    await t.close();
  });

  const fromReference = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { authorization: auth, 'content-type': 'application/json' } });
    return { status: response.status, text: await response.text() };
  };

  it.each([
    ['an article page of 50 claims with chains', '/api/articles/3/claims?pageSize=50'],
    ['an article page filtered by status', '/api/articles/2/claims?status=published,in_review&pageSize=50'],
    ['claims filtered by status and kind', '/api/claims?status=draft&kind=quantity&pageSize=50'],
    ['a text search, second page', '/api/claims?q=PALMYRE&pageSize=20&page=2'],
    ['claims naming a source as speaker', '/api/claims?sourceId=5&sourceRole=speaker&pageSize=50'],
    ['claims naming a source anywhere', '/api/claims?sourceId=7&pageSize=50'],
    ['unattributed claims', '/api/claims?unattributed=true&pageSize=50'],
    ['a published, corrected claim', '/api/claims/20'],
    ['a claim in review', '/api/claims/7'],
    ['the review queue', '/api/review-queue?pageSize=50'],
    ["a source's ledger", '/api/sources/5/ledger?pageSize=50'],
    ["a source's ledger as relay, a page of 5", '/api/sources/9/ledger?role=relay&pageSize=5&page=2'],
  ])('answers byte-identical JSON for %s', async (_name, path) => {
    const ours = await t.http.get(path).set('Authorization', auth);
    const theirs = await fromReference(path);
    expect(ours.status).toBe(200);
    expect(theirs.status).toBe(200);
    expect(ours.text.length).toBeGreaterThan(100);
    expect(theirs.text).toBe(ours.text);
  });

  it('answers the same detail for a claim created with a 2-link chain, and both store the claim, its chain and its audit event', async () => {
    const [article] = await t.dataSource.query('SELECT id, body FROM articles WHERE id = 4');
    const body = String(article.body);
    const input = (start: number) => ({
      text: 'Bench claim',
      quote: body.slice(start, start + 40),
      start,
      end: start + 40,
      kind: 'event',
      attributions: [
        { sourceId: 3, verb: 'a indiqué', mode: 'paraphrase', saidWhen: 'samedi' },
        { sourceId: 8, verb: 'écrit', mode: 'direct' },
      ],
    });
    const editor = await t.signIn('editor');
    const claimsBefore = await t.count('claims');
    const ours = await t.http.post('/api/articles/4/claims').set('Authorization', editor.auth).send(input(10)).expect(201);
    const reviewerAnswer = await fromReference('/api/articles/4/claims', { method: 'POST', body: JSON.stringify(input(20)) });
    expect(reviewerAnswer.status).toBe(403); // the bench token is a reviewer's: editors log claims
    const theirs = await fetch(`${base}/api/articles/4/claims`, {
      method: 'POST',
      headers: { authorization: editor.auth, 'content-type': 'application/json' },
      body: JSON.stringify(input(20)),
    });
    expect(theirs.status).toBe(201);
    const referenceBody = await theirs.json();
    const comparable = (detail: Record<string, unknown>) => ({ ...detail, id: 0, quote: '', start: 0, end: 0, createdAt: '', updatedAt: '' });
    expect(comparable(referenceBody)).toEqual(comparable(ours.body));
    expect(Object.keys(referenceBody)).toEqual(Object.keys(ours.body));
    expect(await t.count('claims')).toBe(claimsBefore + 2);
    for (const id of [ours.body.id, referenceBody.id]) {
      const chain = await t.dataSource.query(`SELECT source_id FROM attributions WHERE claim_id = ${Number(id)} ORDER BY position`);
      expect(chain.map((a: { source_id: number }) => Number(a.source_id))).toEqual([3, 8]);
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE claim_id = ${Number(id)}`);
      expect(audit).toEqual([{ action: 'claim.create' }]);
    }
  });

  it('answers byte-identical JSON for anonymous links, a search by source name and verdicts reused or set aside', async () => {
    const [link] = await t.dataSource.query(
      'SELECT a.claim_id FROM attributions a JOIN claims c ON c.id = a.claim_id WHERE c.article_id = 3 AND a.position = 0 ORDER BY a.claim_id',
    );
    await t.dataSource.query(
      `UPDATE attributions SET source_id = NULL, anonymous = TRUE, description = 'une source proche du dossier' WHERE claim_id = ${Number(link.claim_id)} AND position = 0`,
    );
    const verdicts: { id: number }[] = await t.dataSource.query('SELECT id FROM verdicts WHERE claim_id = 20 ORDER BY id');
    expect(verdicts.length).toBeGreaterThan(0);
    const [other] = await t.dataSource.query('SELECT id FROM verdicts WHERE claim_id <> 20 ORDER BY id');
    await t.dataSource.query(
      `UPDATE verdicts SET wording_version = 1, reuses_verdict_id = ${Number(other.id)}, invalidated_at = '2026-11-25T12:00:00.000Z' WHERE id = ${Number(verdicts[0].id)}`,
    );
    const [source] = await t.dataSource.query('SELECT name FROM sources WHERE id = 5');
    for (const path of [
      '/api/articles/3/claims?pageSize=50',
      `/api/claims/${Number(link.claim_id)}`,
      '/api/claims/20',
      `/api/claims?q=${encodeURIComponent(String(source.name))}&pageSize=20`,
      '/api/claims?createdById=1&pageSize=20',
    ]) {
      const ours = await t.http.get(path).set('Authorization', auth);
      const theirs = await fromReference(path);
      expect([path, ours.status]).toEqual([path, 200]);
      expect([path, theirs.status]).toEqual([path, 200]);
      expect(theirs.text).toBe(ours.text);
    }
    const anonymous = (await t.http.get(`/api/claims/${Number(link.claim_id)}`).set('Authorization', auth)).body;
    expect(anonymous.attributions[0]).toMatchObject({ source: null, anonymous: true, description: 'une source proche du dossier' });
    const detail = (await t.http.get('/api/claims/20').set('Authorization', auth)).body;
    expect(detail.verdicts[0]).toMatchObject({ reusesVerdictId: Number(other.id), wordingVersion: 1, invalidatedAt: '2026-11-25T12:00:00.000Z' });
  });

  it('answers 404 on both for an article that does not exist', async () => {
    const ours = await t.http.get('/api/articles/99999/claims').set('Authorization', auth);
    const theirs = await fromReference('/api/articles/99999/claims');
    expect([ours.status, theirs.status]).toEqual([404, 404]);
  });
});
