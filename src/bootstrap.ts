import { INestApplication, INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Env } from './config/env';
import { applyPendingMigrations, withStartupLock } from './database/migrate';
import { DatabaseStatistics } from './database/statistics';
import { SeedService } from './seed/seed.service';
import { UsersService } from './users/users.service';
import { configureWeb } from './web/web.setup';

/** HTTP set-up shared by the server and the end-to-end tests. */
export function configureApp(app: NestExpressApplication): void {
  // Article bodies can be long; everything else is small. The limit bounds memory per request.
  app.useBodyParser('json', { limit: '2mb' });
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  // Behind a reverse proxy: X-Forwarded-Proto makes request.secure true (Secure cookies), X-Forwarded-Host is the host.
  if (app.get(Env).TRUST_PROXY) app.set('trust proxy', 1);
  configureWeb(app);
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('Claimtrail')
    .setDescription(
      'Fact-checking claim tracker: claims anchored to the exact words of an article, attribution chains, evidence and verdicts. ' +
        'Sign in with POST /api/auth/login and send the token as Authorization: Bearer <token>.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Brings the database up to date; on the very first start (no users yet) creates the admin
 * account with a random password, printed once, and loads the sample article. All of it under
 * the start-up lock, so that instances starting together on one PostgreSQL database neither
 * migrate twice nor create two admins: the first does the work, the others then find it done.
 */
export async function prepareDatabase(app: INestApplicationContext, options: { firstStart: boolean }): Promise<void> {
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
    process.stdout.write(
      `\n  First start: created the admin account.\n    username: admin\n    password: ${password}\n` +
        `  Sign in and change it; it will not be shown again.\n\n`,
    );
    if (app.get(Env).SEED_ON_FIRST_START) await app.get(SeedService).seedSample();
  });
}

export async function createServer(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: false });
  configureApp(app);
  return app;
}

export async function listen(app: INestApplication): Promise<string> {
  const env = app.get(Env);
  await app.listen(env.PORT, env.HOST);
  return `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
}
