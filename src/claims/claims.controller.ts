import { ApiPageResponse } from '../openapi/api-responses';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { IfMatch } from '../common/if-match.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { Json } from '../common/json-text';
import { ClaimsService, precondition } from './claims.service';
import {
  ClaimDetailDto,
  ClaimDto,
  ClaimListQueryDto,
  CreateClaimDto,
  CreateEvidenceDto,
  EvidenceLinkDto,
  ReplaceAttributionsDto,
  UpdateClaimDto,
} from './dto/claim.dto';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The claim version you read, instead of `version` in the body (412 when stale).' };

@ApiTags('claims')
@ApiBearerAuth()
@Controller('api')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  /** An article's claims, in article order by default, with their attribution chains. */
  @ApiPageResponse(ClaimDto)
  @Get('articles/:articleId/claims')
  listForArticle(@Param('articleId', ParseIdPipe) articleId: number, @Query() query: ClaimListQueryDto): Promise<Json<Page<ClaimDto>>> {
    return this.claims.findByArticle(articleId, query);
  }

  /** Logs a claim anchored to the article's exact words. */
  @Roles('editor', 'admin')
  @Post('articles/:articleId/claims')
  create(
    @CurrentUser() actor: Actor,
    @Param('articleId', ParseIdPipe) articleId: number,
    @Body() dto: CreateClaimDto,
  ): Promise<ClaimDetailDto> {
    return this.claims.create(actor, articleId, dto);
  }

  /** Claims across all articles, with the same filters. */
  @ApiPageResponse(ClaimDto)
  @Get('claims')
  list(@Query() query: ClaimListQueryDto): Promise<Json<Page<ClaimDto>>> {
    return this.claims.listForApi(query);
  }

  /** One claim with its chain, evidence, verdicts, comments, transitions and the moves you may make. */
  @ApiOkResponse({ type: ClaimDetailDto }) // the Swagger plugin cannot read the union below
  @Get('claims/:id')
  get(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<Json<ClaimDetailDto>> {
    return this.claims.getForApi(id, actor);
  }

  /** Edits a claim's wording, kind or note, under the version you read. */
  @ApiHeader(IF_MATCH)
  @Roles('editor', 'admin')
  @Patch('claims/:id')
  update(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateClaimDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ClaimDetailDto> {
    return this.claims.update(actor, id, dto, precondition(dto.version, ifMatch));
  }

  /** Replaces the attribution chain in one transaction. */
  @ApiHeader(IF_MATCH)
  @Roles('editor', 'admin')
  @Put('claims/:id/attributions')
  replaceAttributions(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReplaceAttributionsDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ClaimDetailDto> {
    return this.claims.replaceAttributions(actor, id, dto, precondition(dto.version, ifMatch));
  }

  /** Only a draft that never left the editor's hands (no transitions, no comments); `If-Match` is required. */
  @ApiHeader(IF_MATCH)
  @Roles('editor', 'admin')
  @Delete('claims/:id')
  @HttpCode(204)
  remove(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @IfMatch() ifMatch?: string): Promise<void> {
    return this.claims.remove(actor, id, precondition(undefined, ifMatch));
  }

  /** Adds an evidence link (http/https) with its stance. */
  @Roles('editor', 'reviewer', 'admin')
  @Post('claims/:id/evidence')
  addEvidence(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateEvidenceDto): Promise<EvidenceLinkDto> {
    return this.claims.addEvidence(actor, id, dto);
  }

  /** Removes an evidence link; refused while the claim is published. */
  @Roles('editor', 'reviewer', 'admin')
  @Delete('claims/:id/evidence/:linkId')
  @HttpCode(204)
  removeEvidence(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('linkId', ParseIdPipe) linkId: number,
  ): Promise<void> {
    return this.claims.removeEvidence(actor, id, linkId);
  }
}
