import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { t } from '../i18n/i18n';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { UsersService } from '../users/users.service';
import type { WebRequest } from './session';
import { ConfirmPage, isConfirmed } from './views/confirm';
import { SecuritySettingsPage, TwoFactorPage } from './views/two-factor';
import { viewerOf } from './web.guard';
import { field, problemOf, reply, WebController } from './web.http';
import { page, redirect } from './web.types';

/** Your own two-factor (/account/two-factor), the desk's policy and an admin's reset. */
@WebController()
export class TwoFactorWebController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly users: UsersService,
  ) {}

  @Get('account/two-factor')
  async view(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const viewer = viewerOf(request);
    reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user) })));
  }

  @Post('account/two-factor/enrol')
  async enrol(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const viewer = viewerOf(request);
    try {
      const enrolment = await this.twoFactor.startEnrolment(viewer.user);
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), enrolment })));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), message: t(viewer.lang, 'twoFactor.alreadyOn') }), problem.status));
    }
  }

  @Post('account/two-factor/confirm')
  async confirm(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    try {
      const { recoveryCodes } = await this.twoFactor.confirmEnrolment(viewer.user, field(body, 'code'));
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), recoveryCodes })));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      // The secret is not shown again once the page is gone: the user starts the set-up over.
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), message: t(viewer.lang, 'twoFactor.enrol.wrongCode') }), problem.status));
    }
  }

  @Post('account/two-factor/recovery-codes')
  async recoveryCodes(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    try {
      const { recoveryCodes } = await this.twoFactor.regenerateRecoveryCodes(viewer.user, field(body, 'code'));
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), recoveryCodes })));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      reply(response, page(TwoFactorPage({ viewer, status: await this.twoFactor.status(viewer.user), message: t(viewer.lang, 'twoFactor.regenerate.wrongCode') }), problem.status));
    }
  }

  @Roles('admin')
  @Get('settings/security')
  async settings(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { requireTwoFactorForReviewersAndAdmins } = await this.twoFactor.settings();
    reply(response, page(SecuritySettingsPage({ viewer: viewerOf(request), required: requireTwoFactorForReviewersAndAdmins, saved: request.query.saved !== undefined })));
  }

  @Roles('admin')
  @Post('settings/security')
  async saveSettings(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    await this.twoFactor.updateSettings(viewerOf(request).user, { requireTwoFactorForReviewersAndAdmins: field(body, 'requireTwoFactor') === 'yes' });
    reply(response, redirect('/settings/security?saved=1'));
  }

  /** Asks first (a confirm page), then resets the user's two-factor and ends their sessions. */
  @Roles('admin')
  @Post('users/:id/two-factor/reset')
  async reset(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    const user = await this.users.get(id);
    if (!isConfirmed(body)) {
      return reply(
        response,
        page(
          ConfirmPage({
            viewer,
            question: t(viewer.lang, 'confirm.resetTwoFactor.question', { username: user.username }),
            consequence: t(viewer.lang, 'confirm.resetTwoFactor.consequence'),
            action: `/users/${id}/two-factor/reset`,
            fields: {},
            confirmLabel: t(viewer.lang, 'confirm.resetTwoFactor.yes'),
            cancelHref: '/users',
            section: 'users',
          }),
        ),
      );
    }
    await this.twoFactor.reset(viewer.user, id);
    reply(response, redirect('/users?twoFactorReset=1'));
  }
}
