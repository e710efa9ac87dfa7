import { formatDate, formatDateTime, formatNumber, Lang, MessageKey, t, translator, type Translate } from '../../i18n/i18n';
import type { ReportArticle, ReportHead, ReportLink, ReportSummary } from '../report.model';

/** Shared wording for the human-readable formats (Markdown and HTML). */

/** A share as a percentage with one decimal: `12.5 %` (English, stable), `12,5 %` (French, Intl). */
export function percent(share: number, lang: Lang = 'en'): string {
  return lang === 'en' ? `${(share * 100).toFixed(1)} %` : formatNumber(lang, share, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * `2016-04-02T10:00:00.000Z` → `2016-04-02 10:00 UTC`: short, unambiguous, and stable (English
 * reports keep it byte for byte); other languages get Intl's date: `2 avr. 2016, 10:00 UTC`.
 */
export function instant(iso: string, lang: Lang = 'en'): string {
  return lang === 'en' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : formatDateTime(lang, iso);
}

/** The report's human labels (Markdown and HTML) in its language; JSON, CSV and ClaimReview stay machine-stable. */
export function reportText(head: ReportHead): Translate {
  return translator(head.lang ?? 'en');
}

export function reportTitle(head: ReportHead): string {
  const tr = reportText(head);
  return head.scope === 'article' && head.articles[0] ? tr('report.title.article', { title: head.articles[0].title }) : tr('report.title.claims');
}

const FACT_KEYS: Record<string, MessageKey> = {
  Title: 'report.fact.title',
  Outlet: 'report.fact.outlet',
  URL: 'report.fact.url',
  Language: 'report.fact.language',
  Published: 'report.fact.published',
  'Body SHA-256': 'report.fact.sha',
};
/** An article fact's label (articleFacts' English ids) in the report's language. */
export function factLabel(tr: Translate, label: string): string {
  return FACT_KEYS[label] ? tr(FACT_KEYS[label]) : label;
}

/** An article fact's value: the publication date in the language's words outside English (stable ISO there). */
export function factValue(lang: Lang, label: string, value: string): string {
  return label === 'Published' && lang !== 'en' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(lang, value) : value;
}

/** The chain as a reader sees it, in the report's language (the model's `chainText` is English, for JSON and CSV). */
export function chainWords(lang: Lang, chain: ReportLink[]): string {
  if (chain.length === 0) return t(lang, 'report.chain.unattributed');
  const named = chain.map((link) => {
    if (!link.source) return t(lang, 'chain.anonymous', { description: link.anonymous?.description ?? '' });
    const { name, description } = link.source;
    return description && !description.toLowerCase().includes(name.toLowerCase()) ? `${name} (${description})` : name;
  });
  return [...named, t(lang, 'report.chain.thisArticle')].join(' → ');
}

const STATUS_WORDS: Record<string, MessageKey> = {
  draft: 'status.draft',
  submitted: 'status.submitted',
  in_review: 'status.in_review',
  verdict_proposed: 'status.verdict_proposed',
  published: 'status.published',
  dismissed: 'status.dismissed',
};
const RATING_WORDS: Record<string, MessageKey> = {
  true: 'rating.true',
  mostly_true: 'rating.mostly_true',
  mixed: 'rating.mixed',
  mostly_false: 'rating.mostly_false',
  false: 'rating.false',
  misleading: 'rating.misleading',
  unverifiable: 'rating.unverifiable',
};
export const statusWord = (lang: Lang, status: string): string => (STATUS_WORDS[status] ? t(lang, STATUS_WORDS[status]) : status);
export const ratingWord = (lang: Lang, rating: string): string => (RATING_WORDS[rating] ? t(lang, RATING_WORDS[rating]) : rating);

/** A link's source in the report's language: the name, or "anonymous: <description>". */
export function linkWords(lang: Lang, link: ReportLink): string {
  return link.source ? link.source.name : t(lang, 'chain.anonymous', { description: link.anonymous?.description ?? '' });
}

export function publishedCount(summary: ReportSummary): number {
  return summary.byStatus.find((s) => s.status === 'published')?.count ?? 0;
}

const KIND_WORDS: Record<string, MessageKey> = {
  event: 'kind.event',
  quantity: 'kind.quantity',
  date_place: 'kind.date_place',
  quote: 'kind.quote',
  background: 'kind.background',
  opinion: 'kind.opinion',
};

/**
 * What selected a cross-article report's claims, one line per filter, in the report's language.
 * English keeps the status and kind ids as they are (its reports stay byte for byte); other
 * languages get their words for them.
 */
export function filterLines(head: ReportHead): string[] {
  const f = head.filters;
  const lang = head.lang ?? 'en';
  const tr = reportText(head);
  const words = (values: string[], word: (v: string) => string) => values.map((v) => (lang === 'en' ? v : word(v).toLocaleLowerCase(lang))).join(', ');
  const lines: string[] = [];
  if (f.articleId !== undefined) lines.push(tr('report.filter.article', { id: String(f.articleId) }));
  if (f.status?.length) lines.push(tr('report.filter.status', { statuses: words(f.status, (s) => statusWord(lang, s)) }));
  if (f.kind?.length) lines.push(tr('report.filter.kind', { kinds: words(f.kind, (k) => (KIND_WORDS[k] ? t(lang, KIND_WORDS[k]) : k)) }));
  if (f.sourceId !== undefined) lines.push(tr('report.filter.source', { id: String(f.sourceId), role: f.sourceRole ?? 'any' }));
  if (f.unattributed !== undefined) lines.push(f.unattributed ? tr('report.filter.unattributed') : tr('report.filter.attributed'));
  if (f.q) lines.push(tr('report.filter.text', { q: f.q }));
  if (f.assigneeId !== undefined) lines.push(tr('report.filter.assignee', { id: String(f.assigneeId) }));
  if (head.publishedOnly) lines.push(tr('report.filter.publishedOnly'));
  return lines;
}

export function articleFacts(article: ReportArticle): [string, string | null][] {
  return [
    ['Title', article.title],
    ['Outlet', article.outlet?.name ?? null],
    ['URL', article.url],
    ['Language', article.language],
    ['Published', article.publishedDate],
    ['Body SHA-256', article.bodySha256],
  ];
}

/** A URL we may print as a link: http(s) only, no whitespace or angle brackets. */
export function isLinkable(url: string | null): url is string {
  return url !== null && /^https?:\/\/[^\s<>"]+$/i.test(url);
}
