import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sqlite3';
import type { EntityManager } from 'typeorm';
import { asyncContext } from '../../src/common/async-context';
import { Transactions } from '../../src/database/transactions';
import { Source } from '../../src/sources/source.entity';
import { migratedSqlite, readIndependently } from '../support/sqlite-files';
import { SignedIn, TestApp } from '../support/test-app';

type Callback = (error: Error | null, ...rest: unknown[]) => void;
type Method = (sql: string, ...rest: unknown[]) => Database;

const ioError = () => Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { errno: 10, code: 'SQLITE_IOERR' });

/**
 * SQLite's write queue commits the units of work waiting together in one transaction (group
 * commit): each unit in a savepoint of its own, none acknowledged before the shared COMMIT.
 * Always on a SQLite file of its own (the queue exists only there), also when the suite runs on
 * PostgreSQL. Faults are injected at the driver boundary, as SQLite reports them.
 */
describe('Group commit on SQLite', () => {
  let dir: string;
  let file: string;
  let t: TestApp;
  let tx: Transactions;
  let editor: SignedIn;
  const groups: { units: number; committed: boolean }[] = [];
  /** Statements the driver answers with SQLITE_IOERR after rolling the transaction back, as SQLite does. */
  const failing = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrail-group-commit-'));
    file = join(dir, 'desk.sqlite');
    await migratedSqlite(file);
    t = await TestApp.start({ databaseUrl: `sqlite:${file}` });
    tx = t.app.get(Transactions);
    tx.onGroupCommit((units, committed) => groups.push({ units, committed }));
    editor = await t.signIn('editor');
    const connection = (t.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    for (const name of ['all', 'run'] as const) {
      const original = (connection[name] as Method).bind(connection);
      (connection as unknown as Record<string, Method>)[name] = (sql, ...rest) => {
        // (sql, callback) or (sql, params, callback)
        const callback = rest[rest.length - 1] as Callback;
        const params = rest.length > 1 ? JSON.stringify(rest[0] ?? []) : '';
        const trigger = [...failing].find((marker) => sql === marker || params.includes(marker));
        if (!trigger) return original(sql, ...rest);
        failing.delete(trigger);
        return original('ROLLBACK', [], () => callback(ioError()));
      };
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    groups.length = 0;
    failing.clear();
  });

  const insertSource = (manager: EntityManager, name: string) =>
    manager.insert(Source, { name, nameFolded: name.toLowerCase(), kind: 'organisation', createdAt: new Date(), updatedAt: new Date(), version: 1 });
  const stored = async () => (await readIndependently(file, 'SELECT name FROM sources')).map((row) => String(row.name));

  it('commits units that wait together in one transaction, and rolls back only the unit that fails', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `together ${i}`);
    const results = await Promise.allSettled(
      names.map((name, i) =>
        tx.run(async (manager) => {
          await insertSource(manager, name);
          if (i === 7) throw new Error('deliberate failure after a write');
          return name;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(names.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    expect((results[7] as PromiseRejectedResult).reason.message).toBe('deliberate failure after a write');
    // Fewer COMMITs than units: the units queued behind the first shared transactions.
    expect(groups.reduce((sum, g) => sum + g.units, 0)).toBe(20);
    expect(groups.length).toBeLessThan(20);
    expect(Math.max(...groups.map((g) => g.units))).toBeGreaterThan(1);
    const onDisk = await stored();
    expect(names.filter((name, i) => i !== 7 && !onDisk.includes(name))).toEqual([]);
    expect(onDisk).not.toContain('together 7');
  });

  it('refuses every unit of a transaction whose COMMIT fails, stores none of them, and commits the next ones', async () => {
    failing.add('COMMIT');
    const names = Array.from({ length: 8 }, (_, i) => `commit fails ${i}`);
    const results = await Promise.allSettled(names.map((name) => tx.run((manager) => insertSource(manager, name))));
    const refused = names.filter((_, i) => results[i].status === 'rejected');
    // The first group (every unit queued together) failed as a whole; none of it is acknowledged or stored.
    expect(groups[0]).toEqual({ units: refused.length, committed: false });
    expect(refused.length).toBeGreaterThan(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/SQLITE_IOERR/);
    const onDisk = await stored();
    expect(refused.filter((name) => onDisk.includes(name))).toEqual([]);
    expect(names.filter((name, i) => results[i].status === 'fulfilled' && !onDisk.includes(name))).toEqual([]);
    // The connection is back in autocommit: the next write commits and another connection sees it.
    await tx.run((manager) => insertSource(manager, 'after the failed commit'));
    expect(await stored()).toContain('after the failed commit');
  });

  it('after a storage error inside one unit, refuses the units of its transaction and runs those not yet started in the next', async () => {
    failing.add('storage fails here');
    const order = ['before it', 'storage fails here', 'after it'];
    const results = await Promise.allSettled(order.map((name) => tx.run((manager) => insertSource(manager, name))));
    // "before it" had succeeded in the same transaction, which SQLite rolled back: it is refused, not lost silently.
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const r of results.slice(0, 2)) expect(String((r as PromiseRejectedResult).reason)).toMatch(/SQLITE_IOERR/);
    expect(groups.map((g) => g.committed)).toEqual([false, true]);
    const onDisk = await stored();
    expect(onDisk).toContain('after it');
    expect(onDisk).not.toContain('before it');
    expect(onDisk).not.toContain('storage fails here');
  });

  it('runs each queued unit in the async context of the request that queued it (its log lines carry its id)', async () => {
    // A unit holds the queue while three others queue behind it, each from its own request's context.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const holder = asyncContext.run({ requestId: 'holder' }, () => tx.run(() => gate));
    const seen = ['request 1', 'request 2', 'request 3'].map((requestId) => asyncContext.run({ requestId }, () => tx.run(async () => asyncContext.getStore()?.requestId)));
    open();
    await holder;
    expect(await Promise.all(seen)).toEqual(['request 1', 'request 2', 'request 3']);
    // The three ran from the queue's loop, which the holder's request started: in its transaction or the next.
    expect(groups.reduce((sum, g) => sum + g.units, 0)).toBe(4);
    expect(groups.length).toBeLessThanOrEqual(2);
  });

  it('answers every concurrent API write after its transaction committed: all 201s are on disk for another connection', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.http.post('/api/sources').set('Authorization', editor.auth).send({ name: `over http ${i}`, kind: 'person' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const onDisk = await stored();
    expect(Array.from({ length: 30 }, (_, i) => `over http ${i}`).filter((name) => !onDisk.includes(name))).toEqual([]);
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^db_write_units_per_commit_count \d+$/m);
  });
});
