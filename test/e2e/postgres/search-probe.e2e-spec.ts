import { Params, postgresTextArm, SEARCH_ID_LIMIT } from '../../../src/claims/claim-reads';
import { trigramsOf } from '../../../src/claims/search-probe';
import { fill } from '../../bench/generate';
import { queryPlan } from '../../support/query-plan';
import { TestApp } from '../../support/test-app';

/**
 * On PostgreSQL a search term is looked up in pg_trgm's index by the parts of it that are not in
 * most claims (src/claims/search-probe.ts), and each candidate is checked for the whole term.
 * claim-search.e2e-spec proves the answers are exact on both databases; this proves the model of
 * pg_trgm the choice rests on, and that the index is not asked for the frequent word.
 */
describe('the trigram index asked for the rare parts of a search term (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 2500);
    await t.dataSource.query('ANALYZE');
  });
  afterAll(() => t.close());

  it("takes from a text the trigrams pg_trgm's show_trgm does", async () => {
    const texts = ['claim 2417: ville sapeurs', "l'armee russe a deja leve 1 000 mines a palmyre.", 'al-qaryatayn, 3334-9: "selon" le centre', 'x  yz 12ab'];
    for (const text of texts) {
      const [row]: { trigrams: string[] }[] = await t.dataSource.query('SELECT show_trgm($1) AS trigrams', [text]);
      expect([...trigramsOf(text)].sort()).toEqual([...row.trigrams].sort());
    }
  });

  it('asks the index for the rare word of a term whose other word is in every claim, and checks the whole term on the candidates', async () => {
    const p = new Params(t.dataSource.manager);
    const sql = await postgresTextArm(t.dataSource.manager, p, 'claim 2417:', SEARCH_ID_LIMIT + 1);
    const ids: { id: number }[] = await t.dataSource.query(sql, p.values);
    const scanned: { id: number }[] = await t.dataSource.query("SELECT id FROM claims WHERE strpos(search_folded, 'claim 2417:') > 0");
    expect(ids.map((r) => r.id).sort()).toEqual(scanned.map((r) => r.id).sort());
    expect(ids).toHaveLength(1);

    const plan = await queryPlan(t.dataSource, sql, p.values); // sequential scans off: 2,500 claims are rightly read whole
    process.stdout.write(`\nclaim 2417: ->\n${plan}\n`);
    const lookedUp = plan.match(/Index Cond: (.*)/)?.[1] ?? '';
    expect(lookedUp).toContain('2417:');
    expect(lookedUp).not.toContain('claim');
    expect(plan).toMatch(/strpos\(search_folded, 'claim 2417:'::text\) > 0/);
  });
});
