import { claimMatchSource, Token, tokenize, weightOf } from './normalise';
import { NEAR_EQUAL, NUMBER_CONFLICT_FACTOR, Similarity } from './similarity';

/**
 * Likely duplicates within one article: the same claim logged twice (the sample article gives
 * its 1,230 neutralised mines twice, once from the Reconciliation Centre's statement and once
 * quoting its website). Pure: no Nest, no database.
 *
 * Two things make claims of one article look alike without being the same claim, and the plain
 * similarity (similarity.ts) over-flagged both:
 * - **overlapping anchors**: two claims drawn from one sentence (one quote inside the other) share
 *   the article's words, not an assertion. Such a pair is compared on the editors' wordings only,
 *   and the names the shared words hold count for nothing: "Ahmed Karim is the governor" and
 *   "Governor Ahmed Karim said the bridge will reopen in 2019" are two claims about one man;
 *   "The bridge will reopen in 2019", anchored in the same words, is the second one again;
 * - **the article's own subject**: its place, its actors ("Al Qaryatayn", "ISIS", "Syrian army")
 *   are in half its claims. Within an article a key weighs by how few of its claims hold it (an
 *   inverse document frequency), so a number or a name that only these two claims give decides,
 *   and the article's subject decides nothing.
 */
export interface DuplicateCandidate {
  id: number;
  text: string;
  quote: string;
  start: number;
  end: number;
}

/** From this score a pair of one article's claims is flagged as a likely duplicate. */
export const DUPLICATE_SCORE = 0.45;

/** A key held by every claim of the article still weighs this much (never zero). */
const FLOOR = 0.1;

