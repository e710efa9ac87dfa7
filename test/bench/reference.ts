/**
 * The reference the issue measures Claimtrail against: node:http, the same sqlite3 / pg driver,
 * hand-written SQL and JSON.stringify, serving byte-identical JSON for the hot reads (an article's
 * claims, claim lists with filters, claim detail, the review queue, a source's ledger) and a claim
 * create with its chain and audit event. No framework, no ORM, no validation beyond what the
 * bench sends: it is the floor, not a product.
 *
 * Run: `node -r ./test/bench/swc-register.js test/bench/reference.ts` with DATABASE_URL and PORT.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import * as sqlite3 from 'sqlite3';
import { claimMatchSource, matchText } from '../../src/matching/normalise';
import { allowedTransitions } from '../../src/review/workflow';

type Value = string | number | boolean | null;
type Raw = Record<string, Value>;

interface Db {
  all(sql: string, params?: Value[]): Promise<Raw[]>;
  /** Runs `work` in a transaction on one connection (SQLite: one at a time, like the app). */
  tx<T>(work: (all: Db['all']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function sqliteDb(file: string): Db {
  const db = new sqlite3.Database(file);
  db.configure('busyTimeout', 30_000);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  const all = (sql: string, params: Value[] = []) =>
    new Promise<Raw[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Raw[]))));
  let queue: Promise<unknown> = Promise.resolve();
  return {
    all,
    tx<T>(work: (a: Db['all']) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        await all('BEGIN IMMEDIATE');
        try {
          const result = await work(all);
          await all('COMMIT');
          return result;
        } catch (error) {
          await all('ROLLBACK');
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => new Promise((resolve) => db.close(() => resolve())),
  };
}

function postgresDb(url: string): Db {
  const pool = new Pool({ connectionString: url, max: 10 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async (sql, params = []) => (await pool.query(numbered(sql), params)).rows,
    async tx(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(async (sql, params = []) => (await client.query(numbered(sql), params)).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'];
const num = (v: Value) => Number(v);
const str = (v: Value) => (v === null ? null : String(v));
const ref = (id: Value, username: Value) => (id === null ? null : { id: Number(id), username: String(username) });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Actor {
  id: number;
  username: string;
  role: 'editor' | 'reviewer' | 'admin';
}

export class Reference {
  constructor(
    private readonly db: Db,
    /** PostgreSQL: a transaction's client takes one query at a time. */
    private readonly postgres = false,
  ) {}

  static open(url: string): Reference {
    const sqlite = url.startsWith('sqlite:');
    return new Reference(sqlite ? sqliteDb(url.slice('sqlite:'.length)) : postgresDb(url), !sqlite);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async authenticate(header: string | undefined): Promise<Actor> {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (!token) throw new HttpError(401, 'Unauthorized');
    const [row] = await this.db.all(
      'SELECT u.id, u.username, u.role, u.active FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?',
      [createHash('sha256').update(token).digest('hex'), new Date().toISOString()],
    );
    if (!row || !row.active) throw new HttpError(401, 'Unauthorized');
    return { id: num(row.id), username: String(row.username), role: row.role as Actor['role'] };
  }

  /** Claims (already ordered and paginated by `where`) with chains, evidence counts, ratings and people: two queries. */
  private async claimDtos(all: Db['all'], where: string, params: Value[], tail: string): Promise<Record<string, unknown>[]> {
    const rows = await all(
      `SELECT c.id, c.article_id, c.text, c.quote, c.start_offset, c.end_offset, c.kind, c.status, c.unattributed, c.note,
              c.assignee_id, ua.username AS assignee_name, c.created_by_id, uc.username AS creator_name, c.created_at, c.updated_at, c.version,
              (SELECT COUNT(*) FROM evidence_links e WHERE e.claim_id = c.id) AS evidence_count,
              (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1) AS rating
         FROM claims c LEFT JOIN users ua ON ua.id = c.assignee_id LEFT JOIN users uc ON uc.id = c.created_by_id
        WHERE ${where} ${tail}`,
      params,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => num(r.id));
    const links = await all(
      `SELECT a.claim_id, a.position, s.id AS source_id, s.name, s.kind, a.anonymous, a.description, a.verb, a.mode, a.said_when, a.said_where
         FROM attributions a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.claim_id IN (${ids.map(() => '?').join(', ')}) ORDER BY a.claim_id, a.position`,
      ids,
    );
    const chains = new Map<number, unknown[]>();
    for (const a of links) {
      const list = chains.get(num(a.claim_id)) ?? [];
      list.push({
        position: num(a.position),
        source: a.source_id === null ? null : { id: num(a.source_id), name: a.name, kind: a.kind },
        anonymous: Boolean(a.anonymous),
        description: a.description,
        verb: a.verb,
        mode: a.mode,
        saidWhen: a.said_when,
        saidWhere: a.said_where,
      });
      chains.set(num(a.claim_id), list);
    }
    return rows.map((c) => ({
      id: num(c.id),
      articleId: num(c.article_id),
      text: c.text,
      quote: c.quote,
      start: num(c.start_offset),
      end: num(c.end_offset),
      kind: c.kind,
      status: c.status,
      unattributed: Boolean(c.unattributed),
      attributions: chains.get(num(c.id)) ?? [],
      note: c.note,
      assignee: ref(c.assignee_id, c.assignee_name),
      createdBy: ref(c.created_by_id, c.creator_name),
      evidenceCount: num(c.evidence_count),
      currentRating: c.rating,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      version: num(c.version),
    }));
  }

  async claimList(query: URLSearchParams, articleId?: number): Promise<unknown> {
    if (articleId !== undefined) {
      const [article] = await this.db.all('SELECT id FROM articles WHERE id = ?', [articleId]);
      if (!article) throw new HttpError(404, `Article ${articleId} does not exist.`);
    }
    const conditions: string[] = [];
    const params: Value[] = [];
    const list = (name: string) => query.get(name)?.split(',').filter(Boolean) ?? [];
    if (articleId !== undefined) (conditions.push('c.article_id = ?'), params.push(articleId));
    for (const [name, column] of [['status', 'c.status'], ['kind', 'c.kind']]) {
      const values = list(name);
      if (values.length) (conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`), params.push(...values));
    }
    if (query.has('unattributed')) (conditions.push('c.unattributed = ?'), params.push(query.get('unattributed') === 'true'));
    if (query.get('q')) {
      const pattern = `%${query.get('q')!.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        "(c.search_folded LIKE ? ESCAPE '\\' OR c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id IN " +
          "(SELECT s.id FROM sources s WHERE s.name_folded LIKE ? ESCAPE '\\' UNION SELECT sa.source_id FROM source_aliases sa WHERE sa.alias_folded LIKE ? ESCAPE '\\')))",
      );
      params.push(pattern, pattern, pattern);
    }
    if (query.get('createdById')) (conditions.push('c.created_by_id = ?'), params.push(Number(query.get('createdById'))));
    if (query.get('sourceId')) {
      const role = query.get('sourceRole');
      conditions.push(`c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id = ?${role === 'speaker' ? ' AND a.position = 0' : role === 'relay' ? ' AND a.position > 0' : ''})`);
      params.push(Number(query.get('sourceId')));
    }
    const where = conditions.length ? conditions.join(' AND ') : '1 = 1';
    const pageNo = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('pageSize') ?? 50);
    const items = await this.claimDtos(this.db.all, where, params, `ORDER BY c.article_id, c.start_offset, c.end_offset, c.id LIMIT ${pageSize} OFFSET ${(pageNo - 1) * pageSize}`);
    return { items, ...(await this.cappedTotal(where, params, pageNo, pageSize)), page: pageNo, pageSize };
  }

  /** The API's count: exact up to 1000 matches past the page, then `totalAtLeast: true`. */
  private async cappedTotal(where: string, params: Value[], pageNo: number, pageSize: number): Promise<{ total: number; totalAtLeast?: true }> {
    const limit = Math.max(1000, (pageNo - 1) * pageSize + pageSize);
    const [count] = await this.db.all(`SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM claims c WHERE ${where} LIMIT ${limit + 1}) capped`, params);
    return num(count.n) > limit ? { total: limit, totalAtLeast: true } : { total: num(count.n) };
  }

  async reviewQueue(actor: Actor, query: URLSearchParams): Promise<unknown> {
    const where =
      "((c.status = 'submitted' AND c.assignee_id IS NULL) OR (c.assignee_id = ? AND c.status IN ('in_review', 'verdict_proposed'))) AND (c.created_by_id IS NULL OR c.created_by_id <> ?)";
    const pageNo = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('pageSize') ?? 50);
    const items = await this.claimDtos(this.db.all, where, [actor.id, actor.id], `ORDER BY c.created_at, c.id LIMIT ${pageSize} OFFSET ${(pageNo - 1) * pageSize}`);
    return { items, ...(await this.cappedTotal(where, [actor.id, actor.id], pageNo, pageSize)), page: pageNo, pageSize };
  }

  /** `oneClient`: inside a PostgreSQL transaction, whose one client takes one query at a time (as the app does). */
  async claimDetail(all: Db['all'], id: number, actor: Actor, oneClient = false): Promise<Record<string, unknown>> {
    const [claim] = await this.claimDtos(all, 'c.id = ?', [id], '');
    if (!claim) throw new HttpError(404, `Claim ${id} does not exist.`);
    const queries: [string, Value[]][] = [
      ['SELECT e.*, u.username FROM evidence_links e LEFT JOIN users u ON u.id = e.added_by_id WHERE e.claim_id = ? ORDER BY e.id', [id]],
      [
        'SELECT v.*, ur.username AS reviewer_name, up.username AS publisher_name FROM verdicts v LEFT JOIN users ur ON ur.id = v.reviewer_id LEFT JOIN users up ON up.id = v.published_by_id WHERE v.claim_id = ? ORDER BY v.id',
        [id],
      ],
      ['SELECT c.*, u.username FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.claim_id = ? ORDER BY c.id', [id]],
      ['SELECT t.*, u.username FROM claim_transitions t LEFT JOIN users u ON u.id = t.user_id WHERE t.claim_id = ? ORDER BY t.id', [id]],
    ];
    const results: Raw[][] = [];
    if (oneClient) for (const [sql, params] of queries) results.push(await all(sql, params));
    else results.push(...(await Promise.all(queries.map(([sql, params]) => all(sql, params)))));
    const [evidence, verdicts, comments, transitions] = results;
    const verdictDtos = verdicts.map((v) => ({
      id: num(v.id),
      rating: v.rating,
      rationale: v.rationale,
      reviewer: ref(v.reviewer_id, v.reviewer_name),
      createdAt: v.created_at,
      publishedAt: v.published_at,
      publishedBy: ref(v.published_by_id, v.publisher_name),
      reusesVerdictId: v.reuses_verdict_id === null ? null : num(v.reuses_verdict_id),
      wordingVersion: v.wording_version === null ? null : num(v.wording_version),
      invalidatedAt: v.invalidated_at,
    }));
    const current = verdicts.at(-1);
    const [raw] = await all('SELECT assignee_id, created_by_id, wording_version FROM claims WHERE id = ?', [id]);
    return {
      ...claim,
      evidence: evidence.map((e) => ({
        id: num(e.id),
        url: e.url,
        title: e.title,
        publisher: e.publisher,
        stance: e.stance,
        excerpt: e.excerpt,
        accessedDate: e.accessed_date,
        archiveUrl: e.archive_url,
        addedBy: ref(e.added_by_id, e.username),
        createdAt: e.created_at,
      })),
      verdicts: verdictDtos,
      currentVerdict: verdictDtos.at(-1) ?? null,
      comments: comments.map((c) => ({ id: num(c.id), author: ref(c.author_id, c.username), body: c.body, createdAt: c.created_at })),
      transitions: transitions.map((t) => ({ id: num(t.id), from: t.from_status, to: t.to_status, reason: t.reason, user: ref(t.user_id, t.username), at: t.at })),
      corrections: transitions.filter((t) => t.from_status === 'published' && t.to_status === 'in_review').length,
      allowedTransitions: allowedTransitions(
        actor,
        {
          status: claim.status as never,
          assigneeId: raw.assignee_id === null ? null : num(raw.assignee_id),
          createdById: raw.created_by_id === null ? null : num(raw.created_by_id),
          currentVerdict: current
            ? {
                reviewerId: current.reviewer_id === null ? null : num(current.reviewer_id),
                rationale: String(current.rationale),
                wordingVersion: current.wording_version === null ? null : num(current.wording_version),
                invalidated: current.invalidated_at !== null,
              }
            : null,
          evidenceCount: evidence.length,
          wordingVersion: num(raw.wording_version),
        },
        { secondCheck: process.env.REVIEW_SECOND_CHECK !== 'false' },
      ),
    };
  }

  async sourceLedger(sourceId: number, query: URLSearchParams): Promise<unknown> {
    const [source] = await this.db.all('SELECT id, name, kind FROM sources WHERE id = ?', [sourceId]);
    if (!source) throw new HttpError(404, `Source ${sourceId} does not exist.`);
    // One row per (claim, role) for this source, with the latest verdict: the source's index, then claim lookups.
    const pairs = `SELECT a.claim_id, CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END AS role, MIN(a.position) AS position
                     FROM attributions a WHERE a.source_id = ? GROUP BY a.claim_id, CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END`;
    const rows = await this.db.all(
      `SELECT r.claim_id, r.role, r.position, c.article_id, c.start_offset, c.text, c.status, c.created_at, v.id AS verdict_id, v.rating, v.published_at
         FROM (${pairs}) r JOIN claims c ON c.id = r.claim_id
         LEFT JOIN verdicts v ON v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = r.claim_id)`,
      [sourceId],
    );
    const role = query.get('role');
    const totals: Record<string, Record<string, unknown>> = {};
    for (const name of ['speaker', 'relay']) {
      const mine = rows.filter((r) => r.role === name);
      const published = mine.filter((r) => r.status === 'published');
      const byRating = Object.fromEntries(RATINGS.map((rating) => [rating, published.filter((r) => r.rating === rating).length]));
      const seen = mine.map((r) => String(r.created_at)).sort();
      totals[name] = {
        claims: mine.length,
        articles: new Set(mine.map((r) => num(r.article_id))).size,
        published: published.length,
        publishedShare: mine.length === 0 ? 0 : published.length / mine.length,
        byRating,
        falseOrMisleading: byRating.false + byRating.misleading,
        firstSeen: seen[0] ?? null,
        lastSeen: seen.at(-1) ?? null,
      };
    }
    const listed = rows
      .filter((r) => !role || r.role === role)
      .sort((a, b) => num(a.article_id) - num(b.article_id) || num(a.start_offset) - num(b.start_offset) || num(a.claim_id) - num(b.claim_id) || (a.role === 'speaker' ? -1 : 1));
    const pageNo = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('pageSize') ?? 50);
    return {
      source: { id: num(source.id), name: source.name, kind: source.kind },
      totals,
      claims: listed.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((r) => ({
        claimId: num(r.claim_id),
        articleId: num(r.article_id),
        text: r.text,
        status: r.status,
        role: r.role,
        position: num(r.position),
        latestVerdict: r.verdict_id === null ? null : { id: num(r.verdict_id), rating: r.rating, publishedAt: str(r.published_at) },
        createdAt: r.created_at,
      })),
      total: listed.length,
      page: pageNo,
      pageSize,
    };
  }

  /** A claim with its chain and audit event, in one transaction; answers the claim's detail. */
  async createClaim(actor: Actor, articleId: number, body: Record<string, unknown>): Promise<unknown> {
    if (actor.role === 'reviewer') throw new HttpError(403, 'Forbidden');
    const chain = (body.attributions as Record<string, Value>[]) ?? [];
    return this.db.tx(async (all) => {
      const [article] = await all('SELECT body FROM articles WHERE id = ?', [articleId]);
      if (!article) throw new HttpError(404, `Article ${articleId} does not exist.`);
      const start = Number(body.start);
      const quote = String(body.quote);
      if (String(article.body).slice(start, start + quote.length) !== quote) throw new HttpError(422, 'quote');
      const ids = [...new Set(chain.map((a) => Number(a.sourceId)))];
      const found = await all(`SELECT id FROM sources WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
      if (found.length !== ids.length) throw new HttpError(422, 'sourceId');
      const now = new Date().toISOString();
      const text = String(body.text);
      const folded = `${text}\n${quote}`.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
      const [inserted] = await all(
        `INSERT INTO claims (article_id, text, quote, start_offset, end_offset, search_folded, match_text, kind, status, unattributed, note, assignee_id, created_by_id, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, NULL, NULL, ?, ?, ?, 1) RETURNING id`,
        [articleId, text, quote, start, start + quote.length, folded, matchText(claimMatchSource({ text, quote })), String(body.kind), false, actor.id, now, now],
      );
      const id = num(inserted.id);
      await all(
        `INSERT INTO attributions (claim_id, position, source_id, verb, mode, said_when, said_where) VALUES ${chain.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chain.flatMap((a, position) => [id, position, Number(a.sourceId), a.verb, a.mode, a.saidWhen ?? null, a.saidWhere ?? null]),
      );
      const detail = await this.claimDetail(all, id, actor, this.postgres);
      await all(
        'INSERT INTO audit_events (at, user_id, username, action, entity_type, entity_id, claim_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)',
        [now, actor.id, actor.username, 'claim.create', 'claim', id, id, JSON.stringify(detail)],
      );
      return detail;
    });
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://reference');
    const send = (status: number, body: unknown) => {
      const json = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
      response.end(json);
    };
    try {
      if (url.pathname === '/health') {
        await this.db.all('SELECT 1 AS ok');
        return send(200, { status: 'ok' });
      }
      const actor = await this.authenticate(request.headers.authorization);
      const path = url.pathname.split('/').slice(1);
      const id = Number(path[2]);
      if (request.method === 'POST' && path[1] === 'articles' && path[3] === 'claims') {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        return send(201, await this.createClaim(actor, id, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      }
      if (request.method !== 'GET') throw new HttpError(404, 'Not Found');
      if (path[1] === 'articles' && path[3] === 'claims' && path.length === 4) return send(200, await this.claimList(url.searchParams, id));
      if (path[1] === 'claims' && path.length === 2) return send(200, await this.claimList(url.searchParams));
      if (path[1] === 'claims' && path.length === 3) return send(200, await this.claimDetail(this.db.all, id, actor));
      if (path[1] === 'review-queue') return send(200, await this.reviewQueue(actor, url.searchParams));
      if (path[1] === 'sources' && path[3] === 'ledger') return send(200, await this.sourceLedger(id, url.searchParams));
      throw new HttpError(404, 'Not Found');
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, { statusCode: error.status, message: error.message });
      send(500, { statusCode: 500, message: 'Internal server error' });
      process.stderr.write(`reference: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }

  /** Listens on 127.0.0.1:`port` (0: any free port); resolves with the server. */
  listen(port: number): Promise<Server> {
    const server = createServer((request, response) => void this.handle(request, response));
    return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
  }
}

if (require.main === module) {
  const reference = Reference.open(process.env.DATABASE_URL ?? '');
  void reference.listen(Number(process.env.PORT ?? 0)).then((server) => {
    const address = server.address() as { port: number };
    process.stdout.write(`listening ${address.port}\n`);
  });
}
