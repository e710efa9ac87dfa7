/**
 * Bench data: N claims (~30 per 3–5 KB article, 1–3 links per chain, 200 sources, evidence, a
 * third published with verdicts, some corrections), written with batched multi-row INSERTs
 * straight into a migrated database. SQLite files are cached under the temp dir (keyed by size,
 * generator version and migrations), so reruns only copy a file.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { CLAIM_KINDS } from '../../src/claims/claim.entity';
import { fold } from '../../src/common/text';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';
import { rebuildLedgerTotals } from '../../src/ledger/ledger-totals';
import { RATINGS } from '../../src/review/review.entities';
import { SOURCE_KINDS } from '../../src/sources/source.entity';

const GENERATOR_VERSION = 2;
export const SOURCES = 200;
export const CLAIMS_PER_ARTICLE = 30;
/** The bench's signed-in reviewer: logged no claim, has claims assigned. Its bearer token. */
export const BENCH_TOKEN = 'bench-token-of-the-reviewer-0123456789abcdef';
export const BENCH_REVIEWER_ID = 2;
/** An editor's bearer token, for the claim creates. */
export const BENCH_EDITOR_TOKEN = 'bench-token-of-an-editor-0123456789abcdef';
const EDITORS = [3, 4, 5];
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

const KINDS = CLAIM_KINDS;
const VERBS = ['a indiqué', "d'après", 'écrit', 'a déclaré', 'selon'];
const WORDS = ['mines', 'Palmyre', 'sapeurs', 'centre', 'armée', 'ville', 'quartiers', 'engins', 'démineurs', 'Al-Qaryatayn', 'russe', 'syrienne'];

const iso = (ms: number) => new Date(ms).toISOString();

