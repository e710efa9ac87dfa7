import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for `q=`, the claim lists' search of a term anywhere in the folded wording and quote
 * (`claims.search_folded LIKE '%term%'`), which no B-tree serves: a rare term read every claim
 * (issue 14). Both databases index the text's trigrams, which serve LIKE '%…%':
 * - SQLite: an FTS5 table, `claim_text_trigrams`, with the trigram tokenizer (SQLite 3.34+) over `search_folded`, whose
 *   content stays in `claims` (external content), kept by triggers on insert, update and delete.
 *   A migration that rebuilds `claims` must create these triggers again.
 * - PostgreSQL: a GIN index with pg_trgm's operator class. pg_trgm is a trusted extension
 *   (PostgreSQL 13+: a database owner may create it); where it cannot be created, the migration
 *   says so and goes on: searches then run without it, as before.
 * Frozen history: the SQL is local to this file.
 */
export class ClaimSearchIndex1767000000000 implements MigrationInterface {
  name = 'ClaimSearchIndex1767000000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query('SAVEPOINT claim_search_index');
      try {
        await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
        await q.query('CREATE INDEX ix_claims_search_folded_trgm ON claims USING gin (search_folded gin_trgm_ops)');
        await q.query('RELEASE SAVEPOINT claim_search_index');
      } catch (error) {
        await q.query('ROLLBACK TO SAVEPOINT claim_search_index');
        q.connection.logger.log(
          'warn',
          `Claim search runs without its trigram index: ${error instanceof Error ? error.message : String(error)}. ` +
            'As the database owner: CREATE EXTENSION pg_trgm; CREATE INDEX ix_claims_search_folded_trgm ON claims USING gin (search_folded gin_trgm_ops);',
          q,
        );
      }
      return;
    }
    await q.query(`CREATE VIRTUAL TABLE claim_text_trigrams USING fts5(search_folded, content = 'claims', content_rowid = 'id', tokenize = 'trigram')`);
    await q.query(`INSERT INTO claim_text_trigrams(claim_text_trigrams) VALUES ('rebuild')`);
    await q.query(
      `CREATE TRIGGER claim_text_trigrams_insert AFTER INSERT ON claims BEGIN ` +
        `INSERT INTO claim_text_trigrams(rowid, search_folded) VALUES (new.id, new.search_folded); END`,
    );
    await q.query(
      `CREATE TRIGGER claim_text_trigrams_update AFTER UPDATE OF search_folded ON claims BEGIN ` +
        `INSERT INTO claim_text_trigrams(claim_text_trigrams, rowid, search_folded) VALUES ('delete', old.id, old.search_folded); ` +
        `INSERT INTO claim_text_trigrams(rowid, search_folded) VALUES (new.id, new.search_folded); END`,
    );
    await q.query(
      `CREATE TRIGGER claim_text_trigrams_delete AFTER DELETE ON claims BEGIN ` +
        `INSERT INTO claim_text_trigrams(claim_text_trigrams, rowid, search_folded) VALUES ('delete', old.id, old.search_folded); END`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query('DROP INDEX IF EXISTS ix_claims_search_folded_trgm');
      return;
    }
    for (const trigger of ['claim_text_trigrams_insert', 'claim_text_trigrams_update', 'claim_text_trigrams_delete']) await q.query(`DROP TRIGGER ${trigger}`);
    await q.query('DROP TABLE claim_text_trigrams');
  }
}
