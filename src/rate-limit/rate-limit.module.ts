import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../config/env';
import { DbThrottlerStorage } from './db-throttler.storage';
import { accountTracker, LoginThrottlerGuard } from './login-throttler.guard';

@Module({ providers: [DbThrottlerStorage], exports: [DbThrottlerStorage] })
class ThrottlerStorageModule {}

/**
 * Sign-in rate limits with @nestjs/throttler: per client IP (LOGIN_LIMIT_PER_IP a minute) and per
 * account (LOGIN_LIMIT_PER_ACCOUNT per 15 minutes), each starting a block of LOGIN_BLOCK_SECONDS
 * that doubles with every block in a row. Counted in the database (DbThrottlerStorage), so the
 * limits hold across instances. Only routes with LoginThrottlerGuard are limited.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [Env, DbThrottlerStorage],
      useFactory: (env: Env, storage: DbThrottlerStorage) => ({
        storage,
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        throttlers: [
          { name: 'login-ip', ttl: 60_000, limit: env.LOGIN_LIMIT_PER_IP, blockDuration: env.LOGIN_BLOCK_SECONDS * 1000 },
          {
            name: 'login-account',
            ttl: 15 * 60_000,
            limit: env.LOGIN_LIMIT_PER_ACCOUNT,
            blockDuration: env.LOGIN_BLOCK_SECONDS * 1000,
            getTracker: accountTracker,
          },
        ],
      }),
    }),
  ],
  providers: [LoginThrottlerGuard],
  exports: [LoginThrottlerGuard],
})
export class RateLimitModule {}
