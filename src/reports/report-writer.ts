import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Attribution, Claim, CLAIM_STATUSES, type ClaimStatus } from '../claims/claim.entity';
import { filterClaims } from '../claims/claim-queries';
import { publicOrigin, type Env } from '../config/env';
import type { Lang } from '../i18n/i18n';
import { ClaimTransition, RATINGS, Verdict, type Rating } from '../review/review.entities';
import { Source, type SourceKind } from '../sources/source.entity';
import { loadUsers } from '../users/user-refs';
import {
  REPORT_SCHEMA_VERSION,
  type CsvRows,
  type ReportArticle,
  type ReportClaim,
  type ReportCorrection,
  type ReportFilters,
  type ReportFormat,
  type ReportHead,
  type ReportPublisher,
  type ReportRenderer,
  type ReportSummary,
} from './report.model';
import { claimPage, claimRowsByIds, reportClaims, type ClaimKey } from './report-reads';
import { rendererFor } from './renderers';
import { Spool } from './spool';

export interface ReportRequest {
  /** Set for a single-article report; otherwise `filters` select claims across articles. */
  articleId?: number;
  filters: ReportFilters;
  format: ReportFormat;
  publishedOnly: boolean;
  rows?: CsvRows;
  /** The language of the human labels (Markdown, HTML); English when absent. */
  lang?: Lang;
}

export interface ReportAuthor {
  generatedBy: string;
  /** Defaults to the clock; the CLI can pin it (reproducible output). */
  generatedAt?: Date;
}

/** Called with each claim as it is written (the CLI checks ClaimReview readiness on the way). */
export type ClaimObserver = (claim: ReportClaim, article: ReportArticle) => void;

export interface OpenedReport {
  contentType: string;
  fileName: string;
  /** The document, produced page by page of claims as it is read. */
  stream: Readable;
}

type Names = Map<number, string>;

/**
 * Builds sourced reports. Everything before the first claim (metadata, summary) is read and
 * checked up front, so a missing article is a 404 before any byte is sent; the claims are then
 * read in pages (keyset on article order) and rendered page by page into the stream, which is
 * pulled by its reader (backpressure), and the evidence references that end the document are
 * kept aside on disk (`Spool`): nothing is held per claim, so memory does not grow with the
 * report. Reads only. Plain TypeORM, no Nest services: the API wraps it (`ReportsService`) and
 * the command line runs it on a bare data source, without loading the web application.
 */
export class ReportWriter {
  /** Claims read per query while streaming. */
  pageSize = 100;
  /** Where the reference list waits for the end of the report (a private directory per report, removed after). */
  spoolDirectory = tmpdir();

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
    /** The report's one clock reading, unless the author pins it. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(request: ReportRequest, author: ReportAuthor, observe?: ClaimObserver): Promise<OpenedReport> {
    const manager = this.dataSource.manager;
    const head = await this.head(manager, request, author);
    const renderer = rendererFor(request.format, { rows: request.rows });
    const base = request.articleId !== undefined ? `article-${request.articleId}` : 'claims';
    const fileName = `${base}-${request.format === 'claimreview' ? 'claimreview' : 'report'}.${renderer.extension}`;
    return {
      contentType: renderer.contentType,
      fileName,
      stream: Readable.from(this.chunks(manager, renderer, head, request, observe), { objectMode: false, encoding: 'utf8' }),
    };
  }

  /** The desk as reports and ClaimReview name it; reviews live at the public pages (`PUBLIC_URL/checks`) unless configured. */
  publisher(): ReportPublisher {
    return {
      name: this.env.REPORT_PUBLISHER_NAME,
      url: this.env.REPORT_PUBLISHER_URL || null,
      reviewBaseUrl: this.env.REPORT_REVIEW_BASE_URL || `${publicOrigin(this.env)}/checks`,
    };
  }

