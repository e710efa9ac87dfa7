import { highlightBody } from './highlight';

/** What a browser's textContent would give for the markup: tags dropped, references decoded. */
function textContent(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&#13;/g, '\r')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('highlightBody', () => {
  const body = "« Les sapeurs ont neutralisé 1230 mines », a indiqué Roudskoï.\r\nC'est <b>faux</b> & c'est tout.";

  it('keeps the text exactly, accents, guillemets, CR LF and markup-like text included', () => {
    const html = highlightBody(body, [
      { id: 1, start: 2, end: 40, tone: 'st-draft' },
      { id: 2, start: 66, end: 79, tone: 'st-published' },
    ]);
    expect(textContent(html)).toBe(body);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#13;');
  });

  it('wraps each claim span so its text is the quote at its offsets', () => {
    const html = highlightBody(body, [{ id: 7, start: 2, end: 40, tone: 'st-draft' }]);
    expect(html).toContain(`<mark class="hl st-draft" data-claims="7">${body.slice(2, 40)}</mark>`);
  });

  it('cuts overlapping claims into flat segments that name every claim covering them', () => {
    const html = highlightBody('abcdefghij', [
      { id: 1, start: 0, end: 6, tone: 'a' },
      { id: 2, start: 3, end: 9, tone: 'b' },
      { id: 3, start: 4, end: 5, tone: 'c' },
    ]);
    expect(html).toBe(
      '<mark class="hl a" data-claims="1">abc</mark>' +
        '<mark class="hl a hl-overlap" data-claims="1 2">d</mark>' +
        '<mark class="hl c hl-overlap" data-claims="1 2 3">e</mark>' +
        '<mark class="hl a hl-overlap" data-claims="1 2">f</mark>' +
        '<mark class="hl b" data-claims="2">ghi</mark>' +
        'j',
    );
    expect(html).not.toMatch(/<mark[^>]*>[^<]*<mark/);
  });

  it('ignores spans outside the text instead of corrupting it', () => {
    expect(highlightBody('abc', [{ id: 1, start: 2, end: 9, tone: 'a' }])).toBe('abc');
  });
});

describe('highlightBody, focusable', () => {
  const body = 'Les sapeurs ont neutralisé 1230 mines, a indiqué Roudskoï.';
  it('puts the segment where each claim starts in the tab order, with an id its "show in text" link targets, and keeps the text', () => {
    const html = highlightBody(
      body,
      [
        { id: 4, start: 0, end: 37, tone: 'st-draft' },
        { id: 9, start: 12, end: 20, tone: 'st-published' },
      ],
      { focusable: true },
    );
    expect(textContent(html)).toBe(body);
    expect(html).toContain('<mark class="hl st-draft" data-claims="4" id="hl-4" tabindex="0">Les sapeurs </mark>');
    expect(html).toContain('<mark class="hl st-published hl-overlap" data-claims="4 9" id="hl-9" tabindex="0">ont neut</mark>');
    expect(html).toContain('<mark class="hl st-draft" data-claims="4">ralisé 1230 mines</mark>');
    expect(html.match(/tabindex/g)).toHaveLength(2);
  });
});
