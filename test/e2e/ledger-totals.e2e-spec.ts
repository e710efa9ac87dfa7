import { LedgerRecount1767000000001 } from '../../migrations/1767000000001-ledger-recount';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

type Raw = Record<string, string | number | boolean | null>;
const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'];

/**
 * The ledger's totals are kept up to date by differences in each write's transaction
 * (src/ledger/ledger-totals.ts). This spec recounts them from the claims, chains and verdicts in
 * plain JavaScript, independently of that code, after a mixed sequence of writes.
 */
describe('Ledger totals kept in the transaction of each write', () => {
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

  /** Every (source, role) total, recounted from the source tables. */
  async function recount(): Promise<Map<string, Record<string, number | string | null>>> {
    const links: Raw[] = await t.dataSource.query('SELECT claim_id, source_id, position FROM attributions WHERE source_id IS NOT NULL');
    const claims: Raw[] = await t.dataSource.query('SELECT id, article_id, status, created_at FROM claims');
    const verdicts: Raw[] = await t.dataSource.query('SELECT id, claim_id, rating FROM verdicts ORDER BY id');
    const claimById = new Map(claims.map((c) => [Number(c.id), c]));
    const latest = new Map<number, string>();
    for (const v of verdicts) latest.set(Number(v.claim_id), String(v.rating));
    const pairs = new Set<string>();
    const totals = new Map<string, { claims: number; articles: Set<number>; published: number; ratings: Record<string, number>; seen: string[] }>();
    for (const link of links) {
      const role = Number(link.position) === 0 ? 'speaker' : 'relay';
      const pair = `${link.claim_id}:${link.source_id}:${role}`;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      const claim = claimById.get(Number(link.claim_id))!;
      const k = `${link.source_id}:${role}`;
      const entry = totals.get(k) ?? { claims: 0, articles: new Set<number>(), published: 0, ratings: Object.fromEntries(RATINGS.map((r) => [r, 0])), seen: [] };
      entry.claims += 1;
      entry.articles.add(Number(claim.article_id));
      entry.seen.push(String(claim.created_at));
      if (claim.status === 'published') {
        entry.published += 1;
        const rating = latest.get(Number(claim.id));
        if (rating) entry.ratings[rating] += 1;
      }
      totals.set(k, entry);
    }
    return new Map(
      [...totals].map(([k, e]) => {
        e.seen.sort();
        return [
          k,
          {
            claims: e.claims,
            articles: e.articles.size,
            published: e.published,
            ...Object.fromEntries(RATINGS.map((r) => [`rating_${r}`, e.ratings[r]])),
            first_seen: e.seen[0],
            last_seen: e.seen[e.seen.length - 1],
          },
        ];
      }),
    );
  }

  async function stored(): Promise<Map<string, Record<string, number | string | null>>> {
    const rows: Raw[] = await t.dataSource.query('SELECT * FROM ledger_totals');
    return new Map(
      rows.map((row) => {
        const { source_id, role, first_seen, last_seen, ...counts } = row;
        return [`${source_id}:${role}`, { ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])), first_seen: first_seen as string | null, last_seen: last_seen as string | null }];
      }),
    );
  }

  const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  const source = async (name: string) => (await t.http.post('/api/sources').set('Authorization', editor.auth).send({ name, kind: 'outlet' }).expect(201)).body as { id: number; version: number };
  const link = (sourceId: number) => ({ sourceId, verb: 'selon', mode: 'paraphrase' as const });
  const claim = async (articleId: number, chain: number[]) =>
    (
      await t.http
        .post(`/api/articles/${articleId}/claims`)
        .set('Authorization', editor.auth)
        .send(claimInput(chain.length ? { unattributed: false, attributions: chain.map(link) } : {}))
        .expect(201)
    ).body as { id: number; version: number };
  const read = async (id: number) => (await t.http.get(`/api/claims/${id}`).set('Authorization', editor.auth).expect(200)).body as { id: number; version: number };
  const move = async (id: number, who: SignedIn, to: string, reason?: string) =>
    (await t.http.post(`/api/claims/${id}/transitions`).set('Authorization', who.auth).send({ to, version: (await read(id)).version, ...(reason ? { reason } : {}) }).expect(200)).body;
  const propose = async (id: number, rating: string, who = reviewer) =>
    t.http.post(`/api/claims/${id}/verdicts`).set('Authorization', who.auth).send({ rating, rationale: 'Checked.', version: (await read(id)).version }).expect(201);

  it('equal a full recount after creates, chain edits, deletes, publishing, a correction and a source merge', async () => {
    const a1 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Totals one' })).expect(201)).body.id;
    const a2 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Totals two' })).expect(201)).body.id;
    const [s, r, x, dup] = [await source('Totals S'), await source('Totals R'), await source('Totals X'), await source('Totals S (dup)')];

    const c1 = await claim(a1, [s.id, r.id]);
    const c2 = await claim(a1, [s.id]);
    const c3 = await claim(a1, [s.id, r.id, s.id]); // S both says and relays
    const c4 = await claim(a2, [r.id, dup.id]);
    const c5 = await claim(a2, [x.id, r.id]);
    await claim(a2, []);
    expect(sorted(await stored())).toEqual(sorted(await recount()));

    // The chain of c2 replaced: S loses it as speaker, X gains it, R relays it.
    await t.http
      .put(`/api/claims/${c2.id}/attributions`)
      .set('Authorization', editor.auth)
      .send({ version: (await read(c2.id)).version, unattributed: false, attributions: [link(x.id), link(r.id)] })
      .expect(200);
    // c5 deleted: X's only article-two claim as speaker goes.
    await t.http.delete(`/api/claims/${c5.id}`).set('Authorization', editor.auth).set('If-Match', `"${(await read(c5.id)).version}"`).expect(204);
    expect(sorted(await stored())).toEqual(sorted(await recount()));

    // Through review: c1 published false, c4 published true, c3 only proposed.
    for (const [id, rating, publish] of [[c1.id, 'false', true], [c4.id, 'true', true], [c3.id, 'mixed', false]] as const) {
      await move(id, editor, 'submitted');
      await move(id, reviewer, 'in_review');
      await t.http.post(`/api/claims/${id}/evidence`).set('Authorization', reviewer.auth).send({ url: 'https://example.org/e', title: 'E', stance: 'context' }).expect(201);
      await propose(id, rating);
      if (publish) await move(id, second, 'published');
    }
    expect(sorted(await stored())).toEqual(sorted(await recount()));

    // A correction: c1 reopened (out of the published counts), re-rated misleading, published again.
    await move(c1.id, second, 'in_review', 'New figures.');
    expect(sorted(await stored())).toEqual(sorted(await recount()));
    await propose(c1.id, 'misleading', second);
    await move(c1.id, reviewer, 'published');

    // The duplicate merged into S: c4's relay moves to S.
    await t.http
      .post(`/api/sources/${dup.id}/merge`)
      .set('Authorization', editor.auth)
      .send({ intoId: s.id, version: dup.version, intoVersion: (await t.http.get(`/api/sources/${s.id}`).set('Authorization', editor.auth).expect(200)).body.version })
      .expect(200);

    const totals = await stored();
    expect(sorted(totals)).toEqual(sorted(await recount()));
    expect(totals.has(`${dup.id}:relay`)).toBe(false);
    expect(totals.get(`${s.id}:relay`)).toMatchObject({ claims: 2, articles: 2, published: 1, rating_true: 1 });
    expect(totals.get(`${s.id}:speaker`)).toMatchObject({ claims: 2, articles: 1, published: 1, rating_misleading: 1, rating_false: 0 });
    // What the API answers is read from those totals.
    const ledger = (await t.http.get(`/api/sources/${s.id}/ledger`).set('Authorization', editor.auth).expect(200)).body;
    expect(ledger.totals.speaker).toMatchObject({ claims: 2, articles: 1, published: 1, falseOrMisleading: 1 });
    expect(ledger.total).toBe(4);
    expect(ledger.claims.map((c: { claimId: number; role: string }) => `${c.claimId}:${c.role}`)).toEqual([
      `${c1.id}:speaker`,
      `${c3.id}:speaker`,
      `${c3.id}:relay`,
      `${c4.id}:relay`,
    ]);
  });

  /** A source's claims in a role as the chains say (position 0: speaker; later: relay), in article order. */
  async function fromChains(sourceId: number, role: 'speaker' | 'relay', kind?: string): Promise<number[]> {
    const rows: Raw[] = await t.dataSource.query(
      `SELECT DISTINCT c.id, c.article_id, c.start_offset, c.end_offset, c.kind FROM claims c JOIN attributions a ON a.claim_id = c.id
        WHERE a.source_id = ${sourceId} AND a.position ${role === 'speaker' ? '= 0' : '> 0'}`,
    );
    const n = (r: Raw, k: string) => Number(r[k]);
    return rows
      .filter((r) => kind === undefined || r.kind === kind)
      .sort((x, y) => n(x, 'article_id') - n(y, 'article_id') || n(x, 'start_offset') - n(y, 'start_offset') || n(x, 'end_offset') - n(y, 'end_offset') || n(x, 'id') - n(y, 'id'))
      .map((r) => Number(r.id));
  }

  /** Every page of a claim list, two claims a page, with the total each page announced. */
  async function listed(query: string): Promise<{ ids: number[]; totals: number[] }> {
    const ids: number[] = [];
    const totals: number[] = [];
    for (let page = 1; ; page++) {
      const body = (await t.http.get(`/api/claims?${query}&pageSize=2&page=${page}`).set('Authorization', editor.auth).expect(200)).body;
      expect(body.totalAtLeast).toBeUndefined(); // an exact total
      totals.push(body.total);
      ids.push(...body.items.map((c: { id: number }) => c.id));
      if (body.items.length < 2) return { ids, totals };
    }
  }

  it("lists a source's claims as speaker or as relay in article order, with their total, as the chains say", async () => {
    // These lists are read from the ledger's rows and totals (claim-reads.ts, sourceRoleScope): they must agree with the chains.
    const a = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Order one' })).expect(201)).body.id;
    const b = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Order two' })).expect(201)).body.id;
    const [p, q] = [await source('Order P'), await source('Order Q')];
    const at = async (articleId: number, quote: string, chain: number[], kind = 'quantity') =>
      (
        await t.http
          .post(`/api/articles/${articleId}/claims`)
          .set('Authorization', editor.auth)
          .send(claimInput({ quote, kind: kind as 'quantity', unattributed: false, attributions: chain.map(link) }))
          .expect(201)
      ).body as { id: number; version: number };
    // In article two, two anchors start together: the shorter one first.
    const long = await at(b, 'Les sapeurs syriens ont neutralisé 1230 mines', [p.id]);
    const short = await at(b, 'Les sapeurs syriens', [p.id, q.id], 'event');
    const late = await at(a, 'La ville est reliée par une route à Palmyre', [p.id]);
    const early = await at(a, 'Les sapeurs russes sont en route', [q.id, p.id]);
    const both = await at(a, 'Les sapeurs syriens', [p.id, q.id, p.id]);
    // Re-anchored to the start of its article: it moves ahead of the others there.
    await t.http
      .patch(`/api/claims/${late.id}`)
      .set('Authorization', editor.auth)
      .send({ quote: 'Les sapeurs syriens ont neutralisé 1230 mines', version: late.version })
      .expect(200);

    expect((await listed(`sourceId=${p.id}&sourceRole=speaker`)).ids).toEqual([both.id, late.id, short.id, long.id]);
    expect((await listed(`sourceId=${p.id}&sourceRole=relay`)).ids).toEqual([both.id, early.id]);
    expect((await listed(`sourceId=${p.id}&sourceRole=speaker&order=desc`)).ids).toEqual([long.id, short.id, late.id, both.id]);
    expect((await listed(`sourceId=${p.id}&sourceRole=speaker&kind=event`)).ids).toEqual([short.id]);

    // Every source of this database (the writes of the test above included: a merge, a replaced chain, a deletion), both roles.
    const sources: Raw[] = await t.dataSource.query('SELECT id FROM sources ORDER BY id');
    for (const { id } of sources) {
      for (const role of ['speaker', 'relay'] as const) {
        const expected = await fromChains(Number(id), role);
        const { ids, totals } = await listed(`sourceId=${id}&sourceRole=${role}`);
        expect({ id, role, ids }).toEqual({ id, role, ids: expected });
        expect(new Set(totals)).toEqual(new Set([expected.length]));
        expect((await listed(`sourceId=${id}&sourceRole=${role}&kind=quantity`)).ids).toEqual(await fromChains(Number(id), role, 'quantity'));
      }
    }
  });

  it('are counted again from the claims by migration 1767000000001, as a first start that seeded before its listeners left them', async () => {
    const before = sorted(await stored());
    expect(before.length).toBeGreaterThan(3);
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.query('DELETE FROM ledger_totals');
      await runner.query('DELETE FROM ledger_claim_roles');
      await new LedgerRecount1767000000001().up(runner);
    } finally {
      await runner.release();
    }
    expect(sorted(await stored())).toEqual(before);
    expect(sorted(await stored())).toEqual(sorted(await recount()));
  });

  it('leaves the totals untouched by a refused chain replace (stale version)', async () => {
    const a = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Totals rollback' })).expect(201)).body.id;
    const s = await source('Totals rollback S');
    const c = await claim(a, [s.id]);
    const before = sorted(await stored());
    // Refused with 409: nothing of the replace, nor of the totals, is committed.
    await t.http
      .put(`/api/claims/${c.id}/attributions`)
      .set('Authorization', editor.auth)
      .send({ version: c.version + 5, unattributed: true, attributions: [] })
      .expect(409);
    expect(sorted(await stored())).toEqual(before);
    expect(sorted(await stored())).toEqual(sorted(await recount()));
  });

  it('stay exact when dozens of claims of the same sources in new articles are created, then deleted, at the same time', async () => {
    // On PostgreSQL these writes run side by side: each must see the others' rows before counting
    // an article as new for a source, or as its last claim there.
    const a1 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Totals at once one' })).expect(201)).body.id;
    const a2 = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ title: 'Totals at once two' })).expect(201)).body.id;
    const [s, r] = [await source('Totals at once S'), await source('Totals at once R')];
    const created = await Promise.all([
      ...Array.from({ length: 24 }, () => claim(a1, [s.id, r.id])),
      ...Array.from({ length: 12 }, () => claim(a2, [r.id, s.id])),
    ]);
    expect(new Set(created.map((c) => c.id)).size).toBe(36);
    let totals = await stored();
    expect(sorted(totals)).toEqual(sorted(await recount()));
    expect(totals.get(`${s.id}:speaker`)).toMatchObject({ claims: 24, articles: 1 });
    expect(totals.get(`${s.id}:relay`)).toMatchObject({ claims: 12, articles: 1 });

    // Every claim of article one and half of article two deleted at once.
    const doomed = [...created.slice(0, 24), ...created.slice(24, 30)];
    await Promise.all(doomed.map((c) => t.http.delete(`/api/claims/${c.id}`).set('Authorization', editor.auth).set('If-Match', `"${c.version}"`).expect(204)));
    totals = await stored();
    expect(sorted(totals)).toEqual(sorted(await recount()));
    expect(totals.has(`${s.id}:speaker`)).toBe(false);
    expect(totals.get(`${s.id}:relay`)).toMatchObject({ claims: 6, articles: 1 });
    expect(totals.get(`${r.id}:speaker`)).toMatchObject({ claims: 6, articles: 1 });
  });
});