  /** The published claims a report request covers, in article order (for ClaimReview readiness warnings). */
  async publishedIds(request: ReportRequest): Promise<number[]> {
    const rows = await this.scope(this.dataSource.manager, { ...request, publishedOnly: true })
      .select('c.id', 'id')
      .orderBy('c.article_id')
      .addOrderBy('c.start_offset')
      .addOrderBy('c.id')
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * Claims as the reports model them (chain, verdicts, corrections, evidence), with their
   * articles, for the given ids in the given order: the public pages and the ClaimReview
   * readiness check render from the same data as the reports.
   */
  async claimsByIds(ids: number[]): Promise<{ claim: ReportClaim; article: ReportArticle }[]> {
    if (ids.length === 0) return [];
    const manager = this.dataSource.manager;
    const ordered = await claimRowsByIds(manager, ids);
    const articleIds = [...new Set(ordered.map((c) => c.articleId))];
    const articles = await this.articleModels(manager, await manager.find(Article, { where: { id: In(articleIds) } }), false);
    const articleById = new Map(articles.map((a) => [a.id, a]));
    const models = await reportClaims(manager, ordered, 1);
    return models.map((claim) => ({ claim, article: articleById.get(claim.articleId)! }));
  }

  private scope(manager: EntityManager, request: ReportRequest): SelectQueryBuilder<Claim> {
    const qb = filterClaims(manager, { ...request.filters, articleId: request.articleId ?? request.filters.articleId });
    if (request.publishedOnly) qb.andWhere('c.status = :publishedStatus', { publishedStatus: 'published' });
    return qb;
  }

  /** `claim_id IN (<the report's claims>)`, as a subquery with its parameters. */
  private inScope<T extends object>(qb: SelectQueryBuilder<T>, column: string, manager: EntityManager, request: ReportRequest): SelectQueryBuilder<T> {
    const ids = this.scope(manager, request).select('c.id');
    return qb.andWhere(`${column} IN (${ids.getQuery()})`).setParameters(ids.getParameters());
  }

  private async head(manager: EntityManager, request: ReportRequest, author: ReportAuthor): Promise<ReportHead> {
    let articles: ReportArticle[];
    if (request.articleId !== undefined) {
      const article = await manager.findOneBy(Article, { id: request.articleId });
      if (!article) throw notFound(`Article ${request.articleId} does not exist.`);
      articles = await this.articleModels(manager, [article], request.format === 'html');
    } else {
      const rows = await this.scope(manager, request).select('c.article_id', 'articleId').distinct(true).getRawMany<{ articleId: number }>();
      const ids = rows.map((r) => Number(r.articleId));
      const found = ids.length ? await manager.find(Article, { where: { id: In(ids) }, order: { id: 'ASC' } }) : [];
      articles = await this.articleModels(manager, found, false);
    }
    const highlights =
      request.articleId !== undefined && request.format === 'html'
        ? (await this.scope(manager, request).select(['c.id', 'c.start', 'c.end', 'c.quote']).orderBy('c.start_offset').addOrderBy('c.end_offset').addOrderBy('c.id').getMany())
            // A claim a revision could not re-anchor still points into an earlier text: not highlighted in this one.
            .filter((c) => articles[0]?.body === undefined || articles[0].body.slice(c.start, c.end) === c.quote)
            .map((c) => ({ claimId: c.id, start: c.start, end: c.end }))
        : [];
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      lang: request.lang ?? 'en',
      scope: request.articleId !== undefined ? 'article' : 'claims',
      filters: normaliseFilters({ ...request.filters, ...(request.articleId !== undefined ? { articleId: request.articleId } : {}) }),
      publishedOnly: request.publishedOnly,
      generatedAt: (author.generatedAt ?? this.now()).toISOString(),
      generatedBy: author.generatedBy,
      publisher: this.publisher(),
      articles,
      highlights,
      summary: await this.summary(manager, request),
    };
  }

