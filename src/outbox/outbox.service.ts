import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { MetricsService } from '../observability/metrics.service';
import { defaultBackoffMs } from './backoff';
import { OutboxMessageRow } from './outbox-message.entity';

/** What a handler receives: one message of its channel. */
export interface OutboxMessage {
  id: number;
  channel: string;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each channel knows its own payload
  attempts: number;
  createdAt: Date;
}

/** Thrown by a handler when retrying cannot help (a refused recipient, a disabled endpoint): the message fails now. */
export class PermanentFailure extends Error {}

export interface HandlerOptions {
  /** Attempts before the message is given up (default 8). */
  maxAttempts?: number;
  /** Wait before attempt `attempt + 1` after `attempt` failed (default: exponential from 5 s, capped at an hour, with jitter). */
  backoffMs?: (attempt: number) => number;
  /** Called (outside any transaction) when the message is given up: after maxAttempts, or on a PermanentFailure. */
  onGiveUp?: (message: OutboxMessage, error: unknown) => Promise<void>;
}

type Handler = { send: (m: OutboxMessage) => Promise<void> } & HandlerOptions;

/** Rows one worker claims at a time. */
const BATCH = 20;
/** Sent rows deleted per statement (one short transaction each), so a purge never holds the write queue long. */
export const PURGE_BATCH = 200;
/** The worker purges at most this often. */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The transactional outbox. `enqueue` writes a row in the caller's transaction, so the message
 * exists exactly when the event committed. The worker (every OUTBOX_POLL_MS, unless
 * OUTBOX_WORKER=off) claims due rows with a lease in a short transaction — on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so several instances never claim the same row; on SQLite through the
 * Transactions queue — then calls the channel's handler outside any transaction, and marks the
 * row sent or reschedules it with backoff. A worker that dies mid-send leaves a lease that
 * expires (OUTBOX_LEASE_MS), and the row is tried again: delivery is at least once, and handlers
 * make it idempotent on the row id (the e-mail's Message-ID, the webhook's delivery id).
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<string, Handler>();
  /** This process's name on the leases it takes. */
  private readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  /** Passes never overlap within a process: drain() waits for the worker's pass and vice versa. */
  private tail: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private lastPurge = 0;
  private readonly sent: Counter<'channel'>;
  private readonly failed: Counter<'channel'>;
  private readonly retried: Counter<'channel'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly env: Env,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    this.sent = new Counter({ name: 'outbox_messages_sent_total', help: 'Outbox messages sent by this instance, by channel.', labelNames: ['channel'], registers });
    this.failed = new Counter({ name: 'outbox_messages_failed_total', help: 'Outbox messages given up by this instance (attempts exhausted or refused for good), by channel.', labelNames: ['channel'], registers });
    this.retried = new Counter({ name: 'outbox_attempt_failures_total', help: 'Failed tries rescheduled with backoff by this instance, by channel.', labelNames: ['channel'], registers });
    const backlog = () => this.backlog();
    // Depth and age come from the table (every instance's messages), read when /metrics is scraped.
    new Gauge({
      name: 'outbox_pending_messages',
      help: 'Outbox messages waiting to be sent (pending, due or not), all instances.',
      registers,
      async collect() {
        this.set((await backlog()).depth);
      },
    });
    new Gauge({
      name: 'outbox_oldest_due_age_seconds',
      help: 'How long the oldest due pending outbox message has been due (0 when none is due).',
      registers,
      async collect() {
        this.set((await backlog()).oldestDueAgeSeconds);
      },
    });
  }

  /** Pending messages, and how long the oldest due one has waited (on the due index). */
  async backlog(now = new Date()): Promise<{ depth: number; oldestDueAgeSeconds: number }> {
    const row = await this.dataSource
      .getRepository(OutboxMessageRow)
      .createQueryBuilder('m')
      .select('COUNT(*)', 'depth')
      .addSelect('MIN(CASE WHEN m.not_before <= :at THEN m.not_before END)', 'oldest')
      .where("m.status = 'pending'")
      .setParameters({ at: now.toISOString() })
      .getRawOne<{ depth: string | number; oldest: string | Date | null }>();
    const oldest = row?.oldest ? new Date(row.oldest) : null;
    return { depth: Number(row?.depth ?? 0), oldestDueAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
  }

  /**
   * Deletes sent messages older than OUTBOX_RETENTION_DAYS (by their sending time), PURGE_BATCH
   * rows per short transaction until none is left; returns how many. Pending and failed rows stay.
   */
  async purge(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.env.OUTBOX_RETENTION_DAYS * 86_400_000).toISOString();
    const postgres = this.dataSource.options.type === 'postgres';
    let sql = `DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'sent' AND sent_at < ? ORDER BY id LIMIT ?)`;
    if (postgres) sql = sql.replace('?', '$1').replace('?', '$2');
    let purged = 0;
    for (;;) {
      if (this.stopping) return purged;
      const deleted = await this.tx.run(async (manager) => {
        const result: unknown = await manager.query(sql, [before, PURGE_BATCH]);
        // sqlite3 answers nothing for a DELETE through query(): count what is gone another way.
        return postgres ? Number((result as [unknown, number])[1]) : Number((await manager.query('SELECT changes() AS n'))[0].n);
      });
      purged += deleted;
      if (deleted < PURGE_BATCH) return purged;
    }
  }

  onApplicationBootstrap(): void {
    if (!this.env.OUTBOX_WORKER) return;
    this.timer = setInterval(() => {
      void this.drain().catch((error: unknown) => this.logger.error(`An outbox pass failed: ${String(error)}`));
      if (Date.now() - this.lastPurge >= PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        void this.purge().catch((error: unknown) => this.logger.error(`The outbox purge failed: ${String(error)}`));
      }
    }, this.env.OUTBOX_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.tail;
  }

  /** Writes a message in the caller's transaction: it will be sent once that transaction commits. */
  async enqueue(manager: EntityManager, channel: string, payload: object, options: { notBefore?: Date } = {}): Promise<void> {
    const now = new Date();
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessageRow)
      .updateEntity(false)
      .values({ channel, payload, status: 'pending', attempts: 0, notBefore: options.notBefore ?? now, leaseOwner: null, leaseUntil: null, lastError: null, createdAt: now, sentAt: null })
      .execute();
  }

  /** The handler that sends `channel`'s messages; rows of a channel with no handler here wait for an instance that has one. */
  registerHandler(channel: string, send: (m: OutboxMessage) => Promise<void>, options: HandlerOptions = {}): void {
    this.handlers.set(channel, { send, ...options });
  }

  /** Sends every message due at `now`, batch after batch, until none is left; returns how many were tried. */
  drain(now?: Date): Promise<number> {
    const pass = this.tail.then(() => this.pass(now));
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  private async pass(fixedNow?: Date): Promise<number> {
    let tried = 0;
    for (;;) {
      if (this.stopping && !fixedNow) return tried;
      const batch = await this.claim(fixedNow ?? new Date());
      if (!batch.length) return tried;
      for (const row of batch) await this.deliver(row, fixedNow);
      tried += batch.length;
    }
  }

  /** Takes a lease on up to BATCH due rows of the channels this process handles. */
  private async claim(now: Date): Promise<OutboxMessageRow[]> {
    const channels = [...this.handlers.keys()];
    if (!channels.length) return [];
    const postgres = this.dataSource.options.type === 'postgres';
    const until = new Date(now.getTime() + this.env.OUTBOX_LEASE_MS).toISOString();
    const at = now.toISOString();
    // An idle desk polls often: a read (on the due index) first, so that a pass with nothing to
    // send takes no write transaction (on SQLite, no turn in the one write queue).
    const due = await this.dataSource
      .getRepository(OutboxMessageRow)
      .createQueryBuilder('m')
      .select('m.id')
      .where("m.status = 'pending' AND m.not_before <= :at AND (m.lease_until IS NULL OR m.lease_until < :at) AND m.channel IN (:...channels)", { at, channels })
      .limit(1)
      .getRawOne();
    if (!due) return [];
    return this.tx.run(async (manager) => {
      // One statement on both databases but for the row lock: on PostgreSQL the inner SELECT
      // skips rows another instance is claiming at this moment, and the outer WHERE is checked
      // again on the latest row version, so a row is leased by one worker only.
      const free = `status = 'pending' AND not_before <= ? AND (lease_until IS NULL OR lease_until < ?)`;
      let sql =
        `UPDATE outbox_messages SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 ` +
        // On PostgreSQL `= ANY(ARRAY(…))` runs the inner SELECT once (an InitPlan): as an `IN`
        // semi-join the planner may rescan it per outer row, and each rescan with SKIP LOCKED and
        // LIMIT picks more rows, so one worker leased the whole table.
        `WHERE ${free} AND id ${postgres ? '= ANY(ARRAY(' : 'IN ('}SELECT id FROM outbox_messages WHERE ${free} ` +
        `AND channel IN (${channels.map(() => '?').join(', ')}) ORDER BY id LIMIT ?${postgres ? ' FOR UPDATE SKIP LOCKED))' : ')'}`;
      const params = [this.owner, until, at, at, at, at, ...channels, BATCH];
      if (postgres) {
        let i = 0;
        sql = sql.replace(/\?/g, () => `$${++i}`);
      }
      await manager.query(sql, params);
      return manager
        .getRepository(OutboxMessageRow)
        .createQueryBuilder('m')
        .where('m.lease_owner = :owner AND m.lease_until = :until AND m.status = :status', { owner: this.owner, until, status: 'pending' })
        .orderBy('m.id')
        .getMany();
    });
  }

  /** Calls the handler outside any transaction, then records the outcome under this worker's lease. */
  private async deliver(row: OutboxMessageRow, fixedNow?: Date): Promise<void> {
    const handler = this.handlers.get(row.channel);
    if (!handler) return;
    const message: OutboxMessage = { id: row.id, channel: row.channel, payload: row.payload, attempts: row.attempts, createdAt: row.createdAt };
    const mine = { id: row.id, leaseOwner: this.owner };
    try {
      await handler.send(message);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const giveUp = error instanceof PermanentFailure || row.attempts >= (handler.maxAttempts ?? 8);
      const wait = (handler.backoffMs ?? defaultBackoffMs)(row.attempts);
      const next = new Date((fixedNow ?? new Date()).getTime() + wait);
      await this.tx.run((manager) =>
        manager.update(OutboxMessageRow, mine, { status: giveUp ? 'failed' : 'pending', lastError: reason, notBefore: giveUp ? row.notBefore : next, leaseOwner: null, leaseUntil: null }),
      );
      (giveUp ? this.failed : this.retried).inc({ channel: row.channel });
      if (giveUp) {
        this.logger.warn(`Outbox message ${row.id} (${row.channel}) given up after ${row.attempts} attempt(s): ${reason}`);
        await handler.onGiveUp?.(message, error).catch((e: unknown) => this.logger.error(`onGiveUp of ${row.channel} failed: ${String(e)}`));
      }
      return;
    }
    await this.tx.run((manager) => manager.update(OutboxMessageRow, mine, { status: 'sent', sentAt: new Date(), lastError: null, leaseOwner: null, leaseUntil: null }));
    this.sent.inc({ channel: row.channel });
  }
}
