import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Claim } from '../claims/claim.entity';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** "The same claim" across articles (or twice in one): its members share one canonical wording. */
@Entity('claim_clusters')
export class ClaimCluster {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 2000 })
  canonicalText: string;

  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_claim_clusters_created_by' })
  createdBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  updatedAt: Date;
}

/** A claim belongs to at most one cluster. */
@Entity('claim_cluster_members')
export class ClaimClusterMember {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_claim_cluster_members' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_cluster_members_claim' })
  claim?: Relation<Claim>;

  @Index('ix_claim_cluster_members_cluster_id')
  @Column({ type: 'integer' })
  clusterId: number;

  @ManyToOne(() => ClaimCluster, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_claim_cluster_members_cluster' })
  cluster?: Relation<ClaimCluster>;

  @Column({ type: 'integer', nullable: true })
  addedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by_id', foreignKeyConstraintName: 'fk_claim_cluster_members_added_by' })
  addedBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  addedAt: Date;
}

/** A suggested match someone said is not the same claim; stored once per pair, lower id first. */
@Entity('claim_match_dismissals')
@Index('uq_claim_match_dismissals_pair', ['claimId', 'otherClaimId'], { unique: true })
export class ClaimMatchDismissal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_match_dismissals_claim' })
  claim?: Relation<Claim>;

  @Index('ix_claim_match_dismissals_other_claim_id')
  @Column({ type: 'integer' })
  otherClaimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'other_claim_id', foreignKeyConstraintName: 'fk_claim_match_dismissals_other_claim' })
  otherClaim?: Relation<Claim>;

  @Column({ type: 'integer', nullable: true })
  dismissedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'dismissed_by_id', foreignKeyConstraintName: 'fk_claim_match_dismissals_dismissed_by' })
  dismissedBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  dismissedAt: Date;
}

/** A fact-check published elsewhere (schema.org ClaimReview), imported by `factchecks:import`. */
@Entity('external_fact_checks')
// PostgreSQL's full-text index (an expression index made by the migration; SQLite uses FTS5).
@Index('ix_external_fact_checks_match_tsv', { synchronize: false })
export class ExternalFactCheck {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_external_fact_checks_url', { unique: true })
  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  publisher: string | null;

  @Column({ type: 'text' })
  claimReviewed: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  claimant: string | null;

  /** The publisher's own words: reviewRating.alternateName ("False", "Faux", "Misleading"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  rating: string | null;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  reviewDate: string | null;

  @Column({ type: 'varchar', length: 35, nullable: true })
  language: string | null;

  /** Normalised keys of claimReviewed (src/matching/normalise.ts), indexed for full-text search. */
  @Column({ type: 'text', default: '' })
  matchText: string;

  @Column(InstantColumnOptions())
  importedAt: Date;
}
