import { embeddableJson } from '../../common/json';
import { RATING_LABELS, type ClaimContext, type ReportArticle, type ReportClaim, type ReportHead, type ReportRenderer } from '../report.model';

/** Subset of schema.org types that Google's fact-check markup reads. */
export interface ClaimReviewLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  author: { '@type': 'Organization'; name: string; url?: string };
  reviewRating: { '@type': 'Rating'; ratingValue?: number; bestRating?: number; worstRating?: number; alternateName: string };
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string; jobTitle?: string };
    datePublished?: string;
    appearance: {
      '@type': 'NewsArticle';
      url?: string;
      headline: string;
      inLanguage: string;
      datePublished?: string;
      publisher?: { '@type': 'Organization'; name: string };
    };
  };
}

/**
 * schema.org ClaimReview for one claim, or null when it has no published verdict (the markup
 * only ever describes what the desk has published). The claim's author is the original speaker;
 * a claim the article makes in its own voice is the outlet's, when the outlet is known.
 */
export function claimReview(claim: ReportClaim, article: ReportArticle, head: Pick<ReportHead, 'publisher'>): ClaimReviewLd | null {
  const verdict = claim.verdict;
  if (!claim.published || !verdict || !verdict.publishedAt) return null;
  const speaker = claim.chain[0]?.source;
  // An anonymous speaker has no name to give: the author is left out rather than guessed.
  const anonymous = claim.chain.length > 0 && !speaker;
  const claimAuthor = anonymous
    ? undefined
    : speaker
    ? {
        '@type': speaker.kind === 'person' ? ('Person' as const) : ('Organization' as const),
        name: speaker.name,
        ...(speaker.kind === 'person' && speaker.description ? { jobTitle: speaker.description } : {}),
      }
    : article.outlet
      ? { '@type': 'Organization' as const, name: article.outlet.name }
      : undefined;
  const ratingValue = verdict.ratingValue;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${head.publisher.reviewBaseUrl.replace(/\/+$/, '')}/${claim.id}`,
    claimReviewed: claim.text,
    datePublished: verdict.publishedAt.slice(0, 10),
    author: { '@type': 'Organization', name: head.publisher.name, ...(head.publisher.url ? { url: head.publisher.url } : {}) },
    reviewRating: {
      '@type': 'Rating',
      ...(ratingValue !== null ? { ratingValue, bestRating: 5, worstRating: 1 } : {}),
      alternateName: RATING_LABELS[verdict.rating],
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claimAuthor ? { author: claimAuthor } : {}),
      ...(article.publishedDate ? { datePublished: article.publishedDate } : {}),
      appearance: {
        '@type': 'NewsArticle',
        ...(article.url ? { url: article.url } : {}),
        headline: article.title,
        inLanguage: article.language,
        ...(article.publishedDate ? { datePublished: article.publishedDate } : {}),
        ...(article.outlet ? { publisher: { '@type': 'Organization' as const, name: article.outlet.name } } : {}),
      },
    },
  };
}

/** A JSON array of ClaimReview objects, one per published verdict, in article order. */
export function claimReviewRenderer(): ReportRenderer {
  let emitted = 0;
  return {
    contentType: 'application/ld+json; charset=utf-8',
    extension: 'jsonld',
    head: () => '[',
    claim(claim: ReportClaim, context: ClaimContext): string {
      const review = claimReview(claim, context.article, context.head);
      if (!review) return '';
      return `${emitted++ > 0 ? ',' : ''}\n  ${embeddableJson(review, 2).replace(/\n/g, '\n  ')}`;
    },
    listsReferences: false,
    referencesStart: () => '',
    reference: () => '',
    end: () => `${emitted > 0 ? '\n' : ''}]\n`,
  };
}
