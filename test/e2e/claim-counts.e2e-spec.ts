import { Server } from 'node:http';
import { BENCH_TOKEN, fill } from '../bench/generate';
import { Reference } from '../bench/reference';
import { TestApp } from '../support/test-app';

/**
 * Claim lists and the review queue count their matches exactly up to 1000 past the page, then
 * stop and say so (`totalAtLeast: true`), so that a broad filter or a search does not read every
 * match of a large database on each page (claim-reads.ts CLAIM_COUNT_CAP).
 */
describe('capped counts of claim lists', () => {
  let t: TestApp;
  let reference: Reference;
  let server: Server;
  let base: string;
  const auth = `Bearer ${BENCH_TOKEN}`;

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 1230);
    reference = Reference.open(t.databaseUrl);
    server = await reference.listen(0);
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await reference.close();
    await t.close();
  });

  const get = async (path: string) => (await t.http.get(path).set('Authorization', auth).expect(200)).body;
  const stored = async (where: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM claims c WHERE ${where}`))[0].n);

  it('stops counting past 1000 matches and says there are at least that many', async () => {
    expect(await stored('1 = 1')).toBe(1230);
    const body = await get('/api/claims?pageSize=50');
    expect(body.items).toHaveLength(50);
    expect(body).toMatchObject({ total: 1000, totalAtLeast: true, page: 1, pageSize: 50 });
  });

  it('counts exactly, without the flag, when the matches are fewer than the cap', async () => {
    const body = await get('/api/claims?status=published&pageSize=50');
    expect(body.total).toBe(await stored("c.status = 'published'"));
    expect(body.total).toBeLessThan(1000);
    expect(body).not.toHaveProperty('totalAtLeast');
  });

  it('counts at least as far as a page that lies past the cap', async () => {
    const body = await get('/api/claims?pageSize=50&page=24'); // claims 1151–1200: counted up to 1200, 1230 exist
    expect(body.items).toHaveLength(50);
    expect(body).toMatchObject({ total: 1200, totalAtLeast: true });
    const last = await get('/api/claims?pageSize=50&page=25'); // the last page is not full: its total is exact
    expect(last.items).toHaveLength(30);
    expect(last.total).toBe(1230);
    expect(last).not.toHaveProperty('totalAtLeast');
  });

  it('answers the same bytes as the bench reference, capped or not', async () => {
    for (const path of ['/api/claims?pageSize=50', '/api/claims?pageSize=50&page=24', '/api/claims?status=published&pageSize=50', '/api/review-queue?pageSize=50']) {
      const ours = await t.http.get(path).set('Authorization', auth).expect(200);
      const theirs = await fetch(`${base}${path}`, { headers: { authorization: auth } });
      expect(ours.text).toBe(await theirs.text());
    }
  });
});
