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
 *
 * On PostgreSQL writes run side by side, so what a change counts is decided under a lock: the
 * transaction first takes an advisory lock per (source, role) it changes, in one order, held until
 * its COMMIT, and only then reads the other claims (is the article new for the source, was this
 * its last claim there, the first and last seen). Under READ COMMITTED each statement sees what
 * was committed when it started, so those reads see every earlier holder's rows; an upsert's own
 * row lock came too late, after its statement had read (36 claims of one source in a new article
 * created at once counted it as two articles). The locks and every write of the change go in one
 * round trip (the simple query protocol runs several statements, with literal values), so the
 * locks are held for that and the COMMIT: the ledger's listener runs after the audit's others.
 * SQLite runs one write at a time and sends the same statements with parameters.
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
  const removed = [...before].filter(([k, old]) => !(after.has(k) && same(old, after.get(k)!))).map(([, old]) => old);
  const added = [...after].filter(([k, now]) => !(before.has(k) && same(before.get(k)!, now))).map(([, now]) => now);
  if (removed.length === 0 && added.length === 0) return;

  const postgres = manager.connection.options.type === 'postgres';
  const values = (): SqlValues => (postgres ? new Literals() : new Params(manager));
  const statements = [...removed.flatMap((c) => removal(values, claimId, c)), ...(added.length ? addition(values, claimId, added) : [])];
  if (!postgres) {
    for (const statement of statements) await manager.query(statement.sql, statement.values);
    return;
  }
  const keys = [...new Map([...removed, ...added].map((c) => [key(c), c])).values()].sort((a, b) => a.sourceId - b.sourceId || a.role.localeCompare(b.role));
  const locks = keys.map((c) => `SELECT pg_advisory_xact_lock(${LEDGER_LOCKS[c.role]}, ${c.sourceId})`);
  await manager.query([...locks, ...statements.map((statement) => statement.sql)].join(';\n'));
}

/**
 * The first key of the ledger's advisory locks, per role (the second is the source's id). The
 * two-integer form is a key space of its own, apart from the start-up's single 64-bit lock.
 */
const LEDGER_LOCKS: Record<LedgerRole, number> = { speaker: 0x4c656430, relay: 0x4c656431 };

type Value = string | number | boolean | null;
interface Statement {
  sql: string;
  values: Value[];
}

/** Collects a statement's values: as placeholders (Params) or as literals (Literals). */
interface SqlValues {
  readonly values: Value[];
  add(value: Value): string;
  list(values: readonly Value[]): string;
}

/**
 * Writes each value as a PostgreSQL literal: several statements in one round trip need the simple
 * query protocol, which takes no parameters. The values are the ledger's own (ids, offsets,
 * counters, roles, ratings, ISO instants), never free text, and are escaped all the same.
 */
class Literals implements SqlValues {
  readonly values: Value[] = [];

  add(value: Value): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`A ledger value is not a finite number: ${value}`);
      return value < 0 ? `(${value})` : String(value);
    }
    // As node-postgres's escapeLiteral: quotes doubled, and E'' when a backslash is doubled too.
    const quoted = `'${value.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
    return value.includes('\\') ? `E${quoted}` : quoted;
  }

  list(values: readonly Value[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/** Numeric deltas of a contribution: claims 1, published 0/1, its rating's column 0/1. */
function counters(c: Contribution): Record<string, number> {
  const values: Record<string, number> = { claims: 1, published: c.published ? 1 : 0 };
  for (const rating of RATINGS) values[`rating_${rating}`] = c.published && c.rating === rating ? 1 : 0;
  return values;
}

// Placeholders are added in the order they appear in the SQL text: SQLite's `?` are positional.

/** The statements that take a contribution out: its row, then the totals (the row emptied of claims goes). */
function removal(values: () => SqlValues, claimId: number, c: Contribution): Statement[] {
  const d = values();
  const row = `DELETE FROM ledger_claim_roles WHERE claim_id = ${d.add(claimId)} AND source_id = ${d.add(c.sourceId)} AND role = ${d.add(c.role)}`;
  // The row is gone: the distinct articles lose this one unless another claim of it still counts;
  // first and last seen are the remaining extremes, read from ix_ledger_claim_roles_source_role_created.
  const p = values();
  const scope = () => `r.source_id = ${p.add(c.sourceId)} AND r.role = ${p.add(c.role)}`;
  const sets = Object.entries(counters(c)).map(([column, n]) => `${column} = ${column} - ${p.add(n)}`);
  sets.push(`articles = articles - CASE WHEN EXISTS (SELECT 1 FROM ledger_claim_roles r WHERE ${scope()} AND r.article_id = ${p.add(c.articleId)}) THEN 0 ELSE 1 END`);
  sets.push(`first_seen = (SELECT MIN(r.created_at) FROM ledger_claim_roles r WHERE ${scope()})`);
  sets.push(`last_seen = (SELECT MAX(r.created_at) FROM ledger_claim_roles r WHERE ${scope()})`);
  const where = `source_id = ${p.add(c.sourceId)} AND role = ${p.add(c.role)}`;
  const z = values();
  return [
    { sql: row, values: d.values },
    { sql: `UPDATE ledger_totals SET ${sets.join(', ')} WHERE ${where}`, values: p.values },
    { sql: `DELETE FROM ledger_totals WHERE source_id = ${z.add(c.sourceId)} AND role = ${z.add(c.role)} AND claims <= 0`, values: z.values },
  ];
}

/**
 * Adds contributions (each a different source and role) to the totals in one upsert; their
 * ledger_claim_roles rows are written after it (one INSERT for all), so the EXISTS below sees only
 * other claims: a new article for the source in that role unless one already counts.
 */
function addition(values: () => SqlValues, claimId: number, added: Contribution[]): Statement[] {
  const p = values();
  const columns = Object.keys(counters(added[0]));
  const tuples = added.map((c) => {
    const counts = counters(c);
    const head = `${p.add(c.sourceId)}, ${p.add(c.role)}, ${columns.map((col) => p.add(counts[col])).join(', ')}`;
    const newArticle = `CASE WHEN EXISTS (SELECT 1 FROM ledger_claim_roles r WHERE r.source_id = ${p.add(c.sourceId)} AND r.role = ${p.add(c.role)} AND r.article_id = ${p.add(c.articleId)}) THEN 0 ELSE 1 END`;
    return `(${head}, ${newArticle}, ${p.add(c.createdAt)}, ${p.add(c.createdAt)})`;
  });
  const i = values();
  return [
    {
      sql: `INSERT INTO ledger_totals (source_id, role, ${columns.join(', ')}, articles, first_seen, last_seen)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (source_id, role) DO UPDATE SET
       ${columns.map((col) => `${col} = ledger_totals.${col} + excluded.${col}`).join(', ')},
       articles = ledger_totals.articles + excluded.articles,
       first_seen = CASE WHEN ledger_totals.first_seen IS NULL OR excluded.first_seen < ledger_totals.first_seen THEN excluded.first_seen ELSE ledger_totals.first_seen END,
       last_seen = CASE WHEN ledger_totals.last_seen IS NULL OR excluded.last_seen > ledger_totals.last_seen THEN excluded.last_seen ELSE ledger_totals.last_seen END`,
      values: p.values,
    },
    {
      sql: `INSERT INTO ledger_claim_roles (claim_id, source_id, role, position, article_id, start_offset, created_at, published, rating)
     VALUES ${added.map((c) => `(${i.list([claimId, c.sourceId, c.role, c.position, c.articleId, c.startOffset, c.createdAt, c.published, c.rating])})`).join(', ')}`,
      values: i.values,
    },
  ];
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
