import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The outbox purge finds sent rows by their sending time. */
export class OutboxSentIndex1766700000001 implements MigrationInterface {
  name = 'OutboxSentIndex1766700000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.createIndex('outbox_messages', new TableIndex({ name: 'ix_outbox_messages_sent', columnNames: ['status', 'sent_at'] }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox_messages', 'ix_outbox_messages_sent');
  }
}
