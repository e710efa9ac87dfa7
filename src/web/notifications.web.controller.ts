import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { t } from '../i18n/i18n';
import { UpdatePreferencesDto } from '../notifications/dto/notification.dto';
import { NOTIFICATION_KINDS } from '../notifications/kinds';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';
import { WebRequest } from './session';
import { NotificationsPage, PersonPage, PreferencesPage } from './views/notifications';
import { viewerOf } from './web.guard';
import { field, pageNumber, problemOf, reply, validateAs, WebController } from './web.http';
import { page, redirect } from './web.types';

const PAGE_SIZE = 50;

/** The inbox, notification preferences, watch buttons, mention suggestions and the people mentions link to. */
@WebController()
export class NotificationsWebController {
  constructor(
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('notifications')
  async inbox(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    const viewer = viewerOf(request);
    const unreadOnly = query.unread === '1';
    const current = pageNumber(query.page);
    const list = await this.notifications.list(viewer.user, { page: current, pageSize: PAGE_SIZE, unread: unreadOnly }, viewer.lang);
    const notice = query.read !== undefined ? t(viewer.lang, 'notifications.notice.read') : undefined;
    reply(response, page(NotificationsPage({ viewer, items: list.items, total: list.total, page: current, pageSize: PAGE_SIZE, unreadOnly, notice })));
  }

  @Post('notifications/read-all')
  async readAll(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.notifications.markAllRead(request.user!);
    reply(response, redirect('/notifications?read=1'));
  }

  @Post('notifications/:id/read')
  async read(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.notifications.markRead(request.user!, id);
    reply(response, redirect('/notifications?read=1'));
  }

  @Get('notifications/preferences')
  async preferences(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    const viewer = viewerOf(request);
    reply(response, page(PreferencesPage({ viewer, prefs: await this.notifications.preferences(viewer.user), notice: query.saved !== undefined ? t(viewer.lang, 'notifications.notice.saved') : undefined })));
  }

  @Post('notifications/preferences')
  async savePreferences(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    const email = field(body, 'email').trim();
    const kinds = NOTIFICATION_KINDS.filter((kind) => field(body, `kind.${kind}`)).map((kind) => ({ kind, delivery: field(body, `kind.${kind}`) }));
    const input = await validateAs(UpdatePreferencesDto, { email: email === '' ? null : email, kinds });
    const refuse = async (message: string, errors: { field: string; reason: string }[], status: number) =>
      reply(response, page(PreferencesPage({ viewer, prefs: await this.notifications.preferences(viewer.user), message, errors }), status));
    if (!input.ok) return refuse(t(viewer.lang, 'notifications.prefs.notSaved'), input.errors, 422);
    try {
      await this.notifications.updatePreferences(viewer.user, input.value);
      reply(response, redirect('/notifications/preferences?saved=1'));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      await refuse(problem.message, problem.errors, problem.status);
    }
  }

  /** Watch or unwatch a claim (`watching=yes|no`), back to its panel. */
  @Post('claims/:id/watch')
  async watchClaim(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    await this.notifications.setWatching(request.user!, { claimId: id }, field(body, 'watching') !== 'no');
    reply(response, redirect(`/claims/${id}`));
  }

  /** Watch or unwatch a whole article, back to its page. */
  @Post('articles/:id/watch')
  async watchArticle(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    await this.notifications.setWatching(request.user!, { articleId: id }, field(body, 'watching') !== 'no');
    reply(response, redirect(`/articles/${id}`));
  }

  /** Suggestions while typing an @mention (JSON for the page script). */
  @Get('people/suggest')
  async suggest(@Res() response: Response, @Query('q') q?: string): Promise<void> {
    response.json(await this.notifications.people(typeof q === 'string' ? q.slice(0, 64) : ''));
  }

  /** The person a mention links to. */
  @Get('people/:username')
  async person(@Req() request: WebRequest, @Res() response: Response, @Param('username') username: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneBy({ username: username.slice(0, 64) });
    if (!user) throw new NotFoundException(`Nobody is called @${username} here.`);
    reply(response, page(PersonPage({ viewer: viewerOf(request), person: user })));
  }
}
