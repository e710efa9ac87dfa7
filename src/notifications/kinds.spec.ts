import { deliveryFor, digestDue, digestFor, emailFor, summarise } from './kinds';

describe(summarise.name, () => {
  it('says who did what to which claim, with its wording shortened', () => {
    expect(summarise({ kind: 'assigned', actor: 'admin', claimId: 7, claimText: 'Palmyra was demined' })).toBe('admin assigned you claim #7 “Palmyra was demined”');
    const long = summarise({ kind: 'comment', actor: 'ana', claimId: 1, claimText: 'x'.repeat(300) });
    expect(long.length).toBeLessThan(160);
    expect(long.endsWith('…”')).toBe(true);
  });
});

describe(deliveryFor.name, () => {
  it('is in-app only for a kind never chosen, or an unknown choice', () => {
    expect(deliveryFor({}, 'assigned')).toBe('in_app');
    expect(deliveryFor({ assigned: 'carrier-pigeon' as never }, 'assigned')).toBe('in_app');
    expect(deliveryFor({ assigned: 'email' }, 'assigned')).toBe('email');
  });
});

describe(emailFor.name, () => {
  it('has the summary as subject and the link to the claim in the plain text', () => {
    const mail = emailFor({ summary: 'ana commented on claim #3', excerpt: 'first line\nsecond', claimUrl: 'http://desk/claims/3', preferencesUrl: 'http://desk/notifications/preferences' });
    expect(mail.subject).toBe('[Claimtrail] ana commented on claim #3');
    expect(mail.text).toContain('> first line\n> second');
    expect(mail.text).toContain('Open the claim: http://desk/claims/3');
  });
});

describe(digestFor.name, () => {
  it('lists every notification with its link', () => {
    const mail = digestFor(
      [
        { summary: 'one', claimUrl: 'http://desk/claims/1', at: new Date('2026-01-01T08:00:00Z') },
        { summary: 'two', claimUrl: null, at: new Date('2026-01-01T09:30:00Z') },
      ],
      'http://desk/p',
    );
    expect(mail.subject).toBe('[Claimtrail] Your daily digest (2)');
    expect(mail.text).toContain('* 2026-01-01 08:00 UTC one\n  http://desk/claims/1\n* 2026-01-01 09:30 UTC two');
  });
});

describe(digestDue.name, () => {
  const at = (s: string) => new Date(s);
  it('is due once a day from the digest hour on', () => {
    expect(digestDue(null, at('2026-03-02T06:59:00Z'), 7)).toBe(false);
    expect(digestDue(null, at('2026-03-02T07:00:00Z'), 7)).toBe(true);
    expect(digestDue(at('2026-03-02T07:00:05Z'), at('2026-03-02T23:00:00Z'), 7)).toBe(false);
    expect(digestDue(at('2026-03-02T07:00:05Z'), at('2026-03-03T07:00:00Z'), 7)).toBe(true);
    expect(digestDue(at('2026-03-01T07:00:05Z'), at('2026-03-02T06:00:00Z'), 7)).toBe(false);
  });
});
