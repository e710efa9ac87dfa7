import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server-process';
import { migratedSqlite } from '../support/sqlite-files';

/**
 * Issue 15, item 6 (the SQLite bullet): two instances on one SQLite file used to both start
 * healthy and then fail with SQLITE_BUSY. The second must refuse to start, saying why.
 */
describe('One server per SQLite file', () => {
  it('refuses to start a second server on the same file, naming the first, and starts once the first has stopped', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-two-')), 'desk.sqlite');
    await migratedSqlite(file);
    const env = { DATABASE_URL: `sqlite:${file}`, SEED_ON_FIRST_START: 'false', PASSWORD_SCRYPT_LOG_N: '14' };
    const first = await startServer(env);
    try {
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: first.child.pid, purpose: 'server' });
      const refused = await startServer(env).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(refused).toMatch(new RegExp(`The server exited \\(1\\)[\\s\\S]*Another Claimtrail process \\(pid ${first.child.pid} on`));
      expect(refused).toMatch(/One SQLite file serves one instance/);
      // The first one is unaffected.
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    expect(existsSync(`${file}.lock`)).toBe(false);

    const second = await startServer(env);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 90_000);

  it('takes over the lock of a server that was killed (-9)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-stale-')), 'desk.sqlite');
    await migratedSqlite(file);
    const env = { DATABASE_URL: `sqlite:${file}`, SEED_ON_FIRST_START: 'false', PASSWORD_SCRYPT_LOG_N: '14' };
    const crashed = await startServer(env);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(existsSync(`${file}.lock`)).toBe(true);
    const next = await startServer(env);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(next.child.pid);
    next.child.kill('SIGTERM');
    await next.exited;
  }, 90_000);
});
