import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Signed webhooks (issue 13): endpoints, the events each subscribes to, and the delivery log.
// QueryRunner schema API only: the same file runs on SQLite and PostgreSQL. Helpers are local:
// a migration is frozen history.

const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);
const id = (table: string): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: `pk_${table}` });

export class Webhooks1766100000000 implements MigrationInterface {
  name = 'Webhooks1766100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          id('webhook_endpoints'),
          str('url', 2048),
          str('description', 200),
          str('secret', 200),
          { name: 'active', type: 'boolean', isNullable: false },
          int('consecutive_failures'),
          instant('disabled_at', true),
          str('disabled_reason', 1000, true),
          int('created_by_id', true),
          instant('created_at'),
          instant('updated_at'),
          int('version'),
        ],
        foreignKeys: [
          { name: 'fk_webhook_endpoints_created_by', columnNames: ['created_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          { name: 'endpoint_id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'pk_webhook_subscriptions' },
          { name: 'event', type: 'varchar', length: '40', isPrimary: true, primaryKeyConstraintName: 'pk_webhook_subscriptions' },
        ],
        foreignKeys: [
          { name: 'fk_webhook_subscriptions_endpoint', columnNames: ['endpoint_id'], referencedTableName: 'webhook_endpoints', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ name: 'ix_webhook_subscriptions_event', columnNames: ['event', 'endpoint_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id('webhook_deliveries'),
          int('endpoint_id'),
          int('message_id'),
          str('event_id', 36),
          str('event', 40),
          int('attempt'),
          str('outcome', 16),
          int('http_status', true),
          int('latency_ms', true),
          str('response_excerpt', 500, true),
          str('error', 1000, true),
          instant('at'),
        ],
        foreignKeys: [
          { name: 'fk_webhook_deliveries_endpoint', columnNames: ['endpoint_id'], referencedTableName: 'webhook_endpoints', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ name: 'ix_webhook_deliveries_endpoint', columnNames: ['endpoint_id', 'id'] }],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('webhook_deliveries');
    await q.dropTable('webhook_subscriptions');
    await q.dropTable('webhook_endpoints');
  }
}
