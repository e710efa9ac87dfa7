import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page } from '../common/dto/pagination.dto';
import { CreateSourceDto, SourceDto, SourceListQueryDto, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('api/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /** Lists sources; `q` matches names and aliases ignoring case and accents. */
  @Get()
  list(@Query() query: SourceListQueryDto): Promise<Page<SourceDto>> {
    return this.sources.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<SourceDto> {
    return this.sources.get(id);
  }

  @Roles('editor', 'admin')
  @Post()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateSourceDto): Promise<SourceDto> {
    return this.sources.create(actor, dto);
  }

  @Roles('editor', 'admin')
  @Patch(':id')
  update(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateSourceDto): Promise<SourceDto> {
    return this.sources.update(actor, id, dto);
  }
}
