import { EntityManager } from 'typeorm';

/**
 * Runs the statements of one unit of work that do not depend on each other, and settles them all
 * before the first failure is rethrown (so nothing is still in flight when the unit rolls back).
 * On SQLite they go out together: one connection, the driver queues them without a round trip
 * through the event loop between them. On a PostgreSQL transaction's client they run one after
 * another: node-postgres would queue them too, but calling a busy client is deprecated (pg 9).
 */
export async function settleAll<T extends readonly unknown[]>(manager: EntityManager, tasks: { [K in keyof T]: () => Promise<T[K]> }): Promise<{ [K in keyof T]: PromiseSettledResult<T[K]> }> {
  if (manager.connection.options.type === 'postgres' && manager.queryRunner) {
    const results: PromiseSettledResult<unknown>[] = [];
    for (const task of tasks) {
      try {
        results.push({ status: 'fulfilled', value: await task() });
      } catch (reason) {
        results.push({ status: 'rejected', reason });
      }
    }
    return results as { [K in keyof T]: PromiseSettledResult<T[K]> };
  }
  return (await Promise.allSettled(tasks.map((task) => task()))) as { [K in keyof T]: PromiseSettledResult<T[K]> };
}

/** settleAll, then the first failure, in the tasks' order, is thrown. */
export async function runAll(manager: EntityManager, tasks: (() => Promise<unknown>)[]): Promise<void> {
  const settled = await settleAll(manager, tasks);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
