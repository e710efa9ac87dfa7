import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createServer, listen, prepareDatabase } from './bootstrap';
import { EnvError, loadEnv } from './config/env';

async function main(): Promise<void> {
  loadEnv(); // fail fast, naming the bad variable, before anything else starts
  const app = await createServer();
  await prepareDatabase(app, { firstStart: true });
  const url = await listen(app);
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
