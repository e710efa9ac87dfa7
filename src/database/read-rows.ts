import { EntityManager, QueryFailedError } from 'typeorm';

type Row = Record<string, unknown>;

type Done = (error: Error | null, rows: Row[]) => void;
interface SqliteStatement {
  all(params: unknown[], callback: Done): void;
  finalize(callback?: () => void): void;
}
interface SqliteConnection {
  all(sql: string, params: unknown[], callback: Done): void;
  prepare(sql: string, callback: (error: Error | null) => void): SqliteStatement;
  close(callback?: (error: Error | null) => void): void;
}
interface PgPool {
  query(sql: string, params: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * A read of the hot paths (claim pages, the claim detail, the review queue, the ledger, the
 * sign-in token), sent straight to the driver when it runs outside a transaction: TypeORM's
 * `query()` creates and releases a query runner and broadcasts events around every statement,
 * about 20 µs of CPU each, as much as the driver's own work for these small indexed reads.
 * The same statement, the same driver, the same rows (SQLite's `all`, the pg pool's `rows`),
 * the same QueryFailedError and the same log line on failure. Inside a transaction (a manager
 * with its own query runner) it is TypeORM's `query()`, so a read sees that transaction's writes.
 * On SQLite the statement is prepared once and kept (PreparedStatements, below).
 */
export function readRows<T = Row>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (manager.queryRunner) return manager.query(sql, params) as Promise<T[]>;
  const connection = manager.connection;
  const driver = connection.driver as unknown as { databaseConnection?: SqliteConnection; master?: PgPool };
  const failed = (error: unknown): never => {
    connection.logger.logQueryError(error as Error, sql, params);
    throw new QueryFailedError(sql, params, error as Error);
  };
  if (connection.options.type === 'postgres') {
    if (!driver.master) return manager.query(sql, params) as Promise<T[]>;
    return driver.master.query(sql, params).then((result) => result.rows as T[], failed);
  }
  const sqlite = driver.databaseConnection;
  if (!sqlite) return manager.query(sql, params) as Promise<T[]>;
  return new Promise<T[]>((resolve, reject) =>
    preparedStatements(sqlite).all(sql, params, (error, rows) => {
      if (!error) return resolve(rows as T[]);
      try {
        failed(error);
      } catch (wrapped) {
        reject(wrapped);
      }
    }),
  );
}

/** How many prepared statements a SQLite connection keeps (the least recently used go first). */
export const CACHED_STATEMENTS = 200;

interface Entry {
  statement: SqliteStatement;
  /** Prepared: runs at once. Until then the runs wait here (a statement that failed to prepare never answers a run). */
  ready: boolean;
  waiting: ((error: Error | null) => void)[];
}

/**
 * The hot reads' statements on one SQLite connection, each prepared once and run again with new
 * values: `db.all` compiles its SQL on every call, and for these statements that was a quarter
 * to a half of SQLite's work (measured on the 10k bench database, 2,000 runs each: the JSON of a
 * page of 50 claims 0.39 → 0.26 ms of CPU, its ids 0.076 → 0.046, the capped count
 * 0.109 → 0.058). Runs of one statement queue on it in order, as runs on the connection do.
 * A statement that fails to prepare (bad SQL) answers its runs with the error and is not kept.
 * SQLite refuses to close a connection with statements unfinalised, so the connection's `close`
 * first finalises them (each after the runs already queued on it).
 */
class PreparedStatements {
  private readonly entries = new Map<string, Entry>(); // in order of use, the most recent last

  constructor(private readonly db: SqliteConnection) {
    const close = db.close.bind(db);
    db.close = (callback) => void this.finalizeAll().then(() => close(callback));
  }

  all(sql: string, params: unknown[], done: Done): void {
    const entry = this.entries.get(sql);
    if (entry) {
      this.entries.delete(sql);
      this.entries.set(sql, entry);
      if (entry.ready) entry.statement.all(params, done);
      else entry.waiting.push((error) => (error ? done(error, []) : entry.statement.all(params, done)));
      return;
    }
    const created: Entry = { statement: undefined as unknown as SqliteStatement, ready: false, waiting: [(error) => (error ? done(error, []) : created.statement.all(params, done))] };
    created.statement = this.db.prepare(sql, (error) => {
      if (error) {
        if (this.entries.get(sql) === created) this.entries.delete(sql);
      } else {
        created.ready = true;
      }
      for (const run of created.waiting.splice(0)) run(error);
    });
    this.entries.set(sql, created);
    this.evict();
  }

  /** Finalises the least recently used prepared statements past CACHED_STATEMENTS (one still preparing has runs waiting: kept). */
  private evict(): void {
    for (const [sql, entry] of this.entries) {
      if (this.entries.size <= CACHED_STATEMENTS) return;
      if (!entry.ready) continue;
      this.entries.delete(sql);
      entry.statement.finalize();
    }
  }

  private async finalizeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(
        (entry) =>
          new Promise<void>((resolve) => {
            const finalize = () => entry.statement.finalize(() => resolve());
            if (entry.ready) finalize();
            else entry.waiting.push((error) => (error ? resolve() : finalize()));
          }),
      ),
    );
  }
}

const prepared = new WeakMap<SqliteConnection, PreparedStatements>();

function preparedStatements(db: SqliteConnection): PreparedStatements {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new PreparedStatements(db)));
  return statements;
}
