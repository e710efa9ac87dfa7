import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { latestVerdictJoin, Params } from '../claims/claim-reads';
import type { ClaimStatus } from '../claims/claim.entity';
import { Page, page } from '../common/dto/pagination.dto';
import { Json, jsonWithArray } from '../common/json-text';
import { sqliteJson, writesJson } from '../database/json-sql';
import { Rating, RATINGS } from '../review/review.entities';
import { Source } from '../sources/source.entity';
import { LedgerQueryDto, LedgerRole, LedgerRowDto, LedgerTotalsDto, RoleTotalsDto, SourceLedgerDto } from './dto/ledger.dto';
import { ClaimShape, contributionsOf, RATING_COLUMNS, syncClaim } from './ledger-totals';
import { readRows } from '../database/read-rows';

const FALSE_OR_MISLEADING: Rating[] = ['false', 'misleading'];

/** A source ledger's entry, read as columns (forSource) … */
const ENTRY_COLUMNS = 'r.claim_id, r.role, r.position, r.article_id, c.text, c.status, c.created_at, v.id AS verdict_id, v.rating, v.published_at';
/** … or as its LedgerEntryDto's JSON, written by SQLite (sourceLedgerForApi; database/json-sql.ts): the same members in the same order. */
const ENTRY_JSON = `${sqliteJson.object([
  ['claimId', 'r.claim_id'],
  ['articleId', 'r.article_id'],
  ['text', 'c.text'],
  ['status', 'c.status'],
  ['role', 'r.role'],
  ['position', 'r.position'],
  ['latestVerdict', sqliteJson.objectOrNull('v.id IS NULL', [['id', 'v.id'], ['rating', 'v.rating'], ['publishedAt', 'v.published_at']])],
  ['createdAt', 'c.created_at'],
])} AS j`;

/** Audited actions that never change what a claim counts for in the ledger (its chain, status, verdict rating). */
const LEDGER_NEUTRAL = /^(comment|evidence|match)\./;

type Raw = Record<string, string | number | null>;

