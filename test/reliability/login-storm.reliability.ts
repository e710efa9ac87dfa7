/**
 * Issue 15 item 4: sign-in limits and a login storm. With the production defaults (30 attempts a
 * minute per IP, 10 per 15 minutes per account, scrypt at N=2^17), 100 wrong guesses at one
 * account end in 429s with Retry-After; then 16 clients hammer the sign-in (another process; each
 * attempt from its own address and for an unknown username, so that no rate limit stops it and
 * every attempt costs a password hash; then all from one blocked address) while a signed-in user
 * reads a page of claims. Prints the read latencies idle and during each storm and asserts the
 * issue's goal: a read's p50 within 2× of idle. What makes it hold: scrypt on a nice-19 thread of
 * its own (src/auth/scrypt-worker.ts), a bounded hash queue, and refusals answered before the Nest
 * pipeline and after LOGIN_REFUSAL_DELAY_MS (src/rate-limit/login-shield.ts).
 */
import { articleInput, claimInput } from '../factories';
import { passwordHashing } from '../../src/auth/password';
import { SignedIn, TestApp } from '../support/test-app';
import { attack, percentile, sleep, summary, timed } from './timing';

process.env.LOGIN_LIMIT_PER_IP = '30';
process.env.LOGIN_LIMIT_PER_ACCOUNT = '10';
process.env.LOGIN_BLOCK_SECONDS = '60';
process.env.PASSWORD_SCRYPT_LOG_N = '17';
process.env.TRUST_PROXY = 'true';
process.env.LOGIN_REFUSAL_DELAY_MS = '500'; // the production default

describe('reliability: sign-in limits and a login storm', () => {
  let t: TestApp;
  let base: string;
  let reader: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    reader = await t.signIn('editor', 'reader');
    const article = (await t.http.post('/api/articles').set('Authorization', reader.auth).send(articleInput()).expect(201)).body.id;
    for (let i = 0; i < 20; i++) await t.http.post(`/api/articles/${article}/claims`).set('Authorization', reader.auth).send(claimInput()).expect(201);
  }, 120_000);
  afterAll(() => t.close());

  it('answers 100 wrong guesses at one account with 429 and Retry-After once the limit is reached', async () => {
    const statuses: Record<number, number> = {};
    const retryAfter = new Set<string>();
    const refusalMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
        body: JSON.stringify({ username: 'reader', password: `guess-${i}` }),
      });
      await r.arrayBuffer();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 429) {
        retryAfter.add(r.headers.get('retry-after') ?? 'missing');
        refusalMs.push(performance.now() - started);
      }
    }
    process.stdout.write(`\n100 wrong guesses at one account: statuses ${JSON.stringify(statuses)}, Retry-After ${[...retryAfter].join(', ')} s\n`);
    // The reader's own sign-in (beforeAll) was the account's first attempt of the window.
    expect(statuses).toEqual({ 401: 9, 429: 91 });
    expect([...retryAfter].every((s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 60)).toBe(true);
    // Each refusal is held LOGIN_REFUSAL_DELAY_MS (500 ms) before it is answered, by the shield or the throttler.
    expect(Math.min(...refusalMs)).toBeGreaterThanOrEqual(490);
  }, 120_000);

  it('keeps reads within 2× of their idle p50 while 16 clients hammer the sign-in, from 16 addresses or from one blocked address', async () => {
    const read = () => timed(`${base}/api/claims?pageSize=20`, { headers: { authorization: reader.auth } });
    // Idle reads are taken right before each storm and pooled, so that a change in the machine's
    // other load between the phases does not pass for the storm's effect.
    const idle: number[] = [];
    const idleReads = async () => {
      for (let i = 0; i < 40; i++) {
        const r = await read();
        expect(r.status).toBe(200);
        idle.push(r.ms);
      }
    };

    const measure = async (spec: object) => {
      // Start from an empty hash queue.
      while (passwordHashing.inFlight + passwordHashing.queued > 0) await sleep(100);
      await idleReads();
      const running = attack(spec);
      await sleep(500);
      const reads: number[] = [];
      const until = Date.now() + 6000;
      while (Date.now() < until) {
        const r = await read();
        expect(r.status).toBe(200);
        reads.push(r.ms);
      }
      return { reads, statuses: await running };
    };
    // Every attempt from another address and for another (unknown) username: only the hash queue limits it.
    const unlimited = await measure({
      url: `${base}/api/auth/login`,
      concurrency: 16,
      seconds: 7,
      distinctIps: true,
      bodies: [{ kind: 'login', prefix: 'nobody-' }],
    });
    // One attacker's address, already blocked (as after its 30 attempts of the minute, possibly on
    // another instance: the block is in the shared table): every attempt is refused with 429.
    const until = new Date(Date.now() + 10 * 60_000).toISOString();
    await t.dataSource.query(
      `INSERT INTO throttle_records (key, hits, window_ends_at, blocked_until, strikes) VALUES ('login-ip:203.0.113.9', 31, '${until}', '${until}', 1)`,
    );
    const oneAddress = await measure({
      url: `${base}/api/auth/login`,
      headers: { 'x-forwarded-for': '203.0.113.9' },
      concurrency: 16,
      seconds: 7,
      bodies: [{ kind: 'login', prefix: 'someone-' }],
    });

    const ratio = (reads: number[]) => percentile(reads, 50) / percentile(idle, 50);
    process.stdout.write(
      [
        '',
        'Login storm (issue 15 item 4), reads of GET /api/claims?pageSize=20:',
        `  idle:                                 ${summary(idle)}`,
        `  16 clients, every attempt hashed:     ${summary(unlimited.reads)}  (p50 ${ratio(unlimited.reads).toFixed(2)}× idle) sign-ins ${JSON.stringify(unlimited.statuses)}`,
        `  16 clients from one blocked address:  ${summary(oneAddress.reads)}  (p50 ${ratio(oneAddress.reads).toFixed(2)}× idle) sign-ins ${JSON.stringify(oneAddress.statuses)}`,
        '',
      ].join('\n'),
    );
    // Correctness: sign-ins were refused, never failed; the hash queue turned the excess away, the block the blocked address.
    expect(Object.keys(unlimited.statuses).every((k) => ['401', '503'].includes(k))).toBe(true);
    expect(unlimited.statuses['503']).toBeGreaterThan(0);
    expect(oneAddress.statuses).toEqual({ 429: expect.any(Number) });
    // The goal: a read's p50 within 2× of idle during both storms.
    expect(ratio(unlimited.reads)).toBeLessThan(2);
    expect(ratio(oneAddress.reads)).toBeLessThan(2);
  }, 180_000);
});
