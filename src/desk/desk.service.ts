import { ForbiddenException, HttpException, Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { ArticlesService } from '../articles/articles.service';
import type { Actor } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { ClaimsService, precondition } from '../claims/claims.service';
import type { ClaimDetailDto } from '../claims/dto/claim.dto';
import { ReviewService } from '../review/review.service';
import { loadUserRefs } from '../users/user-refs';
import { BulkItemResultDto, BulkRequestDto, BulkResultDto, LaneItemDto, LanePageDto, LaneQueryDto, LanesDto } from './dto/desk.dto';
import { Lane, LANE_INFO, lanesFor, RECENT_DAYS } from './lanes';
import { Lang, MessageKey, t } from '../i18n/i18n';

/** Each lane's heading in the catalogues (the API's `label`; the lane's `id` never changes). */
const LANE_LABEL: Record<Lane, MessageKey> = {
  waiting: 'lane.waiting',
  assigned: 'lane.assigned',
  publish: 'lane.publish',
  returned: 'lane.returned',
  published: 'lane.published',
};

/** When the claim entered its current status: its latest transition, or when it was logged. */
const SINCE = 'COALESCE((SELECT MAX(t.at) FROM claim_transitions t WHERE t.claim_id = c.id), c.created_at)';
/** Who made that latest move. */
const MOVED_BY = '(SELECT t.user_id FROM claim_transitions t WHERE t.claim_id = c.id ORDER BY t.at DESC, t.id DESC LIMIT 1)';

/**
 * The desk's worklists: the review queue's lanes (counted and paged in SQL) and bulk actions on a
 * set of claims, each item checked on its own by the same services as a single request.
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimsService,
    private readonly review: ReviewService,
    private readonly articles: ArticlesService,
  ) {}

  /** Every lane with its true total, for `actor`; labels in `lang`. */
  async lanes(actor: Actor, articleId?: number, lang: Lang = 'en'): Promise<LanesDto> {
    const now = new Date();
    const lanes = [];
    for (const lane of lanesFor(actor.role)) lanes.push({ lane, label: t(lang, LANE_LABEL[lane]), total: await this.inLane(actor, lane, now, articleId).getCount() });
    return { lanes };
  }

  /** One lane, a page at a time, sorted by how long each claim has waited. */
  async lane(actor: Actor, lane: Lane, query: LaneQueryDto, lang: Lang = 'en'): Promise<LanePageDto> {
    const now = new Date();
    const direction = (query.order ?? LANE_INFO[lane].defaultOrder) === 'desc' ? 'DESC' : 'ASC';
    const base = this.inLane(actor, lane, now, query.articleId);
    const total = await base.clone().getCount();
    const rows: { id: number | string; since: string; moved_by: number | string | null }[] = await base
      .select('c.id', 'id')
      .addSelect(SINCE, 'since')
      .addSelect(MOVED_BY, 'moved_by')
      .orderBy('since', direction)
      .addOrderBy('c.id', direction)
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    const ids = rows.map((r) => Number(r.id));
    const manager = this.dataSource.manager;
    const entities = ids.length ? await manager.findBy(Claim, { id: In(ids) }) : [];
    const byId = new Map((await this.claims.toDtos(manager, entities)).map((c) => [c.id, c]));
    const titles = await this.articles.titlesOf(entities.map((c) => c.articleId));
    const users = await loadUserRefs(
      manager,
      rows.map((r) => (r.moved_by == null ? null : Number(r.moved_by))),
    );
    const items: LaneItemDto[] = rows.map((r) => {
      const claim = byId.get(Number(r.id))!;
      const since = String(r.since);
      return {
        claim,
        article: { id: claim.articleId, title: titles.get(claim.articleId)?.title ?? '' },
        movedBy: r.moved_by == null ? null : (users.get(Number(r.moved_by)) ?? null),
        since,
        waitingSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 1000)),
      };
    });
    return { lane, label: t(lang, LANE_LABEL[lane]), items, total, page: query.page, pageSize: query.pageSize };
  }

  /** The claims of one lane for `actor` (a query to count or page). */
  private inLane(actor: Actor, lane: Lane, now: Date, articleId?: number): SelectQueryBuilder<Claim> {
    const qb = this.dataSource.manager.getRepository(Claim).createQueryBuilder('c');
    if (articleId) qb.andWhere('c.article_id = :articleId', { articleId });
    const notMine = '(c.created_by_id IS NULL OR c.created_by_id <> :me)';
    switch (lane) {
      case 'waiting':
        return qb.andWhere(`c.status = 'submitted' AND c.assignee_id IS NULL AND ${notMine}`, { me: actor.id });
      case 'assigned':
        return qb.andWhere(`c.status = 'in_review' AND c.assignee_id = :me`, { me: actor.id });
      case 'publish':
        // Four eyes: not the claims I logged, nor the ones whose current verdict I proposed.
        return qb.andWhere(
          `c.status = 'verdict_proposed' AND ${notMine} AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.reviewer_id = :me ` +
            'AND v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = c.id))',
          { me: actor.id },
        );
      case 'returned':
        return qb.andWhere(
          `c.status = 'draft' AND c.created_by_id = :me AND EXISTS (SELECT 1 FROM claim_transitions t WHERE t.claim_id = c.id AND t.to_status = 'draft')`,
          { me: actor.id },
        );
      case 'published':
        return qb.andWhere(`c.status = 'published' AND ${SINCE} >= :recent`, { recent: new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString() });
    }
  }

  /** The claims of an article whose quote overlaps [start, end) (to warn before logging the same words twice). */
  async covering(articleId: number, start: number, end: number): Promise<{ id: number; text: string; quote: string; start: number; end: number }[]> {
    const rows = await this.dataSource.manager
      .getRepository(Claim)
      .createQueryBuilder('c')
      .select(['c.id', 'c.text', 'c.quote', 'c.start', 'c.end'])
      .where('c.article_id = :articleId AND c.start_offset < :end AND c.end_offset > :start', { articleId, start, end })
      .andWhere("c.status <> 'dismissed'")
      .orderBy('c.start_offset', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(20)
      .getMany();
    return rows.map((c) => ({ id: c.id, text: c.text, quote: c.quote, start: c.start, end: c.end }));
  }

  /** The wording of some claims, by id (to name the claims of a bulk result). */
  async textsOf(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Claim, { where: { id: In(ids) }, select: ['id', 'text'] });
    return new Map(rows.map((c) => [c.id, c.text]));
  }

  /**
   * Applies one action to every item, each in its own transaction through the same service call
   * as a single request (version check, workflow rules, audit): one refusal does not stop the
   * others, and each item gets its own result.
   */
  async bulk(actor: Actor, dto: BulkRequestDto): Promise<BulkResultDto> {
    const results: BulkItemResultDto[] = [];
    for (const item of dto.items) {
      try {
        const after = await this.applyOne(actor, dto, item.id, item.version);
        results.push({ id: item.id, ok: true, status: 200, message: 'Done.', version: after.version });
      } catch (error) {
        if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
        const body = error.getResponse() as { message?: unknown } | string;
        results.push({ id: item.id, ok: false, status: error.getStatus(), message: typeof body === 'string' ? body : String(body.message ?? error.message), version: null });
      }
    }
    const done = results.filter((r) => r.ok).length;
    return { results, done, refused: results.length - done };
  }

  private applyOne(actor: Actor, dto: BulkRequestDto, id: number, version: number): Promise<ClaimDetailDto> {
    const expected = precondition(version, undefined);
    switch (dto.action) {
      case 'take':
        return this.review.transition(actor, id, { to: 'in_review', version }, expected);
      case 'submit':
        return this.review.transition(actor, id, { to: 'submitted', version }, expected);
      case 'assign':
        if (actor.role !== 'admin') throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: 'Only admins assign claims.' });
        return this.review.assign(actor, id, { assigneeId: dto.assigneeId ?? null }, expected);
      case 'kind':
        if (actor.role !== 'editor' && actor.role !== 'admin') {
          throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: 'Only editors and admins change a claim’s kind.' });
        }
        return this.claims.update(actor, id, { kind: dto.kind }, expected);
    }
  }
}
