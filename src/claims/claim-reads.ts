import { EntityManager } from 'typeorm';
import { containsFolded, containsPattern, fold } from '../common/text';
import type { CommentDto, TransitionDto, VerdictDto } from '../review/dto/review.dto';
import type { Rating } from '../review/review.entities';
import type { UserRefDto } from '../users/dto/user.dto';
import type { AttributionMode, ClaimKind, ClaimStatus, Stance } from './claim.entity';
import type { AttributionDto, ClaimDto, ClaimListQueryDto, EvidenceLinkDto } from './dto/claim.dto';
import { sqliteJson } from '../database/json-sql';
import { readRows } from '../database/read-rows';
import { probeParts, trigramSample } from './search-probe';

/**
 * The hot claim reads in hand-written SQL (sent by readRows): the page of claims with its
 * people, evidence count and current rating in one query, the chains in a second. Profiling the
 * article page showed TypeORM's query building and entity hydration taking about half its CPU;
 * these queries return exactly the DTOs the API documents, on SQLite and PostgreSQL alike (plain
 * SQL, no dialect features), except selectClaimJson, SQLite's own JSON of the same DTOs.
 * Writes keep using the entities.
 */

type Value = string | number | boolean | null;
type Raw = Record<string, Value>;

/** Collects parameters and writes each one's placeholder in the driver's style (`?` or `$n`). */
export class Params {
  readonly values: Value[] = [];
  readonly postgres: boolean;

  constructor(manager: EntityManager) {
    this.postgres = manager.connection.options.type === 'postgres';
  }

