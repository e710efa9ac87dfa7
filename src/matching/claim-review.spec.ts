import { ClaimReviewFormatError, readClaimReviews } from './claim-review';

const review = (overrides: object = {}) => ({
  '@type': 'ClaimReview',
  url: 'https://fc.example.org/a',
  claimReviewed: 'Sappers neutralised 1,230 mines',
  author: { '@type': 'Organization', name: 'FC' },
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Sergei Rudskoy' } },
  reviewRating: { '@type': 'Rating', ratingValue: 1, alternateName: 'False' },
  datePublished: '2016-04-12T10:00:00Z',
  inLanguage: 'en',
  ...overrides,
});

describe('readClaimReviews', () => {
  it('reads a JSON-LD array, a page @graph and a single ClaimReview into the same fields', () => {
    const expected = {
      ok: true,
      index: 1,
      value: {
        url: 'https://fc.example.org/a',
        publisher: 'FC',
        claimReviewed: 'Sappers neutralised 1,230 mines',
        claimant: 'Sergei Rudskoy',
        rating: 'False',
        reviewDate: '2016-04-12',
        language: 'en',
      },
    };
    expect(readClaimReviews([review()])).toEqual([expected]);
    expect(readClaimReviews({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, review()] })).toEqual([
      { ok: false, index: 1, reason: 'not a ClaimReview (WebPage)', ignored: true },
      { ...expected, index: 2 },
    ]);
    expect(readClaimReviews(review())).toEqual([expected]);
    expect(readClaimReviews([{ '@graph': [review()] }])).toEqual([expected]);
  });

  it('reads Google Fact Check Tools claim search results, one row per claimReview', () => {
    const rows = readClaimReviews({
      claims: [
        {
          text: 'Le pain a doublé',
          claimant: 'Un ministre',
          claimDate: '2016-01-02T00:00:00Z',
          claimReview: [{ publisher: { name: 'Vérif', site: 'verif.fr' }, url: 'https://verif.fr/pain', textualRating: 'Faux', languageCode: 'fr' }],
        },
      ],
    });
    expect(rows).toEqual([
      { ok: true, index: 1, value: { url: 'https://verif.fr/pain', publisher: 'Vérif', claimReviewed: 'Le pain a doublé', claimant: 'Un ministre', rating: 'Faux', reviewDate: '2016-01-02', language: 'fr' } },
    ]);
  });

  it('refuses rows without a usable url or claim, with the reason', () => {
    expect(readClaimReviews([review({ url: undefined }), review({ url: 'javascript:alert(1)' }), review({ claimReviewed: ' ', itemReviewed: {} })])).toEqual([
      { ok: false, index: 1, reason: 'no url' },
      { ok: false, index: 2, reason: 'url is not http(s): javascript:alert(1)' },
      { ok: false, index: 3, reason: 'no claimReviewed (the claim that was checked)' },
    ]);
  });

  it('reads a date Date can parse into its day, and refuses a row whose date cannot be read rather than dropping the date', () => {
    const [spelled, unreadable, none] = readClaimReviews([
      review({ datePublished: 'April 22, 2016' }),
      review({ datePublished: 'not-a-date' }),
      review({ datePublished: undefined }),
    ]);
    expect(spelled).toMatchObject({ ok: true, value: { reviewDate: '2016-04-22' } });
    expect(unreadable).toEqual({ ok: false, index: 2, reason: 'datePublished is not a date: "not-a-date"' });
    expect(none).toMatchObject({ ok: true, value: { reviewDate: null } });
  });

  it('numbers every entry of the file and ignores, with its type, a JSON-LD node that is not a ClaimReview', () => {
    expect(readClaimReviews([review(), { '@type': 'Person', name: 'X' }, 42]).map((r) => [r.index, r.ok ? 'taken' : r.reason])).toEqual([
      [1, 'taken'],
      [2, 'not a ClaimReview (Person)'],
      [3, 'not a ClaimReview (number)'],
    ]);
  });

  it('throws for a document that is not ClaimReview in any known shape', () => {
    expect(() => readClaimReviews({ hello: 'world' })).toThrow(ClaimReviewFormatError);
    expect(() => readClaimReviews([{ '@type': 'NewsArticle' }])).toThrow('no ClaimReview');
    expect(() => readClaimReviews('text')).toThrow(ClaimReviewFormatError);
  });
});
