import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn, type Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { DateOnlyColumnOptions, InstantColumnOptions } from '../database/columns';
import { Source } from '../sources/source.entity';
import { User } from '../users/user.entity';

export const CLAIM_KINDS = ['event', 'quantity', 'date_place', 'quote', 'background', 'opinion'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ['draft', 'submitted', 'in_review', 'verdict_proposed', 'published', 'dismissed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

@Entity('claims')
@Index('ix_claims_article_position', ['articleId', 'start', 'end'])
@Index('ix_claims_status_kind_position', ['status', 'kind', 'articleId', 'start', 'end'])
@Index('ix_claims_kind_position', ['kind', 'articleId', 'start', 'end'])
@Index('ix_claims_unattributed_position', ['unattributed', 'articleId', 'start', 'end'])
@Index('ix_claims_assignee_queue', ['assigneeId', 'status', 'createdAt', 'id', 'createdById'])
// PostgreSQL's full-text index on match_text (made by the matching migration; SQLite uses FTS5).
@Index('ix_claims_match_tsv', { synchronize: false })
// PostgreSQL's trigram index on search_folded for q= (migration 1767000000000; SQLite uses an FTS5 table).
@Index('ix_claims_search_folded_trgm', { synchronize: false })
export class Claim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_claims_article' })
  article?: Relation<Article>;

  /** The editor's wording of the claim. */
  @Column({ type: 'varchar', length: 2000 })
  text: string;

  /** The exact words of the article at [start, end): W3C TextQuoteSelector.exact. */
  @Column({ type: 'text' })
  quote: string;

  /** Offsets in UTF-16 code units (JavaScript string indices): W3C TextPositionSelector. */
  @Column({ type: 'integer', name: 'start_offset' })
  start: number;

  @Column({ type: 'integer', name: 'end_offset' })
  end: number;

  /** Folded (lower-case, accent-free) text and quote: text search is the same on every database. */
  @Column({ type: 'text' })
  searchFolded: string;

  /** Normalised keys of text and quote (src/matching/normalise.ts), indexed for similar-claim search. */
  @Column({ type: 'text', default: '' })
  matchText: string;

  @Index('ix_claims_kind')
  @Column({ type: 'varchar', length: 16 })
  kind: ClaimKind;

  @Index('ix_claims_status')
  @Column({ type: 'varchar', length: 24 })
  status: ClaimStatus;

  /** True when the article states the claim in its own voice; then the chain is empty. */
  @Index('ix_claims_unattributed')
  @Column({ type: 'boolean' })
  unattributed: boolean;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Index('ix_claims_assignee_id')
  @Column({ type: 'integer', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_claims_assignee' })
  assignee?: Relation<User> | null;

  @Index('ix_claims_created_by_id')
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_claims_created_by' })
  createdBy?: Relation<User> | null;

  @Index('ix_claims_created_at')
  @Column(InstantColumnOptions())
  createdAt: Date;

  @Index('ix_claims_updated_at')
  @Column(InstantColumnOptions())
  updatedAt: Date;

  @VersionColumn()
  version: number;

  /** Moves on with every change of the wording, quote, offsets or chain; a verdict records the one it was proposed on. */
  @Column({ type: 'integer', default: 1 })
  wordingVersion: number;
}

export const ATTRIBUTION_MODES = ['direct', 'paraphrase'] as const;
export type AttributionMode = (typeof ATTRIBUTION_MODES)[number];

/** One link of a claim's attribution chain: position 0 is the original speaker, then each relay. */
@Entity('attributions')
@Index('uq_attributions_claim_position', ['claimId', 'position'], { unique: true })
@Index('ix_attributions_source_position', ['sourceId', 'position', 'claimId'])
export class Attribution {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_attributions_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_attributions_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'integer' })
  position: number;

  /** Null for an anonymous link ("a military source"), which names no registry source. */
  @Index('ix_attributions_source_id')
  @Column({ type: 'integer', nullable: true })
  sourceId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_attributions_source' })
  source?: Relation<Source> | null;

  /** True when the article names nobody: the link is described, per claim, not a registry source. */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  /** How the article describes an anonymous source ("une source proche du ministère"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The reporting verb as written: "a indiqué", "d'après", "écrit". */
  @Column({ type: 'varchar', length: 200 })
  verb: string;

  @Column({ type: 'varchar', length: 16 })
  mode: AttributionMode;

  /** When it was said, as written ("samedi"). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  saidWhen: string | null;

  /** Where it was said, as written ("sur son site officiel"). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  saidWhere: string | null;
}

export const STANCES = ['supports', 'contradicts', 'context'] as const;
export type Stance = (typeof STANCES)[number];

@Entity('evidence_links')
export class EvidenceLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_evidence_links_claim_id')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_evidence_links_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  publisher: string | null;

  @Index('ix_evidence_links_stance')
  @Column({ type: 'varchar', length: 16 })
  stance: Stance;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  excerpt: string | null;

  @Column(DateOnlyColumnOptions())
  accessedDate: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  archiveUrl: string | null;

  @Column({ type: 'integer', nullable: true })
  addedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by_id', foreignKeyConstraintName: 'fk_evidence_links_added_by' })
  addedBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;
}
