/**
 * Scores the suggestion engine against hand-annotated gold claims.
 *
 * A gold claim is recovered when one suggestion covers at least half of its words' span
 * (claims are often finer than a sentence; a suggestion that covers a gold claim's quote has
 * found it). A suggestion is correct when it covers half of some gold claim or half of it lies
 * inside one. The chain of a recovered claim is right when the suggestion that covers it most
 * has the same links in the same order: each gold name is the suggested source's registry name
 * or alias, or one contains the other (accents and case ignored); `~` links must be anonymous;
 * an empty gold chain must be suggested as unattributed.
 */
import { normaliseName, RegistryEntry } from '../../../src/suggestions/registry';
import type { Suggestion, SuggestedLink } from '../../../src/suggestions/engine';

export interface GoldSpan {
  start: number;
  end: number;
  chain: string[];
}

export interface ArticleScore {
  id: string;
  gold: number;
  suggested: number;
  recovered: number;
  correct: number;
  chainsRight: number;
  misses: string[];
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function linkMatches(gold: string, link: SuggestedLink, registry: RegistryEntry[]): boolean {
  const anonymous = gold.startsWith('~');
  const g = normaliseName(gold.replace(/^~/, ''));
  if (anonymous !== link.anonymous) return false;
  const names = [link.name, link.description ?? ''];
  const entry = link.sourceId ? registry.find((r) => r.id === link.sourceId) : undefined;
  if (entry) names.push(entry.name, ...entry.aliases);
  return names.some((n) => {
    const k = normaliseName(n);
    return k.length > 0 && (k === g || k.includes(g) || g.includes(k));
  });
}

export function chainMatches(gold: string[], suggestion: Suggestion, registry: RegistryEntry[]): boolean {
  if (gold.length === 0) return suggestion.unattributed && suggestion.attributions.length === 0;
  if (gold.length !== suggestion.attributions.length) return false;
  return gold.every((g, i) => linkMatches(g, suggestion.attributions[i], registry));
}

export function score(id: string, text: string, gold: GoldSpan[], suggestions: Suggestion[], registry: RegistryEntry[]): ArticleScore {
  let recovered = 0;
  let chainsRight = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const best = suggestions
      .map((s) => ({ s, o: overlap(s, g) }))
      .filter(({ o }) => o * 2 >= g.end - g.start)
      .sort((a, b) => b.o - a.o || a.s.end - a.s.start - (b.s.end - b.s.start))[0];
    if (!best) {
      misses.push(`missed: ${text.slice(g.start, g.end)}`);
      continue;
    }
    recovered++;
    if (chainMatches(g.chain, best.s, registry)) chainsRight++;
    else
      misses.push(
        `chain: ${text.slice(g.start, g.end)} — gold [${g.chain.join(' → ') || 'unattributed'}], got [${
          best.s.attributions.map((a) => (a.anonymous ? `~${a.name}` : a.name)).join(' → ') || 'unattributed'
        }]`,
      );
  }
  const correct = suggestions.filter((s) => gold.some((g) => overlap(s, g) * 2 >= Math.min(g.end - g.start, s.end - s.start))).length;
  for (const s of suggestions) {
    if (!gold.some((g) => overlap(s, g) * 2 >= Math.min(g.end - g.start, s.end - s.start))) misses.push(`extra: ${s.quote}`);
  }
  return { id, gold: gold.length, suggested: suggestions.length, recovered, correct, chainsRight, misses };
}
