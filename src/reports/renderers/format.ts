import type { ReportArticle, ReportHead, ReportSummary } from '../report.model';

/** Shared wording for the human-readable formats (Markdown and HTML). */

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** `2016-04-02T10:00:00.000Z` → `2016-04-02 10:00 UTC`: short, unambiguous, and stable. */
export function instant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function reportTitle(head: ReportHead): string {
  return head.scope === 'article' && head.articles[0] ? `Sourced report: ${head.articles[0].title}` : 'Sourced report: selected claims';
}

export function publishedCount(summary: ReportSummary): number {
  return summary.byStatus.find((s) => s.status === 'published')?.count ?? 0;
}

export function filterLines(head: ReportHead): string[] {
  const f = head.filters;
  const lines: string[] = [];
  if (f.articleId !== undefined) lines.push(`article ${f.articleId}`);
  if (f.status?.length) lines.push(`status: ${f.status.join(', ')}`);
  if (f.kind?.length) lines.push(`kind: ${f.kind.join(', ')}`);
  if (f.sourceId !== undefined) lines.push(`source ${f.sourceId} as ${f.sourceRole ?? 'any'}`);
  if (f.unattributed !== undefined) lines.push(f.unattributed ? 'only claims with no named source' : 'only attributed claims');
  if (f.q) lines.push(`text contains "${f.q}"`);
  if (f.assigneeId !== undefined) lines.push(`assigned to user ${f.assigneeId}`);
  if (head.publishedOnly) lines.push('published claims only');
  return lines;
}

export function articleFacts(article: ReportArticle): [string, string | null][] {
  return [
    ['Title', article.title],
    ['Outlet', article.outlet?.name ?? null],
    ['URL', article.url],
    ['Language', article.language],
    ['Published', article.publishedDate],
    ['Body SHA-256', article.bodySha256],
  ];
}

/** A URL we may print as a link: http(s) only, no whitespace or angle brackets. */
export function isLinkable(url: string | null): url is string {
  return url !== null && /^https?:\/\/[^\s<>"]+$/i.test(url);
}
