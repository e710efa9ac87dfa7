import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import { ArticleReportQueryDto, ReportQueryDto } from './dto/report.dto';
import { OpenedReport, ReportsService } from './reports.service';

/** A download (Content-Disposition: attachment) in the requested `format`. */
const REPORT_RESPONSE = ApiOkResponse({
  description: 'The report as a download, in the requested `format`.',
  content: {
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' } },
    'application/json': { schema: { type: 'object', description: 'Described by GET /api/reports/schema.json.' } },
    'text/csv': { schema: { type: 'string' } },
    'application/ld+json': { schema: { type: 'array', description: 'schema.org ClaimReview objects.', items: { type: 'object' } } },
  },
});

function download(report: OpenedReport): StreamableFile {
  return new StreamableFile(report.stream, { type: report.contentType, disposition: `attachment; filename="${report.fileName}"` });
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The sourced report of one article, as a download in the requested format. */
  @REPORT_RESPONSE
  @Get('articles/:id/report')
  article(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Query() query: ArticleReportQueryDto): Promise<StreamableFile> {
    return this.reports
      .open({ articleId: id, filters: {}, format: query.format, publishedOnly: query.publishedOnly, rows: query.rows, lang: query.lang }, { generatedBy: actor.username })
      .then(download);
  }

  /** The JSON Schema of `format=json` reports (its `schemaVersion` is the report's). */
  @Get('reports/schema.json')
  schema(): object {
    return this.reports.schema();
  }

  /** A report on the claims that match the claim-list filters, across articles. */
  @REPORT_RESPONSE
  @Get('reports')
  claims(@CurrentUser() actor: Actor, @Query() query: ReportQueryDto): Promise<StreamableFile> {
    const { format, publishedOnly, rows, lang, ...filters } = query;
    return this.reports.open({ filters, format, publishedOnly, rows, lang }, { generatedBy: actor.username }).then(download);
  }
}
