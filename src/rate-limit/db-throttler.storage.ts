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
  /** How long this instance trusts a block it read or wrote without reading the database again. */
  static readonly REMEMBER_BLOCK_MS = 1000;
  private increments = 0;
  /**
   * Blocks this instance has seen (key → blocked until, and when it was last read), so that the
   * sign-in shield (login-shield.ts) refuses a blocked client before the Nest pipeline. Trusted for
   * REMEMBER_BLOCK_MS only: a block lifted in the database (an operator deleting the row) or
   * longer there (another instance) is read again within a second.
   */
  private readonly blocks = new Map<string, { until: number; seenAt: number }>();

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
      this.remember(key, seen.blockedUntil.getTime(), now);
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
      if (result.blocked) this.remember(key, s.blockedUntil!, now);
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

  /**
   * Whole seconds left on a block of `key` that this instance saw less than REMEMBER_BLOCK_MS ago;
   * 0 when none is known (the request then goes through the throttler, which reads the database).
   */
  rememberedBlock(key: string, now = Date.now()): number {
    const block = this.blocks.get(key);
    if (!block) return 0;
    if (block.until <= now || now - block.seenAt > DbThrottlerStorage.REMEMBER_BLOCK_MS) {
      this.blocks.delete(key);
      return 0;
    }
    return Math.max(1, Math.ceil((block.until - now) / 1000));
  }

  private remember(key: string, until: number, now: number): void {
    this.blocks.delete(key); // re-inserted last: the oldest entries come first when trimming
    this.blocks.set(key, { until, seenAt: now });
    if (this.blocks.size > 10_000) {
      // Stale entries first, then the oldest: a forgotten block is only read from the database again.
      for (const [k, b] of this.blocks) if (b.until <= now || now - b.seenAt > DbThrottlerStorage.REMEMBER_BLOCK_MS) this.blocks.delete(k);
      for (const k of this.blocks.keys()) {
        if (this.blocks.size <= 5_000) break;
        this.blocks.delete(k);
      }
    }
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
