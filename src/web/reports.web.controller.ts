import { isLang, requestLanguage } from '../i18n/i18n';
import { Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { REPORT_FORMATS, type ReportFormat } from '../reports/report.model';
import { ReportsService } from '../reports/reports.service';
import type { WebRequest } from './session';
import { WebController } from './web.http';

@WebController('articles')
export class ReportsWebController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * The article's sourced report, from the same service as GET /api/articles/:id/report. The HTML
   * report is shown inline (it opens in its own tab) under a CSP that allows its own inline
   * styles and nothing else: no script, no outside load.
   */
  @Get(':id/report.:format')
  async report(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Param('format') format: string): Promise<void> {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new NotFoundException(`There is no ${format} report.`);
    const report = await this.reports.open(
      // The reader's language for the labels (`?lang=` wins): JSON, CSV and ClaimReview are the same in every language.
      { articleId: id, filters: {}, format: format as ReportFormat, publishedOnly: false, lang: isLang(request.query.lang) ? request.query.lang : requestLanguage(request) },
      { generatedBy: request.user!.username },
    );
    if (format === 'html') {
      response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    response.setHeader('Cache-Control', 'no-store');
    response.type(report.contentType);
    response.setHeader('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${report.fileName}"`);
    report.stream.on('error', (error) => response.destroy(error));
    report.stream.pipe(response);
  }
}
