import { formatDateTime, isLang, Lang, MessageKey, t } from '../i18n/i18n';
/**
 * The kinds of event a user hears about, and how. Pure: no Nest, no database.
 */
export const NOTIFICATION_KINDS = ['assigned', 'verdict_proposed', 'returned', 'dismissed', 'published', 'corrected', 'comment', 'mention', 'webhook_disabled'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** In the app only, an e-mail right away, or once a day in the digest (e-mail needs SMTP_URL and an address). */
export const DELIVERIES = ['in_app', 'email', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** What each kind means, in the words of the preferences page. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  assigned: 'A claim is assigned to you',
  verdict_proposed: 'A verdict is proposed on a claim you could publish',
  returned: 'Your claim is returned to you',
  dismissed: 'Your claim is dismissed',
  published: 'Your claim is published',
  corrected: 'Your published claim is reopened for a correction',
  comment: 'A comment on a claim you logged, reviewed or watch',
  mention: 'Someone mentions you',
  webhook_disabled: 'A webhook endpoint is disabled after repeated failures (admins)',
};

export const DELIVERY_LABELS: Record<Delivery, string> = { in_app: 'In the app only', email: 'E-mail right away', digest: 'Daily digest' };

/** A user's choice for `kind`; a kind they never chose is in-app only. */
export function deliveryFor(preferences: Partial<Record<string, Delivery>> | null | undefined, kind: NotificationKind): Delivery {
  const chosen = preferences?.[kind];
  return chosen && (DELIVERIES as readonly string[]).includes(chosen) ? chosen : 'in_app';
}

/** Who may hear about a claim: every active account may read every claim; a deactivated one reads nothing. */
export function canSeeClaims(user: { active: boolean }): boolean {
  return user.active;
}

/** A claim's wording shortened for a one-line summary. */
export function quoteOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

export interface SummaryInput {
  kind: NotificationKind;
  actor: string | null;
  claimId: number;
  claimText: string;
  /** For verdict_proposed: the rating; for mention: where, a stable code (`comment`, `rationale`); for webhook_disabled: the url. */
  detail?: string | null;
}

/** Where a mention was written: a stable code, worded at display time. */
export type MentionWhere = 'comment' | 'rationale';

/**
 * What a notification's summary is made of, stored with it (`summary_params`, JSON) so that the
 * inbox, the API and the digest word it in the reader's language at display time.
 */
export interface SummaryParams extends SummaryInput {
  /** Format version of the stored params. */
  v?: 1;
}

/** The params to store: the claim text cut to what the summary quotes (no more is ever shown). */
export function summaryParams(input: SummaryInput): SummaryParams {
  const flat = input.claimText.replace(/\s+/g, ' ').trim();
  return { v: 1, kind: input.kind, actor: input.actor, claimId: input.claimId, claimText: flat.slice(0, 121), detail: input.detail ?? null };
}

/** Stored params read back; null when absent (rows written before) or unreadable. */
export function parseSummaryParams(raw: string | null | undefined): SummaryParams | null {
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<SummaryParams> | null;
    if (!p || typeof p !== 'object' || !(NOTIFICATION_KINDS as readonly string[]).includes(p.kind as string) || typeof p.claimId !== 'number') return null;
    return { kind: p.kind!, actor: typeof p.actor === 'string' ? p.actor : null, claimId: p.claimId, claimText: typeof p.claimText === 'string' ? p.claimText : '', detail: typeof p.detail === 'string' ? p.detail : null };
  } catch {
    return null;
  }
}

/** A notification's one line for a reader of `lang`: from its params, else (rows written before) the stored English summary. */
export function displaySummary(lang: Lang, n: { summary: string; summaryParams?: string | null }): string {
  const params = parseSummaryParams(n.summaryParams);
  return params ? localSummary(lang, params).slice(0, 500) : n.summary;
}

/** The one line a notification shows (and the e-mail's subject, prefixed). */
export function summarise({ kind, actor, claimId, claimText, detail }: SummaryInput): string {
  const who = actor ?? 'The system';
  const claim = `claim #${claimId} ${quoteOf(claimText)}`;
  switch (kind) {
    case 'assigned':
      return `${who} assigned you ${claim}`;
    case 'verdict_proposed':
      return `${who} proposed a verdict${detail ? ` (${detail})` : ''} on ${claim}`;
    case 'returned':
      return `${who} returned your ${claim} to draft`;
    case 'dismissed':
      return `${who} dismissed your ${claim}`;
    case 'published':
      return `${who} published the verdict on your ${claim}`;
    case 'corrected':
      return `${who} reopened your published ${claim} for a correction`;
    case 'comment':
      return `${who} commented on ${claim}`;
    case 'mention':
      return `${who} mentioned you in ${detail === 'rationale' ? "a verdict's rationale" : 'a comment'} on ${claim}`;
    case 'webhook_disabled':
      // Not about a claim: written by webhookDisabledSummary; kept here so the switch stays exhaustive.
      return webhookDisabledSummary(claimId, detail ?? '');
  }
}

