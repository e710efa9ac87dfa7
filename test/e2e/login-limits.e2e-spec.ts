import { Transactions } from '../../src/database/transactions';
import { DbThrottlerStorage } from '../../src/rate-limit/db-throttler.storage';
import { UsersService } from '../../src/users/users.service';
import { TestApp } from '../support/test-app';

// Low limits for this file; clients are told apart by X-Forwarded-For (TRUST_PROXY, as behind a proxy).
process.env.LOGIN_LIMIT_PER_IP = '6';
process.env.LOGIN_LIMIT_PER_ACCOUNT = '3';
process.env.LOGIN_BLOCK_SECONDS = '60';
process.env.TRUST_PROXY = 'true';

describe('Sign-in limits (issue 15 item 4)', () => {
  let t: TestApp;
  let ip = 0;
  const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.LOGIN_LIMIT_PER_IP;
    delete process.env.LOGIN_LIMIT_PER_ACCOUNT;
    delete process.env.LOGIN_BLOCK_SECONDS;
    delete process.env.TRUST_PROXY;
  });

  const createUser = (username: string) => t.app.get(UsersService).create(null, { username, role: 'editor', password: `password-of-${username}` });
  const login = (username: string, password: string, from = nextIp()) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('refuses an account after 3 attempts with 429 and Retry-After, whatever the address and even with the right password, and audits the lockout', async () => {
    const user = await createUser('maria');
    for (let i = 0; i < 3; i++) await login('maria', 'wrong').expect(401);
    const refused = await login('maria', 'password-of-maria').expect(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body).toMatchObject({ statusCode: 429, retryAfter: 60, message: expect.stringContaining('for this account') });
    await login('maria', 'password-of-maria').expect(429);

    const audit = await t.dataSource.query(`SELECT action, entity_type, entity_id, after FROM audit_events WHERE action LIKE 'auth.lockout%'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'auth.lockout.account', entity_type: 'user' });
    expect(Number(audit[0].entity_id)).toBe(user.id);
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toMatchObject({ username: 'maria', blockSeconds: 60, strikes: 1 });
    const rows = await t.dataSource.query(`SELECT hits, strikes, blocked_until FROM throttle_records WHERE key = 'login-account:maria'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].blocked_until).toEqual(expect.any(String));
  });

  it('doubles the block when the account is locked again after its block ends (backoff)', async () => {
    await createUser('olga');
    for (let i = 0; i < 3; i++) await login('olga', 'wrong').expect(401);
    expect((await login('olga', 'wrong').expect(429)).headers['retry-after']).toBe('60');
    // The block ran out (moved into the past, as if a minute had passed).
    const past = new Date(Date.now() - 1000).toISOString();
    await t.dataSource.query(`UPDATE throttle_records SET blocked_until = '${past}', window_ends_at = '${past}' WHERE key = 'login-account:olga'`);
    // The sign-in shield trusts the block it saw for up to a second before reading the database again.
    await new Promise((resolve) => setTimeout(resolve, DbThrottlerStorage.REMEMBER_BLOCK_MS + 100));
    await login('olga', 'password-of-olga').expect(200);
    for (let i = 0; i < 2; i++) await login('olga', 'wrong').expect(401);
    const again = await login('olga', 'wrong').expect(429);
    expect(again.headers['retry-after']).toBe('120');
  });

  it('limits one address to 6 attempts a minute across usernames, known or not; other addresses go on', async () => {
    const from = '192.0.2.7';
    for (let i = 0; i < 6; i++) await login(`nobody-${i}`, 'guess', from).expect(401);
    const refused = await login('nobody-x', 'guess', from).expect(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body.message).toContain('from this address');
    await login('nobody-y', 'guess', '192.0.2.8').expect(401);
    const audit = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'auth.lockout.ip'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).toContain('192.0.2.7');
  });

  it('applies the same limits to the web sign-in form, with a page and Retry-After', async () => {
    await createUser('ines');
    for (let i = 0; i < 3; i++) await login('ines', 'wrong').expect(401);
    const form = await t.http.get('/login').expect(200);
    const pre = (form.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const page = await t.http
      .post('/login')
      .set('Cookie', pre)
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ _csrf: csrf, username: 'ines', password: 'password-of-ines' })
      .expect(429);
    expect(page.headers['retry-after']).toBe('60');
    expect(page.text).toContain('Too many sign-in attempts for this account');
    expect(page.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('ct_session=')]));
    // The refusal page follows the browser's language (the reader is not signed in).
    const french = await t.http
      .post('/login')
      .set('Cookie', pre)
      .set('X-Forwarded-For', nextIp())
      .set('Accept-Language', 'fr-FR,fr;q=0.9')
      .type('form')
      .send({ _csrf: csrf, username: 'ines', password: 'password-of-ines' })
      .expect(429);
    expect(french.text).toContain('<html lang="fr">');
    expect(french.text).toContain('<h1>Connexion impossible pour l’instant</h1>');
    expect(french.text).toContain('Trop de tentatives de connexion pour ce compte\u00a0; réessayez dans');
    expect(french.text).toContain('>Retour à la page de connexion</a>');
  });

  it('refuses a sign-in with 503 and Retry-After when too many passwords are being checked at once, instead of queueing', async () => {
    const { passwordHashing } = await import('../../src/auth/password');
    const saved = { c: passwordHashing.concurrency, q: passwordHashing.queue };
    passwordHashing.concurrency = 1;
    passwordHashing.queue = 0;
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => login(`burst-${i}`, 'guess')));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toContain(503);
      expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
      const busy = responses.find((r) => r.status === 503)!;
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body.message).toContain('Too many passwords');
      expect(busy.body.code).toBe('sign_in_busy');
    } finally {
      passwordHashing.concurrency = saved.c;
      passwordHashing.queue = saved.q;
    }
  });

  it('refuses a blocked address before reading its body or counting the attempt, with the same 429 and Retry-After', async () => {
    const from = '192.0.2.44';
    for (let i = 0; i < 6; i++) await login(`stranger-${i}`, 'guess', from).expect(401);
    await login('stranger-x', 'guess', from).expect(429); // the block starts (counted, audited)
    const counter = async () => (await t.dataSource.query(`SELECT hits, strikes, blocked_until FROM throttle_records WHERE key = 'login-ip:${from}'`))[0];
    const before = await counter();
    // Not even JSON: a request that reached the body parser would be a 400.
    const refused = await t.http.post('/api/auth/login').set('X-Forwarded-For', from).set('Content-Type', 'application/json').send('{not json').expect(429);
    expect(refused.headers['retry-after']).toMatch(/^(59|60)$/);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('from this address'), retryAfter: expect.any(Number) });
    expect(refused.body.requestId).toBe(refused.headers['x-request-id']);
    for (let i = 0; i < 20; i++) await login(`stranger-y${i}`, 'guess', from).expect(429);
    expect(await counter()).toEqual(before);
    const audit = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'auth.lockout.ip'`);
    expect(audit.filter((a: { after: unknown }) => JSON.stringify(a.after).includes(from))).toHaveLength(1);
  });

  it('refuses a blocked account before the Nest pipeline, without counting an attempt for the new address', async () => {
    await createUser('petra');
    for (let i = 0; i < 3; i++) await login('petra', 'wrong').expect(401);
    await login('petra', 'wrong').expect(429);
    const from = '192.0.2.55';
    const refused = await login('petra', 'password-of-petra', from).expect(429);
    expect(refused.body.message).toContain('for this account');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    // The throttler never saw this address: the shield answered first.
    expect(await t.dataSource.query(`SELECT key FROM throttle_records WHERE key = 'login-ip:${from}'`)).toEqual([]);
    const tokens = await t.dataSource.query(`SELECT t.id FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'petra'`);
    expect(tokens).toEqual([]);
  });

  it('forgets the counters of keys quiet for a day, and keeps the others', async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    const recent = new Date(Date.now() - 3600_000).toISOString();
    await t.dataSource.query(
      `INSERT INTO throttle_records (key, hits, window_ends_at, blocked_until, strikes) VALUES ('login-ip:old', 3, '${old}', NULL, 0), ('login-ip:old-block', 9, '${old}', '${old}', 2), ('login-ip:recent', 3, '${recent}', NULL, 1)`,
    );
    const purged = await t.app.get(Transactions).run((manager) => t.app.get(DbThrottlerStorage).purgeStale(manager));
    expect(purged).toBe(2);
    const keys = (await t.dataSource.query(`SELECT key FROM throttle_records WHERE key LIKE 'login-ip:%' ORDER BY key`)).map((r: { key: string }) => r.key);
    expect(keys).toContain('login-ip:recent');
    expect(keys).not.toContain('login-ip:old');
    expect(keys).not.toContain('login-ip:old-block');
  });
});
