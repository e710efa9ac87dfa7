import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService } from '../account/account.service';
import { ChangePasswordDto } from '../account/dto/account.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { isLang, MessageKey, t } from '../i18n/i18n';
import { clearSessionCookie, WebRequest, WebSite } from './session';
import { AccountPage } from './views/account';
import { viewerOf } from './web.guard';
import { field, problemOf, reply, validateAs, WebController } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';

const NOTICES: Record<string, MessageKey> = { password: 'account.password.changed', ended: 'account.sessions.ended', language: 'account.language.saved' };

/** Every signed-in user's own account page. */
@WebController('account')
export class AccountWebController {
  constructor(
    private readonly account: AccountService,
    private readonly site: WebSite,
  ) {}

  @Get()
  async view(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    const notice = Object.keys(NOTICES).find((k) => query[k] !== undefined);
    reply(response, await this.render(request, { notice: notice ? t(viewerOf(request).lang, NOTICES[notice]) : undefined }));
  }

  @Post('password')
  async changePassword(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const input = await validateAs(ChangePasswordDto, { currentPassword: field(body, 'currentPassword'), newPassword: field(body, 'newPassword') });
    if (!input.ok) return reply(response, await this.render(request, { message: t(viewerOf(request).lang, 'account.password.notChanged'), errors: input.errors }, 422));
    try {
      await this.account.changePassword(request.user!, request.tokenHash!, input.value);
      reply(response, redirect('/account?password=1'));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      reply(response, await this.render(request, { message: problem.message, errors: problem.errors }, problem.status));
    }
  }

  /** The language picker: a language code, or empty to follow the browser. */
  @Post('language')
  async setLanguage(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const chosen = field(body, 'language');
    if (chosen !== '' && !isLang(chosen)) {
      const lang = viewerOf(request).lang;
      return reply(response, await this.render(request, { message: t(lang, 'account.language.unknown'), errors: [{ field: 'language', reason: t(lang, 'account.language.unknownReason') }] }, 422));
    }
    await this.account.setLanguage(request.user!, chosen || null);
    reply(response, redirect('/account?language=1'));
  }

  @Post('sessions/:id/end')
  async endSession(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.account.endSession(request.user!, id);
    reply(response, redirect('/account?ended=1'));
  }

  @Post('sign-out-everywhere')
  async signOutEverywhere(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.account.signOutEverywhere(request.user!);
    clearSessionCookie(this.site, request, response);
    reply(response, redirect('/login'));
  }

  private async render(request: WebRequest, extra: { notice?: string; message?: string; errors?: { field: string; reason: string }[] }, status = 200): Promise<WebResult> {
    const viewer: Viewer = viewerOf(request);
    return page(AccountPage({ viewer, language: viewer.user.language ?? null, sessions: await this.account.sessions(viewer.user, request.tokenHash!), ...extra }), status);
  }
}
