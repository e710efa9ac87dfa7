import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Attribution, Claim, ClaimStatus } from '../claims/claim.entity';
import { Page, page } from '../common/dto/pagination.dto';
import { Rating, RATINGS, Verdict } from '../review/review.entities';
import { Source } from '../sources/source.entity';
import { SourcesService } from '../sources/sources.service';
import { LEDGER_ROLES, LedgerEntryDto, LedgerQueryDto, LedgerRole, LedgerRowDto, LedgerTotalsDto, RoleTotalsDto, SourceLedgerDto } from './dto/ledger.dto';

/** Position 0 is the original speaker; anything later relays. */
const ROLE = "CASE WHEN a.position = 0 THEN 'speaker' ELSE 'relay' END";
const LATEST_VERDICT = 'v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = r.claim_id)';
const FALSE_OR_MISLEADING: Rating[] = ['false', 'misleading'];

/** Column alias for a role's aggregate, e.g. speaker_rating_mostly_false. */
const col = (role: LedgerRole, name: string) => `${role}_${name}`;

type Raw = Record<string, string | number | null>;

/**
 * The source ledger: every claim attributed to a source anywhere in its chains, counted in SQL.
 * The unit is one (source, claim, role): a claim counts once per role however often the source
 * appears in its chain, and a source that both says and relays a claim counts in both roles.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: SourcesService,
  ) {}

  /** Every source with at least one claim, worst published record first. */
  async list(query: LedgerQueryDto): Promise<Page<LedgerRowDto>> {
    const manager = this.dataSource.manager;
    const qb = this.totalsQuery(manager)
      .innerJoin(Source, 's', 's.id = r.source_id')
      .addSelect('s.name', 'name')
      .addSelect('s.kind', 'kind')
      .addGroupBy('s.name')
      .addGroupBy('s.kind')
      .addGroupBy('s.name_folded');
    // Repeat the aggregate expressions: ORDER BY a select alias is not portable inside expressions.
    qb.orderBy(this.falseOrMisleadingExpr('speaker'), 'DESC')
      .addOrderBy(this.falseOrMisleadingExpr('relay'), 'DESC')
      .addOrderBy(`SUM(CASE WHEN r.role = 'speaker' THEN 1 ELSE 0 END)`, 'DESC')
      .addOrderBy('s.name_folded', 'ASC')
      .addOrderBy('r.source_id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const rows = await qb.getRawMany<Raw>();
    const counted = await manager
      .createQueryBuilder()
      .select('COUNT(DISTINCT a.source_id)', 'n')
      .from(Attribution, 'a')
      .getRawOne<{ n: string | number }>();
    const items = rows.map((row) => ({
      source: { id: Number(row.source_id), name: String(row.name), kind: row.kind as Source['kind'] },
      totals: this.totals(row),
    }));
    return page(items, Number(counted?.n ?? 0), query);
  }

  /** One source's claims (in article order) with their status and latest verdict, and its totals. */
  async forSource(sourceId: number, query: LedgerQueryDto): Promise<SourceLedgerDto> {
    const manager = this.dataSource.manager;
    const source = await this.sources.get(sourceId);
    const totalsRow = await this.totalsQuery(manager, sourceId).getRawOne<Raw>();
    const entries = manager
      .createQueryBuilder()
      .from((sub) => this.pairs(sub, sourceId), 'r')
      .innerJoin(Claim, 'c', 'c.id = r.claim_id')
      .leftJoin(Verdict, 'v', LATEST_VERDICT);
    if (query.role) entries.where('r.role = :role', { role: query.role });
    const counted = await entries.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const rows = await entries
      .select('r.claim_id', 'claim_id')
      .addSelect('r.role', 'role')
      .addSelect('r.position', 'position')
      .addSelect('c.article_id', 'article_id')
      .addSelect('c.text', 'text')
      .addSelect('c.status', 'status')
      .addSelect('c.created_at', 'created_at')
      .addSelect('v.id', 'verdict_id')
      .addSelect('v.rating', 'rating')
      .addSelect('v.published_at', 'published_at')
      .orderBy('c.article_id', direction)
      .addOrderBy('c.start_offset', direction)
      .addOrderBy('c.id', direction)
      .addOrderBy('r.role', 'DESC') // speaker before relay
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<Raw>();
    const claims: LedgerEntryDto[] = rows.map((row) => ({
      claimId: Number(row.claim_id),
      articleId: Number(row.article_id),
      text: String(row.text),
      status: row.status as ClaimStatus,
      role: row.role as LedgerRole,
      position: Number(row.position),
      latestVerdict:
        row.verdict_id === null
          ? null
          : { id: Number(row.verdict_id), rating: row.rating as Rating, publishedAt: row.published_at === null ? null : String(row.published_at) },
      createdAt: String(row.created_at),
    }));
    return {
      source: { id: source.id, name: source.name, kind: source.kind },
      totals: totalsRow ? this.totals(totalsRow) : this.totals({}),
      claims,
      total: Number(counted?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The totals of the given sources (those with no claims are absent), in one grouped query. */
  async totalsFor(sourceIds: number[]): Promise<Map<number, LedgerTotalsDto>> {
    if (sourceIds.length === 0) return new Map();
    const rows = await this.totalsQuery(this.dataSource.manager, sourceIds).getRawMany<Raw>();
    return new Map(rows.map((row) => [Number(row.source_id), this.totals(row)]));
  }

  /** One row per (source, claim, role), with the source's first position in that role. */
  private pairs(sub: SelectQueryBuilder<ObjectLiteral>, sourceId?: number | number[]): SelectQueryBuilder<ObjectLiteral> {
    sub
      .select('a.source_id', 'source_id')
      .addSelect('a.claim_id', 'claim_id')
      .addSelect(ROLE, 'role')
      .addSelect('MIN(a.position)', 'position')
      .from(Attribution, 'a')
      .groupBy('a.source_id')
      .addGroupBy('a.claim_id')
      .addGroupBy(ROLE);
    if (Array.isArray(sourceId)) sub.where('a.source_id IN (:...sourceIds)', { sourceIds: sourceId });
    else if (sourceId !== undefined) sub.where('a.source_id = :sourceId', { sourceId });
    return sub;
  }

  /** Per source: for each role, claims, articles, published, published by rating, first and last seen. */
  private totalsQuery(manager: EntityManager, sourceId?: number | number[]): SelectQueryBuilder<ObjectLiteral> {
    const qb = manager
      .createQueryBuilder()
      .select('r.source_id', 'source_id')
      .from((sub) => this.pairs(sub, sourceId), 'r')
      .innerJoin(Claim, 'c', 'c.id = r.claim_id')
      .leftJoin(Verdict, 'v', LATEST_VERDICT)
      .groupBy('r.source_id');
    for (const role of LEDGER_ROLES) {
      const inRole = `r.role = '${role}'`;
      const published = `${inRole} AND c.status = 'published'`;
      qb.addSelect(`SUM(CASE WHEN ${inRole} THEN 1 ELSE 0 END)`, col(role, 'claims'))
        .addSelect(`COUNT(DISTINCT CASE WHEN ${inRole} THEN c.article_id END)`, col(role, 'articles'))
        .addSelect(`SUM(CASE WHEN ${published} THEN 1 ELSE 0 END)`, col(role, 'published'))
        .addSelect(`MIN(CASE WHEN ${inRole} THEN c.created_at END)`, col(role, 'first_seen'))
        .addSelect(`MAX(CASE WHEN ${inRole} THEN c.created_at END)`, col(role, 'last_seen'));
      for (const rating of RATINGS) {
        qb.addSelect(`SUM(CASE WHEN ${published} AND v.rating = '${rating}' THEN 1 ELSE 0 END)`, col(role, `rating_${rating}`));
      }
    }
    return qb;
  }

  private falseOrMisleadingExpr(role: LedgerRole): string {
    const ratings = FALSE_OR_MISLEADING.map((r) => `'${r}'`).join(', ');
    return `SUM(CASE WHEN r.role = '${role}' AND c.status = 'published' AND v.rating IN (${ratings}) THEN 1 ELSE 0 END)`;
  }

  private totals(row: Raw): LedgerTotalsDto {
    const role = (name: LedgerRole): RoleTotalsDto => {
      const n = (key: string) => Number(row[col(name, key)] ?? 0);
      const byRating = Object.fromEntries(RATINGS.map((r) => [r, n(`rating_${r}`)])) as Record<Rating, number>;
      const claims = n('claims');
      const published = n('published');
      const first = row[col(name, 'first_seen')];
      const last = row[col(name, 'last_seen')];
      return {
        claims,
        articles: n('articles'),
        published,
        publishedShare: claims === 0 ? 0 : published / claims,
        byRating,
        falseOrMisleading: FALSE_OR_MISLEADING.reduce((sum, r) => sum + byRating[r], 0),
        firstSeen: first == null ? null : String(first),
        lastSeen: last == null ? null : String(last),
      };
    };
    return { speaker: role('speaker'), relay: role('relay') };
  }
}