  add(value: Value): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  list(values: readonly Value[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/**
 * `LEFT JOIN` of the latest verdict of the claim `claimId` (an SQL expression of the outer query)
 * as `alias`, or nulls when it has none. On PostgreSQL a LATERAL subquery: the same join written
 * `ON v.id = (SELECT MAX(…))` leaves the planner a hash join that reads every verdict into a hash
 * table on each request (a source's ledger at 10k claims: 4,743 verdicts, 1.9 ms of the backend's
 * time, 0.25 ms with LATERAL), and whether it picks that depends on the table's size. SQLite has
 * no LATERAL and looks the maximum up in the index per row.
 */
export function latestVerdictJoin(p: Params, alias: string, claimId: string): string {
  return p.postgres
    ? `LEFT JOIN LATERAL (SELECT * FROM verdicts lv WHERE lv.claim_id = ${claimId} ORDER BY lv.id DESC LIMIT 1) ${alias} ON TRUE`
    : `LEFT JOIN verdicts ${alias} ON ${alias}.id = (SELECT MAX(lv.id) FROM verdicts lv WHERE lv.claim_id = ${claimId})`;
}

/**
 * Claim lists count their matches exactly up to this many past the page, then stop: an exact
 * count of a broad filter or a `q=` search reads every match, which grows with the database.
 * Past the cap the page says `totalAtLeast: true` (there are at least `total` matches).
 */
export const CLAIM_COUNT_CAP = 1000;

const int = (v: Value): number => Number(v);
const ref = (id: Value, username: Value): UserRefDto | null => (id === null ? null : { id: Number(id), username: String(username) });

/** The WHERE clause of a claim list (the same filters as ClaimsService.filtered, which reports use). */
export function claimWhere(query: Omit<ClaimListQueryDto, 'page' | 'pageSize'>, p: Params): string {
  const where = claimConditions(query, p);
  return where.length ? where.join(' AND ') : '1 = 1';
}

/**
 * The conditions of a claim list's filters, one per filter given (none: every claim). With
 * `search` (what searchClaims found for `q`), the term's matches are given by their ids when
 * there are few, and read in article order when they are many.
 */
export function claimConditions(query: Omit<ClaimListQueryDto, 'page' | 'pageSize'>, p: Params, search: SearchMatches | null = null): string[] {
  const where: string[] = [];
  if (query.articleId) where.push(`c.article_id = ${p.add(query.articleId)}`);
  if (query.status?.length) where.push(`c.status IN (${p.list(query.status)})`);
  if (query.kind?.length) where.push(`c.kind IN (${p.list(query.kind)})`);
  if (query.unattributed !== undefined) where.push(`c.unattributed = ${p.add(query.unattributed)}`);
  if (query.assigneeId) where.push(`c.assignee_id = ${p.add(query.assigneeId)}`);
  if (query.createdById) where.push(`c.created_by_id = ${p.add(query.createdById)}`);
  if (query.q && search?.ids) {
    where.push(search.ids.length ? `c.id IN (${p.list(search.ids)})` : '1 = 0');
  } else if (query.q) {
    // The wording and quote, or a source of the chain by name or alias (all folded: accents optional).
    const pattern = containsPattern(query.q);
    const wording = `c.search_folded LIKE ${p.add(pattern)} ESCAPE '\\'`;
    const sources =
      `SELECT s.id FROM sources s WHERE s.name_folded LIKE ${p.add(pattern)} ESCAPE '\\' ` +
      `UNION SELECT sa.source_id FROM source_aliases sa WHERE sa.alias_folded LIKE ${p.add(pattern)} ESCAPE '\\'`;
    if (search?.manyBySource) {
      // Matches are dense and the matching sources have many claims: reading in article order meets matches soon, and a
      // claim whose wording does not match has its own chain checked, instead of listing every claim of the sources first.
      // On PostgreSQL, OFFSET 0 keeps it that way: without it the planner may hash the EXISTS as an IN over every claim
      // of those sources, sized for the whole table rather than the page (q=ville, 19 sources: 3.4 ms at 10k claims,
      // 5.8 ms at 100k; with it 0.43 and 0.44 ms).
      const fence = p.postgres ? ' OFFSET 0' : '';
      where.push(`(${wording} OR EXISTS (SELECT 1 FROM attributions a WHERE a.claim_id = c.id AND a.source_id IN (${sources})${fence}))`);
    } else {
      where.push(`(${wording} OR c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id IN (${sources})))`);
    }
  }
  if (query.sourceId) {
    const role = query.sourceRole === 'speaker' ? ' AND a.position = 0' : query.sourceRole === 'relay' ? ' AND a.position > 0' : '';
    // IN (subquery) lets both databases start from the source's index instead of probing every claim.
    where.push(`c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id = ${p.add(query.sourceId)}${role})`);
  }
  return where;
}

/** At most this many matches of a search term are read by id (searchClaims); more are read in article order. */
export const SEARCH_ID_LIMIT = CLAIM_COUNT_CAP;
export interface SearchMatches {
  ids: number[] | null;
  /** The sources whose name or alias matches are in more than SEARCH_ID_LIMIT claims. */
  manyBySource: boolean;
}

/**
 * What a `q=` term matches, found through the trigram index of the claims' folded text
 * (migration 1767000000000-claim-search-index) and the sources' names and aliases:
 * - `ids`: every claim it matches, when there are at most SEARCH_ID_LIMIT of them. The list then
 *   reads just those claims, and their number is the count. A rare term no longer reads every
 *   claim in article order looking for matches that are not there.
 * - `ids: null`: more matches than that. Matches are then dense enough that reading the claims in
 *   article order fills a page soon, and a count without other filters is known to pass the cap.
 *   When the matching sources alone are in more than that many claims (`manyBySource`), a claim
 *   read has its own chain checked (EXISTS) rather than the list of all their claims built first.
 * The index gives candidates; each is checked against the same pattern as the list's condition,
 * so both ways answer the same claims. On PostgreSQL the index may be asked for the term's rare
 * words only (postgresTextArm, search-probe.ts), the candidates then checked for the whole term.
 * SQLite's index is asked without an ESCAPE clause (with one, FTS5 scans its whole table): a `%`
 * or `_` in the term then only widens the candidates.
 */
export async function searchClaims(manager: EntityManager, term: string): Promise<SearchMatches | null> {
  const folded = fold(term);
  // A trigram index holds runs of three characters: a shorter term has none to look up.
  if (folded.length < 3) return null;
  const p = new Params(manager);
  const pattern = containsPattern(term);
  const within = SEARCH_ID_LIMIT + 1;
  const textArm = p.postgres
    ? await postgresTextArm(manager, p, folded, within)
    : // The index drives and stops at the limit: a join, not IN (…), which would list every candidate first;
      // CROSS JOIN keeps that order (SQLite's planner may otherwise scan the claims and probe the index for each).
      `SELECT c.id FROM claim_text_trigrams f CROSS JOIN claims c ON c.id = f.rowid WHERE f.search_folded LIKE ${p.add(`%${folded}%`)} ` +
      `AND c.search_folded LIKE ${p.add(pattern)} ESCAPE '\\' LIMIT ${within}`;
  const sourceArm =
    `SELECT a.claim_id FROM attributions a WHERE a.source_id IN (SELECT s.id FROM sources s WHERE s.name_folded LIKE ${p.add(pattern)} ESCAPE '\\' ` +
    `UNION SELECT sa.source_id FROM source_aliases sa WHERE sa.alias_folded LIKE ${p.add(pattern)} ESCAPE '\\') LIMIT ${within}`;
  // Each arm's ids come back joined in one text: the driver builds an object for every row, and for
  // the 1,001 ids of a dense term that took a third of the probe (SQLite at 100k claims: 2.4 ms as
  // rows, 1.5 ms as one text).
  const joined = (column: string) => (p.postgres ? `string_agg(CAST(${column} AS TEXT), ',')` : `group_concat(${column}, ',')`);
  const [row] = await readRows<Raw>(
    manager,
    `SELECT (SELECT ${joined('t.id')} FROM (${textArm}) t) AS text_ids, (SELECT ${joined('s.claim_id')} FROM (${sourceArm}) s) AS source_ids`,
    p.values,
  );
  const split = (value: Value): number[] => (value === null || value === '' ? [] : String(value).split(',').map(int));
  const [byText, bySource] = [split(row.text_ids), split(row.source_ids)];
  // An arm that reached its limit was cut short: its ids are not all the matches (the source arm's ids are of links,
  // and a source may be at two places of one chain, so it can reach the limit with fewer claims).
  const complete = byText.length <= SEARCH_ID_LIMIT && bySource.length <= SEARCH_ID_LIMIT;
  const ids = new Set([...byText, ...bySource]);
  return { ids: complete && ids.size <= SEARCH_ID_LIMIT ? [...ids] : null, manyBySource: bySource.length > SEARCH_ID_LIMIT };
}

/**
 * The statement that lists the claims whose folded text contains `folded`, on PostgreSQL: the
 * trigram index asked for the parts search-probe.ts chooses, and, when those are not the whole
 * term, each candidate checked for the whole term (strpos: the same test as LIKE on the escaped
 * pattern, and one the index does not take, so that it is not asked for the frequent parts again).
 */
export async function postgresTextArm(manager: EntityManager, p: Params, folded: string, within: number): Promise<string> {
  const parts = probeParts(folded, await trigramSample(manager));
  const lookups = parts.map((part) => `c.search_folded LIKE ${p.add(containsFolded(part))} ESCAPE '\\'`);
  const whole = parts.length === 1 && parts[0] === folded ? '' : ` AND strpos(c.search_folded, ${p.add(folded)}) > 0`;
  return `SELECT c.id FROM claims c WHERE ${lookups.join(' AND ')}${whole} LIMIT ${within}`;
}

/**
 * A source's claims in one role: as speaker (the first link of the chain) or as relay (a later
 * one). These lists are read from the ledger's rows (`ledger_claim_roles`: one per claim, source
 * and role, with the claim's article and anchor start, kept in the transaction of every write;
 * src/ledger/ledger-totals.ts) through their index in article order, so a page stops at the page
 * instead of reading and sorting every claim of the source first, and, when nothing else
 * filters, their count is the ledger's total for that source and role instead of a count of them.
 */
export interface SourceRoleScope {
  sourceId: number;
  role: 'speaker' | 'relay';
}

export function sourceRoleScope(query: Pick<ClaimListQueryDto, 'sourceId' | 'sourceRole'>): SourceRoleScope | null {
  if (!query.sourceId || (query.sourceRole !== 'speaker' && query.sourceRole !== 'relay')) return null;
  return { sourceId: query.sourceId, role: query.sourceRole };
}

/** The FROM and the conditions of a page of a source's claims in one role (the other filters go after, in the same Params). */
export function sourceRolePage(scope: SourceRoleScope, p: Params): { from: string; conditions: string[] } {
  return {
    from: 'ledger_claim_roles l JOIN claims c ON c.id = l.claim_id',
    conditions: [`l.source_id = ${p.add(scope.sourceId)}`, `l.role = ${p.add(scope.role)}`],
  };
}

/** How many claims the source counts in that role (the ledger's total; 0 when it has none), capped as countClaims caps. */
export async function countSourceRole(manager: EntityManager, scope: SourceRoleScope, limit: number): Promise<CappedCount> {
  const p = new Params(manager);
  const [row] = await readRows<Raw>(manager, `SELECT t.claims FROM ledger_totals t WHERE t.source_id = ${p.add(scope.sourceId)} AND t.role = ${p.add(scope.role)}`, p.values);
  return cappedCount(row ? int(row.claims) : 0, limit);
}

/** Reads a page of claims as selectClaimDtos does: as objects (selectClaimDtos) or as their JSON (selectClaimJson). */
export type ClaimReader<T> = (manager: EntityManager, p: Params, where: string, tail?: string, from?: string) => Promise<T[]>;

/**
 * Claims matching `where` (with `tail`: ORDER BY, LIMIT), as list DTOs: one query for the claims,
 * their assignee and author, evidence count and latest rating, and one for their chains. `from`
 * names the claims `c` (and may join what drives the page: sourceRolePage).
 */
export async function selectClaimDtos(manager: EntityManager, p: Params, where: string, tail = '', from = 'claims c'): Promise<ClaimDto[]> {
  const rows: Raw[] = await readRows(manager, `SELECT ${CLAIM_COLUMNS} FROM ${from} ${CLAIM_PEOPLE} WHERE ${where} ${tail}`, p.values);
  if (rows.length === 0) return [];
  const chains = await selectChains(
    manager,
    rows.map((r) => int(r.id)),
  );
  return rows.map((row) => claimDto(row, chains));
}

/**
 * One claim as selectClaimDtos reads it, with its wording version (the workflow's), its chain read
 * beside it rather than after it: the claim detail's first reads in one round trip. Null if none.
 */
export async function selectClaimWithWording(manager: EntityManager, claimId: number): Promise<{ dto: ClaimDto; wordingVersion: number } | null> {
  const p = new Params(manager);
  const [[row], chains] = await Promise.all([
    readRows<Raw>(manager, `SELECT ${CLAIM_COLUMNS}, c.wording_version FROM claims c ${CLAIM_PEOPLE} WHERE c.id = ${p.add(claimId)}`, p.values),
    selectChains(manager, [claimId]),
  ]);
  return row ? { dto: claimDto(row, chains), wordingVersion: int(row.wording_version) } : null;
}

/** The columns of a claim `c` that its list DTO needs, with its assignee `ua` and author `uc` (CLAIM_PEOPLE). */
const CLAIM_COLUMNS = `c.id, c.article_id, c.text, c.quote, c.start_offset, c.end_offset, c.kind, c.status, c.unattributed, c.note,
            c.assignee_id, ua.username AS assignee_name, c.created_by_id, uc.username AS creator_name,
            c.created_at, c.updated_at, c.version,
            (SELECT COUNT(*) FROM evidence_links e WHERE e.claim_id = c.id) AS evidence_count,
            (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1) AS rating`;
const CLAIM_PEOPLE = 'LEFT JOIN users ua ON ua.id = c.assignee_id LEFT JOIN users uc ON uc.id = c.created_by_id';

function claimDto(c: Raw, chains: Map<number, AttributionDto[]>): ClaimDto {
  return {
    id: int(c.id),
    articleId: int(c.article_id),
    text: String(c.text),
    quote: String(c.quote),
    start: int(c.start_offset),
    end: int(c.end_offset),
    kind: c.kind as ClaimKind,
    status: c.status as ClaimStatus,
    unattributed: Boolean(c.unattributed),
    attributions: chains.get(int(c.id)) ?? [],
    note: c.note === null ? null : String(c.note),
    assignee: ref(c.assignee_id, c.assignee_name),
    createdBy: ref(c.created_by_id, c.creator_name),
    evidenceCount: int(c.evidence_count),
    currentRating: c.rating === null ? null : (c.rating as Rating),
    createdAt: String(c.created_at),
    updatedAt: String(c.updated_at),
    version: int(c.version),
  };
}

/**
 * SQLite only (json-sql.ts): the page selectClaimDtos reads, as the JSON text of each claim, in
 * the page's order, written by SQLite's json_object instead of built as objects row by row and
 * column by column by the driver and then serialised. A profile of the article page put that
 * object building and serialising at about half of the main thread's CPU; here the main thread
 * joins the texts. The text is byte for byte `JSON.stringify` of selectClaimDtos' DTO (the same
 * members in the same order, strings escaped alike): claim-json.e2e-spec compares the two on
 * awkward text.
 *
 * The page's ids come first (the filters, the order and the LIMIT), then the JSON of those claims
 * only: in a query that sorts, SQLite computes every result column of every match before sorting.
 */
export async function selectClaimJson(manager: EntityManager, p: Params, where: string, tail = '', from = 'claims c'): Promise<string[]> {
  // A claim deleted between the two statements (a write unit can run between them) leaves a
  // hole in the page: read it again, so that the page is whole and its total right. Should
  // deletions keep landing there, the third reading answers without the deleted claims.
  for (let reading = 1; ; reading++) {
    const ids = (await readRows<Raw>(manager, `SELECT c.id FROM ${from} WHERE ${where} ${tail}`, p.values)).map((r) => int(r.id));
    if (ids.length === 0) return [];
    const q = new Params(manager);
    const rows = await readRows<Raw>(manager, `SELECT c.id, ${CLAIM_JSON} AS j ${CLAIM_JSON_FROM} WHERE c.id IN (${q.list(ids)})`, q.values);
    const byId = new Map(rows.map((row) => [int(row.id), String(row.j)]));
    const texts = ids.flatMap((id) => byId.get(id) ?? []);
    if (texts.length === ids.length || reading === 3) return texts;
  }
}

/** A UserRefDto as JSON (SQLite): the user `id` names, with the username of its row joined as `alias`; null when `id` is. */
const userJson = (id: string, alias: string) => sqliteJson.objectOrNull(`${id} IS NULL`, [['id', id], ['username', `${alias}.username`]]);

/** A ClaimDto as JSON, of the claim `c` with its assignee `ua` and author `uc` (CLAIM_JSON_FROM). */
const CLAIM_JSON = ((json) => {
  const link = json.object([
    ['position', 'a.position'],
    ['source', json.objectOrNull('s.id IS NULL', [['id', 's.id'], ['name', 's.name'], ['kind', 's.kind']])],
    ['anonymous', json.boolean('a.anonymous')],
    ['description', 'a.description'],
    ['verb', 'a.verb'],
    ['mode', 'a.mode'],
    ['saidWhen', 'a.said_when'],
    ['saidWhere', 'a.said_where'],
  ]);
  return json.object([
    ['id', 'c.id'],
    ['articleId', 'c.article_id'],
    ['text', 'c.text'],
    ['quote', 'c.quote'],
    ['start', 'c.start_offset'],
    ['end', 'c.end_offset'],
    ['kind', 'c.kind'],
    ['status', 'c.status'],
    ['unattributed', json.boolean('c.unattributed')],
    ['attributions', json.array(link, 'FROM attributions a LEFT JOIN sources s ON s.id = a.source_id WHERE a.claim_id = c.id', 'a.position')],
    ['note', 'c.note'],
    ['assignee', userJson('c.assignee_id', 'ua')],
    ['createdBy', userJson('c.created_by_id', 'uc')],
    ['evidenceCount', '(SELECT COUNT(*) FROM evidence_links e WHERE e.claim_id = c.id)'],
    ['currentRating', '(SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1)'],
    ['createdAt', 'c.created_at'],
    ['updatedAt', 'c.updated_at'],
    ['version', 'c.version'],
  ]);
})(sqliteJson);

const CLAIM_JSON_FROM = 'FROM claims c LEFT JOIN users ua ON ua.id = c.assignee_id LEFT JOIN users uc ON uc.id = c.created_by_id';

/** The chains of these claims, original speaker first, with each source's id, name and kind. */
export async function selectChains(manager: EntityManager, claimIds: number[]): Promise<Map<number, AttributionDto[]>> {
  const p = new Params(manager);
  const links: Raw[] = await readRows(
    manager,
    `SELECT a.claim_id, a.position, s.id AS source_id, s.name, s.kind, a.anonymous, a.description, a.verb, a.mode, a.said_when, a.said_where
       FROM attributions a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.claim_id IN (${p.list(claimIds)})
      ORDER BY a.claim_id, a.position`,
    p.values,
  );
  const chains = new Map<number, AttributionDto[]>();
  for (const a of links) {
    const claimId = int(a.claim_id);
    let chain = chains.get(claimId);
    if (!chain) chains.set(claimId, (chain = []));
    chain.push({
      position: int(a.position),
      // Null for an anonymous link (no source; its description instead).
      source: a.source_id === null ? null : { id: int(a.source_id), name: String(a.name), kind: a.kind as NonNullable<AttributionDto['source']>['kind'] },
      anonymous: Boolean(a.anonymous),
      description: a.description === null ? null : String(a.description),
      verb: String(a.verb),
      mode: a.mode as AttributionMode,
      saidWhen: a.said_when === null ? null : String(a.said_when),
      saidWhere: a.said_where === null ? null : String(a.said_where),
    });
  }
  return chains;
}

export interface CappedCount {
  total: number;
  atLeast: boolean;
}

/** Count of the claims matching `where`, exact up to `limit`; reads at most limit + 1 matches. */
export async function countClaims(manager: EntityManager, p: Params, where: string, limit: number): Promise<CappedCount> {
  const [row]: Raw[] = await readRows(manager, `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM claims c WHERE ${where} LIMIT ${Math.floor(limit) + 1}) capped`, p.values);
  return cappedCount(int(row.n), limit);
}

/** A count of up to limit + 1 rows, as the page reports it: `limit` and "at least" past the limit. */
export const cappedCount = (n: number, limit: number): CappedCount => (n > limit ? { total: limit, atLeast: true } : { total: n, atLeast: false });

/** The count limit of a page: the cap, or further when the page itself lies past it. */
export const countLimit = (offset: number, pageSize: number) => Math.max(CLAIM_COUNT_CAP, offset + pageSize);

/** What a claim's detail adds to its list DTO, each list oldest first, with the people named. */
async function sequential(queries: (() => Promise<Raw[]>)[]): Promise<Raw[][]> {
  const results: Raw[][] = [];
  for (const query of queries) results.push(await query());
  return results;
}

export interface ClaimReviewRows {
  evidence: EvidenceLinkDto[];
  verdicts: VerdictDto[];
  /** The latest verdict's reviewer and rationale, for the workflow rules. */
  current: { reviewerId: number | null; rationale: string; wordingVersion: number | null; invalidated: boolean } | null;
  comments: CommentDto[];
  transitions: TransitionDto[];
}

export async function selectReviewRows(manager: EntityManager, claimId: number): Promise<ClaimReviewRows> {
  const one = () => {
    const p = new Params(manager);
    return { p, id: p.add(claimId) };
  };
  const e = one();
  const v = one();
  const c = one();
  const t = one();
  // In parallel on the pool; one after another inside a transaction (one connection: pg would queue them anyway).
  const all = manager.queryRunner ? sequential : (queries: (() => Promise<Raw[]>)[]) => Promise.all(queries.map((q) => q()));
  const [evidence, verdicts, comments, transitions]: Raw[][] = await all([
    () =>
      readRows(
        manager,
        `SELECT e.id, e.url, e.title, e.publisher, e.stance, e.excerpt, e.accessed_date, e.archive_url, e.added_by_id, u.username, e.created_at
           FROM evidence_links e LEFT JOIN users u ON u.id = e.added_by_id WHERE e.claim_id = ${e.id} ORDER BY e.id`,
        e.p.values,
      ),
    () =>
      readRows(
        manager,
        `SELECT v.id, v.rating, v.rationale, v.reviewer_id, ur.username AS reviewer_name, v.created_at, v.published_at,
                v.published_by_id, up.username AS publisher_name, v.reuses_verdict_id, v.wording_version, v.invalidated_at
           FROM verdicts v LEFT JOIN users ur ON ur.id = v.reviewer_id LEFT JOIN users up ON up.id = v.published_by_id
          WHERE v.claim_id = ${v.id} ORDER BY v.id`,
        v.p.values,
      ),
    () =>
      readRows(
        manager,
        `SELECT m.id, m.author_id, u.username, m.body, m.created_at FROM comments m LEFT JOIN users u ON u.id = m.author_id
          WHERE m.claim_id = ${c.id} ORDER BY m.id`,
        c.p.values,
      ),
    () =>
      readRows(
        manager,
        `SELECT t.id, t.from_status, t.to_status, t.reason, t.user_id, u.username, t.at FROM claim_transitions t LEFT JOIN users u ON u.id = t.user_id
          WHERE t.claim_id = ${t.id} ORDER BY t.id`,
        t.p.values,
      ),
  ]);
  const text = (value: Value) => (value === null ? null : String(value));
  const last = verdicts.at(-1);
  return {
    evidence: evidence.map((r) => ({
      id: int(r.id),
      url: String(r.url),
      title: String(r.title),
      publisher: text(r.publisher),
      stance: r.stance as Stance,
      excerpt: text(r.excerpt),
      accessedDate: text(r.accessed_date),
      archiveUrl: text(r.archive_url),
      addedBy: ref(r.added_by_id, r.username),
      createdAt: String(r.created_at),
    })),
    verdicts: verdicts.map((r) => ({
      id: int(r.id),
      rating: r.rating as Rating,
      rationale: String(r.rationale),
      reviewer: ref(r.reviewer_id, r.reviewer_name),
      createdAt: String(r.created_at),
      publishedAt: text(r.published_at),
      publishedBy: ref(r.published_by_id, r.publisher_name),
      reusesVerdictId: r.reuses_verdict_id === null ? null : int(r.reuses_verdict_id),
      wordingVersion: r.wording_version === null ? null : int(r.wording_version),
      invalidatedAt: text(r.invalidated_at),
    })),
    current: last
      ? {
          reviewerId: last.reviewer_id === null ? null : int(last.reviewer_id),
          rationale: String(last.rationale),
          wordingVersion: last.wording_version === null ? null : int(last.wording_version),
          invalidated: last.invalidated_at !== null,
        }
      : null,
    comments: comments.map((r) => ({ id: int(r.id), author: ref(r.author_id, r.username), body: String(r.body), createdAt: String(r.created_at) })),
    transitions: transitions.map((r) => ({
      id: int(r.id),
      from: r.from_status as ClaimStatus,
      to: r.to_status as ClaimStatus,
      reason: text(r.reason),
      user: ref(r.user_id, r.username),
      at: String(r.at),
    })),
  };
}

/**
 * A claim's detail as SQLite writes it (writesJson): the claim's JSON (CLAIM_JSON), its evidence,
 * verdicts, latest verdict, comments and transitions as JSON arrays in the order selectReviewRows
 * reads them, the number of corrections, and what the workflow needs to decide the moves a user
 * may make (ClaimsService.getForApi completes the answer). One statement: one consistent reading.
 */
export interface ClaimDetailJson {
  claim: string;
  evidence: string;
  verdicts: string;
  currentVerdict: string;
  comments: string;
  transitions: string;
  corrections: number;
  status: ClaimStatus;
  assigneeId: number | null;
  createdById: number | null;
  wordingVersion: number;
  evidenceCount: number;
  current: ClaimReviewRows['current'];
}

export async function selectClaimDetailJson(manager: EntityManager, claimId: number): Promise<ClaimDetailJson | null> {
  const p = new Params(manager);
  const [row] = await readRows<Raw>(
    manager,
    `SELECT c.status, c.assignee_id, c.created_by_id, c.wording_version,
            (SELECT COUNT(*) FROM evidence_links e WHERE e.claim_id = c.id) AS evidence_count,
            lv.id AS lv_id, lv.reviewer_id AS lv_reviewer_id, lv.rationale AS lv_rationale, lv.wording_version AS lv_wording_version,
            lv.invalidated_at AS lv_invalidated_at,
            ${CLAIM_JSON} AS j, ${REVIEW_JSON.evidence} AS evidence, ${REVIEW_JSON.verdicts} AS verdicts,
            ${REVIEW_JSON.verdict('lv', 'lvr', 'lvp')} AS current_verdict, ${REVIEW_JSON.comments} AS comments,
            ${REVIEW_JSON.transitions} AS transitions,
            (SELECT COUNT(*) FROM claim_transitions t WHERE t.claim_id = c.id AND t.from_status = 'published' AND t.to_status = 'in_review') AS corrections
       ${CLAIM_JSON_FROM}
       LEFT JOIN verdicts lv ON lv.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = c.id)
       LEFT JOIN users lvr ON lvr.id = lv.reviewer_id LEFT JOIN users lvp ON lvp.id = lv.published_by_id
      WHERE c.id = ${p.add(claimId)}`,
    p.values,
  );
  if (!row) return null;
  const nullable = (value: Value) => (value === null ? null : int(value));
  return {
    claim: String(row.j),
    evidence: String(row.evidence),
    verdicts: String(row.verdicts),
    currentVerdict: row.current_verdict === null ? 'null' : String(row.current_verdict),
    comments: String(row.comments),
    transitions: String(row.transitions),
    corrections: int(row.corrections),
    status: row.status as ClaimStatus,
    assigneeId: nullable(row.assignee_id),
    createdById: nullable(row.created_by_id),
    wordingVersion: int(row.wording_version),
    evidenceCount: int(row.evidence_count),
    current:
      row.lv_id === null
        ? null
        : {
            reviewerId: nullable(row.lv_reviewer_id),
            rationale: String(row.lv_rationale),
            wordingVersion: nullable(row.lv_wording_version),
            invalidated: row.lv_invalidated_at !== null,
          },
  };
}

/** The review parts of a claim `c`'s detail as JSON (SQLite), member for member as selectReviewRows maps them. */
const REVIEW_JSON = ((json) => {
  const verdict = (v: string, reviewer: string, publisher: string) =>
    json.objectOrNull(`${v}.id IS NULL`, [
      ['id', `${v}.id`],
      ['rating', `${v}.rating`],
      ['rationale', `${v}.rationale`],
      ['reviewer', userJson(`${v}.reviewer_id`, reviewer)],
      ['createdAt', `${v}.created_at`],
      ['publishedAt', `${v}.published_at`],
      ['publishedBy', userJson(`${v}.published_by_id`, publisher)],
      ['reusesVerdictId', `${v}.reuses_verdict_id`],
      ['wordingVersion', `${v}.wording_version`],
      ['invalidatedAt', `${v}.invalidated_at`],
    ]);
  return {
    verdict,
    evidence: json.array(
      json.object([
        ['id', 'e.id'],
        ['url', 'e.url'],
        ['title', 'e.title'],
        ['publisher', 'e.publisher'],
        ['stance', 'e.stance'],
        ['excerpt', 'e.excerpt'],
        ['accessedDate', 'e.accessed_date'],
        ['archiveUrl', 'e.archive_url'],
        ['addedBy', userJson('e.added_by_id', 'eu')],
        ['createdAt', 'e.created_at'],
      ]),
      'FROM evidence_links e LEFT JOIN users eu ON eu.id = e.added_by_id WHERE e.claim_id = c.id',
      'e.id',
    ),
    verdicts: json.array(
      verdict('v', 'vr', 'vp'),
      'FROM verdicts v LEFT JOIN users vr ON vr.id = v.reviewer_id LEFT JOIN users vp ON vp.id = v.published_by_id WHERE v.claim_id = c.id',
      'v.id',
    ),
    comments: json.array(
      json.object([
        ['id', 'm.id'],
        ['author', userJson('m.author_id', 'mu')],
        ['body', 'm.body'],
        ['createdAt', 'm.created_at'],
      ]),
      'FROM comments m LEFT JOIN users mu ON mu.id = m.author_id WHERE m.claim_id = c.id',
      'm.id',
    ),
    transitions: json.array(
      json.object([
        ['id', 't.id'],
        ['from', 't.from_status'],
        ['to', 't.to_status'],
        ['reason', 't.reason'],
        ['user', userJson('t.user_id', 'tu')],
        ['at', 't.at'],
      ]),
      'FROM claim_transitions t LEFT JOIN users tu ON tu.id = t.user_id WHERE t.claim_id = c.id',
      't.id',
    ),
  };
})(sqliteJson);
