import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
 * through a promise queue. PostgreSQL has a real pool and runs them concurrently; there,
 * optimistic locking (conditional UPDATE ... WHERE version = ?) settles races.
 *
 * Why the check after a failed unit (issue 15, item 1): when COMMIT fails with SQLITE_FULL or
 * SQLITE_IOERR, SQLite may already have rolled the transaction back; TypeORM's ROLLBACK then
 * fails ("cannot rollback - no transaction is active") and its query runner keeps believing a
 * transaction is open, so every later unit became a SAVEPOINT inside a transaction that was
 * never committed: answered 201, lost on restart. After every failed unit we therefore reset
 * the runner's bookkeeping, roll back whatever SQLite still holds, and prove the connection is
 * in autocommit mode (a BEGIN must succeed); failing that, the connection is reopened.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');
  private tail: Promise<unknown> = Promise.resolve();
  /** Set while a unit of work runs: a nested `run` would wait for itself on the SQLite queue. */
  private readonly inside = new AsyncLocalStorage<true>();
  private readonly serialise: boolean;
  private waiting = 0;
  private readonly waitListeners: ((seconds: number) => void)[] = [];
  private readonly writeState: WriteState & { failingAt: string | null } = { writable: true, lastError: null, failingSince: null, failingAt: null };
  static readonly PROBE_AFTER_MS = 10_000;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite' || dataSource.options.type === 'better-sqlite3';
  }

  /** Whether write units run one at a time in this process (SQLite), not concurrently (PostgreSQL). */
  get serialised(): boolean {
    return this.serialise;
  }

  /** Units of work waiting for their turn on the SQLite queue (always 0 on PostgreSQL). */
  get queueDepth(): number {
    return this.waiting;
  }

  get state(): Readonly<WriteState> {
    return this.writeState;
  }

  /** Called with each unit's time in the SQLite queue, in seconds (for /metrics). */
  onQueueWait(listener: (seconds: number) => void): void {
    this.waitListeners.push(listener);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.inside.getStore()) {
      // Fail loudly instead of deadlocking: the caller should pass its manager down (the *In methods).
      return Promise.reject(new Error('Transactions.run was called inside a transaction; pass the EntityManager down instead.'));
    }
    const unit = (manager: EntityManager) => this.inside.run(true, () => work(manager));
    if (!this.serialise) return this.observe(this.dataSource.transaction(unit));
    const queuedAt = process.hrtime.bigint();
    this.waiting++;
    const result = this.tail.then(async () => {
      this.waiting--;
      const waited = Number(process.hrtime.bigint() - queuedAt) / 1e9;
      for (const listener of this.waitListeners) listener(waited);
      try {
        return await this.dataSource.transaction(unit);
      } catch (error) {
        await this.restoreAutocommit();
        throw error;
      }
    });
    // The queue continues whether this unit succeeded or failed.
    this.tail = result.catch(() => undefined);
    return this.observe(result);
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
