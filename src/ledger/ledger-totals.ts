import { EntityManager } from 'typeorm';
import { Params } from '../claims/claim-reads';
import { RATINGS, Rating } from '../review/review.entities';
import type { LedgerRole } from './dto/ledger.dto';

/**
 * The ledger's totals, kept up to date in the transaction of every change instead of aggregated
 * over every attribution on each request (which grew with the whole database).
 *
 * `ledger_claim_roles` holds what each claim counts for, per (claim, source, role);
 * `ledger_totals` the sums per (source, role). After any audited change of a claim, `syncClaim`
 * reads the claim's live contribution, compares it with the stored one and moves the totals by
 * the difference: counters by ±1, the distinct articles by whether another claim of the same
 * article still counts for the source in that role, first/last seen by MIN/MAX over an index.
 * Both tables are derived data: `rebuildLedgerTotals` recomputes them from scratch (migration
 * backfill, bulk loads).
 */

/** totals column of each rating: rating_true, rating_mostly_true … */
export const RATING_COLUMNS = RATINGS.map((r) => `rating_${r}`);

const ROLE = "CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END";
const LATEST_RATING = '(SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1)';

interface Contribution {
  sourceId: number;
  role: LedgerRole;
  position: number;
  articleId: number;
  startOffset: number;
  createdAt: string;
  published: boolean;
  rating: Rating | null;
}

type Raw = Record<string, string | number | boolean | null>;

const key = (c: Pick<Contribution, 'sourceId' | 'role'>) => `${c.sourceId}:${c.role}`;
const same = (a: Contribution, b: Contribution) =>
  a.position === b.position &&
  a.articleId === b.articleId &&
  a.startOffset === b.startOffset &&
  a.createdAt === b.createdAt &&
  a.published === b.published &&
  a.rating === b.rating;

function contribution(row: Raw): Contribution {
  return {
    sourceId: Number(row.source_id),
    role: row.role as LedgerRole,
    position: Number(row.position),
    articleId: Number(row.article_id),
    startOffset: Number(row.start_offset),
    createdAt: String(row.created_at),
    published: row.published === true || Number(row.published) === 1,
    rating: row.rating === null ? null : (row.rating as Rating),
  };
}

/** The claim's contribution as stored now: one row per (source, role) of its chain (anonymous links name no source). */
const LIVE = `SELECT a.source_id, ${ROLE} AS role, MIN(a.position) AS position, c.article_id, c.start_offset, c.created_at,
                     CASE WHEN c.status = 'published' THEN 1 ELSE 0 END AS published, ${LATEST_RATING} AS rating
                FROM attributions a JOIN claims c ON c.id = a.claim_id`;
const LIVE_GROUP = `GROUP BY a.source_id, ${ROLE}, c.id, c.article_id, c.start_offset, c.created_at, c.status`;

/** Brings one claim's share of the ledger up to date (the claim may be new, changed or deleted). */
/** A claim as the API describes it (ClaimDto): enough to know what it counts for without reading it back. */
export interface ClaimShape {
  articleId: number;
  start: number;
  status: string;
  createdAt: string;
  currentRating: Rating | null;
  attributions: { position: number; source: { id: number } | null }[];
}

/** The (source, role) rows a claim counts for, from its DTO (as LIVE computes them from the tables). */
export function contributionsOf(claim: ClaimShape): Raw[] {
  const rows = new Map<string, Raw>();
  for (const link of claim.attributions) {
    if (!link.source) continue;
    const role = link.position === 0 ? 'speaker' : 'relay';
    const k = `${link.source.id}:${role}`;
    const row = rows.get(k);
    if (row && Number(row.position) <= link.position) continue;
    rows.set(k, {
      source_id: link.source.id,
      role,
      position: link.position,
      article_id: claim.articleId,
      start_offset: claim.start,
      created_at: claim.createdAt,
      published: claim.status === 'published',
      rating: claim.currentRating,
    });
  }
  return [...rows.values()];
}

/**
 * `created`: the claim is new, so nothing is stored for it yet; `live`: its rows when the caller
 * knows them (contributionsOf the DTO it just wrote), saving the read-back inside the write queue.
 */
export async function syncClaim(manager: EntityManager, claimId: number, options: { created?: boolean; live?: Raw[] } = {}): Promise<void> {
  const p = new Params(manager);
  const id = p.add(claimId);
  // A claim just created has no stored share yet: one read fewer in the write queue.
  const stored: Raw[] = options.created
    ? []
    : await manager.query(
        `SELECT source_id, role, position, article_id, start_offset, created_at, published, rating FROM ledger_claim_roles WHERE claim_id = ${id}`,
        p.values,
      );
  const live: Raw[] = options.live ?? (await manager.query(`${LIVE} WHERE a.claim_id = ${id} AND a.source_id IS NOT NULL ${LIVE_GROUP}`, p.values));
  const before = new Map(stored.map((r) => [key(contribution(r)), contribution(r)]));
  const after = new Map(live.map((r) => [key(contribution(r)), contribution(r)]));
  for (const [k, old] of before) {
    const now = after.get(k);
    if (now && same(old, now)) continue;
    await remove(manager, claimId, old);
  }
  const added = [...after].filter(([k, now]) => !(before.has(k) && same(before.get(k)!, now))).map(([, now]) => now);
  if (added.length === 0) return;
  await add(manager, added);
  const i = new Params(manager);
  await manager.query(
    `INSERT INTO ledger_claim_roles (claim_id, source_id, role, position, article_id, start_offset, created_at, published, rating)
     VALUES ${added.map((c) => `(${i.list([claimId, c.sourceId, c.role, c.position, c.articleId, c.startOffset, c.createdAt, c.published, c.rating])})`).join(', ')}`,
    i.values,
  );
}