/**
 * The source ledger: every claim attributed to a source anywhere in its chains. The unit is one
 * (source, claim, role): a claim counts once per role however often the source appears in its
 * chain, and a source that both says and relays a claim counts in both roles.
 *
 * Totals are kept in ledger_totals, moved in the same transaction as every audited change of a
 * claim (an AuditService listener calls syncClaim, ledger-totals.ts), so reading the ledger costs
 * the number of sources, not of claims. A source's page of claims seeks through
 * ledger_claim_roles in article order.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    // Subscribed when built, not in onModuleInit: the server's first start seeds the sample article
    // before the application initialises (bootstrap.ts, prepareDatabase), and its claims count too.
    this.audit.subscribe(async (manager, _actor, entry) => {
      if (entry.claimId == null || LEDGER_NEUTRAL.test(entry.action)) return;
      // A created claim's audit entry carries the claim as written: no read-back needed.
      if (entry.action === 'claim.create' && entry.after) {
        await syncClaim(manager, entry.claimId, { created: true, live: contributionsOf(entry.after as ClaimShape) });
      } else {
        await syncClaim(manager, entry.claimId);
      }
    }, { last: true });
  }

  /** Every source with at least one claim, worst published record first. */
  async list(query: LedgerQueryDto): Promise<Page<LedgerRowDto>> {
    const manager = this.dataSource.manager;
    const p = new Params(manager);
    const role = (r: LedgerRole, expr: string) => `SUM(CASE WHEN t.role = '${r}' THEN ${expr} ELSE 0 END)`;
    const falseOrMisleading = FALSE_OR_MISLEADING.map((r) => `t.rating_${r}`).join(' + ');
    // Bounded by the number of sources (a row per source and role), whatever the number of claims.
    const rows: Raw[] = await readRows(
      manager,
      `SELECT t.source_id, s.name, s.kind
         FROM ledger_totals t JOIN sources s ON s.id = t.source_id
        GROUP BY t.source_id, s.name, s.kind, s.name_folded
        ORDER BY ${role('speaker', falseOrMisleading)} DESC, ${role('relay', falseOrMisleading)} DESC,
                 ${role('speaker', 't.claims')} DESC, s.name_folded ASC, t.source_id ASC
        LIMIT ${p.add(query.pageSize)} OFFSET ${p.add((query.page - 1) * query.pageSize)}`,
      p.values,
    );
    const [counted]: Raw[] = await readRows(manager, 'SELECT COUNT(DISTINCT source_id) AS n FROM ledger_totals');
    const totals = await this.totalsFor(rows.map((r) => Number(r.source_id)));
    const items = rows.map((row) => ({
      source: { id: Number(row.source_id), name: String(row.name), kind: row.kind as Source['kind'] },
      totals: totals.get(Number(row.source_id))!,
    }));
    return page(items, Number(counted?.n ?? 0), query);
  }

  /**
   * One source's claims (in article order) with their status and latest verdict, and its totals.
   * The page is read through ix_ledger_claim_roles_source_(role_)order and stops at the page; the
   * total comes from the source's totals.
   */
  async forSource(sourceId: number, query: LedgerQueryDto): Promise<SourceLedgerDto> {
    const { ledger, rows } = await this.readSource(sourceId, query, ENTRY_COLUMNS);
    ledger.claims = rows.map((row) => ({
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
    return ledger;
  }

  /**
   * The API's answer: on SQLite forSource's, with its entries written as JSON by SQLite (the same
   * bytes, without building the objects: as the claim lists, claim-reads.ts selectClaimJson);
   * elsewhere forSource's objects.
   */
  async sourceLedgerForApi(sourceId: number, query: LedgerQueryDto): Promise<Json<SourceLedgerDto>> {
    if (!writesJson(this.dataSource.manager)) return this.forSource(sourceId, query);
    const { ledger, rows } = await this.readSource(sourceId, query, ENTRY_JSON);
    return jsonWithArray(ledger, 'claims', rows.map((row) => String(row.j)));
  }

  /** A source's ledger with no entries yet, and its page's rows with these columns (of `r`, `c` and `v`). */
  private async readSource(sourceId: number, query: LedgerQueryDto, columns: string): Promise<{ ledger: SourceLedgerDto; rows: Raw[] }> {
    const manager = this.dataSource.manager;
    const p = new Params(manager);
    const dir = query.order === 'desc' ? 'DESC' : 'ASC';
    const q = new Params(manager);
    // The source with its totals (a row per role it has, one with null totals if none), and its page, in two
    // statements sent together: each statement on PostgreSQL costs the main thread more than its rows do.
    const [sourceRows, rows]: [Raw[], Raw[]] = await Promise.all([
      readRows<Raw>(
        manager,
        `SELECT s.id, s.name, s.kind, t.role, t.claims, t.articles, t.published, ${RATING_COLUMNS.map((c) => `t.${c}`).join(', ')}, t.first_seen, t.last_seen
           FROM sources s LEFT JOIN ledger_totals t ON t.source_id = s.id
          WHERE s.id = ${p.add(sourceId)}`,
        p.values,
      ),
      readRows<Raw>(
        manager,
        `SELECT ${columns}
         FROM (SELECT claim_id, role, position, article_id, start_offset FROM ledger_claim_roles
                WHERE source_id = ${q.add(sourceId)}${query.role ? ` AND role = ${q.add(query.role)}` : ''}
                ORDER BY article_id ${dir}, start_offset ${dir}, claim_id ${dir}${query.role ? '' : ', position ASC'}
                LIMIT ${q.add(query.pageSize)} OFFSET ${q.add((query.page - 1) * query.pageSize)}) r
         JOIN claims c ON c.id = r.claim_id
         ${latestVerdictJoin(q, 'v', 'r.claim_id')}
        ORDER BY r.article_id ${dir}, r.start_offset ${dir}, r.claim_id ${dir}, r.position ASC`,
        q.values,
      ),
    ]);
    const source = sourceRows[0];
    if (!source) throw new NotFoundException(`Source ${sourceId} does not exist.`);
    const totals = this.totals(sourceRows.filter((row) => row.role !== null));
    const ledger: SourceLedgerDto = {
      source: { id: Number(source.id), name: String(source.name), kind: source.kind as Source['kind'] },
      totals,
      claims: [],
      total: query.role ? totals[query.role].claims : totals.speaker.claims + totals.relay.claims,
      page: query.page,
      pageSize: query.pageSize,
    };
    return { ledger, rows };
  }

  /** The totals of the given sources (those with no claims are absent), read from ledger_totals. */
  async totalsFor(sourceIds: number[]): Promise<Map<number, LedgerTotalsDto>> {
    if (sourceIds.length === 0) return new Map();
    const p = new Params(this.dataSource.manager);
    const rows: Raw[] = await readRows(
      this.dataSource.manager,
      `SELECT source_id, role, claims, articles, published, ${RATING_COLUMNS.join(', ')}, first_seen, last_seen
         FROM ledger_totals WHERE source_id IN (${p.list(sourceIds)})`,
      p.values,
    );
    const bySource = new Map<number, Raw[]>();
    for (const row of rows) {
      const id = Number(row.source_id);
      bySource.set(id, [...(bySource.get(id) ?? []), row]);
    }
    return new Map([...bySource].map(([id, list]) => [id, this.totals(list)]));
  }

  /** A source's totals from its ledger_totals rows (a role without a row has no claims). */
  private totals(rows: Raw[]): LedgerTotalsDto {
    const role = (name: LedgerRole): RoleTotalsDto => {
      const row = rows.find((r) => r.role === name);
      const n = (column: string) => Number(row?.[column] ?? 0);
      const byRating = Object.fromEntries(RATINGS.map((r) => [r, n(`rating_${r}`)])) as Record<Rating, number>;
      const claims = n('claims');
      const published = n('published');
      return {
        claims,
        articles: n('articles'),
        published,
        publishedShare: claims === 0 ? 0 : published / claims,
        byRating,
        falseOrMisleading: FALSE_OR_MISLEADING.reduce((sum, r) => sum + byRating[r], 0),
        firstSeen: row?.first_seen == null ? null : String(row.first_seen),
        lastSeen: row?.last_seen == null ? null : String(row.last_seen),
      };
    };
    return { speaker: role('speaker'), relay: role('relay') };
  }
}
