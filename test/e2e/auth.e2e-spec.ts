import { TestApp } from '../support/test-app';

describe('Sign-in and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers health without a token, with the database status', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { type: expect.stringMatching(/sqlite|postgres/), connected: true, migrationsPending: false, writable: true },
    });
  });

  it('refuses every /api route without a token', async () => {
    for (const path of ['/api/articles', '/api/sources', '/api/claims', '/api/users', '/api/auth/me']) {
      const response = await t.http.get(path).expect(401);
      expect(response.body.message).toMatch(/Sign in/);
    }
  });

  it('issues a token for the right password and stores only its hash', async () => {
    const editor = await t.signIn('editor', 'anna');
    const me = await t.http.get('/api/auth/me').set('Authorization', editor.auth).expect(200);
    expect(me.body).toEqual({ id: editor.id, username: 'anna', role: 'editor' });
    const rows: { token_hash: string }[] = await t.dataSource.query('SELECT token_hash FROM access_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(editor.token);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    await t.signIn('reviewer', 'boris');
    const wrong = await t.http.post('/api/auth/login').send({ username: 'boris', password: 'not-the-password' }).expect(401);
    const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody', password: 'whatever-password' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    await t.signIn('editor', 'carla');
    const rows: { password_hash: string }[] = await t.dataSource.query("SELECT password_hash FROM users WHERE username = 'carla'");
    expect(rows[0].password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('password-of-carla');
  });

  it('revokes the token on logout', async () => {
    const editor = await t.signIn('editor');
    await t.http.post('/api/auth/logout').set('Authorization', editor.auth).expect(204);
    await t.http.get('/api/articles').set('Authorization', editor.auth).expect(401);
  });

  it('refuses an expired token', async () => {
    const editor = await t.signIn('editor');
    await t.dataSource.query("UPDATE access_tokens SET expires_at = '2000-01-01T00:00:00.000Z'");
    await t.http.get('/api/articles').set('Authorization', editor.auth).expect(401);
  });

  it('lets only admins manage users, and a deactivated user is signed out', async () => {
    const admin = await t.signIn('admin');
    const editor = await t.signIn('editor');
    await t.http.get('/api/users').set('Authorization', editor.auth).expect(403);
    const created = await t.http
      .post('/api/users')
      .set('Authorization', admin.auth)
      .send({ username: 'dora', role: 'reviewer', password: 'a-long-enough-password' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'dora', role: 'reviewer', active: true, version: 1 });
    expect(created.body).not.toHaveProperty('passwordHash');
    const login = await t.http.post('/api/auth/login').send({ username: 'dora', password: 'a-long-enough-password' }).expect(200);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin.auth)
      .send({ version: 1, active: false })
      .expect(200);
    await t.http.get('/api/articles').set('Authorization', `Bearer ${login.body.token}`).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'dora', password: 'a-long-enough-password' }).expect(401);
  });

  it('signs a user out everywhere when an admin resets their password or changes their role', async () => {
    const admin = await t.signIn('admin');
    const victim = await t.signIn('editor');
    const other = await t.http.post('/api/auth/login').send({ username: victim.username, password: `password-of-${victim.username}` }).expect(200);
    await t.http.patch(`/api/users/${victim.id}`).set('Authorization', admin.auth).send({ version: 1, password: 'a-brand-new-password' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', victim.auth).expect(401);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${other.body.token}`).expect(401);
    const fresh = await t.http.post('/api/auth/login').send({ username: victim.username, password: 'a-brand-new-password' }).expect(200);
    await t.http.patch(`/api/users/${victim.id}`).set('Authorization', admin.auth).send({ version: 2, role: 'reviewer' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${fresh.body.token}`).expect(401);
    const rows: { revoked_at: string | null }[] = await t.dataSource.query(`SELECT revoked_at FROM access_tokens WHERE user_id = ${victim.id}`);
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('refuses a short password and a taken username with the field named', async () => {
    const admin = await t.signIn('admin');
    const short = await t.http.post('/api/users').set('Authorization', admin.auth).send({ username: 'eve', role: 'editor', password: 'short' }).expect(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const taken = await t.http
      .post('/api/users')
      .set('Authorization', admin.auth)
      .send({ username: admin.username, role: 'editor', password: 'a-long-enough-password' })
      .expect(409);
    expect(taken.body.errors).toEqual([{ field: 'username', reason: 'already taken' }]);
  });

  it('keeps at least one active admin', async () => {
    const admins: { id: number; version: number }[] = await t.dataSource.query("SELECT id, version FROM users WHERE role = 'admin'");
    const admin = await t.signIn('admin');
    for (const other of admins) {
      await t.http.patch(`/api/users/${other.id}`).set('Authorization', admin.auth).send({ version: Number(other.version), role: 'editor' }).expect(200);
    }
    const self = await t.http.patch(`/api/users/${admin.id}`).set('Authorization', admin.auth).send({ version: 1, role: 'editor' }).expect(422);
    expect(self.body.errors).toEqual([{ field: 'role', reason: 'would leave the desk without an active admin' }]);
    await t.http.patch(`/api/users/${admin.id}`).set('Authorization', admin.auth).send({ version: 1, active: false }).expect(422);
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const response = await t.http.get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/articles', '/api/articles/{articleId}/claims', '/api/sources']),
    );
  });
});
