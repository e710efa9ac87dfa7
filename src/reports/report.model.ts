import type { Lang } from '../i18n/i18n';
import type { AttributionMode, ClaimKind, ClaimStatus, Stance } from '../claims/claim.entity';
import type { Rating } from '../review/review.entities';
import type { SourceKind } from '../sources/source.entity';

/**
 * The report as data: what every renderer receives. Renderers are pure functions of these
 * values, so the same data always gives the same bytes. Bump REPORT_SCHEMA_VERSION (and
 * report.schema.json) when the JSON shape changes: minor for added fields, major for removed or
 * changed ones.
 */
export const REPORT_SCHEMA_VERSION = '1.1.0';

export const REPORT_FORMATS = ['md', 'html', 'json', 'csv', 'claimreview'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** CSV: one row per claim, or one per attribution link. */
export const CSV_ROWS = ['claims', 'links'] as const;
export type CsvRows = (typeof CSV_ROWS)[number];

export const RATING_LABELS: Record<Rating, string> = {
  true: 'True',
  mostly_true: 'Mostly true',
  mixed: 'Mixed',
  mostly_false: 'Mostly false',
  false: 'False',
  misleading: 'Misleading',
  unverifiable: 'Unverifiable',
};

/** schema.org reviewRating.ratingValue on a 1..5 scale; misleading and unverifiable have none. */
export const RATING_VALUES: Partial<Record<Rating, number>> = { true: 5, mostly_true: 4, mixed: 3, mostly_false: 2, false: 1 };

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_review: 'In review',
  verdict_proposed: 'Verdict proposed',
  published: 'Published',
  dismissed: 'Dismissed',
};

export interface ReportPublisher {
  name: string;
  url: string | null;
  /** Each ClaimReview's `url` is this base followed by `/<claim id>`. */
  reviewBaseUrl: string;
}

export interface ReportArticle {
  id: number;
  title: string;
  outlet: { id: number; name: string } | null;
  url: string | null;
  language: string;
  publishedDate: string | null;
  bodySha256: string;
  /** Only in single-article HTML reports, which show the text with the claims highlighted. */
  body?: string;
}

export interface ReportFilters {
  articleId?: number;
  status?: ClaimStatus[];
  kind?: ClaimKind[];
  sourceId?: number;
  sourceRole?: 'speaker' | 'relay' | 'any';
  unattributed?: boolean;
  q?: string;
  assigneeId?: number;
}

export interface ReportCorrection {
  claimId: number;
  at: string;
  by: string | null;
  reason: string | null;
}

export interface ReportSummary {
  claims: number;
  /** Every status, in workflow order, zeros included. */
  byStatus: { status: ClaimStatus; count: number }[];
  /** Every rating in scale order, then `unrated` (no verdict yet); zeros included. */
  byRating: { rating: Rating | 'unrated'; count: number }[];
  /** Distinct claims per source, as original speaker and as relay; most cited first. */
  sources: { id: number; name: string; kind: SourceKind; asSpeaker: number; asRelay: number }[];
  /** Claims the article states in its own voice, with no named source. */
  unattributed: number;
  /** unattributed / claims, rounded to 4 decimals (0 when there are no claims). */
  unattributedShare: number;
  corrections: ReportCorrection[];
}

export interface ReportHighlight {
  claimId: number;
  start: number;
  end: number;
}

export interface ReportHead {
  schemaVersion: string;
  /** The language of the human labels (Markdown, HTML); not part of the JSON report. */
  lang?: Lang;
  /** `article`: one article's report; `claims`: a filtered set of claims across articles. */
  scope: 'article' | 'claims';
  filters: ReportFilters;
  publishedOnly: boolean;
  generatedAt: string;
  generatedBy: string;
  publisher: ReportPublisher;
  articles: ReportArticle[];
  /** Claim spans for the highlighted article text (single-article HTML only). */
  highlights: ReportHighlight[];
  summary: ReportSummary;
}

export interface ReportLink {
  position: number;
  /** Null for an anonymous link, which carries `anonymous` instead. */
  source: { id: number; name: string; kind: SourceKind; description: string | null } | null;
  /** Only on an anonymous link ("une source militaire"): present so named links keep their shape. */
  anonymous?: { description: string };
  verb: string;
  mode: AttributionMode;
  saidWhen: string | null;
  saidWhere: string | null;
}

