import { LedgerService } from '../../src/ledger/ledger.service';
import { SeedService } from '../../src/seed/seed.service';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

const NO_RATINGS = { true: 0, mostly_true: 0, mixed: 0, mostly_false: 0, false: 0, misleading: 0, unverifiable: 0 };
const none = { claims: 0, articles: 0, published: 0, publishedShare: 0, byRating: NO_RATINGS, falseOrMisleading: 0, firstSeen: null, lastSeen: null };

describe('Source ledger', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let second: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    second = await t.signIn('reviewer');
  });
  afterAll(() => t.close());

  const source = async (name: string): Promise<number> =>
    (await t.http.post('/api/sources').set('Authorization', editor.auth).send({ name, kind: 'outlet' }).expect(201)).body.id;
  const link = (sourceId: number) => ({ sourceId, verb: 'selon', mode: 'paraphrase' as const });
  const claim = async (articleId: number, chain: number[]) =>
    (
      await t.http
        .post(`/api/articles/${articleId}/claims`)
        .set('Authorization', editor.auth)
        .send(claimInput(chain.length ? { unattributed: false, attributions: chain.map(link) } : {}))
        .expect(201)
    ).body as { id: number; version: number };
  const move = (id: number, who: SignedIn, to: string, version: number) =>
    t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send({ to, version }).expect(200);

  /** Walks a claim through review to a proposed verdict, and publishes it unless told not to. */
  async function verdict(id: number, rating: string, publish = true): Promise<void> {
    let c = (await t.http.get(`/api/claims/${id}`).set('Authorization', editor.auth).expect(200)).body;
    c = (await move(id, editor, 'submitted', c.version)).body;
    c = (await move(id, reviewer, 'in_review', c.version)).body;
    await t.http.post(`/api/claims/${id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/e', title: 'E', stance: 'context' }).expect(201);
    c = (await t.http.post(`/api/claims/${id}/verdicts`).set('Authorization', reviewer.auth).send({ rating, rationale: 'Checked.', version: c.version }).expect(201)).body;
    if (publish) await move(id, second, 'published', c.version);
  }

  const ledger = async (id: number, query: object = {}) => (await t.http.get(`/api/sources/${id}/ledger`).query(query).set('Authorization', editor.auth).expect(200)).body;

  describe('on a fixture with known answers', () => {
    let s: number;
    let r: number;
    let x: number;
    let c1: { id: number };
    let c2: { id: number };
    let c3: { id: number };
    let c4: { id: number };
    let c5: { id: number };

    beforeAll(async () => {
      const a1 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'One' })).expect(201)).body.id;
      const a2 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Two' })).expect(201)).body.id;
      s = await source('Speaker S');
      r = await source('Relay R');
      x = await source('Other X');
      c1 = await claim(a1, [s, r]); // S says, R relays: published false
      c2 = await claim(a1, [s]); // published misleading
      c3 = await claim(a1, [s, r, s]); // S both says and relays; verdict only proposed
      c4 = await claim(a2, [r]); // R's own claim: published true
      c5 = await claim(a2, [x, r]); // draft
      await claim(a2, []); // the article's own voice: nobody's ledger
      await verdict(c1.id, 'false');
      await verdict(c2.id, 'misleading');
      await verdict(c3.id, 'true', false);
      await verdict(c4.id, 'true');
    });

    it('counts a source’s own claims and the claims it relays separately, ratings from published verdicts only', async () => {
      const body = await ledger(s);
      expect(body.source).toEqual({ id: s, name: 'Speaker S', kind: 'outlet' });
      expect(body.totals.speaker).toEqual({
        claims: 3,
        articles: 1,
        published: 2,
        publishedShare: 2 / 3,
        byRating: { ...NO_RATINGS, false: 1, misleading: 1 },
        falseOrMisleading: 2,
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
      });
      expect(body.totals.relay).toEqual({ ...none, claims: 1, articles: 1, firstSeen: expect.any(String), lastSeen: expect.any(String) });
      expect(body.totals.speaker.firstSeen <= body.totals.speaker.lastSeen).toBe(true);

      const relay = await ledger(r);
      expect(relay.totals.speaker).toMatchObject({ claims: 1, articles: 1, published: 1, publishedShare: 1, byRating: { ...NO_RATINGS, true: 1 }, falseOrMisleading: 0 });
      expect(relay.totals.relay).toMatchObject({ claims: 3, articles: 2, published: 1, byRating: { ...NO_RATINGS, false: 1 }, falseOrMisleading: 1 });
      expect((await ledger(x)).totals).toEqual({ speaker: { ...none, claims: 1, articles: 1, firstSeen: expect.any(String), lastSeen: expect.any(String) }, relay: none });
    });

    it('lists every claim with its role, position, status and latest verdict, in article order', async () => {
      const body = await ledger(s);
      expect(body.total).toBe(4);
      expect(body.claims.map((e: { claimId: number; role: string; position: number; status: string }) => [e.claimId, e.role, e.position, e.status])).toEqual([
        [c1.id, 'speaker', 0, 'published'],
        [c2.id, 'speaker', 0, 'published'],
        [c3.id, 'speaker', 0, 'verdict_proposed'],
        [c3.id, 'relay', 2, 'verdict_proposed'],
      ]);
      expect(body.claims[0].latestVerdict).toEqual({ id: expect.any(Number), rating: 'false', publishedAt: expect.any(String) });
      expect(body.claims[2].latestVerdict).toEqual({ id: expect.any(Number), rating: 'true', publishedAt: null });
      const relayOnly = await ledger(s, { role: 'relay' });
      expect(relayOnly).toMatchObject({ total: 1, claims: [{ claimId: c3.id, role: 'relay', position: 2 }] });
      const paged = await ledger(s, { pageSize: 2, page: 2 });
      expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 2, claims: [{ claimId: c3.id, role: 'speaker' }, { claimId: c3.id, role: 'relay' }] });
      expect((await ledger(r)).claims.map((e: { claimId: number; role: string }) => [e.claimId, e.role])).toEqual([
        [c1.id, 'relay'],
        [c3.id, 'relay'],
        [c4.id, 'speaker'],
        [c5.id, 'relay'],
      ]);
    });

    it('sorts the ledger by published claims rated false or misleading, paginated, and 404s an unknown source', async () => {
      const all = await t.http.get('/api/ledger').set('Authorization', editor.auth).expect(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items.map((row: { source: { id: number } }) => row.source.id)).toEqual([s, r, x]);
      expect(all.body.items[0].totals.speaker.falseOrMisleading).toBe(2);
      const second = await t.http.get('/api/ledger').query({ pageSize: 1, page: 2 }).set('Authorization', editor.auth).expect(200);
      expect(second.body).toMatchObject({ total: 3, page: 2, items: [{ source: { id: r, name: 'Relay R' } }] });
      await t.http.get('/api/sources/999999/ledger').set('Authorization', editor.auth).expect(404);
    });

    it('gives a set of sources the same totals as each source’s own ledger, in one query', async () => {
      const totals = await t.app.get(LedgerService).totalsFor([s, r, x, 999999]);
      expect([...totals.keys()].sort((a, b) => a - b)).toEqual([s, r, x].sort((a, b) => a - b));
      for (const id of [s, r, x]) expect(totals.get(id)).toEqual((await ledger(id)).totals);
    });

    it('takes a reopened claim out of the published counts until it is published again', async () => {
      const before = (await t.http.get(`/api/claims/${c2.id}`).set('Authorization', editor.auth).expect(200)).body;
      await t.http.post(`/api/claims/${c2.id}/transitions`).set('Authorization', second.auth).send({ to: 'in_review', version: before.version, reason: 'Recheck.' }).expect(200);
      expect((await ledger(s)).totals.speaker).toMatchObject({ claims: 3, published: 1, byRating: { ...NO_RATINGS, false: 1 }, falseOrMisleading: 1 });
    });
  });

  describe('on the sample article', () => {
    const find = async (name: string): Promise<number> => {
      const response = await t.http.get('/api/sources').query({ q: name }).set('Authorization', editor.auth).expect(200);
      return response.body.items[0].id;
    };

    it('counts the sample article’s sources exactly, before and after verdicts', async () => {
      const { articleId } = await t.app.get(SeedService).seedSample();
      const centre = await find('Centre pour la réconciliation');
      const sputnik = await find('Sputnik');
      const inn = await find('INN Lebanon');
      expect((await ledger(centre)).totals).toEqual({
        speaker: { ...none, claims: 3, articles: 1, firstSeen: expect.any(String), lastSeen: expect.any(String) },
        relay: none,
      });
      expect((await ledger(sputnik)).totals.speaker.claims).toBe(1);
      expect((await ledger(sputnik)).totals.relay).toEqual(none); // the Centre's statements are not chained through Sputnik

      const claims = (await t.http.get(`/api/articles/${articleId}/claims`).query({ pageSize: 100 }).set('Authorization', editor.auth).expect(200)).body.items as {
        id: number;
        attributions: { source: { id: number } }[];
      }[];
      expect(claims).toHaveLength(37);
      const of = (id: number) => claims.filter((c) => c.attributions.some((a) => a.source.id === id));
      const [mines, ongoing, iedCount] = of(centre);
      await verdict(mines.id, 'misleading');
      await verdict(ongoing.id, 'true');
      await verdict(iedCount.id, 'mostly_true', false);
      await verdict(of(sputnik)[0].id, 'true');
      await verdict(of(inn)[0].id, 'false');

      expect((await ledger(centre)).totals.speaker).toEqual({
        claims: 3,
        articles: 1,
        published: 2,
        publishedShare: 2 / 3,
        byRating: { ...NO_RATINGS, true: 1, misleading: 1 },
        falseOrMisleading: 1,
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
      });
      expect((await ledger(inn)).totals.speaker).toMatchObject({ claims: 2, published: 1, publishedShare: 0.5, falseOrMisleading: 1 });
      const centreEntries = (await ledger(centre)).claims.map((e: { claimId: number; status: string; latestVerdict: { rating: string } | null }) => [
        e.claimId,
        e.status,
        e.latestVerdict?.rating,
      ]);
      expect(centreEntries).toEqual([
        [mines.id, 'published', 'misleading'],
        [ongoing.id, 'published', 'true'],
        [iedCount.id, 'verdict_proposed', 'mostly_true'],
      ]);

      // Sputnik's single claim was rated true: it sorts below the Centre and INN Lebanon.
      const all = (await t.http.get('/api/ledger').query({ pageSize: 200 }).set('Authorization', editor.auth).expect(200)).body;
      const order = all.items.map((row: { source: { id: number } }) => row.source.id);
      expect(order.indexOf(centre)).toBeLessThan(order.indexOf(sputnik));
      expect(order.indexOf(inn)).toBeLessThan(order.indexOf(sputnik));
      // 3 fixture sources + the 6 sample sources that the article names (the parents name none).
      expect(all.total).toBe(9);
    });
  });
});
