import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { Page, page } from '../common/dto/pagination.dto';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { containsPattern, fold } from '../common/text';
import { Transactions } from '../database/transactions';
import { Source } from '../sources/source.entity';
import { Article } from './article.entity';
import { ArticleRevision } from '../revisions/revision.entities';
import { ArticleDto, ArticleListQueryDto, ArticleSummaryDto, CreateArticleDto, UpdateArticleDto } from './dto/article.dto';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Every column but the body: lists never load article texts. */
const SUMMARY_COLUMNS: (keyof Article)[] = [
  'id',
  'title',
  'outletId',
  'url',
  'language',
  'publishedDate',
  'bodySha256',
  'createdAt',
  'updatedAt',
  'version',
];

@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: ArticleListQueryDto): Promise<Page<ArticleSummaryDto>> {
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .select(SUMMARY_COLUMNS.map((c) => `a.${c}`));
    if (query.q) qb.andWhere("a.title_folded LIKE :pattern ESCAPE '\\'", { pattern: containsPattern(query.q) });
    if (query.outletId) qb.andWhere('a.outlet_id = :outletId', { outletId: query.outletId });
    if (query.language) qb.andWhere('a.language = :language', { language: query.language });
    qb.orderBy('a.created_at', query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('a.id', query.order === 'asc' ? 'ASC' : 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [articles, total] = await qb.getManyAndCount();
    return page(await this.toSummaries(this.dataSource.manager, articles), total, query);
  }

  async get(id: number): Promise<ArticleDto> {
    const article = await this.findOrFail(this.dataSource.manager, id);
    const [summary] = await this.toSummaries(this.dataSource.manager, [article]);
    return { ...summary, body: article.body };
  }

  async create(actor: Actor | null, dto: CreateArticleDto): Promise<ArticleDto> {
    return this.tx.run((manager) => this.createIn(manager, actor, dto));
  }

  async createIn(manager: EntityManager, actor: Actor | null, dto: CreateArticleDto): Promise<ArticleDto> {
    if (dto.outletId) await this.assertOutlet(manager, dto.outletId);
    const now = new Date();
    const article = await manager.save(
      manager.create(Article, {
        title: dto.title,
        titleFolded: fold(dto.title),
        outletId: dto.outletId ?? null,
        url: dto.url ?? null,
        language: dto.language,
        publishedDate: dto.publishedDate ?? null,
        body: dto.body,
        bodySha256: sha256(dto.body),
        createdById: actor?.id ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    // Revision 1: every text an article has had is kept (see src/revisions).
    await manager.insert(ArticleRevision, { articleId: article.id, number: 1, body: article.body, bodySha256: article.bodySha256, note: null, createdById: actor?.id ?? null, createdAt: now });
    const [summary] = await this.toSummaries(manager, [article]);
    await this.audit.record(manager, actor, {
      action: 'article.create',
      entityType: 'article',
      entityId: article.id,
      after: summary,
    });
    return { ...summary, body: article.body };
  }

  async update(actor: Actor, id: number, dto: UpdateArticleDto): Promise<ArticleDto> {
    return this.tx.run((manager) => this.updateIn(manager, actor, id, dto));
  }

  /** Updates inside the caller's transaction (the web form creates a new outlet in the same one). */
  async updateIn(manager: EntityManager, actor: Actor, id: number, dto: UpdateArticleDto): Promise<ArticleDto> {
    const current = await this.findOrFail(manager, id);
    const [before] = await this.toSummaries(manager, [current]);
    if (dto.outletId) await this.assertOutlet(manager, dto.outletId);
    const changes: Partial<Article> = { updatedAt: new Date() };
    if (dto.title !== undefined) Object.assign(changes, { title: dto.title, titleFolded: fold(dto.title) });
    if (dto.outletId !== undefined) changes.outletId = dto.outletId;
    if (dto.url !== undefined) changes.url = dto.url;
    if (dto.language !== undefined) changes.language = dto.language;
    if (dto.publishedDate !== undefined) changes.publishedDate = dto.publishedDate;
    if (dto.body !== undefined && dto.body !== current.body) {
      // Offsets and quotes of claims point into the body: once one exists, the text is frozen.
      const anchored = await manager.countBy(Claim, { articleId: id });
      if (anchored > 0) {
        throw new UnprocessableError(
          `The article's text cannot change: ${anchored} claim(s) are anchored to it. Post the corrected text as a new revision (POST /api/articles/${id}/revisions): the claims are re-anchored.`,
          [{ field: 'body', reason: 'claims are anchored to the current text' }],
        );
      }
      Object.assign(changes, { body: dto.body, bodySha256: sha256(dto.body) });
    }
    const result = await manager
      .createQueryBuilder()
      .update(Article)
      .set(changes)
      .where('id = :id AND version = :version', { id, version: dto.version })
      .execute();
    if (!result.affected) throw new StaleVersionError('Article', id, dto.version, current.version);
    if (changes.body !== undefined) {
      // No claim anchors to the text yet: the new text is simply the next revision.
      const last = await manager.findOne(ArticleRevision, { where: { articleId: id }, order: { number: 'DESC' }, select: { number: true } });
      await manager.insert(ArticleRevision, { articleId: id, number: (last?.number ?? 0) + 1, body: changes.body, bodySha256: changes.bodySha256!, note: null, createdById: actor.id, createdAt: new Date() });
    }
    const updated = await this.findOrFail(manager, id);
    const [after] = await this.toSummaries(manager, [updated]);
    await this.audit.record(manager, actor, {
      action: changes.body ? 'article.update+body' : 'article.update',
      entityType: 'article',
      entityId: id,
      before,
      after,
    });
    return { ...after, body: updated.body };
  }

  /** Titles of several articles in one query (for lists of claims across articles). */
  async titlesOf(ids: number[]): Promise<Map<number, { title: string; language: string }>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Article).find({ where: { id: In(wanted) }, select: ['id', 'title', 'language'] });
    return new Map(rows.map((a) => [a.id, { title: a.title, language: a.language }]));
  }

  /** The article's text, or a 404: what anchoring a claim needs, without the rest of the row. */
  async bodyOrFail(manager: EntityManager, id: number): Promise<string> {
    const [row]: { body: string }[] = await manager.query(`SELECT body FROM articles WHERE id = ${manager.connection.options.type === 'postgres' ? '$1' : '?'}`, [id]);
    if (!row) throw new NotFoundException(`Article ${id} does not exist.`);
    return row.body;
  }

  async findOrFail(manager: EntityManager, id: number): Promise<Article> {
    const article = await manager.findOneBy(Article, { id });
    if (!article) throw new NotFoundException(`Article ${id} does not exist.`);
    return article;
  }

  private async assertOutlet(manager: EntityManager, outletId: number): Promise<void> {
    if (!(await manager.existsBy(Source, { id: outletId }))) {
      throw new UnprocessableError(`Source ${outletId} does not exist.`, [
        { field: 'outletId', reason: `no source with id ${outletId}` },
      ]);
    }
  }

  /** Summaries with claim counts, in two grouped queries for the whole page. */
  private async toSummaries(manager: EntityManager, articles: Article[]): Promise<ArticleSummaryDto[]> {
    if (articles.length === 0) return [];
    const ids = articles.map((a) => a.id);
    const counts = await manager
      .getRepository(Claim)
      .createQueryBuilder('c')
      .select('c.article_id', 'articleId')
      .addSelect('c.status', 'status')
      .addSelect('c.unattributed', 'unattributed')
      .addSelect('COUNT(*)', 'count')
      .where('c.article_id IN (:...ids)', { ids })
      .groupBy('c.article_id')
      .addGroupBy('c.status')
      .addGroupBy('c.unattributed')
      .getRawMany<{ articleId: number; status: string; unattributed: boolean | number; count: string | number }>();
    const outletIds = articles.map((a) => a.outletId).filter((o): o is number => o !== null);
    const outlets = outletIds.length ? await manager.findBy(Source, { id: In(outletIds) }) : [];
    return articles.map((a) => {
      const mine = counts.filter((c) => Number(c.articleId) === a.id);
      const claimCounts: Record<string, number> = {};
      let unattributedCount = 0;
      for (const row of mine) {
        claimCounts[row.status] = (claimCounts[row.status] ?? 0) + Number(row.count);
        if (row.unattributed === true || Number(row.unattributed) === 1) unattributedCount += Number(row.count);
      }
      const outlet = outlets.find((o) => o.id === a.outletId);
      return {
        id: a.id,
        title: a.title,
        outlet: outlet ? { id: outlet.id, name: outlet.name, kind: outlet.kind } : null,
        url: a.url,
        language: a.language,
        publishedDate: a.publishedDate,
        bodySha256: a.bodySha256,
        claimCounts,
        claimTotal: Object.values(claimCounts).reduce((x, y) => x + y, 0),
        unattributedCount,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        version: a.version,
      };
    });
  }
}
