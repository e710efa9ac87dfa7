import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Notifications not about a claim (a webhook endpoint disabled) lead to a page: its path. */
export class NotificationLink1766700000000 implements MigrationInterface {
  name = 'NotificationLink1766700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notifications', new TableColumn({ name: 'link', type: 'varchar', length: '300', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notifications', 'link');
  }
}
