import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Issue 15 item 2: a verdict records the version of the claim's words it was proposed on, and a
 * claim sent back to its editor invalidates its proposed verdict (kept, never deleted).
 * `claims.wording_version` moves on with every change of text, quote, offsets or chain.
 */
export class FrozenUnderReview1765200000000 implements MigrationInterface {
  name = 'FrozenUnderReview1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('claims', new TableColumn({ name: 'wording_version', type: 'integer', isNullable: false, default: 1 }));
    await q.addColumn('verdicts', new TableColumn({ name: 'wording_version', type: 'integer', isNullable: true }));
    await q.addColumn('verdicts', new TableColumn({ name: 'invalidated_at', type: 'varchar', length: '24', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('verdicts', 'invalidated_at');
    await q.dropColumn('verdicts', 'wording_version');
    await q.dropColumn('claims', 'wording_version');
  }
}
