import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

// QueryRunner schema API only (SQLite and PostgreSQL run this file); local helpers, frozen with it.
const id = (table: string): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: `pk_${table}` });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);
const fk = (table: string, column: string, target: string, name: string, onDelete: 'CASCADE' | 'SET NULL'): TableForeignKeyOptions => ({
  name: `fk_${table}_${name}`,
  columnNames: [column],
  referencedTableName: target,
  referencedColumnNames: ['id'],
  onDelete,
});

/**
 * Article revisions: every text an article has had, numbered, with its SHA-256 (the article row
 * keeps a copy of the newest, so existing reads are unchanged). Existing articles get revision 1.
 * Claims that a new revision could not re-anchor by themselves get an open anchor flag.
 */
export class ArticleRevisions1765400000001 implements MigrationInterface {
  name = 'ArticleRevisions1765400000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'article_revisions',
        columns: [id('article_revisions'), int('article_id'), int('number'), text('body'), str('body_sha256', 64), str('note', 500, true), int('created_by_id', true), instant('created_at')],
        foreignKeys: [fk('article_revisions', 'article_id', 'articles', 'article', 'CASCADE'), fk('article_revisions', 'created_by_id', 'users', 'created_by', 'SET NULL')],
        indices: [
          { name: 'uq_article_revisions_article_number', columnNames: ['article_id', 'number'], isUnique: true },
          { name: 'ix_article_revisions_created_by_id', columnNames: ['created_by_id'] },
        ],
      }),
    );
    await q.query(
      'INSERT INTO article_revisions (article_id, number, body, body_sha256, created_by_id, created_at) SELECT id, 1, body, body_sha256, created_by_id, created_at FROM articles',
    );
    await q.createTable(
      new Table({
        name: 'claim_anchor_flags',
        columns: [
          id('claim_anchor_flags'),
          int('claim_id'),
          int('article_id'),
          int('from_revision'),
          int('to_revision'),
          str('outcome', 16),
          int('score_permille', true),
          int('proposed_start', true),
          int('proposed_end', true),
          text('proposed_quote', true),
          instant('created_at'),
          instant('resolved_at', true),
          int('resolved_by_id', true),
          str('resolution', 16, true),
        ],
        foreignKeys: [
          fk('claim_anchor_flags', 'claim_id', 'claims', 'claim', 'CASCADE'),
          fk('claim_anchor_flags', 'article_id', 'articles', 'article', 'CASCADE'),
          fk('claim_anchor_flags', 'resolved_by_id', 'users', 'resolved_by', 'SET NULL'),
        ],
        indices: [
          { name: 'ix_claim_anchor_flags_claim_id', columnNames: ['claim_id'] },
          { name: 'ix_claim_anchor_flags_article_open', columnNames: ['article_id', 'resolved_at'] },
          { name: 'ix_claim_anchor_flags_resolved_by_id', columnNames: ['resolved_by_id'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('claim_anchor_flags');
    await q.dropTable('article_revisions');
  }
}
