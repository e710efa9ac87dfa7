import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { AnchorFlagDto, CreateRevisionDto, ResolveAnchorFlagDto, RevisionCreatedDto, RevisionDto, RevisionSummaryDto } from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('api/articles/:id')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  /** Every text the article has had, oldest first, with its SHA-256. */
  @Get('revisions')
  @ApiOkResponse({ type: RevisionSummaryDto, isArray: true })
  list(@Param('id', ParseIdPipe) id: number): Promise<RevisionSummaryDto[]> {
    return this.revisions.list(id);
  }

  /** One revision with its text. */
  @Get('revisions/:number')
  @ApiOkResponse({ type: RevisionDto })
  get(@Param('id', ParseIdPipe) id: number, @Param('number', ParseIdPipe) number: number): Promise<RevisionDto> {
    return this.revisions.get(id, number);
  }

  /**
   * A corrected text becomes the next revision and the article's text; every claim is re-anchored
   * (exact, found again, or flagged for an editor with a fuzzy proposal and its score). One transaction.
   */
  @Roles('editor', 'admin')
  @Post('revisions')
  @ApiCreatedResponse({ type: RevisionCreatedDto })
  create(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateRevisionDto): Promise<RevisionCreatedDto> {
    return this.revisions.create(actor, id, dto);
  }

  /** Claims waiting for an editor to anchor them in the current text. */
  @Get('anchor-flags')
  @ApiOkResponse({ type: AnchorFlagDto, isArray: true })
  flags(@Param('id', ParseIdPipe) id: number): Promise<AnchorFlagDto[]> {
    return this.revisions.openFlags(id);
  }

  /** Anchors a flagged claim: accept the proposal (no quote) or give its words in the current text. */
  @Roles('editor', 'admin')
  @Post('anchor-flags/:flagId/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: AnchorFlagDto })
  resolve(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Param('flagId', ParseIdPipe) flagId: number, @Body() dto: ResolveAnchorFlagDto): Promise<AnchorFlagDto> {
    return this.revisions.resolve(actor, id, flagId, dto);
  }
}
