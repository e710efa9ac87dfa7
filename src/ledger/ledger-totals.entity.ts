import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Rating } from '../review/review.entities';
import type { LedgerRole } from './dto/ledger.dto';

/**
 * What one claim adds to one source's ledger in one role: the ledger's counted state. Kept up to
 * date in the same transaction as every audited change of a claim (ledger-totals.ts), so the
 * totals below can be moved by differences instead of recounted. The unit is one
 * (claim, source, role), as in the ledger: a source named twice in a role counts once there.
 */
@Entity('ledger_claim_roles')
@Index('ix_ledger_claim_roles_source_order', ['sourceId', 'articleId', 'startOffset', 'claimId', 'position'])
@Index('ix_ledger_claim_roles_source_role_order', ['sourceId', 'role', 'articleId', 'startOffset', 'claimId'])
@Index('ix_ledger_claim_roles_source_role_created', ['sourceId', 'role', 'createdAt'])
export class LedgerClaimRole {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_ledger_claim_roles' })
  claimId: number;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_ledger_claim_roles' })
  sourceId: number;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_ledger_claim_roles' })
  role: LedgerRole;

  /** The source's first position in the chain in this role (0 for the speaker). */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer' })
  articleId: number;

  /** The claim's anchor start: the ledger lists claims in article order. */
  @Column({ type: 'integer' })
  startOffset: number;

  /** The claim's created_at (fixed-width ISO string, as in claims). */
  @Column({ type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ type: 'boolean' })
  published: boolean;

  /** The claim's latest verdict's rating (counted only while the claim is published). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  rating: Rating | null;
}

/** One source's totals in one role; a row exists only while the source has claims in that role. */
@Entity('ledger_totals')
export class LedgerTotal {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_ledger_totals' })
  sourceId: number;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_ledger_totals' })
  role: LedgerRole;

  @Column({ type: 'integer' })
  claims: number;

  @Column({ type: 'integer' })
  articles: number;

  @Column({ type: 'integer' })
  published: number;

  @Column({ type: 'integer' })
  ratingTrue: number;

  @Column({ type: 'integer' })
  ratingMostlyTrue: number;

  @Column({ type: 'integer' })
  ratingMixed: number;

  @Column({ type: 'integer' })
  ratingMostlyFalse: number;

  @Column({ type: 'integer' })
  ratingFalse: number;

  @Column({ type: 'integer' })
  ratingMisleading: number;

  @Column({ type: 'integer' })
  ratingUnverifiable: number;

  @Column({ type: 'varchar', length: 24, nullable: true })
  firstSeen: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  lastSeen: string | null;
}
