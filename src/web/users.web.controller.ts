import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { Roles } from '../auth/auth.decorators';
import type { WebRequest } from './session';
import { UserPages } from './users.pages';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';

@Roles('admin')
@WebController('users')
export class UsersWebController {
  constructor(private readonly pages: UserPages) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    reply(response, await this.pages.list(viewerOf(request), query));
  }

  @Post()
  async create(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.create(viewerOf(request), body));
  }

  @Post(':id')
  async update(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.update(viewerOf(request), id, body));
  }

  @Post(':id/password')
  async resetPassword(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.resetPassword(viewerOf(request), id, body));
  }
}
