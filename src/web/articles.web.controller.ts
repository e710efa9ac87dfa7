import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { Roles } from '../auth/auth.decorators';
import { ArticlePages } from './articles.pages';
import type { WebRequest } from './session';
import { viewerOf } from './web.guard';
import { pageNumber, reply, WebController } from './web.http';

@WebController('articles')
export class ArticlesWebController {
  constructor(private readonly pages: ArticlePages) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query('page') rawPage?: string): Promise<void> {
    reply(response, await this.pages.list(viewerOf(request), pageNumber(rawPage)));
  }

  @Roles('editor', 'admin')
  @Get('new')
  newForm(@Req() request: WebRequest, @Res() response: Response): void {
    reply(response, this.pages.newForm(viewerOf(request)));
  }

  @Roles('editor', 'admin')
  @Post()
  async create(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.create(viewerOf(request), body));
  }

  @Get(':id')
  async view(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    reply(response, await this.pages.view(viewerOf(request), id, query));
  }

  @Roles('editor', 'admin')
  @Get(':id/claims/new')
  async claimForm(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('start') start?: string,
    @Query('end') end?: string,
  ): Promise<void> {
    reply(response, await this.pages.claimForm(viewerOf(request), id, start, end));
  }

  @Roles('editor', 'admin')
  @Post(':id/claims')
  async createClaim(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    reply(response, await this.pages.createClaim(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Get(':id/edit')
  async editForm(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    reply(response, await this.pages.editForm(viewerOf(request), id));
  }

  @Roles('editor', 'admin')
  @Post(':id/edit')
  async updateMeta(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.updateMeta(viewerOf(request), id, body));
  }
}
