import { EntityManager } from 'typeorm';
import { Transactions } from '../../../src/database/transactions';
import { TestApp } from '../../support/test-app';

/**
 * On PostgreSQL write units run side by side; two that lock the same things in opposite orders
 * deadlock, and PostgreSQL rolls one back (40P01). Transactions runs that one again.
 */
describe('A unit PostgreSQL rolls back to break a deadlock', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('runs again and commits, as does the unit it deadlocked with', async () => {
    const tx = t.app.get(Transactions);
    await t.dataSource.query('CREATE TABLE deadlock_probe (unit TEXT NOT NULL, attempt INTEGER NOT NULL)');
    const attempts = { first: 0, second: 0 };
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    // Each unit takes its first lock, waits (on its first attempt) until the other holds its own, then asks for the other's.
    const unit = (name: 'first' | 'second', [a, b]: number[]) => async (manager: EntityManager) => {
      const attempt = ++attempts[name];
      await manager.query('SELECT pg_advisory_xact_lock($1)', [a]);
      if (attempt === 1) {
        if (++arrived === 2) release();
        await bothLocked;
      }
      await manager.query('SELECT pg_advisory_xact_lock($1)', [b]);
      await manager.query('INSERT INTO deadlock_probe (unit, attempt) VALUES ($1, $2)', [name, attempt]);
      return name;
    };
    const results = await Promise.all([tx.run(unit('first', [9_101, 9_102])), tx.run(unit('second', [9_102, 9_101]))]);
    expect(results).toEqual(['first', 'second']);
    // One of them was rolled back once and ran again; each committed its row once.
    expect(attempts.first + attempts.second).toBe(3);
    const rows: { unit: string; attempt: number }[] = await t.dataSource.query('SELECT unit, attempt FROM deadlock_probe ORDER BY unit');
    expect(rows.map((r) => r.unit)).toEqual(['first', 'second']);
    expect(rows.map((r) => Number(r.attempt)).sort()).toEqual([1, 2]);
  });

  it('answers the error of a unit that fails for another reason, without running it again', async () => {
    const tx = t.app.get(Transactions);
    let runs = 0;
    await expect(
      tx.run(async (manager) => {
        runs++;
        await manager.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(runs).toBe(1);
  });
});
