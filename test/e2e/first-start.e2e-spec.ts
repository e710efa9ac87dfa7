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

  afterEach(async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
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

  it("counts the sample's claims in the ledger and in each source's lists, as their chains say", async () => {
    // The sample is loaded before the application initialises (bootstrap.ts, prepareDatabase): the audit's listeners,
    // which keep the ledger's totals, must already listen then. They subscribed in onModuleInit, and the seeded claims
    // were missing from the ledger and from the source-as-speaker and -as-relay lists that read it.
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-first-start-')), 'db.sqlite');
    server = await startServer({ DATABASE_URL: `sqlite:${file}`, SEED_ON_FIRST_START: 'true', PASSWORD_SCRYPT_LOG_N: '14' });
    const deadline = Date.now() + 10_000;
    while (server.adminPassword === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${server!.url}${path}`, { headers: auth });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      return (await response.json()) as T;
    };

    type Chain = { attributions: { position: number; source: { id: number } | null }[] };
    const [article] = (await get<{ items: { id: number }[] }>('/api/articles')).items;
    const claims = (await get<{ items: Chain[] }>(`/api/articles/${article.id}/claims?pageSize=100`)).items;
    const expected = new Map<string, number>();
    for (const claim of claims) {
      const roles = new Set(claim.attributions.filter((a) => a.source).map((a) => `${a.source!.id}:${a.position === 0 ? 'speaker' : 'relay'}`));
      for (const key of roles) expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(5);

    const ledger = await get<{ items: { source: { id: number }; totals: Record<'speaker' | 'relay', { claims: number }> }[] }>('/api/ledger?pageSize=100');
    const counted = new Map<string, number>();
    for (const row of ledger.items) {
      for (const role of ['speaker', 'relay'] as const) if (row.totals[role].claims) counted.set(`${row.source.id}:${role}`, row.totals[role].claims);
    }
    expect(counted).toEqual(expected);
    for (const [key, n] of expected) {
      const [sourceId, role] = key.split(':');
      expect({ key, total: (await get<{ total: number }>(`/api/claims?sourceId=${sourceId}&sourceRole=${role}`)).total }).toEqual({ key, total: n });
    }
  });
});
