import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { WebRequest } from './session';
import { HelpPage } from './views/help';
import { viewerOf } from './web.guard';
import { reply, WebController } from './web.http';
import { page } from './web.types';

/** The help page: keyboard shortcuts and navigation. */
@WebController('help')
export class HelpWebController {
  @Get()
  help(@Req() request: WebRequest, @Res() response: Response): void {
    reply(response, page(HelpPage({ viewer: viewerOf(request) })));
  }
}
