import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Claim } from '../claims/claim.entity';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';
import type { ReanchorOutcome } from './reanchor';

/** One text an article has had. The article row keeps a copy of the newest one's body and SHA-256. */
@Entity('article_revisions')
@Index('uq_article_revisions_article_number', ['articleId', 'number'], { unique: true })
export class ArticleRevision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_revisions_article' })
  article?: Relation<Article>;

  /** 1 for the text the article was created with, then 2, 3, ... */
  @Column({ type: 'integer' })
  number: number;

  /** Verbatim, like Article.body. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 64 })
  bodySha256: string;

  /** What was corrected, as the editor put it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Index('ix_article_revisions_created_by_id')
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_article_revisions_created_by' })
  createdBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;
}

export const FLAG_RESOLUTIONS = ['accepted', 'reanchored', 'superseded'] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];

/**
 * A claim that a new revision did not re-anchor by itself. While open, the claim still points at
 * `fromRevision`'s text (its quote and offsets are untouched); an editor accepts the proposal or
 * anchors the claim again, which resolves the flag.
 */
@Entity('claim_anchor_flags')
@Index('ix_claim_anchor_flags_article_open', ['articleId', 'resolvedAt'])
export class ClaimAnchorFlag {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_claim_anchor_flags_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_anchor_flags_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_claim_anchor_flags_article' })
  article?: Relation<Article>;

  /** The revision whose text the claim's quote and offsets still point into. */
  @Column({ type: 'integer' })
  fromRevision: number;

  /** The revision it could not be re-anchored to by itself. */
  @Column({ type: 'integer' })
  toRevision: number;

  @Column({ type: 'varchar', length: 16 })
  outcome: ReanchorOutcome;

  /** The match's score in thousandths (1000 = exact words). */
  @Column({ type: 'integer', nullable: true })
  scorePermille: number | null;

  @Column({ type: 'integer', nullable: true })
  proposedStart: number | null;

  @Column({ type: 'integer', nullable: true })
  proposedEnd: number | null;

  @Column({ type: 'text', nullable: true })
  proposedQuote: string | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  resolvedAt: Date | null;

  @Index('ix_claim_anchor_flags_resolved_by_id')
  @Column({ type: 'integer', nullable: true })
  resolvedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resolved_by_id', foreignKeyConstraintName: 'fk_claim_anchor_flags_resolved_by' })
  resolvedBy?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: FlagResolution | null;
}
