import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DeskPages } from './desk.pages';
import type { WebRequest } from './session';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';

/** The review queue's lanes (each role sees the lanes it works). */
@WebController('review')
export class ReviewWebController {
  constructor(private readonly pages: DeskPages) {}

  @Get()
  async queue(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    reply(response, await this.pages.lanes(viewerOf(request), query));
  }
}

/** Every claim across articles, with search, filters and bulk actions. */
@WebController('claims')
export class ClaimsIndexWebController {
  constructor(private readonly pages: DeskPages) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    reply(response, await this.pages.list(viewerOf(request), query));
  }

  /** Any signed-in user may try; the services check each claim (role, workflow, version) and report per claim. */
  @Post('bulk')
  async bulk(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.bulk(viewerOf(request), body));
  }
}
