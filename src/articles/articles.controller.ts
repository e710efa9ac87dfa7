import { ApiPageResponse } from '../openapi/api-responses';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { ArticlesService } from './articles.service';
import { ArticleDto, ArticleListQueryDto, ArticleSummaryDto, CreateArticleDto, UpdateArticleDto } from './dto/article.dto';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('api/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  /** Lists articles, newest first; `q` searches titles ignoring case and accents. */
  @ApiPageResponse(ArticleSummaryDto)
  @Get()
  list(@Query() query: ArticleListQueryDto): Promise<Page<ArticleSummaryDto>> {
    return this.articles.list(query);
  }

  /** One article with its body and the body's SHA-256. */
  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<ArticleDto> {
    return this.articles.get(id);
  }

  /** Stores the body verbatim with its SHA-256. */
  @Roles('editor', 'admin')
  @Post()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateArticleDto): Promise<ArticleDto> {
    return this.articles.create(actor, dto);
  }

  /** Metadata always; the body only while no claim anchors to it (then post a revision). */
  @Roles('editor', 'admin')
  @Patch(':id')
  update(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateArticleDto): Promise<ArticleDto> {
    return this.articles.update(actor, id, dto);
  }
}
