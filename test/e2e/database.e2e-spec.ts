import { testDatabaseKind } from '../support/database';
import { TestApp } from '../support/test-app';

describe('The database connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('runs SQLite in WAL mode with foreign keys on and a busy timeout, or PostgreSQL with a statement timeout', async () => {
    if (testDatabaseKind() === 'sqlite') {
      const [journal] = await t.dataSource.query('PRAGMA journal_mode');
      const [foreignKeys] = await t.dataSource.query('PRAGMA foreign_keys');
      const [busy] = await t.dataSource.query('PRAGMA busy_timeout');
      expect(journal.journal_mode).toBe('wal');
      expect(foreignKeys.foreign_keys).toBe(1);
      expect(Number(Object.values(busy)[0])).toBe(30_000);
    } else {
      const [row] = await t.dataSource.query('SHOW statement_timeout');
      expect(row.statement_timeout).toBe('30s');
    }
  });

  it('enforces foreign keys: an alias of a source that does not exist cannot be stored', async () => {
    await expect(
      t.dataSource.query(
        "INSERT INTO source_aliases (source_id, alias, alias_folded) VALUES (987654, 'ghost', 'ghost')",
      ),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });
});