export interface ReportVerdict {
  id: number;
  rating: Rating;
  ratingLabel: string;
  ratingValue: number | null;
  /** Markdown, as the reviewer wrote it. */
  rationale: string;
  reviewer: string | null;
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface ReportEvidence {
  /** The number of this reference in the report's reference list. */
  ref: number;
  id: number;
  claimId: number;
  url: string;
  title: string;
  publisher: string | null;
  stance: Stance;
  excerpt: string | null;
  accessedDate: string | null;
  archiveUrl: string | null;
  /** The copy Claimtrail archived itself (archive/), or null while there is none. */
  archivedCopy: { retrievedAt: string; finalUrl: string; sha256: string } | null;
}

export interface ReportClaim {
  id: number;
  articleId: number;
  start: number;
  end: number;
  /** The article's exact words, in its language. */
  quote: string;
  /** The editor's wording. */
  text: string;
  kind: ClaimKind;
  status: ClaimStatus;
  published: boolean;
  unattributed: boolean;
  chain: ReportLink[];
  chainText: string;
  /** The latest verdict (published or not), or null. */
  verdict: ReportVerdict | null;
  /** Superseded verdicts, newest first. */
  earlierVerdicts: ReportVerdict[];
  corrections: ReportCorrection[];
  evidence: ReportEvidence[];
}

/** Where a claim sits in the stream, for renderers that group claims by article. */
export interface ClaimContext {
  head: ReportHead;
  index: number;
  firstOfArticle: boolean;
  article: ReportArticle;
}

export interface ReportModel {
  head: ReportHead;
  claims: ReportClaim[];
}

/**
 * "Sergueï Roudskoï (chef du département …) → Sputnik → this article": each source with the
 * role the article gives it, unless that wording only restates the name ("l'agence de presse
 * russe Sputnik").
 */
export function chainText(chain: ReportLink[]): string {
  if (chain.length === 0) return 'no named source: the article states it in its own voice';
  const named = chain.map((link) => {
    if (!link.source) return linkName(link);
    const { name, description } = link.source;
    return description && !description.toLowerCase().includes(name.toLowerCase()) ? `${name} (${description})` : name;
  });
  return [...named, 'this article'].join(' → ');
}

/** A link's source as a reader sees it: the name, or "anonymous: <description>". */
export function linkName(link: ReportLink): string {
  return link.source ? link.source.name : `anonymous: ${link.anonymous?.description ?? ''}`;
}

/**
 * Renders one report piece by piece: each method returns the next chunk of the document. The
 * numbered evidence references come after every claim; the writer renders each one as soon as
 * its claim is read and keeps the chunks aside (on disk, not in memory), so that memory does not
 * grow with the report.
 */
export interface ReportRenderer {
  readonly contentType: string;
  readonly extension: string;
  /** Whether the document ends with the list of evidence references (`reference` returns text). */
  readonly listsReferences: boolean;
  head(head: ReportHead): string;
  claim(claim: ReportClaim, context: ClaimContext): string;
  /** After the last claim: opens the reference list, of which `count` references follow. */
  referencesStart(count: number, head: ReportHead): string;
  /** One reference of the list; `index` counts from 0 (its number is `reference.ref`). */
  reference(reference: ReportEvidence, index: number, head: ReportHead): string;
  /** Closes the list and the document. */
  end(count: number, head: ReportHead): string;
}

/** The whole document at once; the writer streams the same chunks instead. */
export function renderReport(renderer: ReportRenderer, model: ReportModel): string {
  const articles = new Map(model.head.articles.map((a) => [a.id, a]));
  let out = renderer.head(model.head);
  model.claims.forEach((claim, index) => {
    const firstOfArticle = index === 0 || model.claims[index - 1].articleId !== claim.articleId;
    out += renderer.claim(claim, { head: model.head, index, firstOfArticle, article: articles.get(claim.articleId)! });
  });
  const references = model.claims.flatMap((c) => c.evidence);
  out += renderer.referencesStart(references.length, model.head);
  references.forEach((reference, index) => (out += renderer.reference(reference, index, model.head)));
  return out + renderer.end(references.length, model.head);
}
