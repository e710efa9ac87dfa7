import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Issue 15 item 4: sign-in rate limits shared by every instance on the database (@nestjs/throttler
 * with a storage on this table). One row per limited key (`login-ip:<ip>`, `login-account:<name>`).
 */
export class ThrottleRecords1765200000001 implements MigrationInterface {
  name = 'ThrottleRecords1765200000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'throttle_records',
        columns: [
          { name: 'key', type: 'varchar', length: '300', isPrimary: true, primaryKeyConstraintName: 'pk_throttle_records' },
          { name: 'hits', type: 'integer', isNullable: false },
          { name: 'window_ends_at', type: 'varchar', length: '24', isNullable: false },
          { name: 'blocked_until', type: 'varchar', length: '24', isNullable: true },
          { name: 'strikes', type: 'integer', isNullable: false },
        ],
        indices: [{ name: 'ix_throttle_records_window_ends_at', columnNames: ['window_ends_at'] }],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('throttle_records');
  }
}
