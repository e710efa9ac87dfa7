import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import type { WebRequest } from './session';
import { SuggestionPages } from './suggestions.pages';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';

@WebController('articles')
export class SuggestionsWebController {
  constructor(private readonly pages: SuggestionPages) {}

  @Roles('editor', 'admin')
  @Post(':id/suggestions/accept')
  async accept(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.accept(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Post(':id/suggestions/reject')
  async reject(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.reject(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Get(':id/suggestions/:key/edit')
  async edit(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Param('key') key: string): Promise<void> {
    reply(response, await this.pages.edit(viewerOf(request), id, key));
  }
}
