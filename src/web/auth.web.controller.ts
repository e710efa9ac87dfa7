import { Body, Get, Post, Query, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { requestLanguage, t } from '../i18n/i18n';
import { LoginThrottlerGuard } from '../rate-limit/login-throttler.guard';
import { clearSessionCookie, newLoginCsrf, setLoginCsrfCookie, setSessionCookie, WebRequest, WebSite } from './session';
import { LoginPage } from './views/login';
import { WebController, field, reply, safeNext } from './web.http';
import { WebPublic } from './web.guard';
import { page, redirect } from './web.types';

@WebController()
export class AuthWebController {
  constructor(
    private readonly auth: AuthService,
    private readonly site: WebSite,
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
    const csrf = newLoginCsrf();
    setLoginCsrfCookie(this.site, request, response, csrf);
    reply(response, page(LoginPage({ lang: requestLanguage(request), csrf, next: safeNext(next) })));
  }

  /** Signs in with the API's own token, kept in an httpOnly SameSite cookie; the same limits as the API's sign-in. */
  @WebPublic()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  async login(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const username = field(body, 'username');
    try {
      const { token, expiresAt } = await this.auth.login(username, field(body, 'password'));
      setSessionCookie(this.site, request, response, token, expiresAt);
      reply(response, redirect(safeNext(field(body, 'next'))));
    } catch (error) {
      if (!(error instanceof UnauthorizedException)) throw error;
      const lang = requestLanguage(request);
      const csrf = newLoginCsrf();
      setLoginCsrfCookie(this.site, request, response, csrf);
      reply(response, page(LoginPage({ lang, csrf, next: safeNext(field(body, 'next')), username, message: t(lang, 'login.wrong') }), 401));
    }
  }

  /** Revokes the session's token (everywhere, as the API's logout does) and drops the cookie. */
  @Post('logout')
  async logout(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.auth.logout(request.tokenHash!);
    clearSessionCookie(this.site, request, response);
    reply(response, redirect('/login'));
  }
}
