import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ClusterOfClaimDto, DuplicatesDto, ExternalMatchesDto, MatchRequestDto, MatchResultDto, SimilarClaimsDto } from './dto/matching.dto';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  /** The claims most like this one across all articles, best first (the claim itself and dismissed matches left out). */
  @ApiOkResponse({ type: SimilarClaimsDto })
  @Get('claims/:id/similar')
  similar(@Param('id', ParseIdPipe) id: number): Promise<SimilarClaimsDto> {
    return this.matching.similar(id);
  }

  /** Links the claim with another as the same claim (a cluster), or dismisses the match for good. */
  @ApiOkResponse({ type: MatchResultDto })
  @Roles('editor', 'reviewer', 'admin')
  @Post('claims/:id/matches')
  @HttpCode(200)
  match(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: MatchRequestDto): Promise<MatchResultDto> {
    return this.matching.match(actor, id, dto);
  }

  /** The cluster the claim belongs to, with every appearance and who said and relayed it; null when not linked. */
  @ApiOkResponse({ type: ClusterOfClaimDto })
  @Get('claims/:id/cluster')
  cluster(@Param('id', ParseIdPipe) id: number): Promise<ClusterOfClaimDto> {
    return this.matching.clusterOf(id);
  }

  /** Fact-checks published elsewhere (imported ClaimReview) that look like this claim. */
  @ApiOkResponse({ type: ExternalMatchesDto })
  @Get('claims/:id/external-matches')
  external(@Param('id', ParseIdPipe) id: number): Promise<ExternalMatchesDto> {
    return this.matching.external(id);
  }

  /** Claims of the article that are probably the same claim logged twice. */
  @ApiOkResponse({ type: DuplicatesDto })
  @Get('articles/:id/duplicates')
  duplicates(@Param('id', ParseIdPipe) id: number): Promise<DuplicatesDto> {
    return this.matching.duplicates(id);
  }
}