/** Deterministic pseudo-random numbers, so every run builds the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = unknown[];

class Writer {
  constructor(
    private readonly q: QueryRunner,
    private readonly postgres: boolean,
  ) {}

  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    const perBatch = Math.max(1, Math.floor(4000 / columns.length));
    for (let i = 0; i < rows.length; i += perBatch) {
      const batch = rows.slice(i, i + perBatch);
      const params: unknown[] = [];
      const tuples = batch.map((row) => `(${row.map((v) => (params.push(v), this.postgres ? `$${params.length}` : '?')).join(', ')})`);
      await this.q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }
}

/** Fills a migrated, empty database with `claims` claims. */
export async function fill(dataSource: DataSource, claims: number): Promise<void> {
  const postgres = dataSource.options.type === 'postgres';
  const q = dataSource.createQueryRunner();
  const w = new Writer(q, postgres);
  const random = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  await q.startTransaction();
  try {
    const users: Row[] = [
      [1, 'admin', 'Admin', 'x', 'admin'],
      [BENCH_REVIEWER_ID, 'reviewer', 'Bench reviewer', 'x', 'reviewer'],
      ...EDITORS.map((id) => [id, `editor${id}`, `Editor ${id}`, 'x', 'editor']),
      [6, 'reviewer6', 'Reviewer 6', 'x', 'reviewer'],
    ].map((u) => [...u, true, iso(T0), iso(T0), 1]);
    await w.insert('users', ['id', 'username', 'display_name', 'password_hash', 'role', 'active', 'created_at', 'updated_at', 'version'], users);
    const token = createHash('sha256').update(BENCH_TOKEN).digest('hex');
    const editorToken = createHash('sha256').update(BENCH_EDITOR_TOKEN).digest('hex');
    await w.insert(
      'access_tokens',
      ['token_hash', 'user_id', 'created_at', 'expires_at', 'revoked_at'],
      [
        [token, BENCH_REVIEWER_ID, iso(T0), '2999-01-01T00:00:00.000Z', null],
        [editorToken, EDITORS[0], iso(T0), '2999-01-01T00:00:00.000Z', null],
      ],
    );

    const sources: Row[] = [];
    const aliases: Row[] = [];
    for (let id = 1; id <= SOURCES; id++) {
      const name = `Source ${id} ${pick(WORDS)}`;
      sources.push([id, name, fold(name), SOURCE_KINDS[id % SOURCE_KINDS.length], id % 3 ? 'SY' : null, null, `Description of source ${id}`, null, null, iso(T0), iso(T0), 1]);
      if (id % 4 === 0) aliases.push([id, `Alias ${id}`, fold(`Alias ${id}`)]);
    }
    await w.insert('sources', ['id', 'name', 'name_folded', 'kind', 'country', 'parent_id', 'description', 'affiliation_note', 'homepage', 'created_at', 'updated_at', 'version'], sources);
    await w.insert('source_aliases', ['source_id', 'alias', 'alias_folded'], aliases);

    const articles: Row[] = [];
    const claimRows: Row[] = [];
    const chains: Row[] = [];
    const evidence: Row[] = [];
    const verdicts: Row[] = [];
    const transitions: Row[] = [];
    let claimId = 0;
    const articleCount = Math.ceil(claims / CLAIMS_PER_ARTICLE);
    for (let articleId = 1; articleId <= articleCount; articleId++) {
      const n = Math.min(CLAIMS_PER_ARTICLE, claims - claimId);
      const sentences: string[] = [];
      for (let i = 0; i < n; i++) {
        const words = Array.from({ length: 14 + Math.floor(random() * 12) }, () => pick(WORDS)).join(' ');
        sentences.push(`Phrase ${articleId}-${i}: ${words}, a indiqué samedi le centre russe.`);
      }
      const body = sentences.join(' ');
      const published = iso(T0 + articleId * 3600_000);
      articles.push([articleId, `Article ${articleId}`, fold(`Article ${articleId}`), (articleId % SOURCES) + 1, `https://example.org/a/${articleId}`, 'fr', published.slice(0, 10), body, createHash('sha256').update(body).digest('hex'), EDITORS[0], published, published, 1]);
      let offset = 0;
      for (let i = 0; i < n; i++) {
        const id = ++claimId;
        const sentence = sentences[i];
        const quote = sentence.slice(0, Math.min(sentence.length, 60 + (i % 40)));
        const start = offset;
        offset += sentence.length + 1;
        const text = `Claim ${id}: ${quote.slice(quote.indexOf(':') + 2)}`;
        const r = random();
        const status = r < 0.34 ? 'published' : r < 0.5 ? 'draft' : r < 0.65 ? 'submitted' : r < 0.78 ? 'in_review' : r < 0.9 ? 'verdict_proposed' : 'dismissed';
        const unattributed = random() < 0.2;
        const createdBy = EDITORS[id % EDITORS.length];
        const reviewer = id % 2 ? BENCH_REVIEWER_ID : 6;
        const assignee = status === 'in_review' || status === 'verdict_proposed' || status === 'published' ? reviewer : null;
        const created = T0 + id * 60_000;
        const at = (k: number) => iso(created + k * 1000);
        const corrected = status === 'published' && id % 20 === 0;
        const steps: [string, string, string | null][] = [];
        if (status !== 'draft') steps.push(['draft', 'submitted', null]);
        if (['in_review', 'verdict_proposed', 'published'].includes(status)) steps.push(['submitted', 'in_review', null]);
        if (status === 'dismissed') steps.push(['submitted', 'dismissed', 'not checkable']);
        if (status === 'verdict_proposed' || status === 'published') steps.push(['in_review', 'verdict_proposed', null]);
        if (status === 'published') steps.push(['verdict_proposed', 'published', null]);
        if (corrected) {
          steps.push(['published', 'in_review', 'a correction'], ['in_review', 'verdict_proposed', null], ['verdict_proposed', 'published', null]);
        }
        steps.forEach(([from, to, reason], k) => transitions.push([id, from, to, reason, to === 'submitted' ? createdBy : reviewer, at(k + 1)]));
        const updated = at(steps.length);
        claimRows.push([id, articleId, text, quote, start, start + quote.length, fold(`${text}\n${quote}`), KINDS[id % KINDS.length], status, unattributed, null, assignee, createdBy, iso(created), updated, 1 + steps.length]);
        if (!unattributed) {
          const links = 1 + Math.floor(random() * 3);
          for (let p = 0; p < links; p++) {
            chains.push([id, p, 1 + Math.floor(random() * SOURCES), pick(VERBS), p === 0 && id % 3 === 0 ? 'direct' : 'paraphrase', p === 0 ? 'samedi' : null, p === 0 && id % 5 === 0 ? 'sur son site officiel' : null]);
          }
        }
        const evidenceLinks = status === 'published' || status === 'verdict_proposed' ? 1 + (id % 2) : id % 7 === 0 ? 1 : 0;
        for (let e = 0; e < evidenceLinks; e++) {
          evidence.push([id, `https://evidence.example/${id}/${e}`, `Evidence ${e} for claim ${id}`, 'Example', e ? 'context' : 'supports', null, '2024-02-01', null, reviewer, at(1)]);
        }
        const verdictCount = status === 'published' ? (corrected ? 2 : 1) : status === 'verdict_proposed' ? 1 : 0;
        for (let v = 0; v < verdictCount; v++) {
          const publishedAt = status === 'published' ? at(v === 0 ? 4 : 7) : null;
          verdicts.push([id, RATINGS[(id + v) % RATINGS.length], `Rationale ${v} for claim ${id}.`, reviewer, at(v === 0 ? 3 : 6), publishedAt, publishedAt ? (reviewer === 6 ? BENCH_REVIEWER_ID : 6) : null]);
        }
      }
    }
    await w.insert('articles', ['id', 'title', 'title_folded', 'outlet_id', 'url', 'language', 'published_date', 'body', 'body_sha256', 'created_by_id', 'created_at', 'updated_at', 'version'], articles);
    await w.insert('claims', ['id', 'article_id', 'text', 'quote', 'start_offset', 'end_offset', 'search_folded', 'kind', 'status', 'unattributed', 'note', 'assignee_id', 'created_by_id', 'created_at', 'updated_at', 'version'], claimRows);
    await w.insert('attributions', ['claim_id', 'position', 'source_id', 'verb', 'mode', 'said_when', 'said_where'], chains);
    await w.insert('evidence_links', ['claim_id', 'url', 'title', 'publisher', 'stance', 'excerpt', 'accessed_date', 'archive_url', 'added_by_id', 'created_at'], evidence);
    await w.insert('verdicts', ['claim_id', 'rating', 'rationale', 'reviewer_id', 'created_at', 'published_at', 'published_by_id'], verdicts);
    await w.insert('claim_transitions', ['claim_id', 'from_status', 'to_status', 'reason', 'user_id', 'at'], transitions);
    if (postgres) {
      // Explicit ids leave the sequences behind: move them past the rows written.
      for (const table of ['users', 'sources', 'articles', 'claims']) {
        await q.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
      }
    }
    // Written with plain SQL, not through the audited services: the ledger's totals are derived here.
    await rebuildLedgerTotals(q.manager);
    await q.commitTransaction();
  } catch (error) {
    await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}

const options = (url: string) => dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4, DATABASE_STATEMENT_TIMEOUT_MS: 600_000 });

