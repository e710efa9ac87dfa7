import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableForeignKey } from 'typeorm';
import { claimMatchSource, matchText } from '../src/matching/normalise';

// Claim matching (issue 11): the text search engines, clusters of "the same claim", dismissed
// matches, fact-checks published elsewhere, and a verdict's reference to the verdict it reuses.
//
// This is the one place that branches on the database: SQLite gets FTS5 tables kept in sync by
// triggers (so every claim write updates the index in its own transaction, whoever writes), and
// PostgreSQL a GIN index on to_tsvector('simple', match_text) (maintained by PostgreSQL itself;
// 'simple' needs no extension, and match_text is already folded and stemmed by the app).
//
// Filling match_text for rows that exist already uses the app's normaliser: the one exception to
// "migrations are frozen", because the stored keys must be the keys queries compute.
// `npm run cli -- search:reindex` recomputes them if the normaliser changes.

const id = (table: string): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
  primaryKeyConstraintName: `pk_${table}`,
});
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);

/** The SQLite full-text tables: rowid = the row's id, body = its match_text. */
const FTS: { table: string; fts: string }[] = [
  { table: 'claims', fts: 'claim_search' },
  { table: 'external_fact_checks', fts: 'fact_check_search' },
];

export class ClaimMatching1765800000000 implements MigrationInterface {
  name = 'ClaimMatching1765800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('claims', new TableColumn({ name: 'match_text', type: 'text', isNullable: false, default: "''" }));
    const claims: { id: number; text: string; quote: string }[] = await q.query('SELECT id, text, quote FROM claims');
    const update = q.connection.driver.options.type === 'postgres' ? 'UPDATE claims SET match_text = $1 WHERE id = $2' : 'UPDATE claims SET match_text = ? WHERE id = ?';
    for (const c of claims) await q.query(update, [matchText(claimMatchSource(c)), c.id]);

    await q.addColumn('verdicts', new TableColumn({ name: 'reuses_verdict_id', type: 'integer', isNullable: true }));
    await q.createForeignKey(
      'verdicts',
      new TableForeignKey({ name: 'fk_verdicts_reuses_verdict', columnNames: ['reuses_verdict_id'], referencedTableName: 'verdicts', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
    );

    await q.createTable(
      new Table({
        name: 'claim_clusters',
        columns: [id('claim_clusters'), str('canonical_text', 2000), int('created_by_id', true), instant('created_at'), instant('updated_at')],
        foreignKeys: [{ name: 'fk_claim_clusters_created_by', columnNames: ['created_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'claim_cluster_members',
        columns: [
          { name: 'claim_id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'pk_claim_cluster_members' },
          int('cluster_id'),
          int('added_by_id', true),
          instant('added_at'),
        ],
        foreignKeys: [
          { name: 'fk_claim_cluster_members_claim', columnNames: ['claim_id'], referencedTableName: 'claims', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_claim_cluster_members_cluster', columnNames: ['cluster_id'], referencedTableName: 'claim_clusters', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_claim_cluster_members_added_by', columnNames: ['added_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ name: 'ix_claim_cluster_members_cluster_id', columnNames: ['cluster_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'claim_match_dismissals',
        columns: [id('claim_match_dismissals'), int('claim_id'), int('other_claim_id'), int('dismissed_by_id', true), instant('dismissed_at')],
        foreignKeys: [
          { name: 'fk_claim_match_dismissals_claim', columnNames: ['claim_id'], referencedTableName: 'claims', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_claim_match_dismissals_other_claim', columnNames: ['other_claim_id'], referencedTableName: 'claims', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_claim_match_dismissals_dismissed_by', columnNames: ['dismissed_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [
          { name: 'uq_claim_match_dismissals_pair', columnNames: ['claim_id', 'other_claim_id'], isUnique: true },
          { name: 'ix_claim_match_dismissals_other_claim_id', columnNames: ['other_claim_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'external_fact_checks',
        columns: [
          id('external_fact_checks'),
          str('url', 2048),
          str('publisher', 500, true),
          text('claim_reviewed'),
          str('claimant', 500, true),
          str('rating', 500, true),
          str('review_date', 10, true),
          str('language', 35, true),
          { name: 'match_text', type: 'text', isNullable: false, default: "''" },
          instant('imported_at'),
        ],
        indices: [{ name: 'uq_external_fact_checks_url', columnNames: ['url'], isUnique: true }],
      }),
    );

    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE INDEX ix_claims_match_tsv ON claims USING gin (to_tsvector('simple', match_text))`);
      await q.query(`CREATE INDEX ix_external_fact_checks_match_tsv ON external_fact_checks USING gin (to_tsvector('simple', match_text))`);
    } else {
      for (const { table, fts } of FTS) {
        await q.query(`CREATE VIRTUAL TABLE ${fts} USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`);
        // How many rows hold each term: lets a query leave out keys too common to pick candidates.
        await q.query(`CREATE VIRTUAL TABLE ${fts}_terms USING fts5vocab(${fts}, 'row')`);
        await q.query(`INSERT INTO ${fts}(rowid, body) SELECT id, match_text FROM ${table}`);
        await q.query(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN INSERT INTO ${fts}(rowid, body) VALUES (new.id, new.match_text); END`);
        await q.query(
          `CREATE TRIGGER ${fts}_update AFTER UPDATE OF match_text ON ${table} BEGIN ` +
            `DELETE FROM ${fts} WHERE rowid = old.id; INSERT INTO ${fts}(rowid, body) VALUES (new.id, new.match_text); END`,
        );
        await q.query(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN DELETE FROM ${fts} WHERE rowid = old.id; END`);
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query('DROP INDEX IF EXISTS ix_claims_match_tsv');
    } else {
      for (const { fts } of FTS) {
        for (const suffix of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
        await q.query(`DROP TABLE IF EXISTS ${fts}_terms`);
        await q.query(`DROP TABLE IF EXISTS ${fts}`);
      }
    }
    for (const table of ['external_fact_checks', 'claim_match_dismissals', 'claim_cluster_members', 'claim_clusters']) await q.dropTable(table);
    await q.dropForeignKey('verdicts', 'fk_verdicts_reuses_verdict');
    await q.dropColumn('verdicts', 'reuses_verdict_id');
    await q.dropColumn('claims', 'match_text');
  }
}
