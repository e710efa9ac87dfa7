import { ApiPageResponse } from '../openapi/api-responses';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { IfMatch } from '../common/if-match.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { AuditEventDto } from '../audit/dto/audit.dto';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { precondition } from '../claims/claims.service';
import { ClaimDetailDto, ClaimDto } from '../claims/dto/claim.dto';
import { Page, PageQueryDto } from '../common/dto/pagination.dto';
import { Json } from '../common/json-text';
import { AssignDto, CommentDto, CreateCommentDto, ProposeVerdictDto, ReviewQueueQueryDto, TransitionRequestDto } from './dto/review.dto';
import { ReviewService } from './review.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The claim version you read, instead of `version` in the body (412 when stale).' };

@ApiTags('review')
@ApiBearerAuth()
@Controller('api')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  /**
   * Moves a claim through the workflow: submit, take back to draft, take for review, hand back,
   * publish, dismiss (with a reason), reopen a published claim (a correction, with a reason).
   * The claim detail's `allowedTransitions` lists what the signed-in user may do.
   */
  @ApiHeader(IF_MATCH)
  @HttpCode(200)
  @Post('claims/:id/transitions')
  transition(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: TransitionRequestDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ClaimDetailDto> {
    return this.review.transition(actor, id, dto, precondition(dto.version, ifMatch));
  }

  /** Proposes a verdict (superseding any earlier one); the claim moves to verdict_proposed. */
  @ApiHeader(IF_MATCH)
  @Roles('reviewer', 'admin')
  @Post('claims/:id/verdicts')
  proposeVerdict(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ProposeVerdictDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ClaimDetailDto> {
    return this.review.proposeVerdict(actor, id, dto, precondition(dto.version, ifMatch));
  }

  /** An admin (re)assigns a claim to a reviewer, or puts it back in the queue with null. */
  @ApiHeader(IF_MATCH)
  @Roles('admin')
  @Put('claims/:id/assignee')
  assign(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AssignDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ClaimDetailDto> {
    return this.review.assign(actor, id, dto, precondition(dto.version, ifMatch));
  }

  /** Adds to the claim's discussion (append-only). */
  @Post('claims/:id/comments')
  addComment(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateCommentDto): Promise<CommentDto> {
    return this.review.addComment(actor, id, dto);
  }

  /** The claim's audit trail, oldest first. */
  @ApiPageResponse(AuditEventDto)
  @Get('claims/:id/history')
  history(@Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto): Promise<Page<AuditEventDto>> {
    return this.review.history(id, query);
  }

  /** Submitted claims nobody has taken and the claims assigned to you, oldest first. */
  @Roles('reviewer', 'admin')
  @ApiPageResponse(ClaimDto)
  @Get('review-queue')
  queue(@CurrentUser() actor: Actor, @Query() query: ReviewQueueQueryDto): Promise<Json<Page<ClaimDto>>> {
    return this.review.queue(actor, query);
  }
}
