import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * What a notification's summary is made of (JSON), so it is worded in the reader's language at
 * display time (issue 16). Rows written before keep their English `summary`.
 */
export class NotificationSummaryParams1766900000000 implements MigrationInterface {
  name = 'NotificationSummaryParams1766900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notifications', new TableColumn({ name: 'summary_params', type: 'text', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notifications', 'summary_params');
  }
}
