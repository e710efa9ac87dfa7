import { normalizeIp } from '@nestjs/throttler';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { HashLimiter } from '../auth/password';
import { localiseErrorBody } from '../common/error-codes';
import { apiLanguage, requestLanguage, t } from '../i18n/i18n';
import type { DbThrottlerStorage } from './db-throttler.storage';
import { accountTracker } from './login-throttler.guard';

/** The sign-in routes the shield stands in front of: the API's and the web form's. */
export function isSignIn(request: Request): boolean {
  return request.method === 'POST' && (request.path === '/api/auth/login' || request.path === '/login');
}

/**
 * Refusals a sign-in storm gets before the Nest pipeline (guards, pipes, the throttler's database
 * transactions): a client already blocked, or a full password-hash queue, is answered by one
 * plain Express handler with a short body. Thousands of such refusals a second otherwise kept the
 * event loop busy enough to make every read 17–25× slower (issue 15 item 4).
 * - `beforeBody`, before the body parsers: the client address is blocked (429 + Retry-After), or
 *   every hashing slot and queue place is taken (503 + Retry-After: 1; the attempt would only be
 *   refused after being counted, and nothing is learnt from it);
 * - `afterBody`, once the small sign-in body is parsed: the account it names is blocked (429).
 * The blocks come from DbThrottlerStorage, which read or wrote them in the database less than a
 * second ago, so the shield never refuses what the throttler would allow for longer than that;
 * the first attempt after a block starts (or one a second) still reaches the throttler. Refusals
 * are answered after `delayMs` (LOGIN_REFUSAL_DELAY_MS).
 */
export function loginShield(
  storage: DbThrottlerStorage,
  hashing: HashLimiter,
  /** LOGIN_REFUSAL_DELAY_MS: how long a refusal is held before it is answered. */
  delayMs = 0,
): { beforeBody: RequestHandler; afterBody: RequestHandler } {
  let held = 0;
  const refuse = (request: Request, response: Response, status: 429 | 503, retryAfter: number, message: string) => {
    // A client that ignores Retry-After gets its answers slowly: 16 clients hammering get at most
    // 16 / delay refusals a second instead of thousands. Held answers are capped, so that many
    // connections cannot make the server keep everything open; beyond the cap they are answered at once.
    if (delayMs <= 0 || held >= MAX_HELD) return answer(request, response, status, retryAfter, message);
    held++;
    setTimeout(() => {
      held--;
      if (!response.destroyed) answer(request, response, status, retryAfter, message);
    }, delayMs);
  };
  return {
    beforeBody: (request: Request, response: Response, next: NextFunction) => {
      if (!isSignIn(request)) return next();
      const blocked = storage.rememberedBlock(`login-ip:${normalizeIp(request.ip ?? '')}`);
      if (blocked) return refuse(request, response, 429, blocked, `Too many sign-in attempts from this address; try again in ${blocked} seconds.`);
      if (hashing.full) return refuse(request, response, 503, 1, 'Too many passwords are being checked right now; try again in a second.');
      next();
    },
    afterBody: (request: Request, response: Response, next: NextFunction) => {
      if (!isSignIn(request)) return next();
      const blocked = storage.rememberedBlock(`login-account:${accountTracker(request)}`);
      if (blocked) return refuse(request, response, 429, blocked, `Too many sign-in attempts for this account; try again in ${blocked} seconds.`);
      next();
    },
  };
}

/** Refusals held for LOGIN_REFUSAL_DELAY_MS at most at once. */
export const MAX_HELD = 1000;

const ERRORS: Record<number, string> = { 429: 'Too Many Requests', 503: 'Service Unavailable' };

/** The same answer the guard or the hash queue would give (API: JSON error body; web form: a short page), and the connection is kept. */
function answer(request: Request, response: Response, status: 429 | 503, retryAfter: number, message: string): void {
  // Mark the route for the metrics and access log (the request never reaches a route handler), and
  // log the refusal as the refusal it is, not as a failure (httpObserver).
  response.locals.route = request.path;
  response.locals.shed = true;
  response.status(status).setHeader('Retry-After', String(retryAfter));
  const body = { statusCode: status, error: ERRORS[status], message, retryAfter };
  if (request.path.startsWith('/api/')) {
    // In the language the API client asks for, with its stable code, as the exception filter answers.
    const requestId = (request as Request & { id?: string }).id;
    response.json({ ...localiseErrorBody(status, body, apiLanguage(request)), ...(requestId ? { requestId } : {}) });
  } else {
    // The sign-in form's reader is anonymous: the page follows the browser's Accept-Language.
    const lang = requestLanguage(request);
    const title = t(lang, 'shield.title');
    response
      .type('html')
      .send(
        `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p role="alert">${String(localiseErrorBody(status, body, lang).message)}</p><p><a href="/login">${t(lang, 'shield.back')}</a></p></html>`,
      );
  }
}
