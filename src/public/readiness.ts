import { claimReview, type ClaimReviewLd } from '../reports/renderers/claimreview.renderer';
import type { ReportArticle, ReportClaim, ReportPublisher } from '../reports/report.model';

/**
 * Whether a ClaimReview is ready for Google's fact-check markup, field by field, after
 * Google's documented requirements (developers.google.com/search/docs/appearance/structured-data/factcheck):
 * required `claimReviewed`, `reviewRating.alternateName`, `url`, `author`; recommended
 * `itemReviewed.author`, `itemReviewed.appearance` (the article's URL) and `datePublished`.
 * Pure: the claim panel and the CLI export print the same list.
 */
export interface ReadinessIssue {
  field: string;
  level: 'required' | 'recommended';
  problem: string;
}

/** Google: keep claimReviewed under 75 characters so it does not wrap on phones. */
export const CLAIM_REVIEWED_MAX = 75;

function isPublicHttpUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && !/^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(parsed.host);
  } catch {
    return false;
  }
}

export function claimReviewReadiness(review: ClaimReviewLd | null): ReadinessIssue[] {
  if (!review) return [{ field: 'reviewRating', level: 'required', problem: 'there is no verdict yet' }];
  const issues: ReadinessIssue[] = [];
  const required = (field: string, problem: string) => issues.push({ field, level: 'required', problem });
  const recommended = (field: string, problem: string) => issues.push({ field, level: 'recommended', problem });
  const claimed = review.claimReviewed.trim();
  const rating = review.reviewRating.alternateName?.trim() ?? '';
  if (!claimed) required('claimReviewed', 'the claim has no wording');
  else if (claimed.length > CLAIM_REVIEWED_MAX) required('claimReviewed', `${claimed.length} characters: keep it under ${CLAIM_REVIEWED_MAX}`);
  if (claimed && rating && new RegExp(`\\b${rating.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(claimed)) {
    required('claimReviewed', `it contains the rating ("${rating}"): state the claim, not the verdict`);
  }
  if (!rating) required('reviewRating.alternateName', 'the rating has no name');
  if (!isPublicHttpUrl(review.url)) required('url', `${review.url || 'none'} is not a public http(s) address: set PUBLIC_URL (or REPORT_REVIEW_BASE_URL)`);
  if (!review.author?.name?.trim()) required('author', 'the desk has no name: set REPORT_PUBLISHER_NAME');
  if (!review.itemReviewed.author) recommended('itemReviewed.author', 'no original speaker: the chain is empty and the article has no outlet');
  if (!review.itemReviewed.appearance.url) recommended('itemReviewed.appearance', "the article's URL is not recorded");
  if (!review.datePublished) recommended('datePublished', 'not published yet');
  return issues;
}

/** One line per issue, as the CLI prints them. */
export function readinessLines(claimId: number, issues: ReadinessIssue[]): string[] {
  return issues.map((i) => `claim ${claimId}: ClaimReview ${i.level} ${i.field}: ${i.problem}`);
}

/** The readiness of a claim's ClaimReview as it would be published now (the claim panel, the CLI export). */
export function claimReadiness(claim: ReportClaim, article: ReportArticle, publisher: ReportPublisher): ReadinessIssue[] {
  const verdict = claim.verdict;
  if (!verdict) return claimReviewReadiness(null);
  const asPublished = { ...claim, published: true, verdict: { ...verdict, publishedAt: verdict.publishedAt ?? new Date().toISOString() } };
  return claimReviewReadiness(claimReview(asPublished, article, { publisher }));
}
