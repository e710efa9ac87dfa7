import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AsyncContext, asyncContext } from '../common/async-context';
import { storageFailure } from './storage-errors';

/** What /health and /metrics read about writes. */
export interface WriteState {
  /** false after a write failed for a storage reason (disk full, I/O), until a write commits again. */
  writable: boolean;
  /** The storage error that made it false. */
  lastError: string | null;
  /** When it became false (ISO instant). */
  failingSince: string | null;
}

/** A unit of work waiting on the SQLite queue. */
interface Pending {
  unit: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  queuedAt: bigint;
}

/** The savepoint each unit of a group commit runs in (one at a time, so one name). */
const UNIT_SAVEPOINT = 'claimtrail_unit';

/** TypeORM's SQLite query runner keeps its transaction state in these (protected) fields. */
interface SqliteRunnerState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * Runs units of work in a database transaction. Every write in the application goes through
 * `run`, which is what makes the SQLite default safe under concurrent requests.
 *
 * Why a queue: TypeORM's SQLite drivers hold ONE connection per data source, so two concurrent
 * `dataSource.transaction()` calls collide ("cannot start a transaction within a transaction",
 * typeorm/typeorm#8668 and #1884) and a write from another request would land inside somebody
 * else's open transaction. On SQLite, top-level transactions therefore run one after another
 * through a queue, and the units waiting together share one transaction and its COMMIT (group
 * commit, see drain). PostgreSQL has a real pool and runs them concurrently; there,
 * optimistic locking (conditional UPDATE ... WHERE version = ?) settles races.
 *
 * Why the check after a failed unit (issue 15, item 1): when COMMIT fails with SQLITE_FULL or
 * SQLITE_IOERR, SQLite may already have rolled the transaction back; TypeORM's ROLLBACK then
 * fails ("cannot rollback - no transaction is active") and its query runner keeps believing a
 * transaction is open, so every later unit became a SAVEPOINT inside a transaction that was
 * never committed: answered 201, lost on restart. After every failed transaction (its COMMIT, a
 * storage error in a unit, a savepoint that cannot be rolled back to) we therefore reset the
 * runner's bookkeeping, roll back whatever SQLite still holds, and prove the connection is in
 * autocommit mode (a BEGIN must succeed); failing that, the connection is reopened.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');
  /** SQLite: units waiting for the write transaction, oldest first; `drain` consumes them. */
  private readonly pending: Pending[] = [];
  private draining = false;
  private readonly serialise: boolean;
  private readonly waitListeners: ((seconds: number) => void)[] = [];
  private readonly commitListeners: ((units: number, committed: boolean) => void)[] = [];
  private readonly writeState: WriteState & { failingAt: string | null } = { writable: true, lastError: null, failingSince: null, failingAt: null };
  static readonly PROBE_AFTER_MS = 10_000;
  /** Group commit bounds: how many units one SQLite transaction may hold, and for how long it takes in new arrivals. */
  static readonly MAX_UNITS_PER_COMMIT = 64;
  static readonly MAX_COMMIT_DELAY_MS = 20;
  /** PostgreSQL: how many times a unit runs when PostgreSQL rolls it back to break a deadlock. */
  static readonly MAX_ATTEMPTS = 3;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite' || dataSource.options.type === 'better-sqlite3';
  }

  /** Whether write units run one at a time in this process (SQLite), not concurrently (PostgreSQL). */
  get serialised(): boolean {
    return this.serialise;
  }

  /** Units of work waiting for their turn on the SQLite queue (always 0 on PostgreSQL). */
  get queueDepth(): number {
    return this.pending.length;
  }

  get state(): Readonly<WriteState> {
    return this.writeState;
  }

  /** Called with each unit's time in the SQLite queue, in seconds (for /metrics). */
  onQueueWait(listener: (seconds: number) => void): void {
    this.waitListeners.push(listener);
  }

  /** Called after each SQLite group commit with the units it held, and whether it committed (for /metrics). */
  onGroupCommit(listener: (units: number, committed: boolean) => void): void {
    this.commitListeners.push(listener);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (asyncContext.getStore()?.inUnit) {
      // Fail loudly instead of deadlocking: the caller should pass its manager down (the *In methods).
      return Promise.reject(new Error('Transactions.run was called inside a transaction; pass the EntityManager down instead.'));
    }
    // In the caller's context: on SQLite the unit runs later, from the queue's loop, and its log
    // lines must still carry the id of the request that asked for it. The store is the only async
    // context the code reads (common/async-context.ts), so it is taken along as it is now;
    // AsyncResource.bind did the same at a higher price: it defines two deprecated getters (util.deprecate)
    // on every function it binds, which the CPU profile of a claim create showed.
    const context: AsyncContext = { ...asyncContext.getStore(), inUnit: true };
    const unit = (manager: EntityManager) => asyncContext.run(context, () => work(manager));
    if (!this.serialise) return this.observe(this.runConcurrently(unit));
    const result = new Promise<T>((resolve, reject) => {
      this.pending.push({ unit, resolve: resolve as (value: unknown) => void, reject, queuedAt: process.hrtime.bigint() });
    });
    if (!this.draining) void this.drain();
    return this.observe(result);
  }

  /**
   * PostgreSQL: the unit in a transaction of its own, run again (up to MAX_ATTEMPTS in all) when
   * PostgreSQL rolled it back to break a deadlock (40P01) or for a serialization failure (40001):
   * nothing of it was kept, and the other transaction has gone ahead. A unit that syncs the ledger
   * for several claims (a source merge) takes per-source locks claim by claim, so it can meet a
   * write that takes the same locks in another order; PostgreSQL picks one of them after
   * deadlock_timeout, and that one is run again instead of answering 500.
   */
  private async runConcurrently<T>(unit: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(unit);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= Transactions.MAX_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
        this.logger.warn(`PostgreSQL rolled a unit back (${String(code)}: ${(error as Error).message}); running it again, attempt ${attempt + 1}`);
      }
    }
  }

  /**
   * The SQLite queue's one consumer: group commit. The units waiting when a transaction starts,
   * and those that arrive in its first MAX_COMMIT_DELAY_MS (MAX_UNITS_PER_COMMIT at most), run one after another in that one transaction, each in its own
   * savepoint, and share its COMMIT (and fsync). A unit that fails is rolled back to its
   * savepoint and refused alone. Nothing is acknowledged before the COMMIT: when it fails, or a
   * unit fails for a storage reason (SQLite may then have rolled everything back), every unit of
   * the transaction is refused with that error, the connection is put back in autocommit, and
   * the units not yet started go first into the next transaction.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        try {
          await this.commitGroup();
        } catch (error) {
          // Only a listener can throw here: every unit of the group has been answered already.
          this.logger.error(`After a group commit: ${String(error)}`);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(): Promise<void> {
    const runner = this.dataSource.createQueryRunner(); // on SQLite: the one shared runner
    // Each unit taken, with its outcome once it has one (`ok` unset: it never got to run).
    const taken: { item: Pending; ok?: boolean; value?: unknown }[] = [{ item: this.pending.shift()! }];
    const began = Date.now();
    let fatal: unknown = null;
    try {
      await runner.startTransaction();
      // Those waiting now are all taken (up to the cap); later arrivals only while the transaction is young.
      const waitingAtStart = taken.length + this.pending.length;
      for (let i = 0; ; i++) {
        const entry = taken[i];
        const waited = Number(process.hrtime.bigint() - entry.item.queuedAt) / 1e9;
        for (const listener of this.waitListeners) listener(waited);
        await runner.query(`SAVEPOINT ${UNIT_SAVEPOINT}`);
        try {
          entry.value = await entry.item.unit(runner.manager);
          await runner.query(`RELEASE ${UNIT_SAVEPOINT}`);
          entry.ok = true;
        } catch (error) {
          Object.assign(entry, { ok: false, value: error });
          if (storageFailure(error)) throw error;
          // If SQLite has already rolled the transaction back, ROLLBACK TO fails, and so does the group.
          await runner.query(`ROLLBACK TO ${UNIT_SAVEPOINT}`);
          await runner.query(`RELEASE ${UNIT_SAVEPOINT}`);
        }
        const more =
          this.pending.length > 0 &&
          taken.length < Transactions.MAX_UNITS_PER_COMMIT &&
          (taken.length < waitingAtStart || Date.now() - began < Transactions.MAX_COMMIT_DELAY_MS);
        if (!more) break;
        taken.push({ item: this.pending.shift()! });
      }
      await runner.commitTransaction();
    } catch (error) {
      fatal = error;
      try {
        await this.restoreAutocommit();
      } catch (restoreError) {
        this.logger.error(`Could not put the SQLite connection back in autocommit mode: ${String(restoreError)}`);
      }
    }
    await runner.release();
    for (const { item, ok, value } of taken) {
      if (ok === false) item.reject(value);
      else if (fatal === null) item.resolve(value);
      else item.reject(fatal);
    }
    for (const listener of this.commitListeners) listener(taken.length, fatal === null);
  }

  /**
   * Whether writes can be stored, for /health: false while the latest unit failed for a storage
   * reason. Any unit that commits clears it; so that an idle desk recovers too, once the failure
   * is PROBE_AFTER_MS old a unit that changes nothing visible (rewrites one migrations row as it
   * is) is tried. A tiny probe may fit where real writes do not, so it is not tried sooner.
   */
  async probeWritable(): Promise<boolean> {
    if (this.writeState.writable) return true;
    if (Date.now() - Date.parse(this.writeState.failingAt ?? '') < Transactions.PROBE_AFTER_MS) return false;
    try {
      await this.run((manager) => manager.query('UPDATE migrations SET name = name WHERE id = (SELECT MIN(id) FROM migrations)'));
    } catch {
      // the state says why
    }
    return this.writeState.writable;
  }

  private async observe<T>(result: Promise<T>): Promise<T> {
    try {
      const value = await result;
      if (!this.writeState.writable) this.logger.log('Writes commit again; the database has recovered.');
      Object.assign(this.writeState, { writable: true, lastError: null, failingSince: null, failingAt: null });
      return value;
    } catch (error) {
      const failure = storageFailure(error);
      if (failure) {
        if (this.writeState.writable) this.writeState.failingSince = new Date().toISOString();
        this.writeState.writable = false;
        this.writeState.lastError = failure.code;
        this.writeState.failingAt = new Date().toISOString();
      }
      throw error;
    }
  }

  /**
   * After a failed unit on SQLite: make TypeORM's runner and SQLite agree that no transaction is
   * open. Runs inside the queue, so no other unit is on the connection meanwhile.
   */
  private async restoreAutocommit(): Promise<void> {
    const runner = this.dataSource.createQueryRunner(); // on SQLite: the one shared runner
    const state = runner as unknown as SqliteRunnerState;
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    await this.exec('ROLLBACK').catch(() => undefined); // "no transaction is active" is the good case
    try {
      // In autocommit mode BEGIN succeeds; inside a transaction it fails.
      await this.exec('BEGIN');
      await this.exec('ROLLBACK');
    } catch (error) {
      this.logger.error(`The SQLite connection is not in autocommit mode after a failed write (${String(error)}); reopening it.`);
      await this.reopen();
    }
  }

  /** Straight to the driver: these statements are expected to fail sometimes, and are not worth a log line. */
  private exec(sql: string): Promise<void> {
    const connection = (this.dataSource.driver as unknown as { databaseConnection: { run(sql: string, callback: (error: Error | null) => void): void } })
      .databaseConnection;
    return new Promise((resolve, reject) => connection.run(sql, (error) => (error ? reject(error) : resolve())));
  }

  /** Last resort: a new connection (closing the old one rolls back whatever it held). */
  private async reopen(): Promise<void> {
    const driver = this.dataSource.driver as unknown as {
      databaseConnection: { close(callback: (error: Error | null) => void): void };
      queryRunner?: unknown;
      createDatabaseConnection(): Promise<{ close(callback: (error: Error | null) => void): void }>;
    };
    const old = driver.databaseConnection;
    driver.databaseConnection = await driver.createDatabaseConnection();
    driver.queryRunner = undefined;
    await new Promise<void>((resolve) => old.close(() => resolve()));
  }
}
