import { testDatabaseKind } from '../support/database';
import { TestApp } from '../support/test-app';

/**
 * DATABASE_POOL_SIZE and DATABASE_STATEMENT_TIMEOUT_MS reach the driver the app actually uses,
 * and /health tells which database that is and whether its migrations are current.
 */
describe(`Database settings and health on ${testDatabaseKind()}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = '3';
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = '1500';
    t = await TestApp.start();
  });

  afterAll(async () => {
    delete process.env.DATABASE_POOL_SIZE;
    delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
    await t.close();
  });

  if (testDatabaseKind() === 'postgres') {
    it('gives every pooled connection the statement timeout, and cancels a statement that runs longer', async () => {
      const shown: { statement_timeout: string }[] = await t.dataSource.query('SHOW statement_timeout');
      expect(shown).toEqual([{ statement_timeout: '1500ms' }]);
      await expect(t.dataSource.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    });

    it('opens at most DATABASE_POOL_SIZE connections however many queries wait', async () => {
      await Promise.all(Array.from({ length: 12 }, () => t.dataSource.query('SELECT pg_sleep(0.05)')));
      const rows: { n: string }[] = await t.dataSource.query(
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'claimtrail'",
      );
      expect(Number(rows[0].n)).toBe(3);
    });
  } else {
    it('uses the statement timeout as the SQLite busy timeout, with WAL and foreign keys on', async () => {
      const [timeout] = await t.dataSource.query('PRAGMA busy_timeout');
      expect(Object.values(timeout)).toEqual([1500]);
      const [journal] = await t.dataSource.query('PRAGMA journal_mode');
      expect(journal).toEqual({ journal_mode: 'wal' });
      const [foreignKeys] = await t.dataSource.query('PRAGMA foreign_keys');
      expect(foreignKeys).toEqual({ foreign_keys: 1 });
    });
  }

  it('reports the database in use and current migrations on /health', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { type: testDatabaseKind(), connected: true, migrationsPending: false, writable: true } });
  });

  it('answers 503 on /health while a migration is pending, and 200 once it is applied', async () => {
    const [last] = t.dataSource.migrations.slice(-1);
    const rows: { id: number; timestamp: number; name: string }[] = await t.dataSource.query(
      `SELECT id, timestamp, name FROM migrations WHERE name = '${last.name}'`,
    );
    await t.dataSource.query(`DELETE FROM migrations WHERE name = '${last.name}'`);
    try {
      const response = await t.http.get('/health').expect(503);
      expect(response.body).toEqual({ status: 'error', database: { type: testDatabaseKind(), connected: true, migrationsPending: true, writable: true } });
    } finally {
      await t.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES (${Number(rows[0].id)}, ${Number(rows[0].timestamp)}, '${rows[0].name}')`);
    }
    await t.http.get('/health').expect(200);
  });
});
