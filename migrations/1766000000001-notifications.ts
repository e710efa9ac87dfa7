import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Notifications, watches and notification settings (issue 13). QueryRunner schema API only: the
// same file runs on SQLite and PostgreSQL. Helpers are local: a migration is frozen history.

const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);
const id = (table: string): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: `pk_${table}` });
const fk = (table: string, column: string, target: string) => ({
  name: `fk_${table}_${column.replace(/_id$/, '')}`,
  columnNames: [column],
  referencedTableName: target,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

export class Notifications1766000000001 implements MigrationInterface {
  name = 'Notifications1766000000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id('notifications'),
          int('user_id'),
          str('kind', 24),
          int('claim_id', true),
          int('actor_id', true),
          str('actor_name', 64, true),
          str('summary', 500),
          str('excerpt', 2000, true),
          str('delivery', 16),
          instant('created_at'),
          instant('read_at', true),
          instant('digested_at', true),
        ],
        foreignKeys: [fk('notifications', 'user_id', 'users'), fk('notifications', 'claim_id', 'claims')],
        indices: [
          { name: 'ix_notifications_user_id', columnNames: ['user_id', 'id'] },
          { name: 'ix_notifications_user_unread', columnNames: ['user_id', 'read_at'] },
          { name: 'ix_notifications_digest', columnNames: ['delivery', 'digested_at'] },
          { name: 'ix_notifications_claim_id', columnNames: ['claim_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'watches',
        columns: [id('watches'), int('user_id'), int('claim_id', true), int('article_id', true), instant('created_at')],
        foreignKeys: [fk('watches', 'user_id', 'users'), fk('watches', 'claim_id', 'claims'), fk('watches', 'article_id', 'articles')],
        indices: [
          { name: 'uq_watches_user_claim', columnNames: ['user_id', 'claim_id'], isUnique: true },
          { name: 'uq_watches_user_article', columnNames: ['user_id', 'article_id'], isUnique: true },
          { name: 'ix_watches_claim_id', columnNames: ['claim_id'] },
          { name: 'ix_watches_article_id', columnNames: ['article_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_settings',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'pk_notification_settings' },
          str('email', 254, true),
          { name: 'preferences', type: 'text', isNullable: false },
          instant('last_digest_at', true),
        ],
        foreignKeys: [fk('notification_settings', 'user_id', 'users')],
      }),
    );
    // Existing claims: whoever logged a claim, and its reviewer, watch it (as new claims do).
    const now = new Date().toISOString();
    await q.query(
      `INSERT INTO watches (user_id, claim_id, article_id, created_at) SELECT created_by_id, id, NULL, '${now}' FROM claims WHERE created_by_id IS NOT NULL`,
    );
    await q.query(
      `INSERT INTO watches (user_id, claim_id, article_id, created_at) SELECT assignee_id, id, NULL, '${now}' FROM claims ` +
        `WHERE assignee_id IS NOT NULL AND (created_by_id IS NULL OR assignee_id <> created_by_id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_settings');
    await q.dropTable('watches');
    await q.dropTable('notifications');
  }
}
