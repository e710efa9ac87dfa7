import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { RevisionPages } from './revisions.pages';
import type { WebRequest } from './session';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';

/** An article's revisions: read each with its SHA-256, paste a corrected text, anchor flagged claims. */
@WebController('articles')
export class RevisionsWebController {
  constructor(private readonly pages: RevisionPages) {}

  @Get(':id/revisions')
  async list(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Query() query: Record<string, string | undefined>): Promise<void> {
    reply(response, await this.pages.list(viewerOf(request), id, query));
  }

  @Get(':id/revisions/:number')
  async view(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Param('number', ParseIdPipe) number: number): Promise<void> {
    reply(response, await this.pages.view(viewerOf(request), id, number));
  }

  @Roles('editor', 'admin')
  @Post(':id/revisions')
  async create(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.create(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Post(':id/anchor-flags/:flagId/resolve')
  async resolve(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('flagId', ParseIdPipe) flagId: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    reply(response, await this.pages.resolve(viewerOf(request), id, flagId, body));
  }
}
