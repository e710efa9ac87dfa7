import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES } from '../auth/auth.decorators';
import { NotificationsService } from '../notifications/notifications.service';
import { AuthService, hashToken } from '../auth/auth.service';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { requestLanguage } from '../i18n/i18n';
import { authenticateOnce } from '../auth/signed-in';
import type { Role } from '../users/user.entity';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor, isCrossSite, LOGIN_CSRF_COOKIE, readCookie, sameToken, SESSION_COOKIE, WebRequest, WebSite } from './session';
import type { Viewer } from './web.types';

export const WEB_PUBLIC = 'claimtrail:web-public';
/** A web page anyone may open (the sign-in page). */
export const WebPublic = () => SetMetadata(WEB_PUBLIC, true);

/** Thrown when a page needs a session: the web filter answers with a redirect to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly next: string | null) {
    super('Sign in first.');
  }
}

/** Thrown when the desk requires two-factor of a signed-in user who has none: the web filter sends them to set it up. */
export class TwoFactorEnrolmentRequired extends Error {
  constructor() {
    super('Set up two-factor first.');
  }
}

/** Pages a user who must set up two-factor may still open (their account, to do it, and signing out). */
const OPEN_WHILE_ENROLLING = /^\/(account(\/|$|\?)|logout$)/;

/**
 * Thrown when a signed-in user posts a form whose CSRF token belongs to an earlier session (signed
 * out and in again in another tab): nothing is changed, and the web filter sends them back to the
 * form's page, marked so that the browser script puts back what they typed, with a fresh token.
 */
export class ResendForm extends Error {
  constructor(readonly page: string) {
    super('The form was from an earlier session.');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The web pages' sign-in and CSRF check. The session cookie carries the API's own opaque token,
 * checked by AuthService (so sign-out and deactivation revoke it everywhere). Every unsafe request
 * must come from this site (Origin / Sec-Fetch-Site) and carry the session's synchronizer token;
 * the sign-in form, which has no session yet, uses a double-submit cookie instead.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly site: WebSite,
    private readonly notifications: NotificationsService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, targets) === true;
    const request = context.switchToHttp().getRequest<WebRequest>();
    const token = readCookie(request, SESSION_COOKIE);
    const user = token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await authenticateOnce(this.auth, request, token) : null;
    if (user && token) {
      request.user = user;
      request.tokenHash = hashToken(token);
      request.sessionToken = token;
      request.csrfToken = csrfTokenFor(token);
      // The header's notification count (one indexed count).
      (request as WebRequest & { unread?: number }).unread = await this.notifications.unreadCount(user.id);
    }
    const unsafe = !SAFE_METHODS.has(request.method);
    // A form posted after the session ended: sign-in leads back to the page the form was on, marked
    // so that the browser script puts back what was typed (it kept a copy when the form was sent).
    if (!user && !isPublic) throw new SignInRequired(unsafe ? restorePage(this.site, request) : request.originalUrl);
    if (unsafe) {
      if (isCrossSite(this.site, request)) throw forbidden('This form was posted from another site; nothing was changed.');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.header(CSRF_HEADER);
      const expected = isPublic && !user ? readCookie(request, LOGIN_CSRF_COOKIE) : request.csrfToken;
      if (!sameToken(sent, expected)) {
        const back = user && !isPublic ? restorePage(this.site, request) : null;
        if (back) throw new ResendForm(back);
        throw forbidden('The form has expired or did not come from this site. Reload the page and try again.');
      }
      delete body[CSRF_FIELD];
    }
    if (user && !isPublic && !OPEN_WHILE_ENROLLING.test(request.path) && (await this.twoFactor.mustEnrol(user))) {
      throw new TwoFactorEnrolmentRequired();
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && user && !roles.includes(user.role)) {
      throw forbidden(`This needs the role ${roles.join(' or ')}; you are signed in as ${user.role}.`);
    }
    return true;
  }
}

/**
 * The page a form was posted from (the Referer, only when it is this site's), with `restore=1`
 * added; null when unknown. Referrer-Policy same-origin makes the browser send it on our own posts.
 */
export function restorePage(site: WebSite, request: WebRequest): string | null {
  const referer = request.headers.referer;
  if (!referer || isCrossSite(site, request)) return null;
  try {
    const from = new URL(referer);
    if (site.publicOrigin ? from.origin !== site.publicOrigin : from.host !== request.host) return null;
    if (from.pathname === '/login' || from.pathname.startsWith('//')) return null;
    from.searchParams.set('restore', '1');
    return `${from.pathname}${from.search}`;
  } catch {
    return null;
  }
}

function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message });
}

/** The viewer of a signed-in request (the guard has run). */
export function viewerOf(request: WebRequest): Viewer {
  return { user: request.user!, csrf: request.csrfToken!, lang: requestLanguage(request), unread: (request as WebRequest & { unread?: number }).unread };
}
