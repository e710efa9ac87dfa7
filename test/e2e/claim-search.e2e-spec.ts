import { fill } from '../bench/generate';
import { articleInput, claimInput } from '../factories';
import { fold } from '../../src/common/text';
import { SignedIn, TestApp } from '../support/test-app';

type Raw = Record<string, string | number | boolean | null>;

/**
 * `q=` looks a term up in the trigram index of the claims' folded text first (migration
 * 1767000000000-claim-search-index, claim-reads.ts searchClaims), and reads the claims by id when
 * the term matches at most 1,000; past that, in article order as before. Either way the answer
 * must be what the term matches: this spec recounts it in plain JavaScript from the tables
 * (wording and quote, or a source's name or alias, accents and case folded), for rare and frequent
 * terms on 2,500 generated claims, and follows the index through edits and deletions.
 */
describe('claim search (q=) through the trigram index', () => {
  let t: TestApp;
  let editor: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 2500);
    editor = await t.signIn('editor');
  });
  afterAll(() => t.close());

  /** The claims the term matches, in article order, recounted from the tables. */
  async function expected(term: string, status?: string): Promise<number[]> {
    const needle = fold(term);
    const claims: Raw[] = await t.dataSource.query('SELECT id, article_id, start_offset, end_offset, status, search_folded FROM claims');
    const named: Raw[] = await t.dataSource.query(
      'SELECT a.claim_id, s.name_folded AS name FROM attributions a JOIN sources s ON s.id = a.source_id ' +
        'UNION ALL SELECT a.claim_id, sa.alias_folded AS name FROM attributions a JOIN source_aliases sa ON sa.source_id = a.source_id',
    );
    const bySource = new Set(named.filter((r) => String(r.name).includes(needle)).map((r) => Number(r.claim_id)));
    const n = (r: Raw, k: string) => Number(r[k]);
    return claims
      .filter((c) => (String(c.search_folded).includes(needle) || bySource.has(n(c, 'id'))) && (status === undefined || c.status === status))
      .sort((x, y) => n(x, 'article_id') - n(y, 'article_id') || n(x, 'start_offset') - n(y, 'start_offset') || n(x, 'end_offset') - n(y, 'end_offset') || n(x, 'id') - n(y, 'id'))
      .map((c) => n(c, 'id'));
  }

  async function search(query: string): Promise<{ ids: number[]; total: number; totalAtLeast?: true }> {
    const body = (await t.http.get(`/api/claims?${query}`).set('Authorization', editor.auth).expect(200)).body;
    return { ids: body.items.map((c: { id: number }) => c.id), total: body.total, ...(body.totalAtLeast ? { totalAtLeast: body.totalAtLeast } : {}) };
  }

  /** A page as the API should answer it: that slice of the matches, their number, "at least 1,000" past the cap. */
  const pageOf = (all: number[], page: number, pageSize = 50) => ({
    ids: all.slice((page - 1) * pageSize, page * pageSize),
    total: Math.min(all.length, 1000),
    ...(all.length > 1000 ? { totalAtLeast: true as const } : {}),
  });

  it.each([
    ['a term with a hundred-odd matches', 'claim 12'],
    ['a term past the thousand the index lists by id', 'claim 1'],
    ['a rare term', 'claim 2417'],
    ['a word in most claims', 'russe'],
    // On PostgreSQL the index is asked for the rare word only and each candidate checked for the whole term (search-probe.ts).
    ['a word in every claim with a rare one', 'claim 2417:'],
    ['a word in every claim with a rare one that other numbers start with', 'claim 241'],
    ['a word in every claim, a rare one and a word in most claims', 'claim 2417: russe'],
    ['a term in sources’ names', 'source 17'],
    ['a term in the names of sources with more than a thousand claims', 'source 1'],
    ['a term in sources’ aliases', 'alias 12'],
    ['a term in no claim', 'zzzz'],
    ['a term shorter than a trigram', 'im'],
    ['capitals and accents, folded', 'CLÀIM 24'],
  ])('finds exactly the claims %s matches (%s), page by page and with a status', async (_label, term) => {
    const all = await expected(term);
    const q = encodeURIComponent(term);
    expect(await search(`q=${q}&pageSize=50`)).toEqual(pageOf(all, 1));
    expect(await search(`q=${q}&pageSize=50&page=3`)).toEqual(pageOf(all, 3));
    expect(await search(`q=${q}&pageSize=20&order=desc`)).toEqual(pageOf([...all].reverse(), 1, 20));
    expect(await search(`q=${q}&status=published&pageSize=50`)).toEqual(pageOf(await expected(term, 'published'), 1));
  });

  it('takes % and _ in a term literally, and follows edits and deletions', async () => {
    const body = 'Le centre affirme que 100% des mines sont levées. Le fichier mines_2016 le montre. Les 1000 sapeurs sont arrivés.';
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ body })).expect(201)).body.id;
    const claim = async (quote: string, text: string) =>
      (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput({ quote, text })).expect(201)).body as {
        id: number;
        version: number;
      };
    const percent = await claim('100% des mines sont levées', 'All the mines were cleared.');
    const underscore = await claim('Le fichier mines_2016 le montre', 'A file shows it.');
    const thousand = await claim('Les 1000 sapeurs sont arrivés', 'A thousand sappers arrived.');

    expect((await search('q=100%25')).ids).toEqual([percent.id]); // not "1000"
    expect((await search('q=mines_2016')).ids).toEqual([underscore.id]);
    expect((await search('q=mines%202016')).ids).toEqual([]); // "_" is not any character
    expect((await search('q=sapeurs%20sont')).ids).toEqual([thousand.id]);

    // The wording edited: found by its new words, no longer by its old ones.
    await t.http.patch(`/api/claims/${thousand.id}`).set('Authorization', editor.auth).send({ text: 'Un millier d’artificiers est arrivé.', version: thousand.version }).expect(200);
    expect((await search('q=ARTIFICIERS')).ids).toEqual([thousand.id]);
    expect((await search('q=thousand%20sappers')).ids).toEqual([]);

    // Deleted: gone from the index.
    await t.http.delete(`/api/claims/${percent.id}`).set('Authorization', editor.auth).set('If-Match', `"${percent.version}"`).expect(204);
    expect((await search('q=100%25')).ids).toEqual([]);
    expect(await search('q=claim%2012&pageSize=50')).toEqual(pageOf(await expected('claim 12'), 1));
  });
});
