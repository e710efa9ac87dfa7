import { anchorAnnotation, annotationsOf, fromCodePoints, toAnnotation, toCodePoints } from './web-annotation';

const links = { source: 'https://example.org/a', claimUrl: (id: number) => `https://desk/api/claims/${id}`, checkUrl: (id: number) => `https://desk/checks/${id}` };
const claim = (body: string, quote: string, from = 0) => {
  const start = body.indexOf(quote, from);
  return { id: 5, text: 'Wording', quote, start, end: start + quote.length, kind: 'quantity', createdAt: '2016-04-02T10:00:00.000Z', updatedAt: '2016-04-02T10:00:00.000Z', verdict: null };
};

describe('W3C Web Annotations for claims', () => {
  it('counts TextPositionSelector offsets in code points, as the model says, and converts back', () => {
    const body = 'a😀b 1230 mines';
    expect(toCodePoints(body, body.indexOf('1230'))).toBe(4);
    expect(fromCodePoints(body, 4)).toBe(body.indexOf('1230'));
    const annotation = toAnnotation(body, claim(body, '1230'), links) as { target: { selector: object[] } };
    expect(annotation.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: '1230', prefix: 'a😀b ', suffix: ' mines' },
      { type: 'TextPositionSelector', start: 4, end: 8 },
    ]);
  });

  it('anchors an annotation at its position when the text there is the quote', () => {
    const body = 'one two one two';
    const result = anchorAnnotation(body, toAnnotation(body, claim(body, 'one', 4), links), 'a');
    expect(result).toEqual({ ok: true, anchor: { quote: 'one', span: { start: 8, end: 11 }, text: 'Wording', kind: 'quantity', reanchored: false } });
  });

  it('re-anchors by quote, prefix and suffix when the offsets point elsewhere', () => {
    const original = 'one two one three';
    const annotation = toAnnotation(original, claim(original, 'one', 4), links);
    const edited = 'Preface. one two one three';
    const result = anchorAnnotation(edited, annotation, 'a');
    expect(result).toMatchObject({ ok: true, anchor: { span: { start: 17, end: 20 }, reanchored: true } });
  });

  it('names what is wrong with an annotation it cannot anchor', () => {
    expect(anchorAnnotation('text', { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'absent' } } }, 'annotations[0]')).toEqual({
      ok: false,
      errors: [{ field: 'annotations[0].target.selector', reason: expect.stringContaining('does not occur') }],
    });
    expect(anchorAnnotation('text', { type: 'Note' }, 'x')).toEqual({ ok: false, errors: [{ field: 'x.type', reason: 'must be "Annotation"' }] });
  });

  it('reads a list, a page or a collection', () => {
    expect(annotationsOf([1, 2])).toEqual([1, 2]);
    expect(annotationsOf({ type: 'AnnotationPage', items: [1] })).toEqual([1]);
    expect(annotationsOf({ type: 'AnnotationCollection', first: { items: [2] } })).toEqual([2]);
  });
});
