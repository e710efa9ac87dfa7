import { deliveryFor, digestDue, displaySummary, emailFor, localDigestFor, localSummary, parseSummaryParams, summarise, summaryParams } from './kinds';

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

describe(localDigestFor.name, () => {
  const items = [
    { summary: 'one', claimUrl: 'http://desk/claims/1', at: new Date('2026-01-01T08:00:00Z') },
    { summary: 'two', claimUrl: null, at: new Date('2026-01-01T09:30:00Z') },
  ];
  it('writes the digest in French for a French reader: plural, Intl dates, footer', () => {
    const mail = localDigestFor('fr', items, 'http://desk/p');
    expect(mail.subject).toBe('[Claimtrail] Votre résumé quotidien (2)');
    expect(mail.text).toContain('Votre résumé Claimtrail\u00a0: 2 notifications.');
    expect(mail.text).toContain('* 1 janv. 2026, 08:00 UTC one\n  http://desk/claims/1');
    expect(mail.text).toContain('préférences de notification\u00a0: http://desk/p');
    expect(localDigestFor('fr', items.slice(0, 1), 'http://desk/p').text).toContain('1 notification.');
  });
  it('writes it in English otherwise', () => {
    const mail = localDigestFor('en', items.slice(0, 1), 'http://desk/p');
    expect(mail.subject).toBe('[Claimtrail] Your daily digest (1)');
    expect(mail.text).toContain('Your Claimtrail digest: 1 notification.');
    expect(mail.text).toContain('* Jan 1, 2026, 08:00 UTC one');
  });
});

describe(localSummary.name, () => {
  it('renders a summary in the recipient’s language', () => {
    const input = { kind: 'assigned' as const, actor: 'ada', claimId: 7, claimText: 'Mines cleared.' };
    expect(localSummary('fr', input)).toBe('ada vous a attribué l’affirmation nº 7 “Mines cleared.”');
    expect(localSummary('en', input)).toBe('ada assigned you claim #7 “Mines cleared.”');
  });

  it('words where a mention was by its stable code', () => {
    const input = { kind: 'mention' as const, actor: 'ada', claimId: 7, claimText: 'Mines cleared.' };
    expect(localSummary('fr', { ...input, detail: 'rationale' })).toBe('ada vous a mentionné dans la justification d’un verdict sur l’affirmation nº 7 “Mines cleared.”');
    expect(localSummary('fr', { ...input, detail: 'comment' })).toBe('ada vous a mentionné dans un commentaire sur l’affirmation nº 7 “Mines cleared.”');
    expect(localSummary('en', { ...input, detail: 'rationale' })).toBe('ada mentioned you in a verdict’s rationale on claim #7 “Mines cleared.”');
    expect(summarise({ ...input, detail: 'rationale' })).toBe('ada mentioned you in a verdict\'s rationale on claim #7 “Mines cleared.”');
    expect(summarise({ ...input, detail: 'comment' })).toBe('ada mentioned you in a comment on claim #7 “Mines cleared.”');
  });
});

describe(displaySummary.name, () => {
  it('words stored params in the reader’s language, and falls back to the stored summary without them', () => {
    const long = `${'word '.repeat(60)}end`;
    const params = summaryParams({ kind: 'comment', actor: 'ada', claimId: 7, claimText: long });
    expect(params.claimText.length).toBe(121);
    // The stored excerpt quotes exactly as the whole text would.
    expect(localSummary('en', parseSummaryParams(JSON.stringify(params))!)).toBe(summarise({ kind: 'comment', actor: 'ada', claimId: 7, claimText: long }));
    const row = { summary: 'ada commented on claim #7 “x”', summaryParams: JSON.stringify(summaryParams({ kind: 'comment', actor: 'ada', claimId: 7, claimText: 'x' })) };
    expect(displaySummary('fr', row)).toBe('ada a commenté l’affirmation nº 7 “x”');
    expect(displaySummary('en', row)).toBe('ada commented on claim #7 “x”');
    expect(displaySummary('fr', { summary: 'an old English line', summaryParams: null })).toBe('an old English line');
    expect(displaySummary('fr', { summary: 'an old English line', summaryParams: '{not json' })).toBe('an old English line');
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
