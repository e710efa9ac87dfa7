import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

// Portable (QueryRunner schema API only). On SQLite, changing source_id's nullability makes
// TypeORM rebuild the attributions table (copy, drop, rename) inside this migration's
// transaction; no table references attributions, so its foreign keys to claims and sources are
// recreated with it and nothing else is touched. On PostgreSQL it is ALTER COLUMN DROP NOT NULL.

export class SuggestionsAnonymousAttributions1765700000000 implements MigrationInterface {
  name = 'SuggestionsAnonymousAttributions1765700000000';

  public async up(q: QueryRunner): Promise<void> {
    // Anonymous links ("a military source") name no registry source: source_id becomes optional.
    await q.changeColumn(
      'attributions',
      'source_id',
      new TableColumn({ name: 'source_id', type: 'integer', isNullable: true }),
    );
    // The default is written as each database spells false, so the schema check sees the entity's default.
    const no = q.connection.driver.options.type === 'postgres' ? 'false' : '0';
    await q.addColumn('attributions', new TableColumn({ name: 'anonymous', type: 'boolean', isNullable: false, default: no }));
    await q.addColumn('attributions', new TableColumn({ name: 'description', type: 'varchar', length: '500', isNullable: true }));

    // Suggestions the desk rejected: not offered again for the same words at the same place.
    await q.createTable(
      new Table({
        name: 'suggestion_rejections',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
            primaryKeyConstraintName: 'pk_suggestion_rejections',
          },
          { name: 'article_id', type: 'integer', isNullable: false },
          { name: 'start_offset', type: 'integer', isNullable: false },
          { name: 'end_offset', type: 'integer', isNullable: false },
          { name: 'quote_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'rejected_by_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24', isNullable: false },
        ],
        foreignKeys: [
          {
            name: 'fk_suggestion_rejections_article',
            columnNames: ['article_id'],
            referencedTableName: 'articles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'fk_suggestion_rejections_rejected_by',
            columnNames: ['rejected_by_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          { name: 'uq_suggestion_rejections_key', columnNames: ['article_id', 'start_offset', 'end_offset', 'quote_hash'], isUnique: true },
          { name: 'ix_suggestion_rejections_rejected_by_id', columnNames: ['rejected_by_id'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('suggestion_rejections');
    // Anonymous links cannot survive a schema that requires a source.
    await q.query('DELETE FROM attributions WHERE source_id IS NULL');
    await q.dropColumn('attributions', 'description');
    await q.dropColumn('attributions', 'anonymous');
    await q.changeColumn('attributions', 'source_id', new TableColumn({ name: 'source_id', type: 'integer', isNullable: false }));
  }
}
