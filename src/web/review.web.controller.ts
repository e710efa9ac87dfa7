import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ReviewService } from '../review/review.service';
import type { WebRequest } from './session';
import { ReviewQueuePage } from './views/review';
import { viewerOf } from './web.guard';
import { pageNumber, reply, WebController } from './web.http';
import { page } from './web.types';

@WebController('review')
export class ReviewWebController {
  constructor(private readonly review: ReviewService) {}

  /** Claims waiting for a reviewer, and those assigned to the signed-in reviewer. */
  @Roles('reviewer', 'admin')
  @Get()
  async queue(@Req() request: WebRequest, @Res() response: Response, @Query('page') rawPage?: string): Promise<void> {
    const viewer = viewerOf(request);
    const queue = await this.review.queue(viewer.user, { page: pageNumber(rawPage), pageSize: 100 });
    reply(response, page(ReviewQueuePage({ viewer, queue })));
  }
}
