import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { apiLanguage, type LanguageSource } from '../i18n/i18n';
import { ApiPageResponse } from '../openapi/api-responses';
import {
  MarkedReadDto,
  NotificationDto,
  NotificationQueryDto,
  PeopleQueryDto,
  PersonDto,
  PreferencesDto,
  UnreadCountDto,
  UpdatePreferencesDto,
  WatchStateDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Your notifications, newest first (`unread=true` for the unread ones only). */
  @ApiPageResponse(NotificationDto)
  @Get('notifications')
  list(@CurrentUser() user: Actor, @Query() query: NotificationQueryDto, @Req() request: LanguageSource): Promise<Page<NotificationDto>> {
    return this.notifications.list(user, query, apiLanguage(request));
  }

  /** How many of your notifications are unread (the count in the header). */
  @Get('notifications/unread-count')
  async unreadCount(@CurrentUser() user: Actor): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  /** Marks all your notifications read. */
  @HttpCode(200)
  @Post('notifications/read-all')
  async readAll(@CurrentUser() user: Actor): Promise<MarkedReadDto> {
    return { updated: await this.notifications.markAllRead(user) };
  }

  /** Your notification preferences: your e-mail address and, per kind of event, in-app only, e-mail, or daily digest. */
  @Get('notifications/preferences')
  preferences(@CurrentUser() user: Actor): Promise<PreferencesDto> {
    return this.notifications.preferences(user);
  }

  /** Changes your e-mail address and the delivery of the kinds you name. */
  @Put('notifications/preferences')
  updatePreferences(@CurrentUser() user: Actor, @Body() dto: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.notifications.updatePreferences(user, dto);
  }

  /** Marks one of your notifications read. */
  @HttpCode(200)
  @Post('notifications/:id/read')
  read(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number, @Req() request: LanguageSource): Promise<NotificationDto> {
    return this.notifications.markRead(user, id, apiLanguage(request));
  }

  /** Active users whose username starts with `q`: the suggestions while typing an @mention. */
  @ApiOkResponse({ type: [PersonDto] })
  @Get('people')
  people(@Query() query: PeopleQueryDto): Promise<PersonDto[]> {
    return this.notifications.people(query.q);
  }

  /** Whether you watch the claim (comments on it reach you). */
  @Get('claims/:id/watch')
  claimWatch(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.watching(user, { claimId: id });
  }

  /** Watch the claim. */
  @Put('claims/:id/watch')
  watchClaim(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.setWatching(user, { claimId: id }, true);
  }

  /** Stop watching the claim. */
  @Delete('claims/:id/watch')
  unwatchClaim(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.setWatching(user, { claimId: id }, false);
  }

  /** Whether you watch the article (comments on any of its claims reach you). */
  @Get('articles/:id/watch')
  articleWatch(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.watching(user, { articleId: id });
  }

  /** Watch every claim of the article. */
  @Put('articles/:id/watch')
  watchArticle(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.setWatching(user, { articleId: id }, true);
  }

  /** Stop watching the article. */
  @Delete('articles/:id/watch')
  unwatchArticle(@CurrentUser() user: Actor, @Param('id', ParseIdPipe) id: number): Promise<WatchStateDto> {
    return this.notifications.setWatching(user, { articleId: id }, false);
  }
}
