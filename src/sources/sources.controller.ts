import { ApiPageResponse } from '../openapi/api-responses';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { CreateSourceDto, MergeSourceDto, SourceDto, SourceListQueryDto, SourceMergeResultDto, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('api/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /** Lists sources; `q` matches names and aliases ignoring case and accents. */
  @ApiPageResponse(SourceDto)
  @Get()
  list(@Query() query: SourceListQueryDto): Promise<Page<SourceDto>> {
    return this.sources.list(query);
  }

  /** One source with its aliases and affiliation. */
  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<SourceDto> {
    return this.sources.get(id);
  }

  /** Creates a source (a person, outlet, agency, body …); its name and aliases must be new. */
  @Roles('editor', 'admin')
  @Post()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateSourceDto): Promise<SourceDto> {
    return this.sources.create(actor, dto);
  }

  /** Changes a source; `version` must match (409 otherwise). */
  @Roles('editor', 'admin')
  @Patch(':id')
  update(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateSourceDto): Promise<SourceDto> {
    return this.sources.update(actor, id, dto);
  }

  /**
   * Merges this source (a duplicate) into `intoId`: its chain links, outlets and members move to
   * the survivor, its name becomes an alias of the survivor, and it is deleted. One transaction, audited.
   */
  @Roles('editor', 'admin')
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOkResponse({ type: SourceMergeResultDto })
  merge(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: MergeSourceDto): Promise<SourceMergeResultDto> {
    return this.sources.merge(actor, id, dto);
  }
}