/** The one line telling admins that a webhook endpoint was disabled after failing again and again. */
export function webhookDisabledSummary(endpointId: number, url: string): string {
  return `Webhook endpoint #${endpointId}${url ? ` (${url})` : ''} was disabled after repeated failed deliveries`;
}

export interface EmailInput {
  summary: string;
  excerpt: string | null;
  claimUrl: string;
  preferencesUrl: string;
  /** What the link opens (default: the claim). */
  linkLabel?: string;
}

/** The plain-text e-mail for one notification. */
export function emailFor({ summary, excerpt, claimUrl, preferencesUrl, linkLabel = 'Open the claim' }: EmailInput): { subject: string; text: string } {
  const lines = [summary, ''];
  if (excerpt) lines.push(...excerpt.split('\n').map((l) => `> ${l}`), '');
  lines.push(`${linkLabel}: ${claimUrl}`, '', '--', `You get this e-mail because of your notification preferences: ${preferencesUrl}`);
  return { subject: `[Claimtrail] ${summary.length > 150 ? `${summary.slice(0, 149)}…` : summary}`, text: lines.join('\n') };
}

/**
 * Is a user's digest due at `now`? Once a day, at `hourUtc` or later, and not again until the
 * next day's hour: due when the last digest was sent before today's hour mark (or never).
 */
export function digestDue(lastDigestAt: Date | null, now: Date, hourUtc: number): boolean {
  const mark = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (now < mark) return false;
  return lastDigestAt === null || lastDigestAt < mark;
}

const SUMMARY_KEYS: Record<NotificationKind, MessageKey> = {
  assigned: 'email.summary.assigned',
  verdict_proposed: 'email.summary.verdict_proposed',
  returned: 'email.summary.returned',
  dismissed: 'email.summary.dismissed',
  published: 'email.summary.published',
  corrected: 'email.summary.corrected',
  comment: 'email.summary.comment',
  mention: 'email.summary.mention',
  webhook_disabled: 'email.summary.webhook_disabled',
};

/** The one-line summary in `lang` (the recipient's), from the catalogue (`email.summary.*`). */
export function localSummary(lang: Lang, { kind, actor, claimId, claimText, detail }: SummaryInput & { url?: string }): string {
  if (kind === 'webhook_disabled') return t(lang, SUMMARY_KEYS[kind], { id: claimId, url: detail ?? '' });
  const where = kind === 'mention' ? t(lang, detail === 'rationale' ? 'email.detail.rationale' : 'email.detail.comment') : detail;
  return t(lang, SUMMARY_KEYS[kind], { who: actor ?? t(lang, 'email.system'), id: claimId, quote: quoteOf(claimText), detail: where || 'none' });
}

/** The plain-text e-mail for one notification, in the recipient's language. */
export function localEmailFor(lang: Lang, { summary, excerpt, claimUrl, preferencesUrl, isClaim }: Omit<EmailInput, 'linkLabel'> & { isClaim: boolean }): { subject: string; text: string } {
  const lines = [summary, ''];
  if (excerpt) lines.push(...excerpt.split('\n').map((l) => `> ${l}`), '');
  lines.push(t(lang, isClaim ? 'email.openClaim' : 'email.openPage', { url: claimUrl }), '', '--', t(lang, 'email.footer', { url: preferencesUrl }));
  return { subject: t(lang, 'email.subject', { summary: summary.length > 150 ? `${summary.slice(0, 149)}…` : summary }), text: lines.join('\n') };
}

/** The language a user's e-mails are written in: their setting, else English. */
export function recipientLanguage(language: string | null | undefined): Lang {
  return isLang(language) ? language : 'en';
}

/** The daily digest in `lang`: ICU plural in the intro, each entry's time by Intl (UTC), its link. */
export function localDigestFor(lang: Lang, items: { summary: string; claimUrl: string | null; at: Date }[], preferencesUrl: string): { subject: string; text: string } {
  const lines = [t(lang, 'email.digest.intro', { count: items.length }), ''];
  for (const item of items) {
    lines.push(`* ${formatDateTime(lang, item.at)} ${item.summary}`);
    if (item.claimUrl) lines.push(`  ${item.claimUrl}`);
  }
  lines.push('', '--', t(lang, 'email.digest.footer', { url: preferencesUrl }));
  return { subject: t(lang, 'email.digest.subject', { count: items.length }), text: lines.join('\n') };
}
