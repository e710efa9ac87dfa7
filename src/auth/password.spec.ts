import { HttpException } from '@nestjs/common';
import { HashLimiter } from './password';

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
