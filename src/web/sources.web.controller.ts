import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { LEDGER_ROLES } from '../ledger/dto/ledger.dto';
import type { WebRequest } from './session';
import { SourcePages } from './sources.pages';
import { viewerOf } from './web.guard';
import { pageNumber, reply, WebController } from './web.http';
import { t } from '../i18n/i18n';

@WebController('sources')
export class SourcesWebController {
  constructor(private readonly pages: SourcePages) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query('q') q?: string, @Query('page') rawPage?: string): Promise<void> {
    reply(response, await this.pages.list(viewerOf(request), typeof q === 'string' ? q.slice(0, 200) : '', pageNumber(rawPage)));
  }

  /** JSON for the chain builder's typeahead (same session as the pages; the API needs a bearer token). */
  @Get('suggest')
  async suggest(@Res() response: Response, @Query('q') q?: string): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.json(await this.pages.suggest(typeof q === 'string' ? q : ''));
  }

  @Get(':id')
  async view(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('page') rawPage?: string,
    @Query('role') role?: string,
    @Query('saved') saved?: string,
    @Query('merged') merged?: string,
  ): Promise<void> {
    const only = LEDGER_ROLES.find((r) => r === role);
    const lang = viewerOf(request).lang;
    const notice = saved !== undefined ? t(lang, 'source.notice.saved') : typeof merged === 'string' ? t(lang, 'source.notice.merged', { name: merged.slice(0, 200) }) : undefined;
    reply(response, await this.pages.view(viewerOf(request), id, pageNumber(rawPage), only, notice));
  }

  @Roles('editor', 'admin')
  @Get(':id/edit')
  async editForm(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    reply(response, await this.pages.editForm(viewerOf(request), id));
  }

  @Roles('editor', 'admin')
  @Post(':id/edit')
  async update(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.update(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Post(':id/merge')
  async merge(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.merge(viewerOf(request), id, body));
  }
}
