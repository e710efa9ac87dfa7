import { QueryFailedError } from 'typeorm';
import { CACHED_STATEMENTS, readRows } from '../../src/database/read-rows';
import { testDatabaseKind } from '../support/database';
import { Transactions } from '../../src/database/transactions';
import { TestApp } from '../support/test-app';

/**
 * readRows sends the hot reads straight to the driver outside a transaction (src/database/read-rows.ts):
 * it must answer what TypeORM's query() answers, fail the same way, and inside a unit of work read
 * through that unit's own connection.
 */
describe('readRows', () => {
  let t: TestApp;
  const mark = (n: number) => (t.dataSource.options.type === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    t = await TestApp.start();
    await t.signIn('editor');
    await t.signIn('reviewer');
  });
  afterAll(() => t.close());

  it('answers the same rows as TypeORM query() outside a transaction, with parameters', async () => {
    const sql = `SELECT id, username, role FROM users WHERE id >= ${mark(1)} ORDER BY id`;
    const direct = await readRows(t.dataSource.manager, sql, [1]);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct).toEqual(await t.dataSource.query(sql, [1]));
  });

  it('reads inside a unit of work through its transaction, so it sees the unit own uncommitted row', async () => {
    const seen = await t.app.get(Transactions).run(async (manager) => {
      await manager.query(`INSERT INTO sources (name, name_folded, kind, created_at, updated_at, version) VALUES (${mark(1)}, ${mark(2)}, 'person', ${mark(3)}, ${mark(4)}, 1)`, [
        'Read Rows Person',
        'read rows person',
        new Date().toISOString(),
        new Date().toISOString(),
      ]);
      return readRows<{ name: string }>(manager, `SELECT name FROM sources WHERE name = ${mark(1)}`, ['Read Rows Person']);
    });
    expect(seen).toEqual([{ name: 'Read Rows Person' }]);
  });

  it('fails with the QueryFailedError TypeORM raises, naming the statement', async () => {
    const error = await readRows(t.dataSource.manager, 'SELECT no_such_column FROM users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).query).toBe('SELECT no_such_column FROM users');
  });

  if (testDatabaseKind() === 'sqlite') {
    // SQLite: each statement is prepared once and run again (PreparedStatements, src/database/read-rows.ts).
    it('answers a statement that fails to prepare with its error every time, instead of waiting forever', async () => {
      for (let i = 0; i < 3; i++) {
        const error = await readRows(t.dataSource.manager, 'SELEC nothing').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(QueryFailedError);
      }
      // Several runs of one statement at once, its first preparation among them, each with its own values.
      const sql = `SELECT ${mark(1)} AS n, (SELECT COUNT(*) FROM users WHERE id <= ${mark(2)}) AS k`;
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => readRows<{ n: number }>(t.dataSource.manager, sql, [i, 1])));
      expect(answers.map(([row]) => row.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    });

    it('keeps answering past the statements it keeps, and finalises them so the connection closes', async () => {
      const own = await TestApp.start();
      try {
        const distinct = CACHED_STATEMENTS + 50;
        // Read in waves of distinct statements so that the oldest are finalised while later ones run.
        for (let wave = 0; wave < 3; wave++) {
          const answers = await Promise.all(
            Array.from({ length: distinct }, (_, i) => readRows<{ n: number }>(own.dataSource.manager, `SELECT ${mark(1)} + ${i} AS n`, [wave * 1000])),
          );
          expect(answers.map(([row]) => row.n)).toEqual(Array.from({ length: distinct }, (_, i) => wave * 1000 + i));
        }
      } finally {
        // SQLite refuses to close a connection with statements not finalised ("SQLITE_BUSY: unable to close"): this resolves.
        await own.close();
      }
      expect(own.dataSource.isInitialized).toBe(false);
    });
  }
});
