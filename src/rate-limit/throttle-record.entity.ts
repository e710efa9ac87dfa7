import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';

/** One rate-limited key's counter (sign-in per IP, per account), shared by every instance on the database. */
@Entity('throttle_records')
export class ThrottleRecord {
  /** `<throttler>:<tracker>`, e.g. `login-account:maria`. */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_throttle_records' })
  key: string;

  /** Requests in the current window. */
  @Column({ type: 'integer' })
  hits: number;

  @Index('ix_throttle_records_window_ends_at')
  @Column(InstantColumnOptions())
  windowEndsAt: Date;

  /** While in the future, every request with this key is refused with 429. */
  @Column(InstantColumnOptions({ nullable: true }))
  blockedUntil: Date | null;

  /** Blocks in a row: each doubles the next block (backoff). */
  @Column({ type: 'integer' })
  strikes: number;
}
