import { SeedService } from '../../src/seed/seed.service';
import { DuplicateFixture, ENGLISH, FRENCH } from '../fixtures/duplicate-articles';
import { SignedIn, TestApp } from '../support/test-app';

interface Pair {
  claim: { id: number; quote: string };
  other: { id: number; quote: string };
  score: number;
  reasons: string[];
}

describe('Likely duplicates within an article (GET /api/articles/:id/duplicates)', () => {
  let t: TestApp;
  let editor: SignedIn;
  const as = () => ({ Authorization: editor.auth });

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    editor = await t.signIn('editor');
  });
  afterAll(() => t.close());

  const claimsOf = async (articleId: number) =>
    (await t.http.get(`/api/articles/${articleId}/claims?pageSize=100`).set(as()).expect(200)).body.items as { id: number; quote: string; start: number; end: number }[];

  it("ranks the sample article's two 1,230-mines claims first, and flags no claims whose quotes merely overlap", async () => {
    const [{ articleId }] = (await t.http.get('/api/claims?q=1230&pageSize=10').set(as()).expect(200)).body.items as { articleId: number }[];
    const claims = await claimsOf(articleId);
    const withQuote = (words: string) => claims.find((c) => c.quote.includes(words))!.id;
    const pairs = (await t.http.get(`/api/articles/${articleId}/duplicates`).set(as()).expect(200)).body.items as Pair[];
    expect([pairs[0].claim.id, pairs[0].other.id]).toEqual([withQuote('dans la ville de Palmyre'), withQuote('bombes artisanales')]);
    expect(pairs[0].reasons[0]).toBe('same number: 1,230');
    const byId = new Map(claims.map((c) => [c.id, c]));
    expect(claims.every((c) => Number.isInteger(c.start) && c.end > c.start)).toBe(true);
    for (const p of pairs) {
      const a = byId.get(p.claim.id)!;
      const b = byId.get(p.other.id)!;
      expect(a.start < b.end && b.start < a.end).toBe(false);
    }
    // "The offensive began on Tuesday" is anchored on a sentence holding "at a junction of roads to Homs, Palmyra and Damascus".
    const offensive = withQuote("L'offensive sur cette localité");
    const junction = claims.find((c) => c.quote.startsWith('se trouvant au carrefour'))!.id;
    expect(pairs.find((p) => p.claim.id === offensive && p.other.id === junction)).toBeUndefined();
    const similar = (await t.http.get(`/api/claims/${offensive}/similar`).set(as()).expect(200)).body.items as { claim: { id: number }; likelyDuplicate: boolean }[];
    expect(similar.find((s) => s.claim.id === junction)).toMatchObject({ likelyDuplicate: false });
    const mines = (await t.http.get(`/api/claims/${withQuote('dans la ville de Palmyre')}/similar`).set(as()).expect(200)).body.items;
    expect(mines[0]).toMatchObject({ claim: { id: withQuote('bombes artisanales') }, likelyDuplicate: true });
  });

  const logged = async (fixture: DuplicateFixture) => {
    const article = (
      await t.http
        .post('/api/articles')
        .set(as())
        .send({ title: fixture.title, language: fixture.language, url: `https://example.org/${fixture.language}/duplicates`, body: fixture.body })
        .expect(201)
    ).body.id as number;
    const ids = new Map<number, string>();
    for (const c of fixture.claims) {
      const created = (await t.http.post(`/api/articles/${article}/claims`).set(as()).send({ text: c.text, quote: c.quote, kind: 'quantity', unattributed: true }).expect(201)).body;
      ids.set(created.id, c.key);
    }
    const pairs = (await t.http.get(`/api/articles/${article}/duplicates`).set(as()).expect(200)).body.items as Pair[];
    return { article, ids, pairs, keys: pairs.map((p) => [ids.get(p.claim.id), ids.get(p.other.id)]) };
  };

  it('flags an English figure given twice and a claim logged twice from the same words, not the claims drawn from one sentence about other things', async () => {
    const { keys, pairs, ids } = await logged(ENGLISH);
    expect(keys).toEqual(ENGLISH.duplicates);
    expect(pairs[0].reasons).toEqual(['same numbers: 4,200, June', 'same name: Mosul', 'shared words: families, returned']);
    expect(pairs[1].reasons).toContain('overlapping quotes: compared on their wording');
    // Stored as logged: all seven claims, none changed by the lookup.
    expect(ids.size).toBe(7);
    expect(Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM claims WHERE id IN (${[...ids.keys()].join(',')}) AND version = 1`))[0].n)).toBe(7);
  });

  it('flags a French figure given twice, not the claims on who says it drawn from the same sentence', async () => {
    const { keys, pairs } = await logged(FRENCH);
    expect(keys).toEqual(FRENCH.duplicates);
    expect(pairs[0].reasons[0]).toBe('same number: 350');
  });

  it('answers 404 for an unknown article', async () => {
    await t.http.get('/api/articles/999999/duplicates').set(as()).expect(404);
  });
});
