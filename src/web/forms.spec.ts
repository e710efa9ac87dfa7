import { applyRowAction, normaliseNewlines, parseAction, parseClaimForm } from './forms';
import { emptyRow } from './views/claim-form';

describe('claim form parsing', () => {
  it('reads the chain rows in order, original speaker first', () => {
    const values = parseClaimForm({
      quote: 'q',
      text: 't',
      kind: 'event',
      links: '2',
      l0_id: '4',
      l0_name: 'Sergueï Roudskoï',
      l0_verb: 'a indiqué',
      l0_mode: 'direct',
      l1_name: 'Sputnik',
      l1_kind: 'news_agency',
      l1_verb: 'selon',
    });
    expect(values.rows.map((r) => [r.sourceId, r.sourceName, r.newKind, r.verb, r.mode])).toEqual([
      ['4', 'Sergueï Roudskoï', '', 'a indiqué', 'direct'],
      ['', 'Sputnik', 'news_agency', 'selon', 'paraphrase'],
    ]);
    expect(values.unattributed).toBe(false);
  });

  it('caps the number of links at the API limit', () => {
    expect(parseClaimForm({ links: '500' }).rows).toHaveLength(20);
  });

  it('adds, removes and moves links', () => {
    const rows = [{ ...emptyRow(), verb: 'a' }, { ...emptyRow(), verb: 'b' }];
    expect(applyRowAction(rows, parseAction('add'))).toHaveLength(3);
    expect(applyRowAction(rows, parseAction('remove:0')).map((r) => r.verb)).toEqual(['b']);
    expect(applyRowAction(rows, parseAction('up:1')).map((r) => r.verb)).toEqual(['b', 'a']);
    expect(parseAction('save')).toEqual({ type: 'save' });
    expect(parseAction('remove:x')).toEqual({ type: 'save' });
  });

  it('turns the CR LF a browser sends for a textarea back into LF', () => {
    expect(normaliseNewlines('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});
