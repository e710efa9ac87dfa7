/**
 * Re-anchoring claims when an article's text is corrected: pure functions, no Nest, no database.
 *
 * Each claim points at [start, end) of the old text with its exact quote. In order:
 * 1. `exact`: the edit did not touch the claim's words (they lie before or after the changed
 *    region), so the same quote sits at the same offsets, shifted by the edit's length change;
 * 2. `found`: the quote occurs exactly once in the new text;
 * 3. otherwise the claim is flagged for an editor, never moved: `ambiguous` (the quote occurs
 *    several times, none where the edit maps it), `fuzzy` (a close match, with its score), or
 *    `not_found`. Flagged outcomes carry a proposal when there is one.
 */

export interface ClaimAnchor {
  id: number;
  start: number;
  end: number;
  quote: string;
}

export type ReanchorOutcome = 'exact' | 'found' | 'ambiguous' | 'fuzzy' | 'not_found';

export interface ReanchorResult {
  id: number;
  outcome: ReanchorOutcome;
  /** Where the claim now is (`exact`, `found`), or the proposed place (`ambiguous`, `fuzzy`); null when nothing is close. */
  start: number | null;
  end: number | null;
  /** The new text at [start, end). */
  quote: string | null;
  /** 1 for an exact match; for `fuzzy`, 1 - edit distance / quote length. */
  score: number;
}

/** Outcomes that move the claim without asking anyone. */
export const AUTOMATIC: readonly ReanchorOutcome[] = ['exact', 'found'];

/** A fuzzy match scoring below this is no proposal at all. */
export const FUZZY_THRESHOLD = 0.75;
/** Beyond this many characters around the expected place, the fuzzy search does not look. */
const FUZZY_WINDOW = 4000;
/** Longer quotes are not searched fuzzily (the search costs window × quote length): an editor anchors them. */
export const FUZZY_MAX_QUOTE = 1000;

/** Where two texts differ: the length of the common prefix and of the common suffix (not overlapping). */
export function changedRegion(oldText: string, newText: string): { prefix: number; suffix: number } {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  if (!quote) return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/**
 * The substring of `text` closest to `pattern` by edit distance (Sellers' approximate string
 * matching: the pattern may start and end anywhere in the text). Ties go to the match nearest
 * `near`. O(text length × pattern length).
 */
export function closestSubstring(text: string, pattern: string, near = 0): { start: number; end: number; distance: number } | null {
  const m = pattern.length;
  if (m === 0 || text.length === 0) return null;
  let prev = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let col = new Int32Array(m + 1);
  let colStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = 0;
  }
  let best: { start: number; end: number; distance: number } | null = null;
  for (let j = 1; j <= text.length; j++) {
    const c = text.charCodeAt(j - 1);
    col[0] = 0;
    colStart[0] = j;
    for (let i = 1; i <= m; i++) {
      let value = prev[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let start = prevStart[i - 1];
      if (col[i - 1] + 1 < value) {
        value = col[i - 1] + 1;
        start = colStart[i - 1];
      }
      if (prev[i] + 1 < value) {
        value = prev[i] + 1;
        start = prevStart[i];
      }
      col[i] = value;
      colStart[i] = start;
    }
    const distance = col[m];
    if (!best || distance < best.distance || (distance === best.distance && Math.abs(colStart[m] - near) < Math.abs(best.start - near))) {
      best = { start: colStart[m], end: j, distance };
    }
    [prev, col] = [col, prev];
    [prevStart, colStart] = [colStart, prevStart];
  }
  return best;
}

/** Re-anchors every claim from `oldText` to `newText` (see the file's comment for the order of attempts). */
export function reanchor(oldText: string, newText: string, claims: ClaimAnchor[]): ReanchorResult[] {
  const { prefix, suffix } = changedRegion(oldText, newText);
  const delta = newText.length - oldText.length;
  const suffixStart = oldText.length - suffix;
  return claims.map((claim) => {
    const exactAt = (start: number): ReanchorResult => ({ id: claim.id, outcome: 'exact', start, end: start + claim.quote.length, quote: claim.quote, score: 1 });
    // Untouched words: before the changed region, or after it (shifted by the change in length).
    if (claim.end <= prefix) return exactAt(claim.start);
    if (claim.start >= suffixStart) return exactAt(claim.start + delta);
    const expected = claim.start <= prefix ? claim.start : claim.start + delta;
    if (newText.slice(expected, expected + claim.quote.length) === claim.quote) return exactAt(expected);

    const found = occurrences(newText, claim.quote);
    if (found.length === 1) return { id: claim.id, outcome: 'found', start: found[0], end: found[0] + claim.quote.length, quote: claim.quote, score: 1 };
    if (found.length > 1) {
      const nearest = found.reduce((a, b) => (Math.abs(b - expected) < Math.abs(a - expected) ? b : a));
      return { id: claim.id, outcome: 'ambiguous', start: nearest, end: nearest + claim.quote.length, quote: claim.quote, score: 1 };
    }

    if (claim.quote.length > FUZZY_MAX_QUOTE) return { id: claim.id, outcome: 'not_found', start: null, end: null, quote: null, score: 0 };
    const from = Math.max(0, expected - FUZZY_WINDOW);
    const to = Math.min(newText.length, expected + claim.quote.length + FUZZY_WINDOW);
    const match = closestSubstring(newText.slice(from, to), claim.quote, expected - from);
    const score = match ? Math.max(0, 1 - match.distance / claim.quote.length) : 0;
    if (!match || score < FUZZY_THRESHOLD) return { id: claim.id, outcome: 'not_found', start: null, end: null, quote: null, score: Math.round(score * 1000) / 1000 };
    const start = from + match.start;
    const end = from + match.end;
    return { id: claim.id, outcome: 'fuzzy', start, end, quote: newText.slice(start, end), score: Math.round(score * 1000) / 1000 };
  });
}
