import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// The ledger's totals kept per (source, role), and what each claim counts for (issue 14: /api/ledger
// aggregated every attribution on every request). QueryRunner schema API, then a portable backfill
// from the existing claims. Helpers and SQL are local: a migration is frozen history.

const int = (name: string, primary = false): TableColumnOptions => ({ name, type: 'integer', isNullable: false, isPrimary: primary });
const str = (name: string, length: number, nullable = false, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  isPrimary: primary,
});
const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'];
const ROLE = "CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END";

export class LedgerTotals1766400000000 implements MigrationInterface {
  name = 'LedgerTotals1766400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ledger_claim_roles',
        columns: [
          { ...int('claim_id', true), primaryKeyConstraintName: 'pk_ledger_claim_roles' },
          { ...int('source_id', true), primaryKeyConstraintName: 'pk_ledger_claim_roles' },
          { ...str('role', 8, false, true), primaryKeyConstraintName: 'pk_ledger_claim_roles' },
          int('position'),
          int('article_id'),
          int('start_offset'),
          str('created_at', 24),
          { name: 'published', type: 'boolean', isNullable: false },
          str('rating', 16, true),
        ],
        indices: [
          { name: 'ix_ledger_claim_roles_source_order', columnNames: ['source_id', 'article_id', 'start_offset', 'claim_id', 'position'] },
          { name: 'ix_ledger_claim_roles_source_role_order', columnNames: ['source_id', 'role', 'article_id', 'start_offset', 'claim_id'] },
          { name: 'ix_ledger_claim_roles_source_role_created', columnNames: ['source_id', 'role', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ledger_totals',
        columns: [
          { ...int('source_id', true), primaryKeyConstraintName: 'pk_ledger_totals' },
          { ...str('role', 8, false, true), primaryKeyConstraintName: 'pk_ledger_totals' },
          int('claims'),
          int('articles'),
          int('published'),
          ...RATINGS.map((r) => int(`rating_${r}`)),
          str('first_seen', 24, true),
          str('last_seen', 24, true),
        ],
      }),
    );
    const postgres = q.connection.options.type === 'postgres';
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

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ledger_totals');
    await q.dropTable('ledger_claim_roles');
  }
}
