import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
import type { Response } from 'express';
import { Env } from '../config/env';

/** The account a sign-in names, normalised the way usernames are looked up; the key of the per-account limit. */
export function accountTracker(req: Record<string, any>): string {
  const username: unknown = req.body?.username;
  return typeof username === 'string' && username.trim() !== '' ? username.trim().slice(0, 64) : '(no username)';
}

/**
 * The sign-in limits (per IP and per account, see RateLimitModule) on the API's and the web's
 * sign-in routes. A refusal is a 429 with `Retry-After` (seconds) and a message saying which
 * limit was hit; the throttler's own header names carry the throttler's name, so `Retry-After`
 * is set here.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  @Inject(Env) private readonly env!: Env;

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const response = context.switchToHttp().getResponse<Response>();
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    response.setHeader('Retry-After', String(retryAfter));
    // Held as the sign-in shield holds its refusals (LOGIN_REFUSAL_DELAY_MS), so every 429 comes as slowly.
    if (this.env.LOGIN_REFUSAL_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, this.env.LOGIN_REFUSAL_DELAY_MS));
    const account = detail.key.startsWith('login-account:');
    throw new HttpException(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many sign-in attempts ${account ? 'for this account' : 'from this address'}; try again in ${retryAfter} seconds.`,
        retryAfter,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