export function anchorsOverlap(a: Pick<DuplicateCandidate, 'start' | 'end'>, b: Pick<DuplicateCandidate, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The article's words both anchors cover. */
function sharedWords(a: DuplicateCandidate, b: DuplicateCandidate): string {
  const from = Math.max(a.start, b.start);
  const to = Math.min(a.end, b.end);
  return a.quote.slice(from - a.start, to - a.start);
}

/**
 * The claims of one article: in how many of them each key appears, and each compared claim's
 * tokens (wording and quote, and the wording alone), tokenised once when first needed. The counts
 * come from the claims' stored `match_text` when given (no need to tokenise a whole article to
 * compare two of its claims), else from their text.
 */
export class ArticleClaims {
  private readonly frequency = new Map<string, number>();
  private readonly fullTokens = new Map<number, Token[]>();
  private readonly wordingTokens = new Map<number, Token[]>();
  private readonly count: number;

  constructor(claims: (DuplicateCandidate | { id: number; matchText: string })[]) {
    this.count = claims.length;
    for (const c of claims) {
      const keys = typeof (c as { matchText?: unknown }).matchText === 'string' ? (c as { matchText: string }).matchText.split(' ').filter(Boolean) : this.full(c as DuplicateCandidate).map((t) => t.key);
      for (const key of new Set(keys)) this.frequency.set(key, (this.frequency.get(key) ?? 0) + 1);
    }
  }

  full(c: DuplicateCandidate): Token[] {
    let tokens = this.fullTokens.get(c.id);
    if (!tokens) this.fullTokens.set(c.id, (tokens = tokenize(claimMatchSource(c))));
    return tokens;
  }

  wording(c: DuplicateCandidate): Token[] {
    let tokens = this.wordingTokens.get(c.id);
    if (!tokens) this.wordingTokens.set(c.id, (tokens = tokenize(c.text)));
    return tokens;
  }

  /** 1 for a key only one or two claims hold, down to FLOOR for one all of them hold. */
  specificity(key: string): number {
    const n = Math.max(this.count, 3);
    const df = Math.max(this.frequency.get(key) ?? 1, 2);
    return Math.max(FLOOR, 1 - Math.log(df / 2) / Math.log(n / 2));
  }
}

export interface DuplicateScore extends Similarity {
  /** The anchors overlap: compared on the wordings only. */
  overlapping: boolean;
  /** They give the same number and no other that disagrees. */
  sameNumber: boolean;
}

/** How likely two claims of one article are the same claim logged twice: 0 to 1, with reasons. */
export function duplicateScore(article: ArticleClaims, a: DuplicateCandidate, b: DuplicateCandidate): DuplicateScore {
  const overlapping = anchorsOverlap(a, b);
  const ta = overlapping ? article.wording(a) : article.full(a);
  const tb = overlapping ? article.wording(b) : article.full(b);
  // Claims drawn from one sentence name its people and places by construction: those names are
  // no sign of one claim logged twice (what they assert about them is).
  const sentenceNames = overlapping ? new Set(tokenize(sharedWords(a, b)).map((t) => t.key)) : new Set<string>();
  const weight = (t: Token) => (t.kind === 'name' && sentenceNames.has(t.key) ? 0 : weightOf(t.kind) * article.specificity(t.key));
  const bByKey = new Map(tb.map((t) => [t.key, t]));
  let shared = 0;
  const common: Token[] = [];
  for (const t of ta) {
    const other = bByKey.get(t.key);
    if (!other) continue;
    const kind = weightOf(t.kind) >= weightOf(other.kind) ? t.kind : other.kind;
    const w = weight({ ...t, kind });
    if (w === 0) continue;
    shared += w;
    common.push({ ...t, kind });
  }
  // A key's kind is the stronger of its two readings ("Governor" and "governor"), on both sides.
  const kindOf = new Map<string, Token['kind']>();
  for (const t of [...ta, ...tb]) if (!kindOf.has(t.key) || weightOf(t.kind) > weightOf(kindOf.get(t.key)!)) kindOf.set(t.key, t.kind);
  const wa = ta.reduce((s, t) => s + weight({ ...t, kind: kindOf.get(t.key)! }), 0);
  const wb = tb.reduce((s, t) => s + weight({ ...t, kind: kindOf.get(t.key)! }), 0);
  if (wa + wb === 0) return { score: 0, reasons: [], overlapping, sameNumber: false };
  let score = (2 * shared) / (wa + wb);
  const ownNumber = (mine: Token[], other: Set<string>) => mine.some((t) => t.kind === 'number' && !other.has(t.key));
  const conflict = ownNumber(ta, new Set(tb.map((t) => t.key))) && ownNumber(tb, new Set(ta.map((t) => t.key)));
  if (conflict) score *= NUMBER_CONFLICT_FACTOR;
  const reasons: string[] = [];
  const of = (kind: Token['kind']) => common.filter((t) => t.kind === kind).map((t) => t.display);
  const numbers = of('number');
  const names = of('name');
  const words = of('word');
  if (numbers.length) reasons.push(`same number${numbers.length > 1 ? 's' : ''}: ${numbers.join(', ')}`);
  if (names.length) reasons.push(`same name${names.length > 1 ? 's' : ''}: ${names.join(', ')}`);
  if (words.length) reasons.push(`shared word${words.length > 1 ? 's' : ''}: ${words.slice(0, 8).join(', ')}`);
  if (conflict) reasons.push('different numbers');
  if (overlapping) reasons.push('overlapping quotes: compared on their wording');
  return { score: Math.round(score * 1000) / 1000, reasons, overlapping, sameNumber: numbers.length > 0 && !conflict };
}

/**
 * Every pair of the article's claims scoring at least DUPLICATE_SCORE, best first; among
 * near-equal scores (NEAR_EQUAL) a pair agreeing on a number first: a figure given twice is the
 * strongest sign of one claim logged twice.
 */
export function findDuplicates(claims: DuplicateCandidate[]): { a: DuplicateCandidate; b: DuplicateCandidate; score: number; reasons: string[] }[] {
  const article = new ArticleClaims(claims);
  // Only pairs sharing a number or a name can be the same claim: block on those keys.
  const byKey = new Map<string, DuplicateCandidate[]>();
  for (const c of claims) for (const t of article.full(c)) if (t.kind !== 'word') byKey.set(t.key, [...(byKey.get(t.key) ?? []), c]);
  const seen = new Set<string>();
  const pairs: { a: DuplicateCandidate; b: DuplicateCandidate; score: number; reasons: string[]; sameNumber: boolean }[] = [];
  for (const group of byKey.values()) {
    if (group.length > 200) continue; // a key in hundreds of claims decides nothing alone
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = group[i].id < group[j].id ? [group[i], group[j]] : [group[j], group[i]];
        const id = `${a.id}:${b.id}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const s = duplicateScore(article, a, b);
        if (s.score >= DUPLICATE_SCORE) pairs.push({ a, b, score: s.score, reasons: s.reasons, sameNumber: s.sameNumber });
      }
    }
  }
  const key = (p: { score: number; sameNumber: boolean }) => p.score + (p.sameNumber ? NEAR_EQUAL : 0);
  return pairs.sort((x, y) => key(y) - key(x) || y.score - x.score || x.a.id - y.a.id || x.b.id - y.b.id).map(({ sameNumber: _, ...p }) => p);
}
