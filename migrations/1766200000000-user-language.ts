import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Each user's interface language (`en`, `fr`); null follows the browser's Accept-Language. */
export class UserLanguage1766200000000 implements MigrationInterface {
  name = 'UserLanguage1766200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'language', type: 'varchar', length: '8', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'language');
  }
}
