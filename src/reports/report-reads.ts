import type { EntityManager } from 'typeorm';
import { claimWhere, Params } from '../claims/claim-reads';
import type { AttributionMode, ClaimKind, ClaimStatus, Stance } from '../claims/claim.entity';
import type { Rating } from '../review/review.entities';
import type { SourceKind } from '../sources/source.entity';
import { chainText, RATING_LABELS, RATING_VALUES, type ReportClaim, type ReportCorrection, type ReportEvidence, type ReportFilters, type ReportLink, type ReportVerdict } from './report.model';

/**
 * The report's per-page reads in hand-written SQL through the query runner: the page of claims,
 * then their chains, verdicts, corrections and evidence (each with the names and archived copies
 * it shows, joined), five queries a page whatever its size. A profile of a 100k-claim export
 * showed TypeORM's query building and entity hydration taking about half its CPU; these return
 * the report model directly, on SQLite and PostgreSQL alike (plain SQL, no dialect features).
 */

type Value = string | number | boolean | null;
type Raw = Record<string, Value>;

/** Where the previous page ended, in article order. */
export interface ClaimKey {
  id: number;
  articleId: number;
  start: number;
  end: number;
}

export interface ClaimRow extends ClaimKey {
  quote: string;
  text: string;
  kind: ClaimKind;
  status: ClaimStatus;
  unattributed: boolean;
}

const int = (v: Value): number => Number(v);
const str = (v: Value): string => String(v);
const strOrNull = (v: Value): string | null => (v === null ? null : String(v));
/** SQLite answers 0/1, PostgreSQL true/false. */
const bool = (v: Value): boolean => v === true || v === 1 || v === '1';
/** Instants are stored as ISO-8601 strings; written back in `toISOString` form, as the entities did. */
const iso = (v: Value): string => new Date(String(v)).toISOString();
const isoOrNull = (v: Value): string | null => (v === null ? null : iso(v));
const person = (username: Value, displayName: Value): string | null => (username === null ? null : displayName ? String(displayName) : String(username));

/**
 * One page of the report's claims in article order, strictly after `after`. The leading
 * `article_id >=` range lets the index seek to the page instead of testing every earlier claim
 * against the OR (which made a report quadratic in its size).
 */
export async function claimPage(
  manager: EntityManager,
  filters: ReportFilters,
  publishedOnly: boolean,
  after: ClaimKey | null,
  limit: number,
): Promise<ClaimRow[]> {
  const p = new Params(manager);
  let where = claimWhere(filters, p);
  if (publishedOnly) where += ` AND c.status = ${p.add('published')}`;
  if (after) {
    // Each placeholder in order (SQLite's `?` are positional).
    const article = () => p.add(after.articleId);
    const start = () => p.add(after.start);
    const end = () => p.add(after.end);
    where +=
      ` AND c.article_id >= ${article()} AND (c.article_id > ${article()}` +
      ` OR (c.article_id = ${article()} AND c.start_offset > ${start()})` +
      ` OR (c.article_id = ${article()} AND c.start_offset = ${start()} AND c.end_offset > ${end()})` +
      ` OR (c.article_id = ${article()} AND c.start_offset = ${start()} AND c.end_offset = ${end()} AND c.id > ${p.add(after.id)}))`;
  }
  const rows: Raw[] = await manager.query(
    `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE ${where} ORDER BY c.article_id, c.start_offset, c.end_offset, c.id LIMIT ${p.add(limit)}`,
    p.values,
  );
  return rows.map(claimRow);
}

