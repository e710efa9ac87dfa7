import { requestIdFrom } from './request-id';

describe(requestIdFrom.name, () => {
  it('keeps a caller-supplied id', () => {
    expect(requestIdFrom('edge-7f3a.42')).toBe('edge-7f3a.42');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it('generates a UUID when none is given', () => {
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('replaces an id that could forge log lines or is too long', () => {
    expect(requestIdFrom('a\nb', () => 'new')).toBe('new');
    expect(requestIdFrom('has space', () => 'new')).toBe('new');
    expect(requestIdFrom('x'.repeat(129), () => 'new')).toBe('new');
    expect(requestIdFrom('', () => 'new')).toBe('new');
  });
});
