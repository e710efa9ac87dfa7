import { highlightBody } from './highlight';

describe('highlightBody with suggested claims', () => {
  it('marks words only a suggestion covers apart from logged claims, and keeps the text exact', () => {
    const body = 'Un <deux> trois quatre.';
    const html = highlightBody(body, [{ id: 1, start: 0, end: 2, tone: 'st-draft' }], { suggested: [
      { key: '0-9-aaaaaaaaaaaaaaaa', start: 0, end: 9 },
      { key: '10-22-bbbbbbbbbbbbbbbb', start: 10, end: 22 },
    ] });
    expect(html).toBe(
      '<mark class="hl st-draft" data-claims="1">Un</mark>' +
        '<mark class="hl-suggested" data-suggestions="0-9-aaaaaaaaaaaaaaaa"> &lt;deux&gt;</mark> ' +
        '<mark class="hl-suggested" data-suggestions="10-22-bbbbbbbbbbbbbbbb">trois quatre</mark>.',
    );
    expect(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toBe(body);
  });
});
