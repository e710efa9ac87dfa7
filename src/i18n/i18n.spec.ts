import { formatDate, formatDateTime, formatList, formatNumber, negotiateLanguage, requestLanguage, t } from './i18n';

describe('i18n', () => {
  it('formats ICU plurals with each language’s rules (French 0 and 1 are singular, English 0 is plural)', () => {
    expect(t('en', 'account.sessions.caption', { count: 0 })).toBe('Your 0 open sessions');
    expect(t('en', 'account.sessions.caption', { count: 1 })).toBe('Your open session');
    expect(t('fr', 'account.sessions.caption', { count: 0 })).toBe('0 session ouverte');
    expect(t('fr', 'account.sessions.caption', { count: 1 })).toBe('Votre session ouverte');
    expect(t('fr', 'account.sessions.caption', { count: 1500 })).toBe('Vos 1\u202f500 sessions ouvertes');
  });

  it('negotiates Accept-Language with q-values and region subtags, English when nothing matches', () => {
    expect(negotiateLanguage(undefined)).toBe('en');
    expect(negotiateLanguage('')).toBe('en');
    expect(negotiateLanguage('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLanguage('en;q=0.5, fr;q=0.9')).toBe('fr');
    expect(negotiateLanguage('de-DE, fr;q=0.3, en;q=0.2')).toBe('fr');
    expect(negotiateLanguage('de, es')).toBe('en');
    expect(negotiateLanguage('fr;q=0, en')).toBe('en');
    expect(negotiateLanguage('FR')).toBe('fr');
    expect(negotiateLanguage('*')).toBe('en');
    expect(negotiateLanguage(';;;q=abc,,')).toBe('en');
  });

  it('prefers the user’s setting over the header, and ignores an unknown setting', () => {
    expect(requestLanguage({ user: { language: 'fr' }, headers: { 'accept-language': 'en' } })).toBe('fr');
    expect(requestLanguage({ user: { language: null }, headers: { 'accept-language': 'fr' } })).toBe('fr');
    expect(requestLanguage({ user: { language: 'xx' }, headers: {} })).toBe('en');
    expect(requestLanguage({ headers: {} })).toBe('en');
  });

  it('formats dates, instants, numbers and lists with Intl for the language', () => {
    expect(formatDate('fr', '2016-03-03')).toBe('3 mars 2016');
    expect(formatDate('en', '2016-03-03')).toBe('March 3, 2016');
    expect(formatDateTime('fr', '2026-11-25T14:05:09.000Z')).toBe('25 nov. 2026, 14:05 UTC');
    expect(formatDateTime('en', '2026-11-25T14:05:09.000Z')).toBe('Nov 25, 2026, 14:05 UTC');
    expect(formatNumber('fr', 12345.5)).toBe('12\u202f345,5');
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
    expect(formatList('fr', ['Roudskoï', 'TASS', 'Sana'])).toBe('Roudskoï, TASS et Sana');
    expect(formatList('en', ['Roudskoï', 'TASS', 'Sana'])).toBe('Roudskoï, TASS, and Sana');
  });
});
