import type { CsvRows, ReportFormat, ReportRenderer } from '../report.model';
import { claimReviewRenderer } from './claimreview.renderer';
import { csvRenderer } from './csv.renderer';
import { htmlRenderer } from './html.renderer';
import { jsonRenderer } from './json.renderer';
import { markdownRenderer } from './markdown.renderer';

export interface RendererOptions {
  rows?: CsvRows;
}

/** A fresh renderer for one report (some keep a little state, e.g. whether to write a comma). */
export function rendererFor(format: ReportFormat, options: RendererOptions = {}): ReportRenderer {
  switch (format) {
    case 'md':
      return markdownRenderer;
    case 'html':
      return htmlRenderer;
    case 'json':
      return jsonRenderer();
    case 'csv':
      return csvRenderer(options.rows ?? 'claims');
    case 'claimreview':
      return claimReviewRenderer();
  }
}
