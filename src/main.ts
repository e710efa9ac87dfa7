import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createServer, listen, prepareDatabase } from './bootstrap';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Env, EnvError, loadEnv, sqliteDatabaseFile } from './config/env';
import { acquireInstanceLock, InstanceLockError } from './database/instance-lock';

async function main(): Promise<void> {
  const env = loadEnv(); // fail fast, naming the bad variable, before anything else starts
  // One server per SQLite file: a second one refuses to start, naming the first (issue 15, item 6).
  const sqliteFile = sqliteDatabaseFile(env.DATABASE_URL);
  const lock = sqliteFile ? (mkdirSync(dirname(sqliteFile), { recursive: true }), acquireInstanceLock(sqliteFile, 'server')) : null;
  // Released when the process exits normally; after SIGTERM Nest re-raises the signal (no 'exit'
  // event), so also once the HTTP server has closed. A lock left by kill -9 is detected as stale.
  if (lock) process.once('exit', () => lock.release());
  const app = await createServer();
  if (lock) app.getHttpServer().once('close', () => lock.release());
  // The first start's admin password is printed last, after the route logs and the address.
  const notice = await prepareDatabase(app, { firstStart: true, deferNotice: true });
  const url = await listen(app);
  // Graceful shutdown (enableShutdownHooks): on SIGTERM/SIGINT Nest stops accepting, lets in-flight
  // requests finish, then closes the database. If that takes too long, leave anyway.
  const timeout = app.get(Env).SHUTDOWN_TIMEOUT_MS;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      new Logger('Claimtrail').log(`${signal}: finishing in-flight requests, then closing the database`);
      setTimeout(() => {
        process.stderr.write(`Shutdown took longer than SHUTDOWN_TIMEOUT_MS=${timeout}; exiting.\n`);
        process.exit(1);
      }, timeout).unref();
    });
  }
  new Logger('Claimtrail').log(`Serving on ${url} (API docs: ${url}/api/docs)`);
  if (notice) process.stdout.write(notice);
}

/** Settles once the server serves; start.ts then saves the code cache (a failed start exits instead). */
export const started: Promise<void> = main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof InstanceLockError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Claimtrail failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
