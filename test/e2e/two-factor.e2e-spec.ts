import { totpCode } from '../../src/two-factor/totp';
import { UsersService } from '../../src/users/users.service';
import { SignedIn, TestApp } from '../support/test-app';

// Wrong second factors count toward the sign-in limits: low per-account limit for this file,
// clients told apart by X-Forwarded-For so the per-IP limit stays out of the way.
process.env.LOGIN_LIMIT_PER_ACCOUNT = '8';
process.env.TRUST_PROXY = 'true';

const NEXT_STEP = () => Date.now() + 30_000;

describe('Two-factor (issue 16)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let ip = 0;
  const nextIp = () => `10.1.${Math.floor(++ip / 250)}.${ip % 250}`;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.close();
    delete process.env.LOGIN_LIMIT_PER_ACCOUNT;
    delete process.env.TRUST_PROXY;
  });

  const login = (username: string, body: Record<string, string> = {}) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', nextIp()).send({ username, password: `password-of-${username}`, ...body });

  /** Enrols `user` over the API; answers the secret and the recovery codes. */
  async function enrol(user: SignedIn): Promise<{ secret: string; recoveryCodes: string[]; confirmCode: string }> {
    const started = await t.http.post('/api/account/two-factor/enrolment').set('Authorization', user.auth).expect(201);
    const secret = started.body.secret as string;
    const confirmCode = totpCode(secret);
    const confirmed = await t.http.post('/api/account/two-factor/confirmation').set('Authorization', user.auth).send({ code: confirmCode }).expect(200);
    return { secret, recoveryCodes: confirmed.body.recoveryCodes, confirmCode };
  }

  it('enrols with a QR code and a confirmation code, and hands out ten recovery codes stored only as hashes', async () => {
    const user = await t.signIn('reviewer');
    const started = await t.http.post('/api/account/two-factor/enrolment').set('Authorization', user.auth).expect(201);
    expect(started.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(started.body.otpauthUrl).toContain(`secret=${started.body.secret}`);
    const pending = await t.http.get('/api/account/two-factor').set('Authorization', user.auth).expect(200);
    expect(pending.body).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0, required: false });

    const wrong = await t.http.post('/api/account/two-factor/confirmation').set('Authorization', user.auth).send({ code: '000000' }).expect(422);
    expect(wrong.body.errors).toEqual([{ field: 'code', reason: 'does not match the authenticator app' }]);
    const [row] = await t.dataSource.query(`SELECT confirmed_at FROM totp_credentials WHERE user_id = ${user.id}`);
    expect(row.confirmed_at).toBeNull();

    const confirmed = await t.http
      .post('/api/account/two-factor/confirmation')
      .set('Authorization', user.auth)
      .send({ code: totpCode(started.body.secret) })
      .expect(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored: { code_hash: string; used_at: string | null }[] = await t.dataSource.query(`SELECT code_hash, used_at FROM recovery_codes WHERE user_id = ${user.id}`);
    expect(stored).toHaveLength(10);
    for (const r of stored) {
      expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.map((c) => c.replace(/-/g, ''))).not.toContain(r.code_hash);
      expect(r.used_at).toBeNull();
    }
    const status = await t.http.get('/api/account/two-factor').set('Authorization', user.auth).expect(200);
    expect(status.body).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });
    expect(await t.count(`audit_events WHERE action = 'user.two_factor.enable' AND entity_id = ${user.id}`)).toBe(1);
    // A second enrolment would replace the secret behind the user's back.
    await t.http.post('/api/account/two-factor/enrolment').set('Authorization', user.auth).expect(409);
  });

  it('asks for the second factor after the password, refuses a wrong or reused code, and signs in with the current one', async () => {
    const user = await t.signIn('reviewer');
    const { secret, confirmCode } = await enrol(user);
    const tokensBefore = await t.count(`access_tokens WHERE user_id = ${user.id}`);

    const missing = await login(user.username).expect(401);
    expect(missing.body).toMatchObject({ code: 'second_factor_required', message: expect.stringContaining('"code"') });
    const wrong = await login(user.username, { code: '123456' }).expect(401);
    expect(wrong.body.code).toBe('second_factor_invalid');
    // The code that confirmed the enrolment is used up.
    await login(user.username, { code: confirmCode }).expect(401);
    // A right code with a wrong password signs nobody in either.
    await t.http.post('/api/auth/login').set('X-Forwarded-For', nextIp()).send({ username: user.username, password: 'nope', code: totpCode(secret, NEXT_STEP()) }).expect(401);
    expect(await t.count(`access_tokens WHERE user_id = ${user.id}`)).toBe(tokensBefore);

    const code = totpCode(secret, NEXT_STEP());
    const ok = await login(user.username, { code }).expect(200);
    expect(ok.body.user).toMatchObject({ id: user.id, role: 'reviewer' });
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${ok.body.token}`).expect(200);
    await login(user.username, { code }).expect(401);
    expect(await t.count(`access_tokens WHERE user_id = ${user.id}`)).toBe(tokensBefore + 1);
  });

  it('signs in once with each recovery code, however it is typed', async () => {
    const user = await t.signIn('editor');
    const { recoveryCodes } = await enrol(user);
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, ' ');
    await login(user.username, { code: typed }).expect(200);
    const again = await login(user.username, { code: recoveryCodes[3] }).expect(401);
    expect(again.body.code).toBe('second_factor_invalid');
    const used = await t.dataSource.query(`SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ${user.id} AND used_at IS NOT NULL`);
    expect(Number(used[0].n)).toBe(1);
    const status = await t.http.get('/api/account/two-factor').set('Authorization', user.auth).expect(200);
    expect(status.body.recoveryCodesLeft).toBe(9);
  });

  it('counts wrong second factors toward the per-account sign-in limit', async () => {
    const user = await t.signIn('editor');
    const { secret } = await enrol(user);
    // One sign-in by signIn(), seven wrong codes: the eighth attempt is over the limit even with the right code.
    for (let i = 0; i < 7; i++) await login(user.username, { code: '000000' }).expect(401);
    const blocked = await login(user.username, { code: totpCode(secret, NEXT_STEP()) }).expect(429);
    expect(blocked.headers['retry-after']).toEqual(expect.any(String));
    expect(await t.count(`audit_events WHERE action = 'auth.lockout.account' AND entity_id = ${user.id}`)).toBe(1);
  });

  it('lets an admin reset a user’s two-factor: audited, their sessions end, and the password alone signs in again', async () => {
    const user = await t.signIn('reviewer');
    await enrol(user);
    await t.http.delete(`/api/users/${user.id}/two-factor`).set('Authorization', user.auth).expect(403);
    await t.http.delete(`/api/users/999999/two-factor`).set('Authorization', admin.auth).expect(404);
    await t.http.delete(`/api/users/${user.id}/two-factor`).set('Authorization', admin.auth).expect(204);

    await t.http.get('/api/auth/me').set('Authorization', user.auth).expect(401);
    expect(await t.count(`totp_credentials WHERE user_id = ${user.id}`)).toBe(0);
    expect(await t.count(`recovery_codes WHERE user_id = ${user.id}`)).toBe(0);
    expect(await t.count(`access_tokens WHERE user_id = ${user.id} AND revoked_at IS NULL`)).toBe(0);
    const [event] = await t.dataSource.query(`SELECT user_id, after FROM audit_events WHERE action = 'user.two_factor.reset' AND entity_id = ${user.id}`);
    expect(Number(event.user_id)).toBe(admin.id);
    expect(typeof event.after === 'string' ? JSON.parse(event.after) : event.after).toEqual({ enabled: false, sessionsEnded: 1 });
    await login(user.username).expect(200);
  });

  it('lets admins require two-factor of reviewers and admins: those without it are refused until they enrol, editors are not', async () => {
    const reviewer = await t.signIn('reviewer');
    const editor = await t.signIn('editor');
    await t.http.put('/api/settings/security').set('Authorization', reviewer.auth).send({ requireTwoFactorForReviewersAndAdmins: true }).expect(403);
    const bad = await t.http.put('/api/settings/security').set('Authorization', admin.auth).send({ requireTwoFactorForReviewersAndAdmins: 'yes' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('requireTwoFactorForReviewersAndAdmins');
    await t.http.put('/api/settings/security').set('Authorization', admin.auth).send({ requireTwoFactorForReviewersAndAdmins: true }).expect(200);
    try {
      expect((await t.http.get('/api/settings/security').set('Authorization', editor.auth).expect(200)).body).toEqual({ requireTwoFactorForReviewersAndAdmins: true });
      expect(await t.count(`audit_events WHERE action = 'settings.two_factor'`)).toBe(1);
      const refused = await login(reviewer.username).expect(403);
      expect(refused.body.code).toBe('two_factor_enrolment_required');
      expect((await t.http.get('/api/account/two-factor').set('Authorization', reviewer.auth).expect(200)).body.required).toBe(true);
      await login(editor.username).expect(200);
      const { secret } = await enrol(reviewer);
      await login(reviewer.username, { code: totpCode(secret, NEXT_STEP()) }).expect(200);
    } finally {
      await t.http.put('/api/settings/security').set('Authorization', admin.auth).send({ requireTwoFactorForReviewersAndAdmins: false }).expect(200);
    }
  });

  it('replaces the recovery codes only with a current code', async () => {
    const user = await t.signIn('editor');
    const { secret, recoveryCodes } = await enrol(user);
    await t.http.post('/api/account/two-factor/recovery-codes').set('Authorization', user.auth).send({ code: '000000' }).expect(422);
    const fresh = await t.http.post('/api/account/two-factor/recovery-codes').set('Authorization', user.auth).send({ code: totpCode(secret, NEXT_STEP()) }).expect(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    await login(user.username, { code: recoveryCodes[0] }).expect(401);
    await login(user.username, { code: fresh.body.recoveryCodes[0] }).expect(200);
    expect(await t.count(`recovery_codes WHERE user_id = ${user.id}`)).toBe(10);
  });
});

describe('LOCAL_PASSWORDS=off (issue 16)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.LOCAL_PASSWORDS = 'off';
    process.env.BREAK_GLASS_ADMIN = 'rescue';
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.LOCAL_PASSWORDS;
    delete process.env.BREAK_GLASS_ADMIN;
  });

  it('refuses password sign-in for everyone but the break-glass admin, and says why', async () => {
    const users = t.app.get(UsersService);
    await users.create(null, { username: 'rescue', role: 'admin', password: 'password-of-rescue' });
    await users.create(null, { username: 'maria', role: 'admin', password: 'password-of-maria' });
    const refused = await t.http.post('/api/auth/login').send({ username: 'maria', password: 'password-of-maria' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'local_passwords_off', message: expect.stringContaining('single sign-on') });
    const ok = await t.http.post('/api/auth/login').send({ username: 'rescue', password: 'password-of-rescue' }).expect(200);
    expect(ok.body.user.username).toBe('rescue');
    expect(await t.count('access_tokens')).toBe(1);
  });
});
