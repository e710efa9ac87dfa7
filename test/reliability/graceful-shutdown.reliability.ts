import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, ServerProcess, startServer } from '../support/server-process';
import { migratedSqlite, readIndependently } from '../support/sqlite-files';

/**
 * Issue 15, item 7: SIGTERM during a burst of writes. The real server runs in its own process;
 * every write it acknowledged must be in the database afterwards, read by another connection.
 * Also checks the JSON logs that process wrote: one access line per request, with its request id.
 */
describe('Graceful shutdown on SIGTERM', () => {
  let file: string;
  let server: ServerProcess;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'claimtrail-sigterm-')), 'desk.sqlite');
    await migratedSqlite(file);
    server = await startServer({ DATABASE_URL: `sqlite:${file}`, SEED_ON_FIRST_START: 'false', PASSWORD_SCRYPT_LOG_N: '14' });
  }, 60_000);
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('finishes in-flight writes, closes the database and exits on the signal; every acknowledged write is stored', async () => {
    expect(server.adminPassword).toBeTruthy();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'sign-in-1' },
      body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe('sign-in-1');
    const token = ((await login.json()) as { token: string }).token;

    const acknowledged: { name: string; requestId: string; at: number }[] = [];
    let refused = 0;
    const write = async (i: number) => {
      const name = `written during shutdown ${i}`;
      try {
        const response = await fetch(`${server.url}/api/sources`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': `burst-${i}` },
          body: JSON.stringify({ name, kind: 'organisation' }),
        });
        if (response.status === 201) acknowledged.push({ name, requestId: response.headers.get('x-request-id')!, at: Date.now() });
        else refused++;
      } catch {
        // Refused (no longer listening) or reset (connected, but the server had not read the
        // request when it stopped accepting): not acknowledged, so nothing to find.
        refused++;
      }
    };
    const burst: Promise<void>[] = [];
    let signalledAt = 0;
    for (let i = 0; i < 150; i++) {
      burst.push(write(i));
      if (i === 60) {
        server.child.kill('SIGTERM');
        signalledAt = Date.now();
      }
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(burst);
    const exit = await server.exited;
    // Nest re-raises the signal once it has closed everything (the conventional exit for SIGTERM).
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    // The database was closed cleanly: the last connection checkpointed and removed the WAL file.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(server.stderr.join('\n')).not.toMatch(/SHUTDOWN_TIMEOUT_MS/);

    // Some writes were in flight or queued when the signal came; they were answered, not dropped.
    expect(acknowledged.filter((w) => w.at > signalledAt).length).toBeGreaterThan(0);
    expect(acknowledged.length + refused).toBe(150);
    const stored = new Set((await readIndependently(file, 'SELECT name FROM sources')).map((row) => row.name));
    expect(acknowledged.filter((w) => !stored.has(w.name))).toEqual([]);
    expect(stored.size).toBe(acknowledged.length);
    process.stderr.write(`DEBUG ack=${acknowledged.length} refused=${refused} ms=${Date.now() - signalledAt}\n`);

    // The logs: JSON, one access line per answered request, carrying the caller's request id.
    const lines = jsonLines(server.stdout);
    const access = lines.filter((line) => line.msg === 'request completed' || line.msg === 'request failed');
    for (const w of acknowledged) {
      expect(access.filter((line) => line.requestId === w.requestId)).toHaveLength(1);
    }
    expect(access.find((line) => line.requestId === 'sign-in-1')).toMatchObject({ req: { method: 'POST', url: '/api/auth/login' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).not.toContain(server.adminPassword!);
    expect(JSON.stringify(lines)).not.toContain(token);
  }, 60_000);
});
