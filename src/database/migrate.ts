import { DataSource, MigrationExecutor } from 'typeorm';

/** Any fixed 64-bit number: the PostgreSQL advisory lock that serialises start-up migrations. */
const MIGRATION_LOCK = 7_316_248_551;

/**
 * Runs pending migrations. On PostgreSQL, several instances may start at once: each takes a
 * session advisory lock first, so one migrates while the others wait, then find nothing to do.
 * SQLite is one process's file; its writers are serialised by the database itself.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // The migrations run on the connection that holds the lock: a second connection would
    // deadlock a pool of one (DATABASE_POOL_SIZE=1), and the lock is held by this session only.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return (await executor.executePendingMigrations()).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
