/**
 * Reads ClaimReview in the shapes people actually have: a JSON-LD array, a page's `@graph`, a
 * single ClaimReview object, and Google Fact Check Tools claim search (`claims[].claimReview[]`).
 * Pure: no Nest, no database.
 */
export interface ExternalFactCheckInput {
  url: string;
  publisher: string | null;
  claimReviewed: string;
  claimant: string | null;
  rating: string | null;
  reviewDate: string | null;
  language: string | null;
}

/**
 * One entry of the file, numbered from 1 in file order (JSON-LD nodes, @graph flattened; in Google's
 * shape, each claim's reviews): taken, refused with a reason, or ignored (a JSON-LD node of another
 * type, such as the page's Organization or WebPage, which a ClaimReview page usually carries too).
 */
export type ReviewRow =
  | { ok: true; index: number; value: ExternalFactCheckInput }
  | { ok: false; index: number; reason: string; ignored?: true };

/** The file is not ClaimReview in any shape we know: nothing is imported. */
export class ClaimReviewFormatError extends Error {}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const nameOf = (v: unknown): string | null => {
  if (Array.isArray(v)) return nameOf(v[0]);
  if (isObject(v)) return str(v.name) ?? str(v.alternateName) ?? str(v.url) ?? str(v.site);
  return str(v);
};
const isClaimReview = (node: Json) => {
  const type = node['@type'];
  return type === 'ClaimReview' || (Array.isArray(type) && type.includes('ClaimReview'));
};
/** The calendar day of a date: ISO 8601 as is, another form Date can read ("April 12, 2016"), or undefined when unreadable. */
const day = (v: unknown): string | null | undefined => {
  const s = str(v);
  if (s === null) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  if (iso) return Number.isNaN(Date.parse(iso[1])) ? undefined : iso[1];
  const parsed = new Date(s);
  if (Number.isNaN(parsed.getTime())) return undefined;
  // "April 12, 2016" is read as local midnight: its day is the local one, whatever the server's zone.
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
};
/** The first date given (null if none); a given date that cannot be read refuses the row. */
function dateOf(...fields: [string, unknown][]): { date: string | null } | { problem: string } {
  for (const [name, value] of fields) {
    const d = day(value);
    if (d === undefined) return { problem: `${name} is not a date: ${JSON.stringify(String(value)).slice(0, 80)}` };
    if (d !== null) return { date: d };
  }
  return { date: null };
}
const clip = (s: string | null, max: number): string | null => (s === null ? null : s.slice(0, max));

function checkUrl(url: string | null): string | null {
  if (!url) return 'no url';
  if (url.length > 2048) return 'url longer than 2048 characters';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `url is not http(s): ${url.slice(0, 80)}`;
  } catch {
    return `url is not a valid URL: ${url.slice(0, 80)}`;
  }
  return null;
}

function row(
  index: number,
  fields: Omit<ExternalFactCheckInput, 'url' | 'claimReviewed' | 'reviewDate'> & { url: string | null; claimReviewed: string | null; reviewDate: ReturnType<typeof dateOf> },
): ReviewRow {
  const urlProblem = checkUrl(fields.url);
  if (urlProblem) return { ok: false, index, reason: urlProblem };
  if (!fields.claimReviewed) return { ok: false, index, reason: 'no claimReviewed (the claim that was checked)' };
  if ('problem' in fields.reviewDate) return { ok: false, index, reason: fields.reviewDate.problem };
  return {
    ok: true,
    index,
    value: {
      url: fields.url!,
      publisher: clip(fields.publisher, 500),
      claimReviewed: fields.claimReviewed.slice(0, 20_000),
      claimant: clip(fields.claimant, 500),
      rating: clip(fields.rating, 500),
      reviewDate: fields.reviewDate.date,
      language: clip(fields.language, 35),
    },
  };
}

function fromClaimReview(node: Json, index: number): ReviewRow {
  const rating = isObject(node.reviewRating) ? (str(node.reviewRating.alternateName) ?? str(node.reviewRating.ratingValue)) : null;
  const item = isObject(node.itemReviewed) ? node.itemReviewed : {};
  const language = isObject(node.inLanguage) ? str(node.inLanguage.alternateName) ?? str(node.inLanguage.name) : str(node.inLanguage);
  return row(index, {
    url: str(node.url),
    publisher: nameOf(node.author) ?? nameOf(node.publisher),
    claimReviewed: str(node.claimReviewed) ?? str(item.text) ?? str(item.name),
    claimant: nameOf(item.author),
    rating,
    reviewDate: dateOf(['datePublished', node.datePublished], ['dateCreated', node.dateCreated]),
    language,
  });
}

/** Every ClaimReview of the document, each taken or refused with a reason. Throws for a file of another kind. */
export function readClaimReviews(document: unknown): ReviewRow[] {
  // Google Fact Check Tools: { claims: [ { text, claimant, claimReview: [ {publisher, url, textualRating, reviewDate, languageCode} ] } ] }
  if (isObject(document) && Array.isArray(document.claims)) {
    const rows: ReviewRow[] = [];
    for (const claim of document.claims) {
      const reviews = isObject(claim) && Array.isArray(claim.claimReview) ? claim.claimReview : [];
      if (!isObject(claim) || reviews.length === 0) {
        rows.push({ ok: false, index: rows.length + 1, reason: 'a claim with no claimReview' });
        continue;
      }
      for (const review of reviews) {
        if (!isObject(review)) {
          rows.push({ ok: false, index: rows.length + 1, reason: 'claimReview entry is not an object' });
          continue;
        }
        rows.push(
          row(rows.length + 1, {
            url: str(review.url),
            publisher: nameOf(review.publisher),
            claimReviewed: str(claim.text),
            claimant: str(claim.claimant),
            rating: str(review.textualRating),
            reviewDate: dateOf(['reviewDate', review.reviewDate], ['claimDate', claim.claimDate]),
            language: str(review.languageCode),
          }),
        );
      }
    }
    return rows;
  }
  let nodes: unknown[];
  if (Array.isArray(document)) nodes = document.flatMap((n) => (isObject(n) && Array.isArray(n['@graph']) ? n['@graph'] : [n]));
  else if (isObject(document) && Array.isArray(document['@graph'])) nodes = document['@graph'];
  else if (isObject(document) && isClaimReview(document)) nodes = [document];
  else throw new ClaimReviewFormatError('Not ClaimReview: expected a JSON-LD array, an object with @graph, a ClaimReview, or Google Fact Check Tools JSON with claims[].claimReview[].');
  if (nodes.length > 0 && !nodes.some((n) => isObject(n) && isClaimReview(n))) throw new ClaimReviewFormatError('The file has JSON-LD nodes but no ClaimReview among them.');
  return nodes.map((n, i) => {
    if (isObject(n) && isClaimReview(n)) return fromClaimReview(n, i + 1);
    const type = isObject(n) ? (str(n['@type']) ?? (Array.isArray(n['@type']) ? n['@type'].join(', ') : 'no @type')) : Array.isArray(n) ? 'an array' : typeof n;
    return { ok: false as const, index: i + 1, reason: `not a ClaimReview (${type})`, ignored: true as const };
  });
}
