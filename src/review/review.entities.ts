import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Claim, ClaimStatus } from '../claims/claim.entity';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** The rating scale; the first five map to schema.org reviewRating 5..1, the last two to alternateName only. */
export const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'] as const;
export type Rating = (typeof RATINGS)[number];

/** Append-only: a new verdict supersedes the previous one; the latest (highest id) is current. */
@Entity('verdicts')
@Index('ix_verdicts_claim_latest', ['claimId', 'id'])
export class Verdict {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_verdicts_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_verdicts_claim' })
  claim?: Relation<Claim>;

  @Index('ix_verdicts_rating')
  @Column({ type: 'varchar', length: 16 })
  rating: Rating;

  /** Markdown. */
  @Column({ type: 'text' })
  rationale: string;

  @Index('ix_verdicts_reviewer_id')
  @Column({ type: 'integer', nullable: true })
  reviewerId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'fk_verdicts_reviewer' })
  reviewer?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  /** Set once, when the claim is published with this verdict. */
  @Column(InstantColumnOptions({ nullable: true }))
  publishedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  publishedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'published_by_id', foreignKeyConstraintName: 'fk_verdicts_published_by' })
  publishedBy?: Relation<User> | null;

  /** The published verdict of a claim in the same cluster that this one reuses (claim matching). */
  @Column({ type: 'integer', nullable: true })
  reusesVerdictId: number | null;

  @ManyToOne(() => Verdict, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reuses_verdict_id', foreignKeyConstraintName: 'fk_verdicts_reuses_verdict' })
  reusesVerdict?: Relation<Verdict> | null;
  /** The claim's `wordingVersion` when the verdict was proposed; publishing refuses if it moved since. Null for verdicts from before the rule. */
  @Column({ type: 'integer', nullable: true })
  wordingVersion: number | null;

  /** Set once, when the claim is sent back to its editor: the verdict stays on record but can no longer be published. */
  @Column(InstantColumnOptions({ nullable: true }))
  invalidatedAt: Date | null;
}

/** Discussion between editor and reviewers; append-only. */
@Entity('comments')
export class Comment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_comments_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_comments_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'integer', nullable: true })
  authorId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_comments_author' })
  author?: Relation<User> | null;

  /** Markdown. */
  @Column({ type: 'text' })
  body: string;

  @Column(InstantColumnOptions())
  createdAt: Date;
}

/** Every status change of a claim, append-only; `published` → `in_review` is a correction. */
@Entity('claim_transitions')
@Index('ix_claim_transitions_claim_to_status', ['claimId', 'toStatus'])
export class ClaimTransition {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_claim_transitions_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_transitions_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'varchar', length: 24 })
  fromStatus: ClaimStatus;

  @Index('ix_claim_transitions_to_status')
  @Column({ type: 'varchar', length: 24 })
  toStatus: ClaimStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_claim_transitions_user' })
  user?: Relation<User> | null;

  @Column(InstantColumnOptions())
  at: Date;
}
