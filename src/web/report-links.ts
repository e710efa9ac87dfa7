import { Injectable } from '@nestjs/common';
import { Lang, MessageKey, t } from '../i18n/i18n';
import { REPORT_FORMATS, type ReportFormat } from '../reports/report.model';

const LABELS: Record<ReportFormat, MessageKey> = {
  html: 'reportLinks.html',
  md: 'reportLinks.md',
  json: 'reportLinks.json',
  csv: 'reportLinks.csv',
  claimreview: 'reportLinks.claimreview',
};

/** The report formats offered on the article page; the HTML report opens in a new tab, the rest download. */
@Injectable()
export class ReportLinks {
  formats(lang: Lang): { format: ReportFormat; label: string; newTab: boolean }[] {
    return [...REPORT_FORMATS]
      .sort((a, b) => (a === 'html' ? -1 : b === 'html' ? 1 : 0))
      .map((format) => ({ format, label: t(lang, LABELS[format]), newTab: format === 'html' }));
  }
}
