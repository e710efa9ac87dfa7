import { ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code, inline (no separate file to find from src/, dist/ or under jest). It lowers
 * its own thread's scheduling priority to the lowest (nice 19; on Linux a thread's id is a valid
 * target of setpriority, read from /proc/thread-self), then computes scrypt synchronously. So a
 * sign-in storm's hashing only takes CPU time that reads and writes leave unused: on a 2-core
 * machine a full-speed scrypt (about 0.7 s of one core at N=2^17) otherwise competes with the
 * event loop and the database driver for the same cores. Elsewhere than Linux it runs at normal
 * priority, still off libuv's thread pool (which the sqlite3 driver needs).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) require('node:os').setPriority(tid, 19);
} catch {}
parentPort.on('message', ({ id, password, salt, keylen, options }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), keylen, options);
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

interface Pending {
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * One low-priority thread that computes scrypt, one hash at a time (callers bound how many they
 * send: HashLimiter in password.ts). Started on first use; it does not keep the process alive.
 */
export class ScryptWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Hashes sent and not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref(); // alive while a hash is being computed
      worker.postMessage({ id, password, salt: new Uint8Array(salt), keylen, options });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, key, error }: { id: number; key?: Uint8Array; error?: string }) => {
      const job = this.pending.get(id);
      if (!job) return;
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (error !== undefined || !key) job.reject(new Error(error ?? 'scrypt failed'));
      else job.resolve(Buffer.from(key.buffer, key.byteOffset, key.byteLength));
    });
    const fail = (error: Error) => {
      // A crashed worker fails the hashes it held; the next hash starts a new one.
      if (this.worker === worker) this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`scrypt worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
