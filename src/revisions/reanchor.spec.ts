import { changedRegion, closestSubstring, FUZZY_MAX_QUOTE, FUZZY_THRESHOLD, reanchor } from './reanchor';

describe('reanchor', () => {
  const oldText = 'Les sapeurs syriens ont neutralisé 1230 mines, a indiqué samedi le Centre. La ville est reliée par une route à Palmyre.';
  const claim = (id: number, quote: string, text = oldText) => ({ id, quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

  it('finds the changed region as a common prefix and suffix that do not overlap', () => {
    expect(changedRegion('abcXdef', 'abcYYdef')).toEqual({ prefix: 3, suffix: 3 });
    expect(changedRegion('aaaa', 'aaaaaa')).toEqual({ prefix: 4, suffix: 0 });
    expect(changedRegion('same', 'same')).toEqual({ prefix: 4, suffix: 0 });
  });

  it('keeps a claim before the edit at its offsets and shifts a claim after it by the change in length', () => {
    const newText = oldText.replace('samedi', 'dimanche soir');
    const [before, after] = reanchor(oldText, newText, [claim(1, 'Les sapeurs syriens'), claim(2, 'reliée par une route')]);
    expect(before).toMatchObject({ outcome: 'exact', start: 0, end: 19, score: 1 });
    expect(after.outcome).toBe('exact');
    expect(newText.slice(after.start!, after.end!)).toBe('reliée par une route');
    expect(after.start).toBe(claim(2, 'reliée par une route').start + 'dimanche soir'.length - 'samedi'.length);
  });

  it('finds a quote again when the edit moved it (unique occurrence)', () => {
    const newText = 'La ville est reliée par une route à Palmyre. Les sapeurs syriens ont neutralisé 1230 mines, a indiqué samedi le Centre.';
    const [moved] = reanchor(oldText, newText, [claim(1, 'ont neutralisé 1230 mines')]);
    expect(moved).toMatchObject({ outcome: 'found', start: newText.indexOf('ont neutralisé 1230 mines'), quote: 'ont neutralisé 1230 mines' });
  });

  it('proposes a fuzzy match with its score when the quote itself was corrected, and does not call it exact', () => {
    const newText = oldText.replace('1230 mines', '1 320 mines');
    const [fuzzy] = reanchor(oldText, newText, [claim(1, 'ont neutralisé 1230 mines')]);
    expect(fuzzy.outcome).toBe('fuzzy');
    expect(fuzzy.quote).toBe('ont neutralisé 1 320 mines');
    expect(fuzzy.score).toBeGreaterThan(0.8);
    expect(fuzzy.score).toBeLessThan(1);
    expect(newText.slice(fuzzy.start!, fuzzy.end!)).toBe(fuzzy.quote);
  });

  it('reports a claim whose words are gone as not found, with no proposal', () => {
    const newText = oldText.replace('a indiqué samedi le Centre', "selon l'agence");
    const [gone] = reanchor(oldText, newText, [claim(1, 'a indiqué samedi le Centre')]);
    expect(gone).toMatchObject({ outcome: 'not_found', start: null, end: null, quote: null });
    expect(gone.score).toBeLessThan(FUZZY_THRESHOLD);
  });

  it('flags a quote that now occurs several times, none at its mapped place, as ambiguous with the nearest as proposal', () => {
    const oldT = 'A. Le Centre a indiqué. B.';
    const newT = 'Le Centre a indiqué. A. Le Centre a indiqué.';
    const [amb] = reanchor(oldT, newT, [claim(1, 'Le Centre a indiqué', oldT)]);
    expect(amb.outcome).toBe('ambiguous');
    expect(amb.start).toBe(24);
  });

  it('keeps UTF-16 offsets: a claim after an emoji inserted earlier shifts by two code units', () => {
    const newText = `🙂 ${oldText}`;
    const [c] = reanchor(oldText, newText, [claim(1, 'Palmyre')]);
    expect(c).toMatchObject({ outcome: 'exact', start: oldText.indexOf('Palmyre') + 3 });
  });

  it('closestSubstring finds the best approximate occurrence and prefers the one nearest the expected place', () => {
    expect(closestSubstring('xx hello world xx', 'helo world')).toEqual({ start: 3, end: 14, distance: 1 });
    expect(closestSubstring('abc abd', 'abx', 4)).toMatchObject({ start: 4, distance: 1 });
    expect(closestSubstring('', 'a')).toBeNull();
  });

  it('does not search a very long quote fuzzily: it is reported as not found for an editor', () => {
    const long = 'mot '.repeat(FUZZY_MAX_QUOTE / 2);
    const oldT = `Début. ${long}Fin.`;
    const newT = `Début. ${long.replace('mot mot', 'mots')}Fin.`;
    const [c] = reanchor(oldT, newT, [{ id: 1, start: 7, end: 7 + long.length, quote: long }]);
    expect(c).toMatchObject({ outcome: 'not_found', start: null, score: 0 });
  });
});
