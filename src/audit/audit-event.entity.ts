import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';

/**
 * Append-only record of every write: who, when, what, before and after. Written in the same
 * transaction as the change it describes. No foreign keys, so that the trail outlives what it
 * describes (a deleted draft claim keeps its history).
 */
@Entity('audit_events')
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_audit_events_at')
  @Column(InstantColumnOptions())
  at: Date;

  /** Null for the system itself (the seed, the first-start bootstrap). */
  @Index('ix_audit_events_user_id')
  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  /** e.g. `claim.create`, `claim.update`, `attribution.replace`, `evidence.add`. */
  @Index('ix_audit_events_action')
  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  /** The claim this event belongs to, if any: a claim's history is one indexed query. */
  @Index('ix_audit_events_claim_id')
  @Column({ type: 'integer', nullable: true })
  claimId: number | null;

  @Column({ type: 'simple-json', nullable: true })
  before: object | null;

  @Column({ type: 'simple-json', nullable: true })
  after: object | null;
}
