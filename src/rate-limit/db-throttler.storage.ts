import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { User } from '../users/user.entity';
import { step, STRIKES_FORGOTTEN_AFTER_MS } from './backoff';
import { ThrottleRecord } from './throttle-record.entity';

/** The longest a backoff block grows to. */
export const MAX_BLOCK_MS = 3600_000;

/**
 * @nestjs/throttler's storage on the application's own database, so every instance sharing it
 * (several on one PostgreSQL) counts the same attempts; its in-memory default counts per process.
 * Each increment is one short transaction: insert the key if new, lock its row, apply the
 * window/backoff rule (backoff.ts), write it back, and audit a lockout when one starts.
 */
@Injectable()
export class DbThrottlerStorage implements ThrottlerStorage {
  private increments = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    // A blocked key is refused with one read and no write: a storm of refused attempts costs the
    // database almost nothing (a block never shortens, so a stale read cannot wrongly refuse).
    const seen = await this.dataSource.manager.findOneBy(ThrottleRecord, { key });
    const now = Date.now();
    if (seen?.blockedUntil && seen.blockedUntil.getTime() > now) {
      return {
        totalHits: seen.hits,
        timeToExpire: Math.max(1, Math.ceil((seen.windowEndsAt.getTime() - now) / 1000)),
        isBlocked: true,
        timeToBlockExpire: Math.max(1, Math.ceil((seen.blockedUntil.getTime() - now) / 1000)),
      };
    }
    return this.tx.run(async (manager) => {
      // Now and then, forget keys that have been quiet for a day (their strikes are forgotten anyway).
      if (++this.increments % 100 === 0) await this.purgeStale(manager);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ThrottleRecord)
        .values({ key, hits: 0, windowEndsAt: new Date(0), blockedUntil: null, strikes: 0 })
        .orIgnore()
        .execute();
      // Takes the row lock on PostgreSQL (a concurrent increment waits); SQLite's writes are serialised anyway.
      await manager.createQueryBuilder().update(ThrottleRecord).set({ hits: () => 'hits' }).where('key = :key', { key }).execute();
      const row = await manager.findOneByOrFail(ThrottleRecord, { key });
      const now = Date.now();
      const result = step(
        { hits: row.hits, windowEndsAt: row.windowEndsAt.getTime(), blockedUntil: row.blockedUntil?.getTime() ?? null, strikes: row.strikes },
        now,
        limit,
        ttl,
        blockDuration,
        MAX_BLOCK_MS,
      );
      const s = result.state;
      await manager.update(
        ThrottleRecord,
        { key },
        { hits: s.hits, windowEndsAt: new Date(s.windowEndsAt), blockedUntil: s.blockedUntil === null ? null : new Date(s.blockedUntil), strikes: s.strikes },
      );
      if (result.lockout) {
        const tracker = key.slice(key.indexOf(':') + 1);
        const account = throttlerName === 'login-account';
        const user = account ? await manager.findOneBy(User, { username: tracker }) : null;
        await this.audit.record(manager, null, {
          action: account ? 'auth.lockout.account' : 'auth.lockout.ip',
          entityType: account ? 'user' : 'ip',
          entityId: user?.id ?? 0,
          after: {
            [account ? 'username' : 'ip']: tracker,
            attempts: s.hits,
            blockedUntil: new Date(s.blockedUntil!).toISOString(),
            blockSeconds: result.secondsToUnblock,
            strikes: s.strikes,
          },
        });
      }
      return {
        totalHits: s.hits,
        timeToExpire: result.secondsToReset,
        isBlocked: result.blocked,
        timeToBlockExpire: result.secondsToUnblock,
      };
    });
  }

  /** Deletes the counters of keys quiet for a day: a window that ended and no block within the last day. */
  async purgeStale(manager: EntityManager, now = Date.now()): Promise<number> {
    const cutoff = new Date(now - STRIKES_FORGOTTEN_AFTER_MS).toISOString();
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(ThrottleRecord)
      .where('window_ends_at < :cutoff AND (blocked_until IS NULL OR blocked_until < :cutoff)', { cutoff })
      .execute();
    return result.affected ?? 0;
  }
}
