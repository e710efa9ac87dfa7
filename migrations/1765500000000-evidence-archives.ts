import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Archived copies of evidence links (issue 12). QueryRunner schema API only: the same file runs
// on SQLite and PostgreSQL. Helpers are local: a migration is frozen history.

const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);

export class EvidenceArchives1765500000000 implements MigrationInterface {
  name = 'EvidenceArchives1765500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'evidence_archives',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: 'pk_evidence_archives' },
          int('evidence_link_id'),
          str('status', 16),
          int('attempts'),
          instant('next_attempt_at', true),
          str('last_error', 1000, true),
          str('final_url', 2048, true),
          int('http_status', true),
          str('content_type', 200, true),
          instant('retrieved_at', true),
          str('sha256', 64, true),
          int('body_bytes', true),
          text('body_compressed'),
          str('title', 500, true),
          text('readable_text'),
          instant('created_at'),
        ],
        foreignKeys: [
          {
            name: 'fk_evidence_archives_evidence_link',
            columnNames: ['evidence_link_id'],
            referencedTableName: 'evidence_links',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'uq_evidence_archives_evidence_link_id', columnNames: ['evidence_link_id'], isUnique: true },
          { name: 'ix_evidence_archives_status_next', columnNames: ['status', 'next_attempt_at'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evidence_archives');
  }
}
