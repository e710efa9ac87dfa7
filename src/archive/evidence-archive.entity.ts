import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EvidenceLink } from '../claims/claim.entity';
import { InstantColumnOptions } from '../database/columns';

export const ARCHIVE_STATUSES = ['pending', 'archived', 'failed'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

/** One evidence link's archived copy: the capture's metadata, the body (Brotli, base64) and its readable text. */
@Entity('evidence_archives')
@Index('ix_evidence_archives_status_next', ['status', 'nextAttemptAt'])
export class EvidenceArchive {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_evidence_archives_evidence_link_id', { unique: true })
  @Column({ type: 'integer' })
  evidenceLinkId: number;

  @ManyToOne(() => EvidenceLink, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_link_id', foreignKeyConstraintName: 'fk_evidence_archives_evidence_link' })
  evidenceLink?: Relation<EvidenceLink>;

  @Column({ type: 'varchar', length: 16 })
  status: ArchiveStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column(InstantColumnOptions({ nullable: true }))
  nextAttemptAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  finalUrl: string | null;

  @Column({ type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contentType: string | null;

  @Column(InstantColumnOptions({ nullable: true }))
  retrievedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'integer', nullable: true })
  bodyBytes: number | null;

  /** Brotli-compressed body, base64: text keeps the column the same on SQLite and PostgreSQL. */
  @Column({ type: 'text', nullable: true, select: false })
  bodyCompressed: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  readableText: string | null;

  @Column(InstantColumnOptions())
  createdAt: Date;
}
