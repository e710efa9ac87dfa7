import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startServer } from '../support/server-process';

/**
 * `npm start` on an empty database prints the admin password last, after the route logs and the
 * address, where a newcomer looking at the console sees it. The real server process (src/main.ts).
 */
describe('First start', () => {
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('prints the admin password after the route logs and the "Serving on" line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-first-start-')), 'db.sqlite');
    server = await startServer({ DATABASE_URL: `sqlite:${file}`, SEED_ON_FIRST_START: 'false', PASSWORD_SCRYPT_LOG_N: '14' });
    const deadline = Date.now() + 10_000;
    while (!server.stdout.some((line) => line.includes('it will not be shown again.')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const out = server.stdout;
    const lastRoute = out.map((line) => line.includes('Mapped {')).lastIndexOf(true);
    const serving = out.findIndex((line) => line.includes('Serving on'));
    const banner = out.findIndex((line) => line.includes('First start: created the admin account.'));
    const password = out.map((line) => /^\s+password: (\S+)$/.exec(line)).find(Boolean)?.[1];
    expect(password).toBeDefined();
    expect(lastRoute).toBeGreaterThan(0);
    expect(serving).toBeGreaterThan(lastRoute);
    expect(banner).toBeGreaterThan(serving);
    expect(out.filter((line) => line.trim()).at(-1)).toContain('it will not be shown again.');
  });
});
