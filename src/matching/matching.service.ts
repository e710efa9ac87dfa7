import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Actor, AuditService } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { findChains } from '../claims/claims.service';
import { UnprocessableError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { currentRatings } from '../review/review-detail';
import { Rating } from '../review/review.entities';
import {
  AppearanceDto,
  ClusterDto,
  ClusterOfClaimDto,
  ClusterSourceDto,
  DuplicatePairDto,
  DuplicatesDto,
  ExternalMatchesDto,
  MatchRequestDto,
  MatchResultDto,
  SimilarClaimDto,
  SimilarClaimRefDto,
  SimilarClaimsDto,
} from './dto/matching.dto';
import { ClaimCluster, ClaimClusterMember, ClaimMatchDismissal, ExternalFactCheck } from './matching.entities';
import { claimMatchSource, Token, tokenize } from './normalise';
import { ArticleClaims, DUPLICATE_SCORE, duplicateScore, findDuplicates } from './duplicates';
import { searchCandidates } from './search-engine';
import { rank, similarity } from './similarity';

/** Below this a "similar" claim is noise. */
export const MIN_SIMILAR_SCORE = 0.12;
/** From this score the best similar claim is proposed as the same claim (what precision@1 measures). */
export const MATCH_SCORE = 0.3;
/** Fact-checks published elsewhere are shown from this score. */
export const MIN_EXTERNAL_SCORE = 0.2;
/** Candidates taken from the text search engine before re-scoring. */
const CANDIDATES = 50;

type ClaimRow = Pick<Claim, 'id' | 'articleId' | 'text' | 'quote' | 'status' | 'start' | 'end'>;

const ref = (c: ClaimRow): SimilarClaimRefDto => ({ id: c.id, articleId: c.articleId, quote: c.quote, text: c.text, status: c.status });
const claimTokens = (c: ClaimRow): Token[] => tokenize(claimMatchSource(c));
const CLAIM_COLUMNS: (keyof Claim)[] = ['id', 'articleId', 'text', 'quote', 'status', 'start', 'end'];

/**
 * Similar claims, duplicates within an article, clusters of "the same claim" and fact-checks
 * published elsewhere. Candidates come from the database's text search (search-engine.ts), then
 * are re-scored by the pure rules of similarity.ts. Matches never change a verdict.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** The claims most like this one across all articles, best first, the claim itself and dismissed matches left out. */
  async similar(claimId: number, limit = 10): Promise<SimilarClaimsDto> {
    const manager = this.dataSource.manager;
    const [claim] = await this.candidateDetails(manager, [claimId]);
    if (!claim) throw new NotFoundException(`Claim ${claimId} does not exist.`);
    const ranked = await this.findSimilar(claimTokens(claim), { excludeId: claimId, limit });
    const ownCluster = claim.clusterId;
    // A likely duplicate is what GET /api/articles/:id/duplicates says, scored within the article;
    // only read the article's claims when a claim of the same article comes close.
    const close = ranked.filter((r) => r.claim.articleId === claim.articleId && r.score >= DUPLICATE_SCORE);
    const article = close.length ? new ArticleClaims(await manager.find(Claim, { select: ['id', 'matchText'], where: { articleId: claim.articleId } })) : null;
    const duplicate = new Set(close.filter((r) => duplicateScore(article!, claim, r.claim).score >= DUPLICATE_SCORE).map((r) => r.claim.id));
    return {
      items: ranked.map(({ claim: c, score, reasons, verdict, clusterId }): SimilarClaimDto => {
        const sameArticle = c.articleId === claim.articleId;
        return {
          claim: ref(c),
          score,
          reasons,
          rating: verdict?.rating ?? null,
          verdictId: verdict?.id ?? null,
          sameArticle,
          likelyDuplicate: duplicate.has(c.id),
          sameCluster: ownCluster !== null && ownCluster === clusterId,
        };
      }),
    };
  }

  /**
   * The claims most like these tokens: candidates from the text search engine, re-scored, best
   * first (published ones with their verdict first among near-equal scores). With `excludeId`,
   * that claim and the matches dismissed for it are left out. Also what `npm run eval:match` measures.
   */
  async findSimilar(
    tokens: Token[],
    options: { excludeId?: number; limit: number },
  ): Promise<{ claim: ClaimRow; score: number; reasons: string[]; verdict: { id: number; rating: Rating } | null; clusterId: number | null }[]> {
    const manager = this.dataSource.manager;
    const ids = (await searchCandidates(manager, 'claims', tokens, CANDIDATES + 1)).filter((id) => id !== options.excludeId);
    if (ids.length === 0) return [];
    const candidates = await this.candidateDetails(manager, ids, options.excludeId);
    return rank(
      candidates
        .map((c) => {
          const { score, reasons } = similarity(tokens, claimTokens(c));
          return { item: { id: c.id, claim: c, reasons }, score, published: c.verdict !== null };
        })
        .filter((r) => r.score >= MIN_SIMILAR_SCORE),
    )
      .slice(0, options.limit)
      .map((r) => ({ claim: r.item.claim, score: r.score, reasons: r.item.reasons, verdict: r.item.claim.verdict, clusterId: r.item.claim.clusterId }));
  }

  /**
   * The candidates' columns, published verdict (the latest, on a published claim) and cluster in
   * one query (hand-written SQL: it runs on every lookup), leaving out the matches dismissed for
   * `excludeId`.
   */
  private async candidateDetails(
    manager: EntityManager,
    ids: number[],
    excludeId?: number,
  ): Promise<(ClaimRow & { verdict: { id: number; rating: Rating } | null; clusterId: number | null })[]> {
    const postgres = manager.connection.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const list = ids.map((_, i) => p(i + 1)).join(', ');
    const [x, y] = [p(ids.length + 1), p(ids.length + 2)];
    const rows: {
      id: number | string;
      articleId: number | string;
      text: string;
      quote: string;
      status: Claim['status'];
      start: number | string;
      end: number | string;
      verdictId: number | string | null;
      rating: Rating | null;
      clusterId: number | string | null;
    }[] = await manager.query(
      `SELECT c.id, c.article_id AS "articleId", c.text, c.quote, c.status, c.start_offset AS "start", c.end_offset AS "end",
              v.id AS "verdictId", v.rating, m.cluster_id AS "clusterId"
         FROM claims c
         LEFT JOIN verdicts v ON c.status = 'published'
              AND v.id = (SELECT MAX(pv.id) FROM verdicts pv WHERE pv.claim_id = c.id AND pv.published_at IS NOT NULL)
         LEFT JOIN claim_cluster_members m ON m.claim_id = c.id
        WHERE c.id IN (${list})` +
        (excludeId === undefined
          ? ''
          : ` AND NOT EXISTS (SELECT 1 FROM claim_match_dismissals d
                               WHERE (d.claim_id = ${x} AND d.other_claim_id = c.id) OR (d.claim_id = c.id AND d.other_claim_id = ${y}))`),
      excludeId === undefined ? ids : [...ids, excludeId, excludeId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      articleId: Number(r.articleId),
      text: r.text,
      quote: r.quote,
      status: r.status,
      start: Number(r.start),
      end: Number(r.end),
      verdict: r.verdictId === null ? null : { id: Number(r.verdictId), rating: r.rating! },
      clusterId: r.clusterId === null ? null : Number(r.clusterId),
    }));
  }

  /**
   * Pairs of claims of one article that are probably the same claim logged twice (not dismissed,
   * not yet linked), best first: scored within the article (duplicates.ts), so that overlapping
   * quotes and the article's own subject do not pass for a duplicate.
   */
  async duplicates(articleId: number): Promise<DuplicatesDto> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Article, { id: articleId }))) throw new NotFoundException(`Article ${articleId} does not exist.`);
    const claims = await this.articleClaims(manager, articleId);
    const dismissed = await this.dismissedPairs(manager, claims.map((c) => c.id));
    const clusterOf = await this.clustersOf(manager, claims.map((c) => c.id));
    const byId = new Map(claims.map((c) => [c.id, c]));
    const items: DuplicatePairDto[] = [];
    for (const { a, b, score, reasons } of findDuplicates(claims)) {
      if (dismissed.has(`${a.id}:${b.id}`)) continue;
      if (clusterOf.has(a.id) && clusterOf.get(a.id) === clusterOf.get(b.id)) continue;
      items.push({ claim: ref(byId.get(a.id)!), other: ref(byId.get(b.id)!), score, reasons });
    }
    return { items };
  }

  /** The claims of one article, as duplicates.ts compares them. */
  private articleClaims(manager: EntityManager, articleId: number): Promise<ClaimRow[]> {
    return manager.find(Claim, { select: CLAIM_COLUMNS, where: { articleId }, order: { id: 'ASC' } });
  }

  /** Fact-checks published elsewhere that look like this claim, best first. */
  async external(claimId: number, limit = 5): Promise<ExternalMatchesDto> {
    const manager = this.dataSource.manager;
    const [claim] = await this.candidateDetails(manager, [claimId]);
    if (!claim) throw new NotFoundException(`Claim ${claimId} does not exist.`);
    const tokens = claimTokens(claim);
    const ids = await searchCandidates(manager, 'external_fact_checks', tokens, CANDIDATES);
    if (ids.length === 0) return { items: [] };
    // Hand-written: it runs on every claim panel.
    const postgres = manager.connection.options.type === 'postgres';
    const checks: Pick<ExternalFactCheck, 'id' | 'url' | 'publisher' | 'claimReviewed' | 'claimant' | 'rating' | 'reviewDate' | 'language'>[] = (
      await manager.query(
        `SELECT id, url, publisher, claim_reviewed AS "claimReviewed", claimant, rating, review_date AS "reviewDate", language
           FROM external_fact_checks WHERE id IN (${ids.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ')})`,
        ids,
      )
    ).map((r: ExternalFactCheck) => ({ ...r, id: Number(r.id) }));
    const scored = checks
      .map((f) => ({ f, ...similarity(tokens, tokenize(f.claimReviewed)) }))
      .filter((s) => s.score >= MIN_EXTERNAL_SCORE)
      .sort((x, y) => y.score - x.score || x.f.id - y.f.id)
      .slice(0, limit);
    return {
      items: scored.map(({ f, score, reasons }) => ({
        id: f.id,
        url: f.url,
        publisher: f.publisher,
        claimReviewed: f.claimReviewed,
        claimant: f.claimant,
        rating: f.rating,
        reviewDate: f.reviewDate,
        language: f.language,
        score,
        reasons,
      })),
    };
  }

  /** Links two claims as the same claim, or dismisses the match; audited in the same transaction. */
  async match(actor: Actor, claimId: number, dto: MatchRequestDto): Promise<MatchResultDto> {
    return this.tx.run(async (manager) => {
      const claim = await this.claimOrFail(manager, claimId);
      if (dto.otherClaimId === claimId) {
        throw new UnprocessableError('A claim cannot be matched with itself.', [{ field: 'otherClaimId', reason: 'is the claim itself' }]);
      }
      const other = await manager.findOne(Claim, { select: CLAIM_COLUMNS, where: { id: dto.otherClaimId } });
      if (!other) throw new UnprocessableError(`Claim ${dto.otherClaimId} does not exist.`, [{ field: 'otherClaimId', reason: `no claim with id ${dto.otherClaimId}` }]);
      const clusters = await this.clustersOf(manager, [claimId, other.id]);
      const now = new Date();
      if (dto.action === 'dismiss') {
        if (clusters.has(claimId) && clusters.get(claimId) === clusters.get(other.id)) {
          throw new UnprocessableError('These claims are linked as the same claim; a link is not dismissed.', [{ field: 'action', reason: 'the claims are linked' }]);
        }
        const [low, high] = claimId < other.id ? [claimId, other.id] : [other.id, claimId];
        if (!(await manager.existsBy(ClaimMatchDismissal, { claimId: low, otherClaimId: high }))) {
          const row = await manager.save(manager.create(ClaimMatchDismissal, { claimId: low, otherClaimId: high, dismissedById: actor.id, dismissedAt: now }));
          await this.audit.record(manager, actor, { action: 'match.dismiss', entityType: 'claim_match_dismissal', entityId: row.id, claimId, after: { claimId, otherClaimId: other.id } }, now);
        }
        return { action: 'dismiss', claimId, otherClaimId: other.id, cluster: null };
      }
      const clusterId = await this.link(manager, actor, claim, other, clusters, dto.canonicalText, now);
      // A link overrides an earlier dismissal of the same pair.
      await manager.delete(ClaimMatchDismissal, { claimId: Math.min(claimId, other.id), otherClaimId: Math.max(claimId, other.id) });
      return { action: 'link', claimId, otherClaimId: other.id, cluster: await this.clusterDto(manager, clusterId) };
    });
  }

  async clusterOf(claimId: number): Promise<ClusterOfClaimDto> {
    const manager = this.dataSource.manager;
    await this.claimOrFail(manager, claimId);
    const member = await manager.findOneBy(ClaimClusterMember, { claimId });
    return { cluster: member ? await this.clusterDto(manager, member.clusterId) : null };
  }

  /** Puts both claims in one cluster: a new one, the one either is in, or (both in one) merges the newer into the older. */
  private async link(
    manager: EntityManager,
    actor: Actor,
    claim: ClaimRow,
    other: ClaimRow,
    clusters: Map<number, number>,
    canonicalText: string | undefined,
    now: Date,
  ): Promise<number> {
    const a = clusters.get(claim.id);
    const b = clusters.get(other.id);
    let clusterId: number;
    let before: object | null = null;
    if (a === undefined && b === undefined) {
      const first = claim.id < other.id ? claim : other;
      const cluster = await manager.save(
        manager.create(ClaimCluster, { canonicalText: canonicalText ?? first.text, createdById: actor.id, createdAt: now, updatedAt: now }),
      );
      clusterId = cluster.id;
      await manager.insert(ClaimClusterMember, [claim, other].map((c) => ({ claimId: c.id, clusterId, addedById: actor.id, addedAt: now })));
    } else if (a !== undefined && b !== undefined) {
      clusterId = Math.min(a, b);
      if (a !== b) {
        const merged = Math.max(a, b);
        before = { mergedClusterId: merged };
        await manager.update(ClaimClusterMember, { clusterId: merged }, { clusterId });
        await manager.delete(ClaimCluster, { id: merged });
      }
    } else {
      clusterId = (a ?? b)!;
      const newcomer = a === undefined ? claim : other;
      await manager.insert(ClaimClusterMember, { claimId: newcomer.id, clusterId, addedById: actor.id, addedAt: now });
    }
    const changes: Partial<ClaimCluster> = { updatedAt: now };
    if (canonicalText !== undefined) changes.canonicalText = canonicalText;
    await manager.update(ClaimCluster, { id: clusterId }, changes);
    await this.audit.record(
      manager,
      actor,
      { action: 'match.link', entityType: 'claim_cluster', entityId: clusterId, claimId: claim.id, before, after: { claimId: claim.id, otherClaimId: other.id, clusterId, canonicalText: canonicalText ?? null } },
      now,
    );
    return clusterId;
  }

  private async clusterDto(manager: EntityManager, clusterId: number): Promise<ClusterDto> {
    const cluster = await manager.findOneByOrFail(ClaimCluster, { id: clusterId });
    const members = await manager.find(ClaimClusterMember, { where: { clusterId } });
    const ids = members.map((m) => m.claimId);
    const claims = await manager.find(Claim, { where: { id: In(ids) } });
    const articles = new Map((await manager.find(Article, { select: ['id', 'title', 'publishedDate'], where: { id: In([...new Set(claims.map((c) => c.articleId))]) } })).map((a) => [a.id, a]));
    const chains = await findChains(manager, ids);
    const ratings = await currentRatings(manager, ids);
    const sources = new Map<number, ClusterSourceDto>();
    for (const a of chains) {
      // Anonymous links ("a military source") are no source of the ledger: they are not counted.
      if (a.sourceId === null) continue;
      const s = sources.get(a.sourceId) ?? { sourceId: a.sourceId, name: a.source!.name, asSpeaker: 0, asRelay: 0 };
      if (a.position === 0) s.asSpeaker++;
      else s.asRelay++;
      sources.set(a.sourceId, s);
    }
    const appearances = claims.map((c): AppearanceDto => {
      const article = articles.get(c.articleId)!;
      const chain = chains.filter((a) => a.claimId === c.id).map((a) => a.source?.name ?? `anonymous: ${a.description ?? ''}`);
      return {
        claimId: c.id,
        articleId: c.articleId,
        articleTitle: article.title,
        articlePublishedDate: article.publishedDate,
        quote: c.quote,
        text: c.text,
        status: c.status,
        rating: c.status === 'published' ? (ratings.get(c.id) ?? null) : null,
        chain: chain.length ? chain.join(' → ') : '(no named source)',
        loggedAt: c.createdAt.toISOString(),
      };
    });
    appearances.sort((x, y) => (x.articlePublishedDate ?? '9999').localeCompare(y.articlePublishedDate ?? '9999') || x.loggedAt.localeCompare(y.loggedAt) || x.claimId - y.claimId);
    return {
      id: cluster.id,
      canonicalText: cluster.canonicalText,
      appearances,
      sources: [...sources.values()].sort((x, y) => y.asSpeaker + y.asRelay - (x.asSpeaker + x.asRelay) || x.sourceId - y.sourceId),
    };
  }

  private async claimOrFail(manager: EntityManager, id: number): Promise<ClaimRow> {
    const claim = await manager.findOne(Claim, { select: CLAIM_COLUMNS, where: { id } });
    if (!claim) throw new NotFoundException(`Claim ${id} does not exist.`);
    return claim;
  }

  /** claim id → cluster id, for those of `ids` in a cluster. */
  private async clustersOf(manager: EntityManager, ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.findBy(ClaimClusterMember, { claimId: In(ids) });
    return new Map(rows.map((r) => [r.claimId, r.clusterId]));
  }

  private async dismissedPairs(manager: EntityManager, ids: number[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(ClaimMatchDismissal, { where: { claimId: In(ids) } });
    return new Set(rows.map((r) => `${r.claimId}:${r.otherClaimId}`));
  }
}
