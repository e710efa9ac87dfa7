import { containsPattern, fold } from './text';

describe('fold', () => {
  it('removes accents and case so that roudskoi matches Roudskoï', () => {
    expect(fold('Sergueï Roudskoï')).toBe('serguei roudskoi');
    expect(fold('ÉCRIT l’agence')).toBe("ecrit l'agence");
  });

  it('keeps the length of plain ASCII text unchanged', () => {
    expect(fold('INN Lebanon')).toBe('inn lebanon');
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards so that a percent sign is searched literally', () => {
    expect(containsPattern('50%_x')).toBe('%50\\%\\_x%');
  });
});
