import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Params } from '../claims/claim-reads';
import { Attribution, Claim, ClaimStatus } from '../claims/claim.entity';
import { Page, page } from '../common/dto/pagination.dto';
import { Rating, RATINGS, Verdict } from '../review/review.entities';
import { Source } from '../sources/source.entity';
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

  /**
   * One source's claims (in article order) with their status and latest verdict, and its totals.
   * One query reads the source's (claim, role) pairs through ix_attributions_source_position, with
   * each claim's status and latest verdict; totals and the page are counted from those rows, so
   * the totals and the list cannot disagree and no second aggregate query runs.
   */
  async forSource(sourceId: number, query: LedgerQueryDto): Promise<SourceLedgerDto> {
    const manager = this.dataSource.manager;
    const p = new Params(manager);
    const [source]: Raw[] = await manager.query(`SELECT id, name, kind FROM sources WHERE id = ${p.add(sourceId)}`, p.values);
    if (!source) throw new NotFoundException(`Source ${sourceId} does not exist.`);
    const q = new Params(manager);
    const rows: Raw[] = await manager.query(
      `SELECT r.claim_id, r.role, r.position, c.article_id, c.start_offset, c.text, c.status, c.created_at,
              v.id AS verdict_id, v.rating, v.published_at
         FROM (SELECT a.claim_id, ${ROLE} AS role, MIN(a.position) AS position
                 FROM attributions a WHERE a.source_id = ${q.add(sourceId)} GROUP BY a.claim_id, ${ROLE}) r
         JOIN claims c ON c.id = r.claim_id
         LEFT JOIN verdicts v ON v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = r.claim_id)`,
      q.values,
    );
    const totals: Raw = {};
    for (const role of LEDGER_ROLES) {
      const mine = rows.filter((r) => r.role === role);
      const published = mine.filter((r) => r.status === 'published');
      let first: string | null = null;
      let last: string | null = null;
      for (const r of mine) {
        const at = String(r.created_at);
        if (first === null || at < first) first = at;
        if (last === null || at > last) last = at;
      }
      totals[col(role, 'claims')] = mine.length;
      totals[col(role, 'articles')] = new Set(mine.map((r) => Number(r.article_id))).size;
      totals[col(role, 'published')] = published.length;
      totals[col(role, 'first_seen')] = first;
      totals[col(role, 'last_seen')] = last;
      for (const rating of RATINGS) totals[col(role, `rating_${rating}`)] = published.filter((r) => r.rating === rating).length;
    }
    const sign = query.order === 'desc' ? -1 : 1;
    const listed = rows
      .filter((r) => !query.role || r.role === query.role)
      .sort(
        (a, b) =>
          sign * (Number(a.article_id) - Number(b.article_id) || Number(a.start_offset) - Number(b.start_offset) || Number(a.claim_id) - Number(b.claim_id)) ||
          (a.role === 'speaker' ? -1 : 1), // speaker before relay
      );
    const claims: LedgerEntryDto[] = listed.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map((row) => ({
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
      source: { id: Number(source.id), name: String(source.name), kind: source.kind as Source['kind'] },
      totals: this.totals(totals),
      claims,
      total: listed.length,
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
