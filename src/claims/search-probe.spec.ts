import { probeParts, sampleOf, trigramsOf } from './search-probe';

/** Claims as the desk might write them: one word in every claim, numbers and places that vary. */
const PLACES = ['palmyre', 'homs', 'alep', 'raqqa', 'deir ez-zor', 'idlib', 'hama', 'daraa'];
const claims = (n: number) => Array.from({ length: n }, (_, i) => `claim ${i + 1}: ${PLACES[i % PLACES.length]} selon le centre`);

describe('trigramsOf (the trigrams pg_trgm takes from a pattern)', () => {
  it('pads each word with two spaces before and one after where the word is bounded', () => {
    expect([...trigramsOf('claim 9876:')].sort()).toEqual(['  9', '  c', ' 98', ' cl', '76 ', '876', '987', 'aim', 'cla', 'im ', 'lai'].sort());
  });

  it('leaves an end that a % continues unpadded, and a word too short for a trigram out', () => {
    const open = { start: true, end: true };
    expect([...trigramsOf('9876:', open)].sort()).toEqual(['76 ', '876', '987']);
    expect([...trigramsOf(' 12', open)].sort()).toEqual(['  1', ' 12']);
    expect([...trigramsOf('12', open)]).toEqual([]);
  });
});

describe('probeParts (what the trigram index is asked for)', () => {
  const sample = sampleOf(claims(1000));

  it('asks for the rare word of a term whose other word is in most claims, with the bounds around it', () => {
    expect(probeParts('claim 917:', sample)).toEqual([' 917:']);
  });

  it('leaves out the bound of a word when its trigram is frequent', () => {
    // Every sampled number starts with 9: the trigram of a word starting with 9 ("  9") is in every claim.
    const nines = sampleOf(Array.from({ length: 1000 }, (_, i) => `claim ${9000 + i}: ${PLACES[i % PLACES.length]}`));
    expect(probeParts('claim 9917:', nines)).toEqual(['9917:']);
  });

  it('asks for every word that has no frequent trigram', () => {
    expect(probeParts('claim 917: palmyre', sample)).toEqual([' 917:', ' palmyre']);
  });

  it('asks once for a word the term repeats', () => {
    expect(probeParts('claim 917: palmyre claim 917:', sample)).toEqual([' 917:', ' palmyre']);
  });

  it('asks for the whole term when none of its trigrams is frequent', () => {
    expect(probeParts('917: palmyre', sample)).toEqual(['917: palmyre']);
  });

  it('asks for the whole term when every word is frequent, or the rare parts are in too many claims to check one by one', () => {
    expect(probeParts('claim selon', sample)).toEqual(['claim selon']);
    // ` homs` is in one claim of eight: reading each of those to check the whole term would cost more than the index.
    expect(probeParts('claim homs', sample)).toEqual(['claim homs']);
  });

  it('asks for the whole term when nothing is sampled yet', () => {
    expect(probeParts('claim 917:', sampleOf([]))).toEqual(['claim 917:']);
  });
});
