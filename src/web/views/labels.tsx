import type { ClaimKind, ClaimStatus, Stance } from '../../claims/claim.entity';
import { formatDateTime, Lang, MessageKey, t } from '../../i18n/i18n';
import type { SourceKind } from '../../sources/source.entity';
import { h, Html } from '../jsx';

/** A status always shows a word and a shape, never a colour alone. */
export const STATUS: Record<ClaimStatus, { key: MessageKey; icon: string }> = {
  draft: { key: 'status.draft', icon: '○' },
  submitted: { key: 'status.submitted', icon: '◔' },
  in_review: { key: 'status.in_review', icon: '◑' },
  verdict_proposed: { key: 'status.verdict_proposed', icon: '◕' },
  published: { key: 'status.published', icon: '●' },
  dismissed: { key: 'status.dismissed', icon: '✕' },
};

export const RATING: Record<string, { key: MessageKey; icon: string }> = {
  true: { key: 'rating.true', icon: '✔' },
  mostly_true: { key: 'rating.mostly_true', icon: '✓' },
  mixed: { key: 'rating.mixed', icon: '◐' },
  mostly_false: { key: 'rating.mostly_false', icon: '✗' },
  false: { key: 'rating.false', icon: '✘' },
  misleading: { key: 'rating.misleading', icon: '⚠' },
  unverifiable: { key: 'rating.unverifiable', icon: '?' },
};

export const KIND: Record<ClaimKind, MessageKey> = {
  event: 'kind.event',
  quantity: 'kind.quantity',
  date_place: 'kind.date_place',
  quote: 'kind.quote',
  background: 'kind.background',
  opinion: 'kind.opinion',
};

export const SOURCE_KIND: Record<SourceKind, MessageKey> = {
  outlet: 'sourceKind.outlet',
  news_agency: 'sourceKind.news_agency',
  government_body: 'sourceKind.government_body',
  military_unit: 'sourceKind.military_unit',
  organisation: 'sourceKind.organisation',
  person: 'sourceKind.person',
  document: 'sourceKind.document',
};

export const STANCE: Record<Stance, MessageKey> = { supports: 'stance.supports', contradicts: 'stance.contradicts', context: 'stance.context' };

export const statusLabel = (lang: Lang, status: ClaimStatus): string => t(lang, STATUS[status].key);
/** A rating's name; an unknown rating (from a newer version) as it is stored. */
export const ratingLabel = (lang: Lang, rating: string): string => (RATING[rating] ? t(lang, RATING[rating].key) : rating);
export const kindLabel = (lang: Lang, kind: string): string => (kind in KIND ? t(lang, KIND[kind as ClaimKind]) : kind);
export const sourceKindLabel = (lang: Lang, kind: string): string => (kind in SOURCE_KIND ? t(lang, SOURCE_KIND[kind as SourceKind]) : kind);
export const stanceLabel = (lang: Lang, stance: string): string => (stance in STANCE ? t(lang, STANCE[stance as Stance]) : stance);

export function StatusBadge({ status, lang }: { status: ClaimStatus; lang: Lang }): Html {
  const s = STATUS[status];
  return (
    <span class={`badge st-${status}`}>
      <span aria-hidden="true">{s.icon}</span> {t(lang, s.key)}
    </span>
  );
}

export function RatingBadge({ rating, lang }: { rating: string | null | undefined; lang: Lang }): Html {
  if (!rating) return <span class="badge rt-none">{t(lang, 'rating.none')}</span>;
  const r = RATING[rating];
  return (
    <span class={`badge rt-${rating}`}>
      <span aria-hidden="true">{r?.icon ?? '•'}</span> {ratingLabel(lang, rating)}
    </span>
  );
}

/** An instant for people, in the page's language (UTC, the desk's one clock). */
export function formatInstant(iso: string, lang: Lang): string {
  return formatDateTime(lang, iso);
}
