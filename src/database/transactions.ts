import { Injectable } from '@nestjs/common';
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
  private readonly serialise: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite' || dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    // The queue continues whether this unit succeeded or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
