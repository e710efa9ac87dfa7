import { matchText, normaliseNumber, stem, tokenize } from './normalise';
import { rank, similarity } from './similarity';

const score = (a: string, b: string) => similarity(tokenize(a), tokenize(b));

describe('normalise', () => {
  it('gives every common format of a number the same token', () => {
    for (const raw of ['1230', '1 230', '1,230', '1.230', '1\u202f230']) expect(normaliseNumber(raw)).toBe('1230');
    expect(normaliseNumber('1,5')).toBe('1p5');
    expect(normaliseNumber('1.50')).toBe('1p5');
    expect(matchText('12 000 000 habitants')).toBe('12000000 habitant');
  });

  it('folds accents, case and punctuation and meets French and English spellings of names', () => {
    expect(stem('roudskoi')).toBe(stem('rudskoy'));
    expect(stem('palmyre')).toBe(stem('palmyra'));
    expect(stem('neutralisees')).toBe(stem('neutralised'));
    expect(matchText('«Roudskoï», a-t-il dit !')).toBe(matchText('RUDSKOY dit'));
  });

  it('drops French and English stopwords and tags numbers and capitalised names', () => {
    const tokens = tokenize("Les sapeurs ont neutralisé 1 230 mines dans la ville de Palmyre, selon l'armée");
    expect(tokens.map((t) => t.key)).not.toContain('les');
    expect(tokens.find((t) => t.key === '1230')?.kind).toBe('number');
    expect(tokens.find((t) => t.key === stem('palmyre'))?.kind).toBe('name');
    expect(tokens.find((t) => t.key === stem('mines'))?.kind).toBe('word');
    expect(tokenize('deux mines').find((t) => t.kind === 'number')?.key).toBe('2');
  });
});

describe('similarity', () => {
  it('scores the same claim in French and English number formats high, with the shared number as a reason', () => {
    const result = score('Syrian sappers have neutralised 1,230 mines in Palmyra.', 'Les sapeurs syriens ont neutralisé 1 230 mines à Palmyre');
    expect(result.score).toBeGreaterThan(0.5);
    expect(result.reasons[0]).toBe('same number: 1,230');
    expect(result.reasons.join(' ')).toContain('same name');
  });

  it('weighs numbers and names above common words', () => {
    const sharedNumber = score('The army cleared 1,230 mines', 'Engineers removed 1230 explosives');
    const sharedWords = score('The army cleared the mines', 'The army cleared the roads');
    expect(sharedNumber.score).toBeGreaterThan(0);
    const base = 'Rudskoy visited Palmyra on the day the army advanced';
    expect(score(base, 'Roudskoï était à Palmyre').score).toBeGreaterThan(score(base, 'the day the army advanced elsewhere').score * 0.9);
    expect(sharedWords.reasons).toEqual(['shared words: army, cleared']);
  });

  it('cuts the score of claims that each give a number the other does not (near-misses)', () => {
    const same = score('Sappers neutralised 1,230 mines in Palmyra', 'Sappers neutralised 1230 mines in Palmyra');
    const other = score('Sappers neutralised 1,230 mines in Palmyra', 'Sappers neutralised 1,500 mines in Palmyra');
    expect(same.score).toBe(1);
    expect(other.score).toBeLessThan(0.5);
    expect(other.reasons).toContain('different numbers');
    const months = score('The temple was blown up in August 2015', 'The temple was blown up in June 2015');
    expect(months.reasons).toContain('different numbers');
    expect(score('Le temple a été détruit en août 2015', 'The temple was destroyed in August 2015').reasons[0]).toBe('same numbers: 2015, août');
  });

  it('scores texts with nothing in common zero, with no reasons', () => {
    expect(score('Palmyra was retaken', 'Le prix du pain augmente')).toEqual({ score: 0, reasons: [] });
    expect(score('', '')).toEqual({ score: 0, reasons: [] });
  });

  it('ranks best first and puts a published claim first among near-equal scores', () => {
    const ranked = rank([
      { item: { id: 1 }, score: 0.8, published: false },
      { item: { id: 2 }, score: 0.78, published: true },
      { item: { id: 3 }, score: 0.9, published: false },
      { item: { id: 4 }, score: 0.4, published: true },
    ]);
    expect(ranked.map((r) => r.item.id)).toEqual([3, 2, 1, 4]);
  });
});
