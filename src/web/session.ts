import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import type { Env } from '../config/env';

/** The session cookie holds the same opaque token the API hands out (see AuthService). */
export const SESSION_COOKIE = 'ct_session';
/** Before sign-in there is no session to tie a CSRF token to: the login form uses a double-submit cookie. */
export const LOGIN_CSRF_COOKIE = 'ct_login_csrf';
export const CSRF_FIELD = '_csrf';
/** A password sign-in waiting for its second factor (the challenge token, see TwoFactorService). */
export const SECOND_FACTOR_COOKIE = 'ct_2fa';
/** An OpenID Connect sign-in in progress: state, nonce and PKCE verifier, until the provider answers. */
export const OIDC_COOKIE = 'ct_oidc';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Where users reach the app. Behind a reverse proxy the Host header the app sees may be the
 * proxy's upstream name, and TLS ends at the proxy: PUBLIC_URL says what the browser's address is.
 */
export class WebSite {
  constructor(
    /** `https://desk.example.org`, or null when PUBLIC_URL is not set. */
    readonly publicOrigin: string | null,
  ) {}

  static fromEnv(env: Pick<Env, 'PUBLIC_URL'>): WebSite {
    return new WebSite(env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : null);
  }

  /** Cookies are Secure on a TLS request (behind a proxy: with TRUST_PROXY) or when PUBLIC_URL is https. */
  secureCookies(request: Request): boolean {
    return request.secure || (this.publicOrigin?.startsWith('https:') ?? false);
  }
}

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

function cookieOptions(site: WebSite, request: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: site.secureCookies(request), path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function setSessionCookie(site: WebSite, request: Request, response: Response, token: string, expiresAt: string): void {
  response.cookie(SESSION_COOKIE, token, cookieOptions(site, request, Math.max(0, Date.parse(expiresAt) - Date.now())));
}

export function clearSessionCookie(site: WebSite, request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(site, request));
}

export function setLoginCsrfCookie(site: WebSite, request: Request, response: Response, value: string): void {
  response.cookie(LOGIN_CSRF_COOKIE, value, cookieOptions(site, request, 3600_000));
}

/**
 * A second layer behind the CSRF token: a browser says where a request comes from. A cross-site
 * Origin (or Sec-Fetch-Site: cross-site) is refused even before the token is looked at. The
 * Origin must be PUBLIC_URL's origin when it is set; otherwise its host must be the request's
 * host (with TRUST_PROXY, the proxy's X-Forwarded-Host).
 */
export function isCrossSite(site: WebSite, request: Request): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  // An opaque origin (privacy settings, sandboxed frames): trust only the browser's own verdict.
  if (origin === 'null') return request.headers['sec-fetch-site'] !== 'same-origin';
  try {
    const from = new URL(origin);
    return site.publicOrigin ? from.origin !== site.publicOrigin : from.host !== request.host;
  } catch {
    return true;
  }
}

export function setSecondFactorCookie(site: WebSite, request: Request, response: Response, value: string): void {
  response.cookie(SECOND_FACTOR_COOKIE, value, { ...cookieOptions(site, request, 5 * 60_000), path: '/login' });
}

export function clearSecondFactorCookie(site: WebSite, request: Request, response: Response): void {
  response.clearCookie(SECOND_FACTOR_COOKIE, { ...cookieOptions(site, request), path: '/login' });
}

/** Lax, so that it comes back with the provider's top-level redirect to the callback. */
export function setOidcCookie(site: WebSite, request: Request, response: Response, value: string): void {
  response.cookie(OIDC_COOKIE, value, { ...cookieOptions(site, request, 10 * 60_000), path: '/auth/oidc' });
}

export function clearOidcCookie(site: WebSite, request: Request, response: Response): void {
  response.clearCookie(OIDC_COOKIE, { ...cookieOptions(site, request), path: '/auth/oidc' });
}
