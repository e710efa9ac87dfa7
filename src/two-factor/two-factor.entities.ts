import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** A user's TOTP secret (RFC 6238). Pending until the user confirms it with a code; one per user. */
@Entity('totp_credentials')
export class TotpCredential {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_totp_credentials' })
  userId: number;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_totp_credentials_user' })
  user?: Relation<User>;

  /** Base32; never selected unless asked for. */
  @Column({ type: 'varchar', length: 64, select: false })
  secret: string;

  @Column(InstantColumnOptions())
  createdAt: Date;

  /** Null while the enrolment waits for its confirmation code. */
  @Column(InstantColumnOptions({ nullable: true }))
  confirmedAt: Date | null;

  /** The 30-second step of the last code accepted: a code is never accepted twice. */
  @Column({ type: 'integer', nullable: true })
  lastUsedStep: number | null;
}

/** A single-use recovery code, stored as SHA-256 (the code itself is shown once). */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_recovery_codes' })
  id: number;

  @Index('ix_recovery_codes_user_id')
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_recovery_codes_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  usedAt: Date | null;
}

/** A desk-wide security setting an admin changes (key → value). */
@Entity('security_settings')
export class SecuritySetting {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_security_settings' })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @Column(InstantColumnOptions())
  updatedAt: Date;
}

/** A web sign-in whose password was right, waiting for its second factor (only the token's SHA-256 is stored). */
@Entity('sign_in_challenges')
export class SignInChallenge {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_sign_in_challenges' })
  id: number;

  @Index('uq_sign_in_challenges_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_sign_in_challenges_user_id')
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sign_in_challenges_user' })
  user?: Relation<User>;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  expiresAt: Date;

  /** Wrong codes so far; the challenge ends after a few. */
  @Column({ type: 'integer' })
  attempts: number;
}
