import 'reflect-metadata';
import { startServer } from './bootstrap';
import { EnvError, loadEnv } from './config/env';

async function main(): Promise<void> {
  loadEnv(); // fail fast, naming the bad variable, before anything else starts
  await startServer();
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Claimtrail failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
