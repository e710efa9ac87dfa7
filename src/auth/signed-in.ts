import type { Request } from 'express';
import { SESSION_COOKIE, readCookie } from '../web/session';
import type { Actor } from '../audit/audit.service';
import type { AuthService } from './auth.service';

const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

/**
 * Whether a request carries a valid sign-in, from its bearer token or its web session cookie,
 * checked before its body is read (src/common/body-limits.ts). The guards check again.
 */
export function signedInCheck(auth: AuthService): (request: Request) => Promise<boolean> {
  return async (request) => {
    const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? readCookie(request, SESSION_COOKIE);
    return token !== undefined && TOKEN.test(token) && (await authenticateOnce(auth, request, token)) !== null;
  };
}

const checked = new WeakMap<object, Map<string, Promise<Actor | null>>>();

/**
 * `auth.authenticate(token)` once per request and token: the body-size check and the guard of
 * the same request share one look-up (it was a query each, three on a signed-in request with a body).
 */
export function authenticateOnce(auth: AuthService, request: object, token: string): Promise<Actor | null> {
  let byToken = checked.get(request);
  if (!byToken) checked.set(request, (byToken = new Map()));
  let actor = byToken.get(token);
  if (!actor) byToken.set(token, (actor = auth.authenticate(token)));
  return actor;
}
