import { AsyncLocalStorage } from 'node:async_hooks';

/** What code knows about the work it runs for, without having it passed down. */
export interface AsyncContext {
  /** The request being handled (entered by httpObserver): log lines written meanwhile carry it. */
  requestId?: string;
  /** Set inside a unit of work of Transactions.run: a nested `run` would wait for itself on the SQLite queue. */
  inUnit?: true;
}

/**
 * One AsyncLocalStorage for both: Node 20 runs its promise hooks for every store in use on every
 * promise, and this is the only one the server enters on each request (measured: a request that
 * only authenticates cost about a tenth more CPU with two).
 */
export const asyncContext = new AsyncLocalStorage<AsyncContext>();
