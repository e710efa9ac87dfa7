import { MigrationInterface, QueryRunner } from 'typeorm';

// The ledger's rows and totals counted again from the claims (issue 14). Until the audit's
// listeners subscribed when built, a server's first start loaded the sample article before they
// listened, so its claims were missing from `ledger_claim_roles` and `ledger_totals`: the ledger
// showed nothing for the sample's sources, and the lists of a source as speaker or relay, which
// read those rows, none of its claims. Both tables are derived: emptied and filled again, with the
// statements of 1766400000000-ledger-totals. Frozen history: the SQL is local to this file.

const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'];
const ROLE = "CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END";

export class LedgerRecount1767000000001 implements MigrationInterface {
  name = 'LedgerRecount1767000000001';

  public async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    await q.query('DELETE FROM ledger_totals');
    await q.query('DELETE FROM ledger_claim_roles');
    await q.query(
      `INSERT INTO ledger_claim_roles (claim_id, source_id, role, position, article_id, start_offset, created_at, published, rating)
       SELECT c.id, a.source_id, ${ROLE}, MIN(a.position), c.article_id, c.start_offset, c.created_at,
              ${postgres ? "c.status = 'published'" : "CASE WHEN c.status = 'published' THEN 1 ELSE 0 END"},
              (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1)
         FROM attributions a JOIN claims c ON c.id = a.claim_id
        WHERE a.source_id IS NOT NULL
        GROUP BY a.source_id, ${ROLE}, c.id, c.article_id, c.start_offset, c.created_at, c.status`,
    );
    const published = postgres ? 'r.published' : 'r.published = 1';
    await q.query(
      `INSERT INTO ledger_totals (source_id, role, claims, articles, published, ${RATINGS.map((r) => `rating_${r}`).join(', ')}, first_seen, last_seen)
       SELECT r.source_id, r.role, COUNT(*), COUNT(DISTINCT r.article_id), SUM(CASE WHEN ${published} THEN 1 ELSE 0 END),
              ${RATINGS.map((rating) => `SUM(CASE WHEN ${published} AND r.rating = '${rating}' THEN 1 ELSE 0 END)`).join(', ')},
              MIN(r.created_at), MAX(r.created_at)
         FROM ledger_claim_roles r GROUP BY r.source_id, r.role`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: the rows are what the claims say, before and after.
  }
}
