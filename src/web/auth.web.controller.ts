import { Body, ForbiddenException, Get, Post, Query, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { requestLanguage } from '../i18n/i18n';
import { signInMessage } from './auth-messages';
import { LoginThrottlerGuard } from '../rate-limit/login-throttler.guard';
import { SsoService } from '../sso/sso.service';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { UsersService } from '../users/users.service';
import { clearSecondFactorCookie, clearSessionCookie, newLoginCsrf, readCookie, SECOND_FACTOR_COOKIE, setLoginCsrfCookie, setSecondFactorCookie, setSessionCookie, WebRequest, WebSite } from './session';
import { LoginPage, LoginPageModel } from './views/login';
import { SecondFactorPage } from './views/two-factor';
import { WebController, field, reply, safeNext } from './web.http';
import { WebPublic } from './web.guard';
import { page, redirect } from './web.types';

@WebController()
export class AuthWebController {
  constructor(
    private readonly auth: AuthService,
    private readonly site: WebSite,
    private readonly twoFactor: TwoFactorService,
    private readonly sso: SsoService,
    private readonly users: UsersService,
  ) {}

  @WebPublic()
  @Get()
  home(@Req() request: WebRequest, @Res() response: Response): void {
    reply(response, redirect(request.user ? '/articles' : '/login'));
  }

  @WebPublic()
  @Get('login')
  loginForm(@Req() request: WebRequest, @Res() response: Response, @Query('next') next?: string): void {
    if (request.user) return reply(response, redirect(safeNext(next)));
    this.loginPage(request, response, { next: safeNext(next) }, 200);
  }

  /**
   * Signs in with the API's own token, kept in an httpOnly SameSite cookie; the same limits as the
   * API's sign-in. An account with two-factor gets a second step (a short-lived challenge) first.
   */
  @WebPublic()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  async login(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const username = field(body, 'username');
    const next = safeNext(field(body, 'next'));
    try {
      const user = await this.auth.checkPassword(username, field(body, 'password'));
      if (await this.twoFactor.isEnabled(user.id)) {
        const challenge = await this.twoFactor.openChallenge(user.id);
        setSecondFactorCookie(this.site, request, response, challenge);
        const csrf = newLoginCsrf();
        setLoginCsrfCookie(this.site, request, response, csrf);
        return reply(response, page(SecondFactorPage({ lang: requestLanguage(request), csrf, next, username: user.username })));
      }
      const { token, expiresAt } = await this.auth.issueToken(user);
      setSessionCookie(this.site, request, response, token, expiresAt);
      reply(response, redirect(next));
    } catch (error) {
      if (!(error instanceof UnauthorizedException || error instanceof ForbiddenException)) throw error;
      const message = signInMessage(requestLanguage(request), error.getResponse() as { code?: string; message?: string }, error.getStatus());
      this.loginPage(request, response, { next, username, message }, error.getStatus());
    }
  }

  /** The second step: the authenticator's code or a recovery code; wrong codes count toward the sign-in limits. */
  @WebPublic()
  @UseGuards(LoginThrottlerGuard)
  @Post('login/second-factor')
  async secondFactor(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const next = safeNext(field(body, 'next'));
    const username = field(body, 'username');
    try {
      const userId = await this.twoFactor.answerChallenge(readCookie(request, SECOND_FACTOR_COOKIE) ?? '', field(body, 'code'));
      const user = await this.users.get(userId);
      const { token, expiresAt } = await this.auth.issueToken(user);
      clearSecondFactorCookie(this.site, request, response);
      setSessionCookie(this.site, request, response, token, expiresAt);
      reply(response, redirect(next));
    } catch (error) {
      if (!(error instanceof UnauthorizedException)) throw error;
      const lang = requestLanguage(request);
      const body = error.getResponse() as { code?: string; message?: string };
      const message = signInMessage(lang, body, 401);
      if (body.code === 'second_factor_expired') {
        clearSecondFactorCookie(this.site, request, response);
        return this.loginPage(request, response, { next, username, message }, 401);
      }
      const csrf = newLoginCsrf();
      setLoginCsrfCookie(this.site, request, response, csrf);
      reply(response, page(SecondFactorPage({ lang, csrf, next, username, message }), 401));
    }
  }

  /** Revokes the session's token (everywhere, as the API's logout does) and drops the cookie. */
  @Post('logout')
  async logout(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.auth.logout(request.tokenHash!);
    clearSessionCookie(this.site, request, response);
    reply(response, redirect('/login'));
  }

  private loginPage(request: WebRequest, response: Response, model: Omit<LoginPageModel, 'csrf' | 'lang'>, status: number): void {
    const csrf = newLoginCsrf();
    setLoginCsrfCookie(this.site, request, response, csrf);
    const sso = this.sso.enabled ? { name: this.sso.providerName } : undefined;
    reply(response, page(LoginPage({ lang: requestLanguage(request), csrf, sso, ...model }), status));
  }
}
