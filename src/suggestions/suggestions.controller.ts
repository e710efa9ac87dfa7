import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { AcceptedSuggestionsDto, RejectedSuggestionsDto, SuggestionKeysDto, SuggestionListDto } from './dto/suggestion.dto';
import { SuggestionsService } from './suggestions.service';

@ApiTags('suggestions')
@ApiBearerAuth()
@Controller('api/articles/:articleId/suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  /** The article's checkable claims as the tracker reads them, with their chains, not yet accepted or rejected. */
  @Roles('editor', 'admin')
  @Get()
  @ApiOkResponse({ type: SuggestionListDto })
  list(@Param('articleId', ParseIdPipe) articleId: number): Promise<SuggestionListDto> {
    return this.suggestions.list(articleId);
  }

  /** Logs the suggestions as draft claims (creating the new sources they name), all or nothing. */
  @Roles('editor', 'admin')
  @Post('accept')
  @ApiCreatedResponse({ type: AcceptedSuggestionsDto })
  accept(@CurrentUser() actor: Actor, @Param('articleId', ParseIdPipe) articleId: number, @Body() dto: SuggestionKeysDto): Promise<AcceptedSuggestionsDto> {
    return this.suggestions.accept(actor, articleId, dto.keys);
  }

  /** Rejects the suggestions: they are not offered again for this article. */
  @Roles('editor', 'admin')
  @Post('reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RejectedSuggestionsDto })
  reject(@CurrentUser() actor: Actor, @Param('articleId', ParseIdPipe) articleId: number, @Body() dto: SuggestionKeysDto): Promise<RejectedSuggestionsDto> {
    return this.suggestions.reject(actor, articleId, dto.keys);
  }
}
