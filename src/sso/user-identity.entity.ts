import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** A user's account at an OpenID Connect provider: the provider's issuer and its `sub` for them. */
@Entity('user_identities')
@Index('uq_user_identities_issuer_subject', ['issuer', 'subject'], { unique: true })
export class UserIdentity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_user_identities' })
  id: number;

  @Index('ix_user_identities_user_id')
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_identities_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 255 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  lastSignInAt: Date | null;
}
