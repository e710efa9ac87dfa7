import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** When a sign-in token was last used (to the nearest few minutes), for the user's list of sessions. */
export class AccessTokenLastUsed1765400000000 implements MigrationInterface {
  name = 'AccessTokenLastUsed1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('access_tokens', new TableColumn({ name: 'last_used_at', type: 'varchar', length: '24', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('access_tokens', 'last_used_at');
  }
}
