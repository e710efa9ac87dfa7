import { claimConditions, latestVerdictJoin, Params } from '../../src/claims/claim-reads';
import { fill } from '../bench/generate';
import { emptyDatabaseUrl } from '../support/database';
import { queryPlan } from '../support/query-plan';
import { TestApp } from '../support/test-app';

/**
 * The plans of the hot queries, so that a regression (a dropped index, a query the planner can no
 * longer serve from one) shows here rather than in production at 100k claims. Each query has the
 * shape the services send (claim-reads.ts, ReviewService.queue, LedgerService, ReportsService).
 * On PostgreSQL, sequential scans are disabled for the EXPLAIN (the tables here are small enough
 * that it would rightly prefer them) and any index plan passes; `npm run bench` prints the rest.
 */
describe('query plans of the hot reads', () => {
  let t: TestApp;
  let postgres: boolean;

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 600);
    postgres = t.dataSource.options.type === 'postgres';
    await t.dataSource.query(postgres ? 'ANALYZE' : 'PRAGMA optimize');
  });
  afterAll(() => t.close());

  const POSITION = 'ORDER BY c.article_id, c.start_offset, c.end_offset, c.id LIMIT 50';
  it.each([
    ['claims by status and kind, in article order', `SELECT c.id FROM claims c WHERE c.status IN (?) AND c.kind IN (?) ${POSITION}`, ['published', 'quantity'], 'ix_claims_status_kind_position'],
    ['claims by kind, in article order', `SELECT c.id FROM claims c WHERE c.kind IN (?) ${POSITION}`, ['event'], 'ix_claims_kind_position'],
    ['unattributed claims, in article order', `SELECT c.id FROM claims c WHERE c.unattributed = ? ${POSITION}`, [true], 'ix_claims_unattributed_position'],
    ['an article page', `SELECT c.id FROM claims c WHERE c.article_id = ? ${POSITION}`, [3], 'ix_claims_article_position'],
    [
      'the untaken submitted claims of the review queue, oldest first',
      "SELECT c.id FROM claims c WHERE c.status = 'submitted' AND c.assignee_id IS NULL ORDER BY c.created_at, c.id LIMIT 50",
      [],
      'ix_claims_assignee_queue',
    ],
    [
      "a reviewer's own claims in the queue",
      "SELECT c.id FROM claims c WHERE c.assignee_id = ? AND c.status = 'verdict_proposed' ORDER BY c.created_at, c.id LIMIT 50",
      [2],
      'ix_claims_assignee_queue',
    ],
    [
      'the count (capped) of the untaken submitted claims, without the ones you logged',
      "SELECT COUNT(*) FROM (SELECT 1 AS one FROM claims c WHERE c.status = 'submitted' AND c.assignee_id IS NULL AND (c.created_by_id IS NULL OR c.created_by_id <> ?) LIMIT 1001) capped",
      [2],
      'COVERING INDEX ix_claims_assignee_queue',
    ],
    ['claims whose chain starts with a source', 'SELECT a.claim_id FROM attributions a WHERE a.source_id = ? AND a.position = 0', [5], 'ix_attributions_source_position'],
    [
      "a source's claims as relay, in article order (the ledger's rows drive the page)",
      'SELECT c.id FROM ledger_claim_roles l JOIN claims c ON c.id = l.claim_id WHERE l.source_id = ? AND l.role = ? ORDER BY l.article_id, l.start_offset, c.end_offset, c.id LIMIT 50',
      [5, 'relay'],
      'ix_ledger_claim_roles_source_role_order',
    ],
    ['the latest verdict of a claim', 'SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = ?', [7], 'ix_verdicts_claim'],
    [
      "a report page's corrections",
      "SELECT t.id FROM claim_transitions t WHERE t.claim_id IN (?, ?, ?) AND t.from_status = 'published' AND t.to_status = 'in_review'",
      [20, 40, 60],
      'ix_claim_transitions_claim_to_status',
    ],
    [
      "a source's ledger page, in article order",
      'SELECT r.claim_id FROM ledger_claim_roles r WHERE r.source_id = ? ORDER BY r.article_id, r.start_offset, r.claim_id, r.position LIMIT 50',
      [5],
      'ix_ledger_claim_roles_source_order',
    ],
    [
      "a source's ledger page in one role",
      'SELECT r.claim_id FROM ledger_claim_roles r WHERE r.source_id = ? AND r.role = ? ORDER BY r.article_id, r.start_offset, r.claim_id LIMIT 50',
      [5, 'relay'],
      'ix_ledger_claim_roles_source_role_order',
    ],
    [
      'whether an article already counts for a source in a role (ledger totals)',
      'SELECT 1 FROM ledger_claim_roles r WHERE r.source_id = ? AND r.role = ? AND r.article_id = ?',
      [5, 'speaker', 3],
      'ix_ledger_claim_roles_source_role_order',
    ],
    [
      "a source's first seen in a role (ledger totals)",
      'SELECT MIN(r.created_at) FROM ledger_claim_roles r WHERE r.source_id = ? AND r.role = ?',
      [5, 'speaker'],
      'ix_ledger_claim_roles_source_role_created',
    ],
  ] as [string, string, unknown[], string][])('serves %s from its index', async (_name, sql, params, index) => {
    const text = await queryPlan(t.dataSource, sql, params);
    process.stdout.write(`\n${_name}:\n${text}\n`);
    if (postgres) {
      // PostgreSQL costs its choice among several usable indexes by the table's statistics, and on
      // a few hundred rows may rightly prefer another one and a sort: only a table scan is a failure.
      expect(text).not.toMatch(/Seq Scan/);
      expect(text).toMatch(/Index/);
    } else {
      // SQLite: a search of this index, never a scan of the table or of an index in another order, nor a sort of every match
      // (sorting the claims that share an article and anchor start, in the index's order, is: "RIGHT PART OF ORDER BY").
      expect(text).toContain(index);
      expect(text).not.toMatch(/^SCAN (?!capped)|TEMP B-TREE(?! FOR RIGHT PART OF ORDER BY)/m); // scanning the capped count's own subquery is bounded
    }
  });

  it("looks up the latest verdict of each claim of a source's ledger page in the verdicts' index, never hashing every verdict", async () => {
    // The join as LedgerService sends it. PostgreSQL planned the portable form (ON v.id = (SELECT MAX(…))) as a hash join
    // over every verdict on each request, a cost that grows with the database, not with the page.
    const p = new Params(t.dataSource.manager);
    const sql =
      `SELECT r.claim_id, v.rating FROM (SELECT claim_id, article_id, start_offset, position FROM ledger_claim_roles WHERE source_id = ${p.add(5)} ` +
      `ORDER BY article_id, start_offset, claim_id, position LIMIT 50) r ${latestVerdictJoin(p, 'v', 'r.claim_id')}`;
    const text = await queryPlan(t.dataSource, sql, p.values);
    process.stdout.write(`\nthe latest verdicts of a ledger page:\n${text}\n`);
    expect(text).toContain('ix_verdicts_claim');
    expect(text).not.toMatch(postgres ? /Hash/ : /^SCAN (?!r\b)/m);
  });

  it("looks a search term (q=) up in the trigram index of the claims' folded text", async () => {
    // The statement searchClaims sends for the text (claim-reads.ts); its candidates are checked against the exact pattern.
    const sql = postgres
      ? "SELECT c.id FROM claims c WHERE c.search_folded LIKE ? ESCAPE '\\' LIMIT 1001"
      : "SELECT c.id FROM claim_text_trigrams f CROSS JOIN claims c ON c.id = f.rowid WHERE f.search_folded LIKE ? AND c.search_folded LIKE ? ESCAPE '\\' LIMIT 1001";
    const text = await queryPlan(t.dataSource, sql, postgres ? ['%claim 12%'] : ['%claim 12%', '%claim 12%']);
    process.stdout.write(`\nsearch term:\n${text}\n`);
    // SQLite: FTS5 answers LIKE from its trigrams ("L" in the index plan) only without an ESCAPE clause; PostgreSQL: pg_trgm's GIN index.
    if (postgres) expect(text).toContain('ix_claims_search_folded_trgm');
    else expect(text).toMatch(/^SCAN f VIRTUAL TABLE INDEX 0:L/m);
  });

  it("checks a dense search's matching sources claim by claim along the page, not by listing every claim of those sources", async () => {
    // The page of a term with more than 1,000 matches, some by source name (claimConditions, manyBySource): claims are
    // read in article order, and a claim whose wording does not match has its own chain checked (a correlated subquery).
    // PostgreSQL would rather hash every claim of the matching sources (a hashed SubPlan), sized for the table.
    const p = new Params(t.dataSource.manager);
    const where = claimConditions({ q: 'ville' }, p, { ids: null, manyBySource: true }).join(' AND ');
    const sql = `SELECT c.id FROM claims c WHERE ${where} ${POSITION}`;
    const text = postgres
      ? ((await t.dataSource.query(`EXPLAIN ${sql}`, p.values)) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n')
      : await queryPlan(t.dataSource, sql, p.values);
    process.stdout.write(`\ndense search with matching sources:\n${text}\n`);
    if (postgres) {
      expect(text).toMatch(/SubPlan/);
      expect(text).not.toMatch(/hashed SubPlan/);
    } else {
      expect(text).toMatch(/CORRELATED SCALAR SUBQUERY/);
    }
  });

  it('gathers planner statistics when start-up applies migrations (SQLite; PostgreSQL analyzes on its own)', async () => {
    const fresh = await TestApp.start({ databaseUrl: await emptyDatabaseUrl(), prepare: { firstStart: false } });
    try {
      const migrated: unknown[] = await fresh.dataSource.query("SELECT name FROM migrations WHERE name = 'QueryIndexes1765600000000'");
      expect(migrated).toHaveLength(1);
      if (!postgres) {
        // ANALYZE creates its statistics table (rows follow for tables that have rows).
        const stats: unknown[] = await fresh.dataSource.query("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'");
        expect(stats).toHaveLength(1);
      }
    } finally {
      await fresh.close();
    }
  });
});
