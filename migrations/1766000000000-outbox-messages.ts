import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// The outbox (issue 13): messages written with the event, sent later by a worker. QueryRunner
// schema API only: the same file runs on SQLite and PostgreSQL. Helpers are local: a migration
// is frozen history.

const int = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: false });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);

export class OutboxMessages1766000000000 implements MigrationInterface {
  name = 'OutboxMessages1766000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: 'pk_outbox_messages' },
          str('channel', 64),
          { name: 'payload', type: 'text', isNullable: false },
          str('status', 16),
          int('attempts'),
          instant('not_before'),
          str('lease_owner', 64, true),
          instant('lease_until', true),
          str('last_error', 1000, true),
          instant('created_at'),
          instant('sent_at', true),
        ],
        indices: [{ name: 'ix_outbox_messages_due', columnNames: ['status', 'not_before'] }],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_messages');
  }
}