/** Numeric deltas of a contribution: claims 1, published 0/1, its rating's column 0/1. */
function counters(c: Contribution): Record<string, number> {
  const values: Record<string, number> = { claims: 1, published: c.published ? 1 : 0 };
  for (const rating of RATINGS) values[`rating_${rating}`] = c.published && c.rating === rating ? 1 : 0;
  return values;
}

// Placeholders are added in the order they appear in the SQL text: SQLite's `?` are positional.

async function remove(manager: EntityManager, claimId: number, c: Contribution): Promise<void> {
  const d = new Params(manager);
  await manager.query(
    `DELETE FROM ledger_claim_roles WHERE claim_id = ${d.add(claimId)} AND source_id = ${d.add(c.sourceId)} AND role = ${d.add(c.role)}`,
    d.values,
  );
  // The row is gone: the distinct articles lose this one unless another claim of it still counts;
  // first and last seen are the remaining extremes, read from ix_ledger_claim_roles_source_role_created.
  const p = new Params(manager);
  const scope = () => `r.source_id = ${p.add(c.sourceId)} AND r.role = ${p.add(c.role)}`;
  const sets = Object.entries(counters(c)).map(([column, n]) => `${column} = ${column} - ${p.add(n)}`);
  sets.push(`articles = articles - CASE WHEN EXISTS (SELECT 1 FROM ledger_claim_roles r WHERE ${scope()} AND r.article_id = ${p.add(c.articleId)}) THEN 0 ELSE 1 END`);
  sets.push(`first_seen = (SELECT MIN(r.created_at) FROM ledger_claim_roles r WHERE ${scope()})`);
  sets.push(`last_seen = (SELECT MAX(r.created_at) FROM ledger_claim_roles r WHERE ${scope()})`);
  const where = `source_id = ${p.add(c.sourceId)} AND role = ${p.add(c.role)}`;
  await manager.query(`UPDATE ledger_totals SET ${sets.join(', ')} WHERE ${where}`, p.values);
  const z = new Params(manager);
  await manager.query(`DELETE FROM ledger_totals WHERE source_id = ${z.add(c.sourceId)} AND role = ${z.add(c.role)} AND claims <= 0`, z.values);
}

/**
 * Adds contributions (each a different source and role) to the totals in one upsert; their
 * ledger_claim_roles rows are written after it (syncClaim, one INSERT for all), so the EXISTS
 * below sees only other claims: a new article for the source in that role unless one already counts.
 */
async function add(manager: EntityManager, added: Contribution[]): Promise<void> {
  const p = new Params(manager);
  const columns = Object.keys(counters(added[0]));
  const tuples = added.map((c) => {
    const values = counters(c);
    const head = `${p.add(c.sourceId)}, ${p.add(c.role)}, ${columns.map((col) => p.add(values[col])).join(', ')}`;
    const newArticle = `CASE WHEN EXISTS (SELECT 1 FROM ledger_claim_roles r WHERE r.source_id = ${p.add(c.sourceId)} AND r.role = ${p.add(c.role)} AND r.article_id = ${p.add(c.articleId)}) THEN 0 ELSE 1 END`;
    return `(${head}, ${newArticle}, ${p.add(c.createdAt)}, ${p.add(c.createdAt)})`;
  });
  await manager.query(
    `INSERT INTO ledger_totals (source_id, role, ${columns.join(', ')}, articles, first_seen, last_seen)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (source_id, role) DO UPDATE SET
       ${columns.map((col) => `${col} = ledger_totals.${col} + excluded.${col}`).join(', ')},
       articles = ledger_totals.articles + excluded.articles,
       first_seen = CASE WHEN ledger_totals.first_seen IS NULL OR excluded.first_seen < ledger_totals.first_seen THEN excluded.first_seen ELSE ledger_totals.first_seen END,
       last_seen = CASE WHEN ledger_totals.last_seen IS NULL OR excluded.last_seen > ledger_totals.last_seen THEN excluded.last_seen ELSE ledger_totals.last_seen END`,
    p.values,
  );
}

/**
 * Recomputes both tables from the claims, their chains and verdicts (portable SQL; the migration
 * that created them runs the same statements to backfill).
 */
export async function rebuildLedgerTotals(manager: EntityManager): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  await manager.query('DELETE FROM ledger_totals');
  await manager.query('DELETE FROM ledger_claim_roles');
  await manager.query(
    `INSERT INTO ledger_claim_roles (claim_id, source_id, role, position, article_id, start_offset, created_at, published, rating)
     SELECT c.id, a.source_id, ${ROLE}, MIN(a.position), c.article_id, c.start_offset, c.created_at,
            ${postgres ? "c.status = 'published'" : "CASE WHEN c.status = 'published' THEN 1 ELSE 0 END"}, ${LATEST_RATING}
       FROM attributions a JOIN claims c ON c.id = a.claim_id
      WHERE a.source_id IS NOT NULL ${LIVE_GROUP}`,
  );
  const published = postgres ? 'r.published' : 'r.published = 1';
  await manager.query(
    `INSERT INTO ledger_totals (source_id, role, claims, articles, published, ${RATING_COLUMNS.join(', ')}, first_seen, last_seen)
     SELECT r.source_id, r.role, COUNT(*), COUNT(DISTINCT r.article_id), SUM(CASE WHEN ${published} THEN 1 ELSE 0 END),
            ${RATINGS.map((rating) => `SUM(CASE WHEN ${published} AND r.rating = '${rating}' THEN 1 ELSE 0 END)`).join(', ')},
            MIN(r.created_at), MAX(r.created_at)
       FROM ledger_claim_roles r GROUP BY r.source_id, r.role`,
  );
}
