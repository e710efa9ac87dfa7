import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createServer, listen, prepareDatabase } from './bootstrap';
import { Env, EnvError, loadEnv } from './config/env';

async function main(): Promise<void> {
  loadEnv(); // fail fast, naming the bad variable, before anything else starts
  const app = await createServer();
  await prepareDatabase(app, { firstStart: true });
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
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Claimtrail failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
