import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH, FRENCH, DuplicateFixture } from '../../test/fixtures/duplicate-articles';
import { SAMPLE_ARTICLE, SAMPLE_CLAIMS } from '../seed/sample-article';
import { anchorsOverlap, ArticleClaims, duplicateScore, findDuplicates } from './duplicates';
import { claimMatchSource, tokenize } from './normalise';
import { similarity } from './similarity';

const anchored = (body: string, claims: { text: string; quote: string; occurrence?: number }[]) =>
  claims.map((c, i) => {
    let start = -1;
    for (let k = 0; k < (c.occurrence ?? 1); k++) start = body.indexOf(c.quote, start + 1);
    if (start < 0) throw new Error(`quote not in the body: ${c.quote}`);
    return { id: i + 1, text: c.text, quote: c.quote, start, end: start + c.quote.length };
  });

const keysOf = (fixture: DuplicateFixture) => {
  const claims = anchored(fixture.body, fixture.claims);
  const key = (id: number) => fixture.claims[id - 1].key;
  return findDuplicates(claims).map((p) => [key(p.a.id), key(p.b.id)]);
};

describe('duplicates within one article', () => {
  it('tells overlapping anchors from adjacent ones', () => {
    expect(anchorsOverlap({ start: 0, end: 10 }, { start: 5, end: 8 })).toBe(true);
    expect(anchorsOverlap({ start: 0, end: 10 }, { start: 9, end: 20 })).toBe(true);
    expect(anchorsOverlap({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
  });

  it("ranks the sample article's two 1,230-mines claims first and flags no claims that only share the article's words", () => {
    const body = readFileSync(join(__dirname, '..', 'seed', SAMPLE_ARTICLE.bodyFile), 'utf8');
    const claims = anchored(body, SAMPLE_CLAIMS);
    const pairs = findDuplicates(claims);
    expect([pairs[0].a.id, pairs[0].b.id]).toEqual([23, 25]);
    expect(pairs[0].reasons[0]).toBe('same number: 1,230');
    // The plain similarity flagged these: 9/11 share a quote (one inside the other), 6/16 and 1/37 only the article's subject.
    const flagged = pairs.map((p) => `${p.a.id}:${p.b.id}`);
    for (const pair of ['9:11', '6:16', '2:37', '1:37', '32:37', '3:12']) expect(flagged).not.toContain(pair);
    const old = (a: number, b: number) => similarity(tokenize(claimMatchSource(claims[a - 1])), tokenize(claimMatchSource(claims[b - 1]))).score;
    expect(old(9, 11)).toBeGreaterThan(old(23, 25));
  });

  it('flags the English figure given twice and the claim logged twice from the same words, not the claims that overlap it', () => {
    expect(keysOf(ENGLISH).sort()).toEqual(ENGLISH.duplicates.map((p) => [...p]).sort());
  });

  it('flags the French figure given twice, not the claims about who says it drawn from the same sentence', () => {
    expect(keysOf(FRENCH)).toEqual(FRENCH.duplicates);
  });

  it('compares overlapping claims on their wording, giving the names of their shared words no weight', () => {
    const claims = anchored(ENGLISH.body, ENGLISH.claims);
    const article = new ArticleClaims(claims);
    const byKey = (k: string) => claims[ENGLISH.claims.findIndex((c) => c.key === k)];
    expect(duplicateScore(article, byKey('reopen'), byKey('governor'))).toMatchObject({ score: 0, overlapping: true });
    const same = duplicateScore(article, byKey('reopen'), byKey('bridge'));
    expect(same.reasons).toEqual(['same number: 2019', 'shared words: bridge, reopen', 'overlapping quotes: compared on their wording']);
    expect(same.sameNumber).toBe(true);
    // A different figure from the same sentence is a near-miss.
    expect(duplicateScore(article, byKey('reopen'), byKey('cost')).reasons).toContain('different numbers');
  });

  it("weighs a key by how few of the article's claims hold it", () => {
    const article = new ArticleClaims(anchored(ENGLISH.body, ENGLISH.claims));
    const mosul = article.specificity(tokenize('Mosul')[0].key);
    const families = article.specificity(tokenize('families')[0].key);
    expect(families).toBe(1);
    expect(mosul).toBeLessThan(0.3);
    expect(mosul).toBeGreaterThanOrEqual(0.1);
  });
});
