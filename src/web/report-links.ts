import { Injectable } from '@nestjs/common';
import { REPORT_FORMATS, type ReportFormat } from '../reports/report.model';

const LABELS: Record<ReportFormat, string> = {
  html: 'HTML (opens in a new tab)',
  md: 'Markdown',
  json: 'JSON',
  csv: 'CSV',
  claimreview: 'ClaimReview JSON-LD',
};

/** The report formats offered on the article page; the HTML report opens in a new tab, the rest download. */
@Injectable()
export class ReportLinks {
  formats(): { format: ReportFormat; label: string; newTab: boolean }[] {
    return [...REPORT_FORMATS].sort((a, b) => (a === 'html' ? -1 : b === 'html' ? 1 : 0)).map((format) => ({ format, label: LABELS[format], newTab: format === 'html' }));
  }
}
