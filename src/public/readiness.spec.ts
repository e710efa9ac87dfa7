import type { ClaimReviewLd } from '../reports/renderers/claimreview.renderer';
import { claimReviewReadiness, readinessLines } from './readiness';

const review = (overrides: Partial<ClaimReviewLd> = {}): ClaimReviewLd => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://desk.example.org/checks/7',
  claimReviewed: 'Russian sappers cleared 3,000 mines in Palmyra.',
  datePublished: '2016-04-06',
  author: { '@type': 'Organization', name: 'Desk' },
  reviewRating: { '@type': 'Rating', alternateName: 'Mostly true', ratingValue: 4, bestRating: 5, worstRating: 1 },
  itemReviewed: {
    '@type': 'Claim',
    author: { '@type': 'Person', name: 'Sergueï Roudskoï' },
    appearance: { '@type': 'NewsArticle', url: 'https://example.org/a', headline: 'A', inLanguage: 'fr' },
  },
  ...overrides,
});

describe(claimReviewReadiness.name, () => {
  it('finds nothing missing in a complete review', () => {
    expect(claimReviewReadiness(review())).toEqual([]);
  });

  it('requires a short claimReviewed without the rating, a public url and a named author', () => {
    const issues = claimReviewReadiness(
      review({ claimReviewed: 'Mostly true: ' + 'x'.repeat(80), url: 'http://127.0.0.1:3000/checks/7', author: { '@type': 'Organization', name: ' ' } }),
    );
    expect(issues.map((i) => [i.level, i.field])).toEqual([
      ['required', 'claimReviewed'],
      ['required', 'claimReviewed'],
      ['required', 'url'],
      ['required', 'author'],
    ]);
    expect(issues[1].problem).toContain('"Mostly true"');
  });

  it("recommends the original speaker, the article's URL and the publication date", () => {
    const bare = review({ datePublished: '' });
    bare.itemReviewed = { '@type': 'Claim', appearance: { '@type': 'NewsArticle', headline: 'A', inLanguage: 'fr' } };
    expect(claimReviewReadiness(bare).map((i) => `${i.level} ${i.field}`)).toEqual([
      'recommended itemReviewed.author',
      'recommended itemReviewed.appearance',
      'recommended datePublished',
    ]);
  });

  it('says there is no verdict when there is no review to check, in the lines the CLI prints', () => {
    expect(readinessLines(3, claimReviewReadiness(null))).toEqual(['claim 3: ClaimReview required reviewRating: there is no verdict yet']);
  });
});
