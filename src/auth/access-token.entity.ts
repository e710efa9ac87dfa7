import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** A sign-in token. Only its SHA-256 is stored, so a copy of the database signs nobody in. */
@Entity('access_tokens')
export class AccessToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_access_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_access_tokens_user_id')
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_access_tokens_user' })
  user?: Relation<User>;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  expiresAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  revokedAt: Date | null;

  /** When the token last signed a request in; refreshed at most every few minutes (see AuthService.authenticate). */
  @Column(InstantColumnOptions({ nullable: true }))
  lastUsedAt: Date | null;
}