  private async articleModels(manager: EntityManager, articles: Article[], withBody: boolean): Promise<ReportArticle[]> {
    const outletIds = articles.map((a) => a.outletId).filter((id): id is number => id !== null);
    const outlets = outletIds.length ? await manager.find(Source, { where: { id: In(outletIds) }, select: ['id', 'name'] }) : [];
    const outletOf = new Map(outlets.map((o) => [o.id, { id: o.id, name: o.name }]));
    return articles.map((a) => ({
      id: a.id,
      title: a.title,
      outlet: a.outletId !== null ? (outletOf.get(a.outletId) ?? null) : null,
      url: a.url,
      language: a.language,
      publishedDate: a.publishedDate,
      bodySha256: a.bodySha256,
      ...(withBody ? { body: a.body } : {}),
    }));
  }

  private async summary(manager: EntityManager, request: ReportRequest): Promise<ReportSummary> {
    const statusRows = await this.scope(manager, request)
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('c.status')
      .getRawMany<{ status: ClaimStatus; n: string | number }>();
    const statusCount = new Map(statusRows.map((r) => [r.status, Number(r.n)]));
    const claims = [...statusCount.values()].reduce((a, b) => a + b, 0);

    // The current verdict is the latest by id (verdicts are append-only).
    const ratingRows = await this.scope(manager, request)
      .leftJoin(Verdict, 'v', 'v.claim_id = c.id AND v.id = (SELECT MAX(vv.id) FROM verdicts vv WHERE vv.claim_id = c.id)')
      .select('v.rating', 'rating')
      .addSelect('COUNT(*)', 'n')
      .groupBy('v.rating')
      .getRawMany<{ rating: Rating | null; n: string | number }>();
    const ratingCount = new Map(ratingRows.map((r) => [r.rating ?? 'unrated', Number(r.n)]));

    const unattributedRow = await this.scope(manager, request)
      .select('COUNT(*)', 'n')
      .andWhere('c.unattributed = :isUnattributed', { isUnattributed: true })
      .getRawOne<{ n: string | number }>();
    const unattributed = Number(unattributedRow?.n ?? 0);

    const sourceRows = await this.inScope(
      manager
        .createQueryBuilder()
        .from(Attribution, 'at')
        .innerJoin(Source, 's', 's.id = at.source_id')
        .select('s.id', 'id')
        .addSelect('s.name', 'name')
        .addSelect('s.kind', 'kind')
        .addSelect('COUNT(DISTINCT CASE WHEN at.position = 0 THEN at.claim_id END)', 'asSpeaker')
        .addSelect('COUNT(DISTINCT CASE WHEN at.position > 0 THEN at.claim_id END)', 'asRelay')
        .groupBy('s.id')
        .addGroupBy('s.name')
        .addGroupBy('s.kind'),
      'at.claim_id',
      manager,
      request,
    ).getRawMany<{ id: number; name: string; kind: SourceKind; asSpeaker: string | number; asRelay: string | number }>();
    const sources = sourceRows
      .map((r) => ({ id: Number(r.id), name: r.name, kind: r.kind, asSpeaker: Number(r.asSpeaker), asRelay: Number(r.asRelay) }))
      // Sorted here, not in SQL: collations differ between databases, code-unit order does not.
      .sort((a, b) => b.asSpeaker + b.asRelay - (a.asSpeaker + a.asRelay) || compare(a.name, b.name) || a.id - b.id);

    const transitions = await this.inScope(
      manager
        .getRepository(ClaimTransition)
        .createQueryBuilder('t')
        .where('t.from_status = :fromStatus AND t.to_status = :toStatus', { fromStatus: 'published', toStatus: 'in_review' })
        .orderBy('t.at')
        .addOrderBy('t.id'),
      't.claim_id',
      manager,
      request,
    ).getMany();
    const names = await this.userNames(manager, transitions.map((t) => t.userId));

    return {
      claims,
      byStatus: CLAIM_STATUSES.map((status) => ({ status, count: statusCount.get(status) ?? 0 })),
      byRating: [...RATINGS, 'unrated' as const].map((rating) => ({ rating, count: ratingCount.get(rating) ?? 0 })),
      sources,
      unattributed,
      unattributedShare: claims === 0 ? 0 : Math.round((unattributed / claims) * 10_000) / 10_000,
      corrections: transitions.map((t) => correction(t, names)),
    };
  }

