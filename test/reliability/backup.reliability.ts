import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CliIo, runCli } from '../../src/cli/main';
import { acquireInstanceLock } from '../../src/database/instance-lock';
import { migratedSqlite, readIndependently } from '../support/sqlite-files';
import { SignedIn, TestApp } from '../support/test-app';

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { stdin: Readable.from(['']), stdout, stderr, out: () => out, err: () => err };
}

/** Runs the CLI as `DATABASE_URL=url npm run cli -- ...` would. */
async function cli(url: string, args: string[]) {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  const streams = io();
  try {
    const code = await runCli(args, streams);
    return { code, out: streams.out(), err: streams.err() };
  } finally {
    process.env.DATABASE_URL = saved;
  }
}

/**
 * Issue 15, item 5: copying the .sqlite file alone under load missed the writes still in its WAL.
 * db:backup under concurrent writes must hold every write acknowledged before it began, and
 * db:restore must bring exactly that back.
 */
describe('db:backup and db:restore (SQLite)', () => {
  let dir: string;
  let file: string;
  let t: TestApp;
  let editor: SignedIn;
  const backup = () => join(dir, 'desk-backup.sqlite');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrail-backup-'));
    file = join(dir, 'desk.sqlite');
    await migratedSqlite(file);
    t = await TestApp.start({ databaseUrl: `sqlite:${file}` });
    editor = await t.signIn('editor');
  });
  afterAll(() => t?.close());

  it('backs up under concurrent writes with every write acknowledged before it began, checked, with progress', async () => {
    const acknowledged: { name: string; at: number }[] = [];
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const name = `source under load ${++n}`;
        const response = await t.http.post('/api/sources').set('Authorization', editor.auth).send({ name, kind: 'organisation', description: 'd'.repeat(300) });
        if (response.status === 201) acknowledged.push({ name, at: Date.now() });
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    // The WAL holds recent writes: a plain file copy now would miss them.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const began = Date.now();
    const before = acknowledged.filter((w) => w.at < began).map((w) => w.name);
    const result = await cli(`sqlite:${file}`, ['db:backup', '--out', backup()]);
    const during = acknowledged.length;
    writing = false;
    await Promise.all(writers);

    expect(result.code).toBe(0);
    expect(result.err).toMatch(/Backing up .*desk\.sqlite: +0% /);
    expect(result.err).toMatch(/100% [\d.]+\/[\d.]+ MiB/);
    expect(result.err).toContain('PRAGMA integrity_check ok');
    expect(result.out).toMatch(/^sources +\d+$/m);
    expect(result.out).toContain(`Backup written to ${backup()}`);
    expect(during).toBeGreaterThan(before.length); // the load really went on during the backup

    const inBackup = new Set((await readIndependently(backup(), 'SELECT name FROM sources')).map((r) => r.name));
    expect(before.filter((name) => !inBackup.has(name))).toEqual([]);
    const integrity = await readIndependently(backup(), 'PRAGMA integrity_check', { writable: true });
    expect(integrity).toEqual([{ integrity_check: 'ok' }]);
  });

  it('never overwrites an existing file', async () => {
    const again = await cli(`sqlite:${file}`, ['db:backup', '--out', backup()]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
  });

  it('restores the backup into a new file with exactly its rows', async () => {
    const restored = join(dir, 'restored', 'desk.sqlite');
    const result = await cli(`sqlite:${restored}`, ['db:restore', '--from', backup()]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Restored ${backup()} to ${restored}`);
    for (const table of ['sources', 'source_aliases', 'audit_events', 'users', 'access_tokens']) {
      const sql = `SELECT * FROM ${table} ORDER BY id`;
      expect(await readIndependently(restored, sql)).toEqual(await readIndependently(backup(), sql));
    }
    expect(existsSync(`${restored}.lock`)).toBe(false);
  });

  it('refuses to restore over a database a server is using, and over an existing one without --replace', async () => {
    const lock = acquireInstanceLock(file, 'server');
    try {
      const refused = await cli(`sqlite:${file}`, ['db:restore', '--from', backup(), '--replace']);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/Refused: Another Claimtrail process \(pid \d+ .*server/);
    } finally {
      lock.release();
    }
    const target = join(dir, 'existing.sqlite');
    await migratedSqlite(target);
    const noReplace = await cli(`sqlite:${target}`, ['db:restore', '--from', backup()]);
    expect(noReplace.code).toBe(1);
    expect(noReplace.err).toMatch(/exists\. Pass --replace/);
    const replaced = await cli(`sqlite:${target}`, ['db:restore', '--from', backup(), '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/kept as .*existing\.sqlite\.before-restore-/);
    expect(readdirSync(dir).some((f) => f.startsWith('existing.sqlite.before-restore-'))).toBe(true);
    expect((await readIndependently(target, 'SELECT COUNT(*) AS n FROM sources'))[0].n).toBe((await readIndependently(backup(), 'SELECT COUNT(*) AS n FROM sources'))[0].n);
  });

  it('refuses a file that is not a sound backup and changes nothing', async () => {
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database '.repeat(100));
    const target = join(dir, 'untouched', 'desk.sqlite');
    const result = await cli(`sqlite:${target}`, ['db:restore', '--from', garbage]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Refused: .*garbage\.sqlite (is not a valid SQLite database|cannot be opened)/);
    expect(existsSync(target)).toBe(false);
  });

  it('points to pg_dump and pg_restore on PostgreSQL', async () => {
    const result = await cli('postgres://u:p@127.0.0.1:1/claimtrail', ['db:backup', '--out', join(dir, 'pg.dump')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/pg_dump --format=custom/);
    expect(result.err).toMatch(/pg_restore/);
  });
});
