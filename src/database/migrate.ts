import { DataSource } from 'typeorm';

/** Any fixed 64-bit number: the PostgreSQL advisory lock that serialises start-ups. */
const STARTUP_LOCK = 7_316_248_551;

/**
 * Runs `work` while holding the start-up lock. On PostgreSQL, several instances may start at
 * once: each takes a session advisory lock first, so one migrates (and, on the very first start,
 * creates the admin account and the sample) while the others wait, then find nothing to do.
 *
 * The lock is held on a connection of its own, outside the data source's pool: the work inside
 * needs pool connections, and borrowing one for the lock would deadlock a pool of one
 * (DATABASE_POOL_SIZE=1). SQLite is one process's file; there is nothing to lock.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  // Loaded here, not at the top: an SQLite server never needs pg, and loading it slows every start.
  const { Client } = await import('pg');
  const client = new Client({ connectionString: dataSource.options.url, application_name: 'claimtrail startup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    // Ending the session releases the lock, even if the unlock itself failed.
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Applies pending migrations, one transaction each; the caller holds the start-up lock. */
export async function applyPendingMigrations(dataSource: DataSource): Promise<string[]> {
  return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
}

/** Runs pending migrations under the start-up lock; returns the names of those applied. */
export function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withStartupLock(dataSource, () => applyPendingMigrations(dataSource));
}

/**
 * Planner statistics after migrations changed the schema. SQLite has none until ANALYZE runs
 * (bounded by analysis_limit, so a large database takes well under a second); PostgreSQL's
 * autovacuum gathers its own, but only once enough rows changed, so new indexes get them now.
 */
export async function gatherStatistics(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'sqlite') {
    await dataSource.query('PRAGMA analysis_limit = 1000');
    await dataSource.query('ANALYZE');
  } else {
    await dataSource.query('ANALYZE');
  }
}

/**
 * A bare data source (the command line's report) brought up to date as the server does it:
 * pending migrations under the start-up lock, then statistics if any ran.
 */
export async function migrateBare(dataSource: DataSource): Promise<void> {
  await withStartupLock(dataSource, async () => {
    if ((await applyPendingMigrations(dataSource)).length) await gatherStatistics(dataSource);
  });
}
