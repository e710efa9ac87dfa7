import { HttpException } from '@nestjs/common';
import { scryptSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { HashLimiter, hashPassword, verifyPassword } from './password';
import { ScryptWorker } from './scrypt-worker';

describe(HashLimiter.name, () => {
  it('runs at most `concurrency` at once, queues up to `queue`, and refuses the rest with 503 + retryAfter', async () => {
    const limiter = new HashLimiter(2, 1);
    let peak = 0;
    const release: (() => void)[] = [];
    const work = () =>
      new Promise<number>((resolve) => {
        peak = Math.max(peak, limiter.inFlight);
        release.push(() => resolve(1));
      });
    const a = limiter.run(work);
    const b = limiter.run(work);
    const c = limiter.run(work); // queued
    const d = limiter.run(work).catch((e: unknown) => e);
    const refused = await d;
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(503);
    expect((refused as HttpException).getResponse()).toMatchObject({ retryAfter: 1 });
    expect(limiter.queued).toBe(1);
    release.shift()!();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(limiter.inFlight).toBe(2);
    while (release.length) release.shift()!();
    await Promise.all([b, c]);
    await new Promise((r) => setImmediate(r));
    release.forEach((r) => r());
    expect(peak).toBe(2);
    expect(limiter.inFlight).toBe(0);
    expect(limiter.queued).toBe(0);
  });
});

describe(ScryptWorker.name, () => {
  it('computes the same key as node:crypto scrypt, on a thread whose priority it lowered to nice 19 (Linux)', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const options = { N: 2 ** 10, r: 8, p: 1 };
    const worker = new ScryptWorker();
    const key = await worker.scrypt('correct horse', salt, 32, options);
    expect(key.equals(scryptSync('correct horse', salt, 32, options))).toBe(true);
    expect(worker.busy).toBe(0);
    if (process.platform === 'linux') {
      // Every thread of this process and its nice value (field 19 of /proc/<pid>/task/<tid>/stat).
      const nice = readdirSync(`/proc/${process.pid}/task`).map((tid) => Number(readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]));
      expect(nice).toContain(19);
      expect(nice).toContain(0); // the main thread keeps its priority
    }
  });

  it('verifies a password hashed by hashPassword and refuses a wrong one', async () => {
    const stored = await hashPassword('s3cret-words', 10);
    await expect(verifyPassword('s3cret-words', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong', stored)).resolves.toBe(false);
  });
});
