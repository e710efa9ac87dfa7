import { Get, HttpException, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { requestLanguage } from '../i18n/i18n';
import { signInMessage } from './auth-messages';
import { OidcTransaction, SsoService } from '../sso/sso.service';
import { clearOidcCookie, newLoginCsrf, OIDC_COOKIE, readCookie, setLoginCsrfCookie, setOidcCookie, setSessionCookie, WebRequest, WebSite } from './session';
import { LoginPage } from './views/login';
import { reply, safeNext, WebController } from './web.http';
import { WebPublic } from './web.guard';
import { page, redirect } from './web.types';

function readTransaction(request: WebRequest): OidcTransaction | null {
  const raw = readCookie(request, OIDC_COOKIE);
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<OidcTransaction>;
    const ok = ['state', 'nonce', 'verifier', 'next'].every((k) => typeof value[k as keyof OidcTransaction] === 'string');
    return ok ? (value as OidcTransaction) : null;
  } catch {
    return null;
  }
}

/** Single sign-on pages: leave for the provider, come back signed in (or with the reason why not). */
@WebController('auth/oidc')
export class SsoWebController {
  constructor(
    private readonly sso: SsoService,
    private readonly auth: AuthService,
    private readonly site: WebSite,
  ) {}

  /** Sends the browser to the provider with state, nonce and a PKCE challenge, kept in a short-lived httpOnly cookie. */
  @WebPublic()
  @Get('start')
  async start(@Req() request: WebRequest, @Res() response: Response, @Query('next') next?: string): Promise<void> {
    try {
      const { url, transaction } = await this.sso.start(safeNext(next));
      setOidcCookie(this.site, request, response, Buffer.from(JSON.stringify(transaction)).toString('base64url'));
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(302, url);
    } catch (error) {
      this.refused(request, response, error, safeNext(next));
    }
  }

  /** The provider's answer. The transaction cookie is dropped whatever happens: each sign-in is used once. */
  @WebPublic()
  @Get('callback')
  async callback(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const transaction = readTransaction(request);
    clearOidcCookie(this.site, request, response);
    try {
      const user = await this.sso.finish(request, transaction);
      const { token, expiresAt } = await this.auth.issueToken(user);
      setSessionCookie(this.site, request, response, token, expiresAt);
      reply(response, redirect(safeNext(transaction?.next)));
    } catch (error) {
      this.refused(request, response, error, safeNext(transaction?.next));
    }
  }

  private refused(request: WebRequest, response: Response, error: unknown, next: string): void {
    if (!(error instanceof HttpException)) throw error;
    const csrf = newLoginCsrf();
    setLoginCsrfCookie(this.site, request, response, csrf);
    const lang = requestLanguage(request);
    const message = signInMessage(lang, error.getResponse() as { code?: string; message?: string }, error.getStatus());
    reply(response, page(LoginPage({ lang, csrf, next, message, sso: this.sso.enabled ? { name: this.sso.providerName } : undefined }), error.getStatus()));
  }
}
