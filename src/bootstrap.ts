import { INestApplication, INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AuthService } from './auth/auth.service';
import { passwordHashing } from './auth/password';
import { signedInCheck } from './auth/signed-in';
import { jsonBodies } from './common/body-limits';
import { Env } from './config/env';
import { applyPendingMigrations, withStartupLock } from './database/migrate';
import { DatabaseStatistics } from './database/statistics';
import { LeanExpressAdapter } from './common/lean-express.adapter';
import { setupOpenApi } from './openapi/openapi';
import { DbThrottlerStorage } from './rate-limit/db-throttler.storage';
import { loginShield } from './rate-limit/login-shield';
import { SeedService } from './seed/seed.service';
import { UsersService } from './users/users.service';
import { configureWeb } from './web/web.setup';
import { httpObserver } from './observability/http-observer';
import { JsonLogger } from './observability/logging';
import { MetricsService } from './observability/metrics.service';

/** HTTP set-up shared by the server and the end-to-end tests. */
export function configureApp(app: NestExpressApplication): void {
  // Before the body parsers: a request refused while its body is read still gets its id, log line and metrics.
  app.use(httpObserver(app.get(MetricsService), app.get(JsonLogger).pino));
  // Bounded before validation: a size per route, and JSON depth and member count (src/common/body-limits.ts).
  // Sign-in storms: a blocked client or a full hash queue is refused before the body is read (src/rate-limit/login-shield.ts).
  const shield = loginShield(app.get(DbThrottlerStorage), passwordHashing, app.get(Env).LOGIN_REFUSAL_DELAY_MS);
  app.use(shield.beforeBody);
  app.use(jsonBodies(signedInCheck(app.get(AuthService))));
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  // No ETag computed (a SHA-1 of every JSON body) for answers no cache keeps: API answers are per
  // user and carry their own versions (If-Match); the public pages set a strong ETag themselves.
  app.set('etag', false);
  // Behind a reverse proxy: X-Forwarded-Proto makes request.secure true (Secure cookies), X-Forwarded-Host is the host.
  if (app.get(Env).TRUST_PROXY) app.set('trust proxy', 1);
  configureWeb(app);
  app.use(shield.afterBody); // a blocked account, once the (small) sign-in body is parsed
  // Nest's own log lines go through pino too: JSON, with the request id (src/observability/logging.ts).
  app.useLogger(app.get(JsonLogger));
  app.flushLogs();
  app.enableShutdownHooks();
  setupOpenApi(app);
}

/**
 * Brings the database up to date; on the very first start (no users yet) creates the admin
 * account with a random password, printed once, and loads the sample article. All of it under
 * the start-up lock, so that instances starting together on one PostgreSQL database neither
 * migrate twice nor create two admins: the first does the work, the others then find it done.
 */
export async function prepareDatabase(
  app: INestApplicationContext,
  options: { firstStart: boolean; /** Return the first-start notice instead of printing it (the server prints it last). */ deferNotice?: boolean },
): Promise<string | null> {
  let notice: string | null = null;
  const logger = new Logger('Startup');
  const dataSource = app.get<DataSource>(getDataSourceToken());
  await withStartupLock(dataSource, async () => {
    const applied = await applyPendingMigrations(dataSource);
    if (applied.length) {
      logger.log(`Applied migrations: ${applied.join(', ')}`);
      await app.get(DatabaseStatistics).refresh(); // new indexes need statistics (SQLite)
    }
    if (!options.firstStart) return;
    const password = await app.get(UsersService).bootstrapAdmin();
    if (password === null) return;
    // Printed once, to the console only; it is stored nowhere but as a scrypt hash.
    notice =
      `\n  First start: created the admin account.\n    username: admin\n    password: ${password}\n` +
      `  Sign in and change it; it will not be shown again.\n\n`;
    if (!options.deferNotice) process.stdout.write(notice);
    if (app.get(Env).SEED_ON_FIRST_START) await app.get(SeedService).seedSample();
  });
  return notice;
}

export async function createServer(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, new LeanExpressAdapter(), { bodyParser: false, bufferLogs: true });
  configureApp(app);
  return app;
}

export async function listen(app: INestApplication): Promise<string> {
  const env = app.get(Env);
  await app.listen(env.PORT, env.HOST);
  // The port actually bound (PORT=0 picks a free one).
  const port = (app.getHttpServer().address() as { port?: number } | null)?.port ?? env.PORT;
  return `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
}
