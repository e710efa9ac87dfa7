import { occurrencesOf, resolveAnchor } from './anchor';

const body = "Les sapeurs syriens ont neutralisé 1230 mines. «Les sapeurs syriens ont déjà neutralisé 1230 mines»";

describe('resolveAnchor', () => {
  it('accepts offsets whose text is exactly the quote', () => {
    const start = body.indexOf('neutralisé 1230');
    expect(resolveAnchor(body, { quote: 'neutralisé 1230', start, end: start + 15 })).toEqual({
      ok: true,
      span: { start, end: start + 15 },
    });
  });

  it('refuses offsets whose text differs from the quote and says where the quote really is', () => {
    const result = resolveAnchor(body, { quote: 'Les sapeurs', start: 1, end: 12 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('[0, 11)');
    expect(result.errors[0].field).toBe('quote');
  });

  it('refuses a span outside the body', () => {
    const result = resolveAnchor(body, { quote: 'x', start: body.length, end: body.length + 1 });
    expect(result.ok).toBe(false);
  });

  it('resolves the offsets from a quote that occurs once', () => {
    const result = resolveAnchor(body, { quote: 'déjà neutralisé' });
    expect(result).toEqual({ ok: true, span: { start: body.indexOf('déjà'), end: body.indexOf('déjà') + 15 } });
  });

  it('lists every occurrence of an ambiguous quote instead of guessing', () => {
    const result = resolveAnchor(body, { quote: 'sapeurs syriens' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.occurrences).toHaveLength(2);
    expect(result.message).toContain('occurs 2 times');
  });

  it('picks the requested occurrence of an ambiguous quote', () => {
    const result = resolveAnchor(body, { quote: 'sapeurs syriens', occurrence: 2 });
    expect(result).toEqual({ ok: true, span: { start: body.lastIndexOf('sapeurs syriens'), end: body.lastIndexOf('sapeurs syriens') + 15 } });
  });

  it('refuses a quote that is not in the article, e.g. with a typographic apostrophe', () => {
    const result = resolveAnchor("l'armée", { quote: 'l’armée' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ field: 'quote', reason: 'not found in the article text' }]);
  });

  it('counts offsets in UTF-16 code units, like the browser', () => {
    const text = '🙂 «perle»';
    expect(occurrencesOf(text, '«perle»')).toEqual([{ start: 3, end: 10 }]);
  });
});
