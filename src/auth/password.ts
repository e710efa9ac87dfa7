import { HttpException, HttpStatus } from '@nestjs/common';
import { randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ScryptWorker } from './scrypt-worker';

/**
 * A bounded number of scrypt computations in flight. They run on low-priority threads of their
 * own (scrypt-worker.ts), not on libuv's pool of 4 that the sqlite3 driver needs: unbounded, a
 * sign-in storm would take every core from the queries.
 * `concurrency` run at once, `queue` more wait; beyond that the caller is told to come back
 * (503 + Retry-After) instead of queueing forever.
 */
export class HashLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    public concurrency: number,
    public queue: number,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Another hash would be refused right now (every slot busy, the queue full). */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.queue;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) {
        throw new HttpException(
          {
            statusCode: 503,
            error: 'Service Unavailable',
            message: 'Too many passwords are being checked right now; try again in a second.',
            retryAfter: 1,
          },
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The process's one limiter; AuthService sets its size from PASSWORD_HASH_CONCURRENCY / PASSWORD_HASH_QUEUE. */
export const passwordHashing = new HashLimiter(1, 4);

/** Low-priority hashing threads (scrypt-worker.ts), as many as PASSWORD_HASH_CONCURRENCY asks for. */
const workers: ScryptWorker[] = [];

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  passwordHashing.run(() => {
    while (workers.length < passwordHashing.concurrency) workers.push(new ScryptWorker());
    const idlest = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    return idlest.scrypt(password, salt, keylen, options);
  });

const KEY_LENGTH = 32;

/**
 * `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash, so the cost can be
 * raised later without breaking existing passwords. The default cost, log2(N) = 17 with r=8, p=1,
 * is OWASP's recommended floor (128 MiB, about 0.7 s here).
 */
export async function hashPassword(password: string, logN = 17): Promise<string> {
  const params = { N: 2 ** logN, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** A password for generated accounts: 18 random bytes, base64url (24 characters). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