/** Migrates the (empty) database at `url` and fills it. */
export async function generateInto(url: string, claims: number): Promise<void> {
  const dataSource = new DataSource(options(url));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    await fill(dataSource, claims);
    // A desk's database in service has planner statistics (autovacuum on PostgreSQL); a bulk load
    // has none, and PostgreSQL's index-only scans also need the visibility map VACUUM sets.
    await dataSource.query(dataSource.options.type === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
  } finally {
    await dataSource.destroy();
  }
}

/** A fresh copy of the cached SQLite bench database of this size (built on first use); returns its path. */
export async function sqliteBenchCopy(claims: number, into: string): Promise<string> {
  const key = createHash('sha256')
    .update(`${GENERATOR_VERSION}:${MIGRATIONS.map((m) => m.name).join(',')}`)
    .digest('hex')
    .slice(0, 10);
  const dir = join(tmpdir(), 'claimtrail-bench-cache');
  mkdirSync(dir, { recursive: true });
  const cached = join(dir, `claims-${claims}-${key}.sqlite`);
  if (!existsSync(cached)) {
    const building = `${cached}.${process.pid}.building`;
    rmSync(building, { force: true });
    await generateInto(`sqlite:${building}`, claims);
    renameSync(building, cached);
  }
  copyFileSync(cached, into);
  return into;
}
