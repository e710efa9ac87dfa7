import { EntityManager, QueryFailedError } from 'typeorm';

type Row = Record<string, unknown>;

interface SqliteConnection {
  all(sql: string, params: unknown[], callback: (error: Error | null, rows: Row[]) => void): void;
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
    sqlite.all(sql, params, (error, rows) => {
      if (!error) return resolve(rows as T[]);
      try {
        failed(error);
      } catch (wrapped) {
        reject(wrapped);
      }
    }),
  );
}
