import { linkName, RATING_LABELS, type ClaimContext, type CsvRows, type ReportClaim, type ReportRenderer } from '../report.model';

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or
 * a line break (quotes doubled). UTF-8 with a byte-order mark, so that Excel reads accents right.
 */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * OWASP CSV injection: a spreadsheet runs a cell that begins with = + - @ (or a tab or carriage
 * return before one) as a formula. Such text cells get a leading apostrophe, which spreadsheets
 * show as text and do not evaluate. Numbers we write ourselves are left alone.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(cells: (string | number | boolean | null)[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

const CLAIM_COLUMNS = [
  'article_id',
  'claim_id',
  'start',
  'end',
  'quote',
  'wording',
  'kind',
  'status',
  'published',
  'unattributed',
  'attribution_chain',
  'speaker',
  'speaker_kind',
  'rating',
  'rating_label',
  'rating_value',
  'rationale',
  'reviewer',
  'rated_at',
  'verdict_published_at',
  'verdict_published_by',
  'earlier_verdicts',
  'corrections',
  'evidence',
];

const LINK_COLUMNS = [
  'article_id',
  'claim_id',
  'link_position',
  'role',
  'source_id',
  'source',
  'source_kind',
  'source_description',
  'verb',
  'mode',
  'said_when',
  'said_where',
  'wording',
  'quote',
  'status',
  'published',
  'rating_label',
];

function claimRow(c: ReportClaim): string {
  const v = c.verdict;
  const speaker = c.chain[0]?.source ?? null;
  return row([
    c.articleId,
    c.id,
    c.start,
    c.end,
    c.quote,
    c.text,
    c.kind,
    c.status,
    c.published,
    c.unattributed,
    c.chainText,
    c.chain[0] ? (speaker?.name ?? linkName(c.chain[0])) : null,
    speaker?.kind ?? null,
    v?.rating ?? null,
    v ? RATING_LABELS[v.rating] : null,
    v?.ratingValue ?? null,
    v?.rationale ?? null,
    v?.reviewer ?? null,
    v?.createdAt ?? null,
    v?.publishedAt ?? null,
    v?.publishedBy ?? null,
    c.earlierVerdicts.map((e) => `${e.ratingLabel} (${e.createdAt})`).join('; ') || null,
    c.corrections.map((e) => `${e.at}: ${e.reason ?? ''}`).join('; ') || null,
    c.evidence.map((e) => `[${e.ref}] ${e.stance} ${e.url}`).join('\n') || null,
  ]);
}

function linkRows(c: ReportClaim): string {
  const common = [c.text, c.quote, c.status, c.published, c.verdict ? RATING_LABELS[c.verdict.rating] : null] as const;
  if (c.chain.length === 0) {
    return row([c.articleId, c.id, null, 'none (article\'s own voice)', null, null, null, null, null, null, null, null, ...common]);
  }
  return c.chain
    .map((l) =>
      row([
        c.articleId,
        c.id,
        l.position,
        l.position === 0 ? 'speaker' : 'relay',
        l.source?.id ?? null,
        l.source ? l.source.name : linkName(l),
        l.source?.kind ?? null,
        l.source ? l.source.description : (l.anonymous?.description ?? null),
        l.verb,
        l.mode,
        l.saidWhen,
        l.saidWhere,
        ...common,
      ]),
    )
    .join('');
}

export function csvRenderer(rows: CsvRows = 'claims'): ReportRenderer {
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    head: () => BOM + row(rows === 'links' ? LINK_COLUMNS : CLAIM_COLUMNS),
    claim: (claim: ReportClaim, _context: ClaimContext) => (rows === 'links' ? linkRows(claim) : claimRow(claim)),
    listsReferences: false,
    referencesStart: () => '',
    reference: () => '',
    end: () => '',
  };
}
