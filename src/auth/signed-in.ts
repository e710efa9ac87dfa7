import type { Request } from 'express';
import { SESSION_COOKIE, readCookie } from '../web/session';
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
    return token !== undefined && TOKEN.test(token) && (await auth.authenticate(token)) !== null;
  };
}