  private async *chunks(
    manager: EntityManager,
    renderer: ReportRenderer,
    head: ReportHead,
    request: ReportRequest,
    observe: ClaimObserver | undefined,
  ): AsyncGenerator<string> {
    yield renderer.head(head);
    const articles = new Map(head.articles.map((a) => [a.id, a]));
    const spool = renderer.listsReferences ? await Spool.open(this.spoolDirectory) : null;
    try {
      let references = 0;
      let index = 0;
      let previous: ClaimKey | null = null;
      let lastArticleId: number | null = null;
      const filters = { ...request.filters, articleId: request.articleId ?? request.filters.articleId };
      for (;;) {
        const page = await claimPage(manager, filters, request.publishedOnly, previous, this.pageSize);
        // One chunk per page: the claims' text for the stream, their references for the spool.
        let text = '';
        let kept = '';
        for (const claim of await reportClaims(manager, page, references + 1)) {
          // A claim on an article that was not in scope when the head was read (added meanwhile).
          if (!articles.has(claim.articleId)) {
            const found = await manager.findOneBy(Article, { id: claim.articleId });
            if (!found) throw notFound(`Article ${claim.articleId} does not exist.`);
            const [added] = await this.articleModels(manager, [found], false);
            articles.set(added.id, added);
          }
          const article = articles.get(claim.articleId)!;
          text += renderer.claim(claim, { head, index, firstOfArticle: claim.articleId !== lastArticleId, article });
          observe?.(claim, article);
          for (const evidence of claim.evidence) kept += renderer.reference(evidence, references++, head);
          lastArticleId = claim.articleId;
          index++;
        }
        if (text) yield text;
        if (spool) await spool.write(kept);
        if (page.length < this.pageSize) break;
        previous = page[page.length - 1];
      }
      yield renderer.referencesStart(references, head);
      if (spool) yield* spool.read();
      yield renderer.end(references, head);
    } finally {
      await spool?.close();
    }
  }

  private async userNames(manager: EntityManager, ids: (number | null)[]): Promise<Names> {
    const users = await loadUsers(manager, ids);
    return new Map([...users].map(([id, u]) => [id, u.displayName || u.username]));
  }
}

function correction(t: ClaimTransition, names: Names): ReportCorrection {
  return { claimId: t.claimId, at: t.at.toISOString(), by: t.userId !== null ? (names.get(t.userId) ?? null) : null, reason: t.reason };
}

/** A 404 for the API; Nest is loaded only then (the command line's report runs without it). */
function notFound(message: string): Error {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NotFoundException } = require('@nestjs/common') as typeof import('@nestjs/common');
  return new NotFoundException(message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The filters as the report states them: only those given, in a fixed key order. */
function normaliseFilters(f: ReportFilters): ReportFilters {
  const out: ReportFilters = {};
  if (f.articleId !== undefined) out.articleId = f.articleId;
  if (f.status?.length) out.status = [...f.status];
  if (f.kind?.length) out.kind = [...f.kind];
  if (f.sourceId !== undefined) out.sourceId = f.sourceId;
  if (f.sourceRole !== undefined) out.sourceRole = f.sourceRole;
  if (f.unattributed !== undefined) out.unattributed = f.unattributed;
  if (f.q !== undefined) out.q = f.q;
  if (f.assigneeId !== undefined) out.assigneeId = f.assigneeId;
  return out;
}
