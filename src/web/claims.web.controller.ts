import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { Roles } from '../auth/auth.decorators';
import { ClaimPages } from './claims.pages';
import type { WebRequest } from './session';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';

@WebController('claims')
export class ClaimsWebController {
  constructor(private readonly pages: ClaimPages) {}

  @Get(':id')
  async panel(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    reply(response, await this.pages.panel(viewerOf(request), id, query));
  }

  @Roles('editor', 'admin')
  @Post(':id/edit')
  async edit(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.edit(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Get(':id/chain')
  async chainForm(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    reply(response, await this.pages.chainForm(viewerOf(request), id));
  }

  @Roles('editor', 'admin')
  @Post(':id/chain')
  async saveChain(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.saveChain(viewerOf(request), id, body));
  }

  @Roles('editor', 'reviewer', 'admin')
  @Post(':id/evidence')
  async addEvidence(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.addEvidence(viewerOf(request), id, body));
  }

  @Roles('editor', 'reviewer', 'admin')
  @Post(':id/evidence/:linkId/remove')
  async removeEvidence(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('linkId', ParseIdPipe) linkId: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    reply(response, await this.pages.removeEvidence(viewerOf(request), id, linkId, body));
  }

  /** Undo: puts a removed evidence link back from its history entry. */
  @Roles('editor', 'reviewer', 'admin')
  @Post(':id/evidence/restore')
  async restoreEvidence(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.restoreEvidence(viewerOf(request), id, body));
  }

  @Roles('editor', 'admin')
  @Post(':id/delete')
  async deleteDraft(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.deleteDraft(viewerOf(request), id, body));
  }

  @Roles('admin')
  @Post(':id/assignee')
  async assign(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.assign(viewerOf(request), id, body));
  }

  /** Any signed-in user may try; the service applies the workflow rules (403/422 shown on the panel). */
  @Post(':id/transitions')
  async transition(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.transition(viewerOf(request), id, body));
  }

  @Roles('reviewer', 'admin')
  @Post(':id/verdicts')
  async proposeVerdict(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.proposeVerdict(viewerOf(request), id, body));
  }

  @Roles('editor', 'reviewer', 'admin')
  @Post(':id/matches')
  async match(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.match(viewerOf(request), id, body));
  }

  @Post(':id/comments')
  async comment(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    reply(response, await this.pages.comment(viewerOf(request), id, body));
  }
}
