import { Database, OPEN_READONLY, OPEN_READWRITE } from 'sqlite3';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';

/**
 * SQLite files the reliability specs own (on a tmpfs, in a temporary directory), independent of
 * the suite's template database, so they also run when the suite itself runs on PostgreSQL.
 */
export async function migratedSqlite(file: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: `sqlite:${file}`, DATABASE_POOL_SIZE: 1, DATABASE_STATEMENT_TIMEOUT_MS: 5_000 }));
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
}

/**
 * Reads through a connection of its own, as another process (or a restart) would. Read-only
 * unless `writable`: SQLite's integrity_check validates FTS5 indexes only on a writable handle.
 */
export function readIndependently(file: string, sql: string, options: { writable?: boolean } = {}): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file, options.writable ? OPEN_READWRITE : OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);
      db.all(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows as Record<string, unknown>[]))));
    });
  });
}
