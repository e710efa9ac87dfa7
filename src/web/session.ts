import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';

/** The session cookie holds the same opaque token the API hands out (see AuthService). */
export const SESSION_COOKIE = 'ct_session';
/** Before sign-in there is no session to tie a CSRF token to: the login form uses a double-submit cookie. */
export const LOGIN_CSRF_COOKIE = 'ct_login_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type WebRequest = Request & {
  user?: Actor;
  tokenHash?: string;
  /** The session token from the cookie, when it is valid. */
  sessionToken?: string;
  csrfToken?: string;
};

/** Reads one cookie from the Cookie header (no cookie-parser needed for two cookies). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The synchronizer token for a session: a hash of the session token, so it is tied to the session,
 * unguessable without the httpOnly cookie, needs no server-side storage, and works on every instance.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`claimtrail-csrf\0${sessionToken}`).digest('base64url');
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newLoginCsrf(): string {
  return randomBytes(24).toString('base64url');
}

function cookieOptions(request: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: request.secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: string): void {
  response.cookie(SESSION_COOKIE, token, cookieOptions(request, Math.max(0, Date.parse(expiresAt) - Date.now())));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

export function setLoginCsrfCookie(request: Request, response: Response, value: string): void {
  response.cookie(LOGIN_CSRF_COOKIE, value, cookieOptions(request, 3600_000));
}

/**
 * A second layer behind the CSRF token: a browser says where a request comes from. A cross-site
 * Origin (or Sec-Fetch-Site: cross-site) is refused even before the token is looked at.
 */
export function isCrossSite(request: Request): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  // An opaque origin (privacy settings, sandboxed frames): trust only the browser's own verdict.
  if (origin === 'null') return request.headers['sec-fetch-site'] !== 'same-origin';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}
