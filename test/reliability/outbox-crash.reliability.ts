import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleInput, claimInput } from '../factories';
import { ServerProcess, startServer } from '../support/server-process';
import { TestSmtpServer } from '../support/smtp';
import { migratedSqlite, readIndependently } from '../support/sqlite-files';

/**
 * Issue 13: the outbox survives a crash. The real server, in its own process, commits a comment
 * mentioning a reviewer who chose e-mail, and is killed (SIGKILL) before its worker sends the
 * e-mail. After a restart the e-mail goes out, once.
 */
describe('The outbox across a crash', () => {
  let file: string;
  let smtp: TestSmtpServer;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'claimtrail-outbox-crash-')), 'desk.sqlite');
    await migratedSqlite(file);
    smtp = await TestSmtpServer.start();
  }, 60_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await smtp.close();
  });

  const env = (worker: 'on' | 'off') => ({
    DATABASE_URL: `sqlite:${file}`,
    SEED_ON_FIRST_START: 'false',
    PASSWORD_SCRYPT_LOG_N: '14',
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://desk.example.org',
    OUTBOX_WORKER: worker,
    OUTBOX_POLL_MS: '100',
  });

  async function call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${server!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  it('sends an e-mail committed just before a SIGKILL exactly once after the restart', async () => {
    // The first process commits the event but never sends (its worker is off): a crash between commit and send.
    server = await startServer(env('off'));
    const admin = (await call('POST', '/api/auth/login', null, { username: 'admin', password: server.adminPassword })).body.token as string;
    expect((await call('POST', '/api/users', admin, { username: 'rita', role: 'reviewer', password: 'password-of-rita' })).status).toBe(201);
    const rita = (await call('POST', '/api/auth/login', null, { username: 'rita', password: 'password-of-rita' })).body.token as string;
    expect((await call('PUT', '/api/notifications/preferences', rita, { email: 'rita@example.org', kinds: [{ kind: 'mention', delivery: 'email' }] })).status).toBe(200);
    const article = (await call('POST', '/api/articles', admin, articleInput())).body;
    const claim = (await call('POST', `/api/articles/${article.id}/claims`, admin, claimInput())).body;
    expect((await call('POST', `/api/claims/${claim.id}/comments`, admin, { body: '@rita, the Centre counts IEDs too.' })).status).toBe(201);

    server.child.kill('SIGKILL');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await readIndependently(file, "SELECT status, attempts FROM outbox_messages WHERE channel = 'email'")).toEqual([{ status: 'pending', attempts: 0 }]);
    expect(smtp.received).toEqual([]);

    // After the restart the worker finds the message and sends it; later passes do not send it again.
    server = await startServer(env('on'));
    const [mail] = await smtp.waitFor(1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a dozen more worker passes
    expect(smtp.received).toHaveLength(1);
    expect(mail.envelopeTo).toEqual(['rita@example.org']);
    expect(mail.subject).toBe(`[Claimtrail] admin mentioned you in a comment on claim #${claim.id} “${claimInput().text}”`);
    expect(mail.text).toContain(`https://desk.example.org/claims/${claim.id}`);
    server.child.kill('SIGTERM');
    await server.exited;
    expect(await readIndependently(file, "SELECT status, attempts FROM outbox_messages WHERE channel = 'email'")).toEqual([{ status: 'sent', attempts: 1 }]);
  }, 90_000);
});
