import type { ClaimKind, ClaimStatus, Stance } from '../../claims/claim.entity';
import type { SourceKind } from '../../sources/source.entity';
import { h, Html } from '../jsx';

/** A status always shows a word and a shape, never a colour alone. */
export const STATUS: Record<ClaimStatus, { label: string; icon: string }> = {
  draft: { label: 'Draft', icon: '○' },
  submitted: { label: 'Submitted', icon: '◔' },
  in_review: { label: 'In review', icon: '◑' },
  verdict_proposed: { label: 'Verdict proposed', icon: '◕' },
  published: { label: 'Published', icon: '●' },
  dismissed: { label: 'Dismissed', icon: '✕' },
};

export const RATING: Record<string, { label: string; icon: string }> = {
  true: { label: 'True', icon: '✔' },
  mostly_true: { label: 'Mostly true', icon: '✓' },
  mixed: { label: 'Mixed', icon: '◐' },
  mostly_false: { label: 'Mostly false', icon: '✗' },
  false: { label: 'False', icon: '✘' },
  misleading: { label: 'Misleading', icon: '⚠' },
  unverifiable: { label: 'Unverifiable', icon: '?' },
};

export const KIND: Record<ClaimKind, string> = {
  event: 'Event',
  quantity: 'Quantity',
  date_place: 'Date or place',
  quote: 'Quote',
  background: 'Background',
  opinion: 'Opinion',
};

export const SOURCE_KIND: Record<SourceKind, string> = {
  outlet: 'Outlet',
  news_agency: 'News agency',
  government_body: 'Government body',
  military_unit: 'Military unit',
  organisation: 'Organisation',
  person: 'Person',
  document: 'Website or document',
};

export const STANCE: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };

export function StatusBadge({ status }: { status: ClaimStatus }): Html {
  const s = STATUS[status];
  return (
    <span class={`badge st-${status}`}>
      <span aria-hidden="true">{s.icon}</span> {s.label}
    </span>
  );
}

export function RatingBadge({ rating }: { rating: string | null | undefined }): Html {
  if (!rating) return <span class="badge rt-none">No verdict</span>;
  const r = RATING[rating] ?? { label: rating, icon: '•' };
  return (
    <span class={`badge rt-${rating}`}>
      <span aria-hidden="true">{r.icon}</span> {r.label}
    </span>
  );
}

export function formatInstant(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}
