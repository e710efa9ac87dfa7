import type { FieldError } from '../common/errors';
import { occurrencesOf, type Span } from '../claims/anchor';

/**
 * W3C Web Annotations (https://www.w3.org/TR/annotation-model/) for claims: pure conversions,
 * no Nest. The model counts TextPositionSelector offsets in Unicode code points; Claimtrail
 * stores UTF-16 code units (JavaScript string indices), so positions are converted both ways.
 */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Characters of context kept in TextQuoteSelector prefix and suffix. */
export const CONTEXT_CHARS = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface AnnotatedClaim {
  id: number;
  text: string;
  quote: string;
  start: number;
  end: number;
  kind: string;
  createdAt: string;
  updatedAt: string;
  verdict: { rating: string; label: string; published: boolean } | null;
}

export interface AnnotationLinks {
  /** Where the annotated text lives: the article's own URL, or its API address. */
  source: string;
  claimUrl: (id: number) => string;
  checkUrl: (id: number) => string;
}

/** UTF-16 index → code point index in `text`. */
export function toCodePoints(text: string, index: number): number {
  return [...text.slice(0, index)].length;
}

/** Code point index → UTF-16 index in `text` (clamped to the text). */
export function fromCodePoints(text: string, points: number): number {
  let index = 0;
  for (let n = 0; n < points && index < text.length; n++) index += text.codePointAt(index)! > 0xffff ? 2 : 1;
  return index;
}

/** Up to `n` whole code points before `index` / from `index` (never half a surrogate pair). */
function before(body: string, index: number, n: number): string {
  return [...body.slice(0, index)].slice(-n).join('');
}
function after(body: string, index: number, n: number): string {
  return [...body.slice(index)].slice(0, n).join('');
}

export function toAnnotation(body: string, claim: AnnotatedClaim, links: AnnotationLinks): Record<string, unknown> {
  const bodies: Record<string, unknown>[] = [
    { type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: claim.text },
    { type: 'TextualBody', purpose: 'tagging', format: 'text/plain', value: claim.kind },
    { type: 'SpecificResource', purpose: 'identifying', source: links.claimUrl(claim.id) },
  ];
  if (claim.verdict) {
    bodies.push({ type: 'TextualBody', purpose: 'assessing', format: 'text/plain', value: claim.verdict.label });
    if (claim.verdict.published) bodies.push({ type: 'SpecificResource', purpose: 'assessing', source: links.checkUrl(claim.id) });
  }
  return {
    '@context': ANNO_CONTEXT,
    id: `${links.claimUrl(claim.id)}#annotation`,
    type: 'Annotation',
    motivation: claim.verdict ? 'assessing' : 'highlighting',
    created: claim.createdAt,
    modified: claim.updatedAt,
    body: bodies,
    target: {
      source: links.source,
      selector: [
        { type: 'TextQuoteSelector', exact: claim.quote, prefix: before(body, claim.start, CONTEXT_CHARS), suffix: after(body, claim.end, CONTEXT_CHARS) },
        { type: 'TextPositionSelector', start: toCodePoints(body, claim.start), end: toCodePoints(body, claim.end) },
      ],
    },
  };
}

export interface ImportedAnchor {
  quote: string;
  span: Span;
  text: string;
  kind: string | null;
  /** True when the position selector was missing or pointed elsewhere and the quote decided. */
  reanchored: boolean;
}

type Raw = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one annotation (from this or another tool) and anchors its quote in `body`: the
 * position selector when the text there is the quote, otherwise the occurrence of the quote
 * whose surroundings best match the prefix and suffix (ties: nearest the given position).
 */
export function anchorAnnotation(body: string, raw: unknown, field: string): { ok: true; anchor: ImportedAnchor } | { ok: false; errors: FieldError[] } {
  const fail = (suffix: string, reason: string) => ({ ok: false as const, errors: [{ field: `${field}${suffix}`, reason }] });
  if (!isObject(raw)) return fail('', 'must be a W3C Web Annotation object');
  const types = asArray(raw.type);
  if (!types.includes('Annotation')) return fail('.type', 'must be "Annotation"');
  const target = asArray(raw.target).find(isObject);
  if (!target) return fail('.target', 'must be a SpecificResource with selectors');
  const selectors = asArray(target.selector).filter(isObject);
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector') as Partial<TextQuoteSelector> | undefined;
  if (!quote || typeof quote.exact !== 'string' || quote.exact.length === 0) return fail('.target.selector', 'needs a TextQuoteSelector with a non-empty exact');
  const position = selectors.find((s) => s.type === 'TextPositionSelector') as Partial<TextPositionSelector> | undefined;
  const exact = quote.exact;
  let span: Span | null = null;
  let hint: number | null = null;
  if (position && Number.isInteger(position.start) && Number.isInteger(position.end)) {
    const start = fromCodePoints(body, position.start!);
    const end = fromCodePoints(body, position.end!);
    hint = start;
    if (body.slice(start, end) === exact) span = { start, end };
  }
  const reanchored = span === null;
  if (!span) {
    const found = occurrencesOf(body, exact);
    if (found.length === 0) return fail('.target.selector', `the quote does not occur in the article: ${JSON.stringify(exact.slice(0, 80))}`);
    const score = (s: Span) => {
      const p = typeof quote.prefix === 'string' ? quote.prefix : '';
      const q = typeof quote.suffix === 'string' ? quote.suffix : '';
      return (p && body.slice(0, s.start).endsWith(p) ? 2 : 0) + (q && body.slice(s.end).startsWith(q) ? 2 : 0);
    };
    span = [...found].sort((a, b) => score(b) - score(a) || (hint === null ? 0 : Math.abs(a.start - hint) - Math.abs(b.start - hint)))[0];
  }
  const bodies = asArray(raw.body).filter(isObject);
  const describing = bodies.find((b) => b.type === 'TextualBody' && b.purpose === 'describing' && typeof b.value === 'string') ?? bodies.find((b) => typeof b.value === 'string' && !b.purpose);
  const tagging = bodies.find((b) => b.type === 'TextualBody' && b.purpose === 'tagging' && typeof b.value === 'string');
  const text = typeof describing?.value === 'string' && describing.value.trim() ? describing.value.trim() : exact;
  return { ok: true, anchor: { quote: exact, span, text: text.slice(0, 2000), kind: (tagging?.value as string | undefined) ?? null, reanchored } };
}

/** The annotations of an import body: a list, an AnnotationPage (`items`) or a collection with its first page. */
export function annotationsOf(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (!isObject(input)) return [];
  if (Array.isArray(input.items)) return input.items;
  if (isObject(input.first) && Array.isArray(input.first.items)) return input.first.items;
  return [input];
}
