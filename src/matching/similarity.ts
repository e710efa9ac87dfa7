import { Token, TokenKind, weightOf } from './normalise';

/**
 * How alike two claims are, from their tokens (see normalise.ts): a weighted Dice coefficient
 * where numbers weigh 3, names 2 and other words 1, so "1,230 mines" and "1 230 mines" agree on
 * what matters and two claims sharing only common words score low. Two claims that each give a
 * number (or a month) the other does not are near-misses ("1,230 mines" vs "1,500 mines", "June
 * 2015" vs "August 2015"): their score is cut by NUMBER_CONFLICT_FACTOR. Pure: no Nest, no database.
 */
export interface Similarity {
  /** 0 (nothing shared) to 1 (the same tokens). */
  score: number;
  /** Why, for people: the shared numbers, names and words. */
  reasons: string[];
}

export const NUMBER_CONFLICT_FACTOR = 0.4;

export function similarity(a: Token[], b: Token[]): Similarity {
  const bByKey = new Map(b.map((t) => [t.key, t]));
  let shared = 0;
  const common: { kind: TokenKind; display: string }[] = [];
  for (const t of a) {
    const other = bByKey.get(t.key);
    if (!other) continue;
    const kind = weightOf(t.kind) >= weightOf(other.kind) ? t.kind : other.kind;
    shared += weightOf(kind);
    common.push({ kind, display: t.display });
  }
  const total = sum(a) + sum(b);
  if (total === 0) return { score: 0, reasons: [] };
  let score = (2 * shared) / total;
  const aKeys = new Set(a.map((t) => t.key));
  const ownNumber = (tokens: Token[], other: Map<string, Token> | Set<string>) => tokens.some((t) => t.kind === 'number' && !other.has(t.key));
  const conflict = ownNumber(a, bByKey) && ownNumber(b, aKeys);
  if (conflict) score *= NUMBER_CONFLICT_FACTOR;
  return { score: Math.round(score * 1000) / 1000, reasons: reasonsFor(common, conflict) };
}

function sum(tokens: Token[]): number {
  return tokens.reduce((total, t) => total + weightOf(t.kind), 0);
}

function reasonsFor(common: { kind: TokenKind; display: string }[], conflict: boolean): string[] {
  const reasons: string[] = [];
  const of = (kind: TokenKind) => common.filter((c) => c.kind === kind).map((c) => c.display);
  const numbers = of('number');
  const names = of('name');
  const words = of('word');
  if (numbers.length) reasons.push(`same number${numbers.length > 1 ? 's' : ''}: ${numbers.join(', ')}`);
  if (names.length) reasons.push(`same name${names.length > 1 ? 's' : ''}: ${names.join(', ')}`);
  if (words.length) reasons.push(`shared word${words.length > 1 ? 's' : ''}: ${words.slice(0, 8).join(', ')}`);
  if (conflict) reasons.push('different numbers');
  return reasons;
}

/** A candidate with its score, ready to be ranked. */
export interface Ranked<T> {
  item: T;
  score: number;
  /** Published with a verdict: shown first among near-equal scores. */
  published: boolean;
}

/** Scores within this distance count as near-equal: a published verdict goes first. */
export const NEAR_EQUAL = 0.05;

/** Best first; among near-equal scores a published claim (with its verdict) first; then by id for stability. */
export function rank<T extends { id: number }>(items: Ranked<T>[]): Ranked<T>[] {
  const key = (r: Ranked<T>) => r.score + (r.published ? NEAR_EQUAL : 0);
  return [...items].sort((x, y) => key(y) - key(x) || y.score - x.score || x.item.id - y.item.id);
}
