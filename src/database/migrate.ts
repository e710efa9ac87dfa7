import { DataSource } from 'typeorm';

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
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
