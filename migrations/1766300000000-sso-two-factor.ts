import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '24', isNullable: nullable });
const userFk = (table: string) => ({
  name: `fk_${table}_user`,
  columnNames: ['user_id'],
  referencedTableName: 'users',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/**
 * Issue 16: single sign-on and two-factor. New tables only (users is left as it is):
 * - `user_identities`: a user's account at an OpenID Connect provider, one per (issuer, subject).
 * - `totp_credentials`: a user's TOTP secret (pending until confirmed with a code).
 * - `recovery_codes`: single-use recovery codes, stored as SHA-256.
 * - `security_settings`: desk-wide settings an admin changes (whether reviewers and admins must use 2FA).
 * - `sign_in_challenges`: a web sign-in whose password was right and that waits for its second factor.
 */
export class SsoTwoFactor1766300000000 implements MigrationInterface {
  name = 'SsoTwoFactor1766300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'user_identities',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: 'pk_user_identities' },
          { name: 'user_id', type: 'integer', isNullable: false },
          { name: 'issuer', type: 'varchar', length: '255', isNullable: false },
          { name: 'subject', type: 'varchar', length: '255', isNullable: false },
          instant('created_at'),
          instant('last_sign_in_at', true),
        ],
        foreignKeys: [userFk('user_identities')],
        indices: [
          { name: 'uq_user_identities_issuer_subject', columnNames: ['issuer', 'subject'], isUnique: true },
          { name: 'ix_user_identities_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'totp_credentials',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'pk_totp_credentials' },
          { name: 'secret', type: 'varchar', length: '64', isNullable: false },
          instant('created_at'),
          instant('confirmed_at', true),
          { name: 'last_used_step', type: 'integer', isNullable: true },
        ],
        foreignKeys: [userFk('totp_credentials')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recovery_codes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: 'pk_recovery_codes' },
          { name: 'user_id', type: 'integer', isNullable: false },
          { name: 'code_hash', type: 'varchar', length: '64', isNullable: false },
          instant('created_at'),
          instant('used_at', true),
        ],
        foreignKeys: [userFk('recovery_codes')],
        indices: [{ name: 'ix_recovery_codes_user_id', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'security_settings',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true, primaryKeyConstraintName: 'pk_security_settings' },
          { name: 'value', type: 'varchar', length: '200', isNullable: false },
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sign_in_challenges',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', primaryKeyConstraintName: 'pk_sign_in_challenges' },
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'user_id', type: 'integer', isNullable: false },
          instant('created_at'),
          instant('expires_at'),
          { name: 'attempts', type: 'integer', isNullable: false },
        ],
        foreignKeys: [userFk('sign_in_challenges')],
        indices: [
          { name: 'uq_sign_in_challenges_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_sign_in_challenges_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_challenges');
    await q.dropTable('security_settings');
    await q.dropTable('recovery_codes');
    await q.dropTable('totp_credentials');
    await q.dropTable('user_identities');
  }
}
