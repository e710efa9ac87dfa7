import { FieldError } from '../common/errors';

export interface AnchorInput {
  quote: string;
  start?: number;
  end?: number;
  /** 1-based: which occurrence of the quote, when it occurs more than once. */
  occurrence?: number;
}

export interface Span {
  start: number;
  end: number;
}

export type AnchorResult = { ok: true; span: Span } | { ok: false; message: string; errors: FieldError[]; occurrences?: Span[] };

/** Every [start, end) where `quote` occurs in `body`, overlapping occurrences included. */
export function occurrencesOf(body: string, quote: string): Span[] {
  const spans: Span[] = [];
  if (!quote) return spans;
  for (let at = body.indexOf(quote); at !== -1; at = body.indexOf(quote, at + 1)) {
    spans.push({ start: at, end: at + quote.length });
  }
  return spans;
}

const show = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/**
 * Anchors a quote to the article body (W3C TextQuoteSelector + TextPositionSelector). Offsets
 * are UTF-16 code units, the same as JavaScript string indices in the browser. With offsets,
 * the body at [start, end) must equal the quote exactly; without them, the quote must occur
 * once (or `occurrence` must say which).
 */
export function resolveAnchor(body: string, input: AnchorInput): AnchorResult {
  const { quote } = input;
  const found = occurrencesOf(body, quote);
  if (input.start !== undefined || input.end !== undefined) {
    const start = input.start ?? (input.end as number) - quote.length;
    const end = input.end ?? start + quote.length;
    if (start < 0 || end > body.length || start >= end) {
      return {
        ok: false,
        message: `The span [${start}, ${end}) is outside the article, whose text has ${body.length} characters.`,
        errors: [{ field: 'start', reason: `must satisfy 0 <= start < end <= ${body.length}` }],
      };
    }
    const actual = body.slice(start, end);
    if (actual !== quote) {
      const hint = found.length
        ? ` The quote does occur at ${found.map((s) => `[${s.start}, ${s.end})`).join(', ')}.`
        : ' The quote does not occur anywhere in the article.';
      return {
        ok: false,
        message: `The quote does not match the article at [${start}, ${end}): the text there is ${show(actual)}.${hint}`,
        errors: [{ field: 'quote', reason: `differs from the article text at [${start}, ${end})` }],
        occurrences: found,
      };
    }
    return { ok: true, span: { start, end } };
  }
  if (found.length === 0) {
    return {
      ok: false,
      message: `The quote ${show(quote)} is not in the article. Copy it exactly, including apostrophes, quotation marks and spaces.`,
      errors: [{ field: 'quote', reason: 'not found in the article text' }],
      occurrences: [],
    };
  }
  if (input.occurrence !== undefined) {
    const span = found[input.occurrence - 1];
    if (!span) {
      return {
        ok: false,
        message: `The quote occurs ${found.length} time(s); occurrence ${input.occurrence} does not exist.`,
        errors: [{ field: 'occurrence', reason: `must be between 1 and ${found.length}` }],
        occurrences: found,
      };
    }
    return { ok: true, span };
  }
  if (found.length > 1) {
    return {
      ok: false,
      message: `The quote occurs ${found.length} times in the article, at ${found
        .map((s) => `[${s.start}, ${s.end})`)
        .join(', ')}. Send start and end, or occurrence (1-${found.length}).`,
      errors: [{ field: 'quote', reason: `ambiguous: occurs ${found.length} times` }],
      occurrences: found,
    };
  }
  return { ok: true, span: found[0] };
}
