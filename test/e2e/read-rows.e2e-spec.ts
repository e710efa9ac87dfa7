import { QueryFailedError } from 'typeorm';
import { readRows } from '../../src/database/read-rows';
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
});