/** These claims, in the order of `ids` (those that exist). */
export async function claimRowsByIds(manager: EntityManager, ids: number[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  const p = new Params(manager);
  const rows: Raw[] = await manager.query(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id IN (${p.list(ids)})`, p.values);
  const byId = new Map(rows.map((r) => [int(r.id), claimRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const CLAIM_COLUMNS = 'c.id, c.article_id, c.start_offset, c.end_offset, c.quote, c.text, c.kind, c.status, c.unattributed';

function claimRow(r: Raw): ClaimRow {
  return {
    id: int(r.id),
    articleId: int(r.article_id),
    start: int(r.start_offset),
    end: int(r.end_offset),
    quote: str(r.quote),
    text: str(r.text),
    kind: r.kind as ClaimKind,
    status: r.status as ClaimStatus,
    unattributed: bool(r.unattributed),
  };
}

function grouped<T>(rows: Raw[], make: (row: Raw) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const claimId = int(row.claim_id);
    const group = groups.get(claimId);
    if (group) group.push(make(row));
    else groups.set(claimId, [make(row)]);
  }
  return groups;
}

/** The claims as the report models them, with their evidence numbered from `firstRef`: four queries. */
export async function reportClaims(manager: EntityManager, claims: ClaimRow[], firstRef: number): Promise<ReportClaim[]> {
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.id);
  // Placeholders are added in the order they appear in the text (SQLite's `?` are positional).
  const ask = (sql: (inIds: () => string, p: Params) => string): Promise<Raw[]> => {
    const p = new Params(manager);
    const text = sql(() => p.list(ids), p);
    return manager.query(text, p.values);
  };
  const [chainRows, verdictRows, correctionRows, evidenceRows] = await Promise.all([
    ask(
      (inIds) =>
        'SELECT a.claim_id, a.position, a.anonymous, a.description, a.verb, a.mode, a.said_when, a.said_where, ' +
        's.id AS source_id, s.name AS source_name, s.kind AS source_kind, s.description AS source_description ' +
        `FROM attributions a LEFT JOIN sources s ON s.id = a.source_id WHERE a.claim_id IN (${inIds()}) ORDER BY a.claim_id, a.position`,
    ),
    ask(
      (inIds) =>
        'SELECT v.id, v.claim_id, v.rating, v.rationale, v.created_at, v.published_at, ' +
        'r.username AS reviewer_username, r.display_name AS reviewer_display_name, ' +
        'pb.username AS publisher_username, pb.display_name AS publisher_display_name ' +
        'FROM verdicts v LEFT JOIN users r ON r.id = v.reviewer_id LEFT JOIN users pb ON pb.id = v.published_by_id ' +
        `WHERE v.claim_id IN (${inIds()}) ORDER BY v.id`,
    ),
    ask(
      (inIds, p) =>
        'SELECT t.claim_id, t.at, t.reason, u.username, u.display_name FROM claim_transitions t LEFT JOIN users u ON u.id = t.user_id ' +
        `WHERE t.claim_id IN (${inIds()}) AND t.from_status = ${p.add('published')} AND t.to_status = ${p.add('in_review')} ORDER BY t.at, t.id`,
    ),
    ask(
      (inIds, p) =>
        'SELECT e.id, e.claim_id, e.url, e.title, e.publisher, e.stance, e.excerpt, e.accessed_date, e.archive_url, ' +
        'x.retrieved_at, x.final_url, x.sha256 ' +
        `FROM evidence_links e LEFT JOIN evidence_archives x ON x.evidence_link_id = e.id AND x.status = ${p.add('archived')} ` +
        `WHERE e.claim_id IN (${inIds()}) ORDER BY e.id`,
    ),
  ]);
  const chains = grouped(chainRows, chainLink);
  const verdicts = grouped(verdictRows, verdict);
  const corrections = grouped(correctionRows, (r): ReportCorrection => ({ claimId: int(r.claim_id), at: iso(r.at), by: person(r.username, r.display_name), reason: strOrNull(r.reason) }));
  const evidence = grouped(evidenceRows, (r) => r);
  let ref = firstRef;
  return claims.map((c) => {
    const chain = chains.get(c.id) ?? [];
    const history = verdicts.get(c.id) ?? [];
    const current = history.pop() ?? null;
    return {
      id: c.id,
      articleId: c.articleId,
      start: c.start,
      end: c.end,
      quote: c.quote,
      text: c.text,
      kind: c.kind,
      status: c.status,
      published: c.status === 'published',
      unattributed: c.unattributed,
      chain,
      chainText: chainText(chain),
      verdict: current,
      earlierVerdicts: history.reverse(),
      corrections: corrections.get(c.id) ?? [],
      evidence: (evidence.get(c.id) ?? []).map((e): ReportEvidence => ({
        ref: ref++,
        id: int(e.id),
        claimId: int(e.claim_id),
        url: str(e.url),
        title: str(e.title),
        publisher: strOrNull(e.publisher),
        stance: e.stance as Stance,
        excerpt: strOrNull(e.excerpt),
        accessedDate: strOrNull(e.accessed_date),
        archiveUrl: strOrNull(e.archive_url),
        archivedCopy: e.retrieved_at !== null && e.final_url && e.sha256 ? { retrievedAt: iso(e.retrieved_at), finalUrl: str(e.final_url), sha256: str(e.sha256) } : null,
      })),
    };
  });
}

function chainLink(r: Raw): ReportLink {
  return {
    position: int(r.position),
    source: r.source_id === null ? null : { id: int(r.source_id), name: str(r.source_name), kind: r.source_kind as SourceKind, description: strOrNull(r.source_description) },
    verb: str(r.verb),
    mode: r.mode as AttributionMode,
    saidWhen: strOrNull(r.said_when),
    saidWhere: strOrNull(r.said_where),
    ...(bool(r.anonymous) ? { anonymous: { description: r.description === null ? '' : String(r.description) } } : {}),
  };
}

function verdict(r: Raw): ReportVerdict {
  const rating = r.rating as Rating;
  return {
    id: int(r.id),
    rating,
    ratingLabel: RATING_LABELS[rating],
    ratingValue: RATING_VALUES[rating] ?? null,
    rationale: str(r.rationale),
    reviewer: person(r.reviewer_username, r.reviewer_display_name),
    createdAt: iso(r.created_at),
    publishedAt: isoOrNull(r.published_at),
    publishedBy: person(r.publisher_username, r.publisher_display_name),
  };
}
