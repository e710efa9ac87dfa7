import { EntityManager } from 'typeorm';
import { Token, weightOf } from './normalise';

/**
 * Candidates from the database's own text search: SQLite FTS5 ranked by bm25, or PostgreSQL full
 * text search ranked by ts_rank, over `match_text` (normalised keys, see normalise.ts). This file
 * and the matching migration are the only places that know which engine runs.
 */
export type Corpus = 'claims' | 'external_fact_checks';

/** Longest query: the heaviest keys (numbers, then names, then words). */
const MAX_KEYS = 24;

export function queryKeys(tokens: Token[]): string[] {
  return [...tokens]
    .sort((a, b) => weightOf(b.kind) - weightOf(a.kind))
    .slice(0, MAX_KEYS)
    .map((t) => t.key);
}

/** Ids of the best `limit` rows of `corpus` sharing any key, best first. */
export async function searchCandidates(manager: EntityManager, corpus: Corpus, tokens: Token[], limit: number): Promise<number[]> {
  const keys = queryKeys(tokens).filter((k) => /^[\p{L}\p{N}]+$/u.test(k));
  if (keys.length === 0) return [];
  if (manager.connection.options.type === 'postgres') {
    const query = keys.map((k) => `'${k}'`).join(' | ');
    const rows: { id: number }[] = await manager.query(
      `SELECT id FROM ${corpus} WHERE to_tsvector('simple', match_text) @@ to_tsquery('simple', $1) ` +
        `ORDER BY ts_rank(to_tsvector('simple', match_text), to_tsquery('simple', $1)) DESC, id LIMIT $2`,
      [query, limit],
    );
    return rows.map((r) => Number(r.id));
  }
  const fts = corpus === 'claims' ? 'claim_search' : 'fact_check_search';
  const selective = await selectiveKeys(manager, fts, keys);
  if (selective.length === 0) return [];
  const rows: { id: number }[] = await manager.query(`SELECT rowid AS id FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rank LIMIT ?`, [
    selective.map((k) => `"${k}"`).join(' OR '),
    limit,
  ]);
  return rows.map((r) => Number(r.id));
}

/** Rows ranked by one query, at most (beyond its rarest key): bm25 scores every row that matches. */
const POSTINGS_BUDGET = 4000;

/**
 * Document counts of keys, per FTS table, remembered for DOC_COUNTS_TTL_MS. fts5vocab computes a
 * key's count by walking its whole posting list, so asking for "army" in 30,000 claims on every
 * lookup cost more than the search itself; counts only choose which keys to query, so a count a
 * few minutes old does no harm. Keys in fewer than REMEMBER_FROM_DOCS rows are read every time.
 */
const DOC_COUNTS_TTL_MS = 5 * 60_000;
const DOC_COUNTS_MAX = 200_000;
const REMEMBER_FROM_DOCS = 50;
const docCounts = new Map<string, Map<string, { doc: number; at: number }>>();

/** Forgets the remembered document counts (after a reindex). */
export function forgetDocumentCounts(): void {
  docCounts.clear();
}

async function documentCounts(manager: EntityManager, fts: string, keys: string[]): Promise<Map<string, number>> {
  const now = Date.now();
  let cache = docCounts.get(fts);
  if (!cache || cache.size > DOC_COUNTS_MAX) docCounts.set(fts, (cache = new Map()));
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const key of keys) {
    const known = cache.get(key);
    if (known && now - known.at < DOC_COUNTS_TTL_MS) counts.set(key, known.doc);
    else missing.push(key);
  }
  if (missing.length) {
    const rows: { term: string; doc: number }[] = await manager.query(
      `SELECT term, doc FROM ${fts}_terms WHERE term IN (${missing.map(() => '?').join(', ')})`,
      missing,
    );
    const found = new Map(rows.map((r) => [r.term, Number(r.doc)]));
    for (const key of missing) {
      const doc = found.get(key) ?? 0;
      // Only common keys are remembered: they are the slow ones, and a rare or new key's count is always current.
      if (doc >= REMEMBER_FROM_DOCS) cache.set(key, { doc, at: now });
      counts.set(key, doc);
    }
  }
  return counts;
}

/**
 * The rarest keys first, as many as fit in the budget of matching rows: a claim's numbers and
 * names are rare and decide; "2016" or "army" in 30,000 claims would only make the ranking slow.
 * Keys no row holds are dropped.
 */
async function selectiveKeys(manager: EntityManager, fts: string, keys: string[]): Promise<string[]> {
  const counts = await documentCounts(manager, fts, keys);
  const chosen: string[] = [];
  let postings = 0;
  for (const [term, doc] of [...counts].filter(([, doc]) => doc > 0).sort((a, b) => a[1] - b[1])) {
    if (chosen.length > 0 && postings + doc > POSTINGS_BUDGET) break;
    chosen.push(term);
    postings += doc;
  }
  return chosen;
}

/**
 * Rebuilds the search index of `corpus` from match_text. PostgreSQL's expression index follows
 * the column by itself; SQLite's FTS5 table is refilled.
 */
export async function rebuildIndex(manager: EntityManager, corpus: Corpus): Promise<void> {
  if (manager.connection.options.type === 'postgres') {
    await manager.query(`REINDEX INDEX ${corpus === 'claims' ? 'ix_claims_match_tsv' : 'ix_external_fact_checks_match_tsv'}`);
    return;
  }
  const fts = corpus === 'claims' ? 'claim_search' : 'fact_check_search';
  forgetDocumentCounts();
  await manager.query(`DELETE FROM ${fts}`);
  await manager.query(`INSERT INTO ${fts}(rowid, body) SELECT id, match_text FROM ${corpus}`);
}
