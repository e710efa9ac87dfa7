import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { type AuthenticatedRequest, CurrentUser } from '../auth/auth.decorators';
import { apiLanguage } from '../i18n/i18n';
import { BulkRequestDto, BulkResultDto, LanePageDto, LaneQueryDto, LanesDto } from './dto/desk.dto';
import { DeskService } from './desk.service';
import { Lane, LANES } from './lanes';

@ApiTags('review')
@ApiBearerAuth()
@Controller('api')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  /** The review queue's lanes for the signed-in user, each with its true total. */
  @ApiOkResponse({ type: LanesDto })
  @Get('review-queue/lanes')
  lanes(@CurrentUser() actor: Actor, @Query() query: LaneQueryDto, @Req() request: AuthenticatedRequest): Promise<LanesDto> {
    return this.desk.lanes(actor, query.articleId, apiLanguage(request));
  }

  /**
   * One lane, paginated, sorted by waiting time (`order=asc`: the longest wait first, the default
   * except for `published`): each claim with its article, who moved it there and since when.
   */
  @ApiOkResponse({ type: LanePageDto })
  @ApiParam({ name: 'lane', enum: LANES })
  @Get('review-queue/lanes/:lane')
  lane(
    @CurrentUser() actor: Actor,
    @Param('lane', new ParseEnumPipe(LANES)) lane: Lane,
    @Query() query: LaneQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<LanePageDto> {
    return this.desk.lane(actor, lane, query, apiLanguage(request));
  }

  /**
   * Take, assign, submit or change the kind of many claims at once. Each item is checked against
   * its version and the workflow rules on its own and gets its own result; the response is 200
   * even when some items were refused.
   */
  @ApiOkResponse({ type: BulkResultDto })
  @HttpCode(200)
  @Post('claims/bulk')
  bulk(@CurrentUser() actor: Actor, @Body() dto: BulkRequestDto): Promise<BulkResultDto> {
    return this.desk.bulk(actor, dto);
  }
}
