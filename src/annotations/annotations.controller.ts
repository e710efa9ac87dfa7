import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { AnnotationsService } from './annotations.service';
import { ImportAnnotationsDto, ImportAnnotationsResultDto } from './dto/annotation.dto';

const ANNOTATION_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

@ApiTags('annotations')
@ApiBearerAuth()
@Controller('api/articles/:id/annotations')
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  /** The article's claims as W3C Web Annotations (TextQuoteSelector and TextPositionSelector, bodies linking to the claim and its verdict). */
  @ApiOkResponse({
    description: 'A W3C AnnotationCollection with its one AnnotationPage embedded (`first.items`).',
    content: { 'application/ld+json': { schema: { type: 'object' } } },
  })
  @Get()
  async export(@Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const collection = await this.annotations.export(id);
    // Set once the collection exists, so that an error (404) keeps its application/json.
    response.type(ANNOTATION_TYPE);
    return collection;
  }

  /** Turns Web Annotations into draft claims, re-anchored by quote where their offsets differ (all or nothing). */
  @Roles('editor', 'admin')
  @Post()
  import(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ImportAnnotationsDto): Promise<ImportAnnotationsResultDto> {
    return this.annotations.import(actor, id, dto);
  }
}
