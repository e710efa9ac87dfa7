import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One message to send (an e-mail, a webhook delivery), written in the same transaction as the
 * event it is about, and sent later by the outbox worker. A row is claimed with a lease
 * (`leaseOwner`, `leaseUntil`) so that one worker among several sends it; `sent` is final.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_due', ['status', 'notBefore'])
@Index('ix_outbox_messages_sent', ['status', 'sentAt'])
export class OutboxMessageRow {
  @PrimaryGeneratedColumn()
  id: number;

  /** Which handler sends it, e.g. `email`, `webhook`. */
  @Column({ type: 'varchar', length: 64 })
  channel: string;

  @Column({ type: 'simple-json' })
  payload: unknown;

  @Column({ type: 'varchar', length: 16 })
  status: OutboxStatus;

  /** Attempts started so far (counted when a worker claims the row). */
  @Column({ type: 'integer' })
  attempts: number;

  /** Not sent before this instant (backoff after a failure, or a later delivery asked by the caller). */
  @Column(InstantColumnOptions())
  notBefore: Date;

  /** The worker holding the row, and until when; an expired lease (a crashed worker) frees the row. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column(InstantColumnOptions({ nullable: true }))
  leaseUntil: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  sentAt: Date | null;
}
