import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { databaseKind, Env } from '../config/env';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming.strategy';
import { NestTypeOrmLogger } from './typeorm-logger';

/**
 * The one description of the database, shared by the server, the CLI, the tests and TypeORM's
 * own CLI (see typeorm-cli.ts). Schema changes only through
 * migrations: `synchronize` stays off.
 */
/**
 * The sqlite3 module without its verbose mode. TypeORM calls `sqlite3.verbose()` when it loads
 * the driver, which wraps every Database and Statement call to build a long stack trace: a
 * `new Error()` and `util.inspect` of every argument (the SQL and its parameters) on each query,
 * about a fifth of the CPU of a hot read. Errors keep their code and message; only their stacks
 * lose the caller's frames (the exception filter logs them with the request id instead).
 */
function quietSqlite3(): object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof import('sqlite3');
  return Object.create(sqlite3, { verbose: { value: () => sqlite3 } }) as object;
}

export function dataSourceOptions(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_STATEMENT_TIMEOUT_MS'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // One transaction per migration: SQLite ignores `PRAGMA foreign_keys` inside a transaction,
    // so a migration that rebuilds a table switches them off around itself.
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error' as const, 'warn' as const],
    logger: new NestTypeOrmLogger(),
  };
  const url = env.DATABASE_URL;
  if (databaseKind(url) === 'sqlite') {
    const database = url.slice('sqlite:'.length);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return {
      ...common,
      type: 'sqlite',
      database,
      enableWAL: database !== ':memory:',
      busyTimeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      driver: quietSqlite3(),
    };
  }
  return {
    ...common,
    type: 'postgres',
    url,
    extra: {
      max: env.DATABASE_POOL_SIZE,
      statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      application_name: 'claimtrail',
    },
  };
}
