import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs units of work in a database transaction. Every write in the application goes through
 * `run`, which is what makes the SQLite default safe under concurrent requests.
 *
 * Why a queue: TypeORM's SQLite drivers hold ONE connection per data source, so two concurrent
 * `dataSource.transaction()` calls collide ("cannot start a transaction within a transaction",
 * typeorm/typeorm#8668 and #1884) and a write from another request would land inside somebody
 * else's open transaction. On SQLite, top-level transactions therefore run one after another
 * through a promise queue. PostgreSQL has a real pool and runs them concurrently; there,
 * optimistic locking (conditional UPDATE ... WHERE version = ?) settles races.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  /** Set while a unit of work runs: a nested `run` would wait for itself on the SQLite queue. */
  private readonly inside = new AsyncLocalStorage<true>();
  private readonly serialise: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite' || dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.inside.getStore()) {
      // Fail loudly instead of deadlocking: the caller should pass its manager down (the *In methods).
      return Promise.reject(new Error('Transactions.run was called inside a transaction; pass the EntityManager down instead.'));
    }
    const unit = (manager: EntityManager) => this.inside.run(true, () => work(manager));
    if (!this.serialise) return this.dataSource.transaction(unit);
    const result = this.tail.then(() => this.dataSource.transaction(unit));
    // The queue continues whether this unit succeeded or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
