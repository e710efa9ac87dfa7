import { Injectable } from '@nestjs/common';
import { ArchiveService } from '../archive/archive.service';
import type { EvidenceArchive } from '../archive/evidence-archive.entity';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Claim } from '../claims/claim.entity';
import { Env, publicOrigin } from '../config/env';
import type { ReportArticle, ReportClaim, ReportPublisher } from '../reports/report.model';
import { claimReview, type ClaimReviewLd } from '../reports/renderers/claimreview.renderer';
import { ReportsService } from '../reports/reports.service';
import { claimReadiness, claimReviewReadiness, type ReadinessIssue } from './readiness';

/** One published check as a reader sees it. */
export interface PublicCheck {
  claim: ReportClaim;
  article: ReportArticle;
  review: ClaimReviewLd;
  /** The page's stable address (PUBLIC_URL/checks/<id>). */
  url: string;
  /** When each evidence link's archived copy was captured (links with a copy only). */
  archived: Map<number, string>;
}

export interface PublicListing {
  items: PublicCheck[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  article: ReportArticle | null;
}

export const PUBLIC_PAGE_SIZE = 20;

/**
 * What the public fact-check pages show: published claims only, and of those only what the desk
 * published: the current (published) verdict and earlier published ones, never a proposal, a
 * comment or a draft; reviewer names only with PUBLIC_SHOW_REVIEWER_NAMES.
 */
@Injectable()
export class PublicService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly env: Env,
    private readonly archives: ArchiveService,
  ) {}

  origin(): string {
    return publicOrigin(this.env);
  }

  async check(id: number): Promise<PublicCheck | null> {
    const published = await this.dataSource.getRepository(Claim).exists({ where: { id, status: 'published' } });
    if (!published) return null;
    return (await this.checks([id]))[0] ?? null;
  }

  /** Every published check, newest first; or one article's, in article order. Paginated in SQL. */
  async listing(page: number, articleId?: number): Promise<PublicListing | null> {
    const qb = this.dataSource.getRepository(Claim).createQueryBuilder('c').select('c.id', 'id').where('c.status = :status', { status: 'published' });
    if (articleId !== undefined) qb.andWhere('c.article_id = :articleId', { articleId }).orderBy('c.start_offset').addOrderBy('c.end_offset').addOrderBy('c.id');
    else qb.orderBy('c.id', 'DESC');
    const total = await qb.getCount();
    if (articleId !== undefined && total === 0) return null;
    const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
    const current = Math.min(page, pages);
    const rows = await qb
      .offset((current - 1) * PUBLIC_PAGE_SIZE)
      .limit(PUBLIC_PAGE_SIZE)
      .getRawMany<{ id: number }>();
    const items = await this.checks(rows.map((r) => Number(r.id)));
    return { items, total, page: current, pageSize: PUBLIC_PAGE_SIZE, pages, article: items[0]?.article && articleId !== undefined ? items[0].article : null };
  }

  /** The readiness of a claim's ClaimReview as it would be published now (for the claim panel). */
  async readiness(claimId: number): Promise<ReadinessIssue[]> {
    const [found] = await this.reports.claimsByIds([claimId]);
    return found ? claimReadiness(found.claim, found.article, this.publisher()) : claimReviewReadiness(null);
  }

  private publisher(): ReportPublisher {
    return this.reports.publisher();
  }

  private async checks(ids: number[]): Promise<PublicCheck[]> {
    const publisher = this.publisher();
    const found = await this.reports.claimsByIds(ids);
    const archives = await this.archives.forLinks(found.flatMap(({ claim }) => claim.evidence.map((e) => e.id)));
    return found
      .filter(({ claim }) => claim.published && claim.verdict?.publishedAt)
      .map(({ claim, article }) => {
        const shown = this.forReaders(claim);
        const review = claimReview(shown, article, { publisher })!;
        const archived = new Map(
          claim.evidence.flatMap((e) => {
            const a = archives.get(e.id);
            return a?.status === 'archived' && a.retrievedAt ? [[e.id, a.retrievedAt.toISOString()] as const] : [];
          }),
        );
        return { claim: shown, article, review, url: review.url, archived };
      });
  }

  /** A published claim's evidence link with its archived copy, or null. */
  async archivedCopy(claimId: number, linkId: number): Promise<{ check: PublicCheck; archive: EvidenceArchive } | null> {
    const check = await this.check(claimId);
    if (!check || !check.claim.evidence.some((e) => e.id === linkId) || !check.archived.has(linkId)) return null;
    return { check, archive: await this.archives.forLink(linkId) };
  }

  /** Only what the desk published, and names only if it shows them. */
  private forReaders(claim: ReportClaim): ReportClaim {
    const names = this.env.PUBLIC_SHOW_REVIEWER_NAMES;
    const verdict = <T extends ReportClaim['verdict']>(v: T): T => (v && !names ? { ...v, reviewer: null, publishedBy: null } : v);
    return {
      ...claim,
      verdict: verdict(claim.verdict),
      earlierVerdicts: claim.earlierVerdicts.filter((v) => v.publishedAt !== null).map((v) => verdict(v)!),
      corrections: claim.corrections.map((c) => (names ? c : { ...c, by: null })),
    };
  }
}
