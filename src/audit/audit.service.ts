import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, page } from '../common/dto/pagination.dto';
import { UnprocessableError } from '../common/errors';
import { AuditEvent } from './audit-event.entity';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';
import { insertRows } from '../database/insert-rows';
import { runAll } from '../database/settle';

/** Who is acting: a signed-in user, or the system itself (seed, bootstrap) when null. */
export interface Actor {
  id: number;
  username: string;
  role: 'editor' | 'reviewer' | 'admin';
  /** The user's interface language setting (null: the browser's); set for signed-in requests. */
  language?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number;
  claimId?: number | null;
  before?: object | null;
  after?: object | null;
}

/**
 * Something that must happen in the same transaction as an audited change: notifications, the
 * outbox of e-mails and webhook deliveries, ledger totals. A listener that throws rolls the whole
 * change back, so a listener must only write rows (never send anything itself). Listeners may run
 * side by side with the audit row's insert and with each other (runAll), so each must depend only
 * on the change itself, not on the audit row or on another listener's rows.
 */
export type AuditListener = (manager: EntityManager, actor: Actor | null, entry: AuditEntry, at: Date) => Promise<void>;

@Injectable()
export class AuditService {
  private readonly listeners: AuditListener[] = [];
  private readonly lastListeners: AuditListener[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Registers a listener called with every audit row inside its transaction. `last`: it runs after
   * the others, for a listener whose locks are held until the COMMIT (the ledger's, on
   * PostgreSQL), so that no other listener's round trip adds to the time others wait for them.
   */
  subscribe(listener: AuditListener, options: { last?: boolean } = {}): void {
    (options.last ? this.lastListeners : this.listeners).push(listener);
  }

  /** The audit log, filtered and paginated in SQL; oldest first unless `order=desc`. */
  async list(query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (query.userId) qb.andWhere('e.user_id = :userId', { userId: query.userId });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.claimId) qb.andWhere('e.claim_id = :claimId', { claimId: query.claimId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    // Instants are stored as fixed-width UTC ISO strings, so comparing the normalised strings compares times.
    const from = query.from ? instant('from', query.from) : null;
    const to = query.to ? instant('to', query.to) : null;
    if (from) qb.andWhere('e.at >= :from', { from });
    if (to) qb.andWhere('e.at < :to', { to });
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy('e.at', direction)
      .addOrderBy('e.id', direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [events, total] = await qb.getManyAndCount();
    return page(
      events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        user: e.userId !== null ? { id: e.userId, username: e.username ?? '' } : null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        claimId: e.claimId,
        before: e.before,
        after: e.after,
      })),
      total,
      query,
    );
  }

  /** Appends an event inside the caller's transaction, so the change and its record commit together. */
  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry, at = new Date()): Promise<void> {
    // Every audited write runs this inside its transaction: one plain INSERT (insertRows), nothing read
    // back, sent together with the listeners' first statements on SQLite (runAll).
    const row = () =>
      insertRows(manager, AuditEvent, [
        {
          at,
          userId: actor?.id ?? null,
          username: actor?.username ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          claimId: entry.claimId ?? null,
          before: entry.before ?? null,
          after: entry.after ?? null,
        },
      ]);
    // Only once every statement has returned: a failure rolls the unit back with nothing still in flight.
    await runAll(manager, [row, ...[...this.listeners, ...this.lastListeners].map((listener) => () => listener(manager, actor, entry, at))]);
  }
}

function instant(field: string, value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UnprocessableError(`${field} is not a valid instant.`, [{ field, reason: 'not a valid ISO 8601 instant' }]);
  return date.toISOString();
}
