import { DataSource, EntityManager } from 'typeorm';
import { readRows } from '../database/read-rows';

/**
 * Which parts of a search term PostgreSQL's trigram index (pg_trgm, GIN) is asked for.
 *
 * The index answers `LIKE '%term%'` by intersecting the posting lists of every trigram of the
 * term, and it walks each list as far as the rarest one's entries reach. A trigram that is in
 * most claims (the ones of a word the desk writes in every claim) has a list as long as the table,
 * so a term that mixes such a word with a rare one costs time that grows with the database even
 * when it matches one claim (`claim 9876:` at 100k claims: 173 index pages, 2.1 ms; its rare part
 * ` 9876:` alone: 20 pages, 0.21 ms). Search engines order such intersections by how frequent each
 * word is; this does the same with an estimate of each trigram's frequency among the newest claims:
 * the index is asked for the words of the term that have no frequent trigram, provided one of them
 * is selective, and every candidate is checked against the whole term (searchClaims). Otherwise,
 * and on SQLite (whose FTS5 trigram index skips through long lists), the whole term is looked up.
 *
 * The parts are substrings of the term, so every claim containing the term contains them: the
 * choice changes the cost of a search, never its answer.
 */

/** A trigram in at least this share of the sampled claims is frequent: its posting list is long. */
export const FREQUENT = 0.25;
/**
 * Parts are used when at most this share of the sampled claims has all their trigrams: the claims
 * the index then gives are few, and each is read and checked for the whole term.
 */
export const SELECTIVE = 0.01;
/** How many of the newest claims are sampled, and how long a sample is used before it is read again. */
export const SAMPLE_SIZE = 1000;
const SAMPLE_TTL_MS = 10 * 60 * 1000;

export interface TrigramSample {
  /** Claims sampled. */
  size: number;
  /** For each trigram, the sampled claims (by their index in the sample) that contain it. */
  claims: Map<string, Set<number>>;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The trigrams pg_trgm takes from `text` as a LIKE pattern's fixed part: each run of letters and
 * digits, padded with two spaces before and one after where the run is bounded in the text, not
 * where it reaches an end that a `%` continues (`open` ends). An estimate for choosing parts: the
 * index's own extraction decides what is looked up.
 */
export function trigramsOf(text: string, open = { start: false, end: false }): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    const word = match[0];
    const padded = `${open.start && start === 0 ? '' : '  '}${word}${open.end && start + word.length === text.length ? '' : ' '}`;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** The trigrams of each of `texts` (folded), as the claims that contain each one. */
export function sampleOf(texts: string[]): TrigramSample {
  const claims = new Map<string, Set<number>>();
  texts.forEach((text, i) => {
    for (const trigram of trigramsOf(text)) {
      const set = claims.get(trigram);
      if (set) set.add(i);
      else claims.set(trigram, new Set([i]));
    }
  });
  return { size: texts.length, claims };
}

const OPEN = { start: true, end: true };

/** How many sampled claims have every one of `trigrams` (those the index would give for them). */
function sampledWithAll(trigrams: Iterable<string>, sample: TrigramSample): number {
  const sets = [...trigrams].map((t) => sample.claims.get(t) ?? new Set<number>()).sort((a, b) => a.size - b.size);
  if (sets.length === 0) return sample.size;
  let n = 0;
  for (const claim of sets[0]) if (sets.every((set) => set.has(claim))) n++;
  return n;
}

/**
 * The parts of the folded `term` to look up in the index. `[term]` when none of its trigrams is
 * frequent, or when no choice of parts is selective. Otherwise, for each word of the term (with
 * the separator on each side of it in the term, whose trigrams mark where a word starts and ends),
 * the substring with no frequent trigram that the fewest sampled claims have all the trigrams of
 * (then the one with more trigrams); words with no such substring are left to the whole-term check.
 */
export function probeParts(term: string, sample: TrigramSample): string[] {
  if (sample.size === 0) return [term];
  const frequent = (trigram: string) => (sample.claims.get(trigram)?.size ?? 0) >= FREQUENT * sample.size;
  if (![...trigramsOf(term, OPEN)].some(frequent)) return [term];
  const parts: string[] = [];
  const chosen = new Set<string>();
  for (const match of term.matchAll(WORD)) {
    const start = match.index ?? 0;
    const around = term.slice(Math.max(0, start - 1), Math.min(term.length, start + match[0].length + 1));
    let best: { part: string; trigrams: Set<string>; claims: number } | null = null;
    // From each start, the longest substring with no frequent trigram: a longer one has the trigrams of a shorter one
    // and more, so it is given by fewer claims.
    for (let i = 0; i + 3 <= around.length; i++) {
      for (let j = around.length; j >= i + 3; j--) {
        const part = around.slice(i, j);
        const trigrams = trigramsOf(part, OPEN);
        if (trigrams.size === 0 || [...trigrams].some(frequent)) continue;
        const claims = sampledWithAll(trigrams, sample);
        if (!best || claims < best.claims || (claims === best.claims && trigrams.size > best.trigrams.size)) best = { part, trigrams, claims };
        break;
      }
    }
    if (best && !parts.includes(best.part)) {
      parts.push(best.part);
      for (const t of best.trigrams) chosen.add(t);
    }
  }
  return parts.length > 0 && sampledWithAll(chosen, sample) <= SELECTIVE * sample.size ? parts : [term];
}

const samples = new WeakMap<DataSource, { at: number; sample: Promise<TrigramSample> }>();

/**
 * The trigram frequencies of the newest SAMPLE_SIZE claims, read on first use and again once
 * SAMPLE_TTL_MS old (the old sample serves until the new one is read; a failed read is retried on
 * the next search). Read through the index of the claims' ids: its cost does not grow with the table.
 */
export async function trigramSample(manager: EntityManager): Promise<TrigramSample> {
  const dataSource = manager.connection;
  const now = Date.now();
  const cached = samples.get(dataSource);
  if (cached && now - cached.at < SAMPLE_TTL_MS) return cached.sample;
  const sample = readRows<{ search_folded: string }>(dataSource.manager, `SELECT search_folded FROM claims ORDER BY id DESC LIMIT ${SAMPLE_SIZE}`).then((rows) =>
    sampleOf(rows.map((r) => String(r.search_folded))),
  );
  samples.set(dataSource, { at: now, sample });
  sample.catch(() => {
    if (samples.get(dataSource)?.sample === sample) samples.delete(dataSource);
  });
  // While a newer sample is read, the older one answers.
  return cached ? cached.sample : sample;
}
