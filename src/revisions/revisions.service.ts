import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService, sha256 } from '../articles/articles.service';
import { Actor, AuditService } from '../audit/audit.service';
import { resolveAnchor } from '../claims/anchor';
import { Claim } from '../claims/claim.entity';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { fold } from '../common/text';
import { claimMatchSource, matchText } from '../matching/normalise';
import { refuse } from '../review/decision';
import { checkEdit } from '../review/workflow';
import { Transactions } from '../database/transactions';
import { loadUserRefs } from '../users/user-refs';
import {
  AnchorFlagDto,
  CreateRevisionDto,
  ReanchorResultDto,
  ResolveAnchorFlagDto,
  RevisionCreatedDto,
  RevisionDto,
  RevisionSummaryDto,
} from './dto/revision.dto';
import { AUTOMATIC, ClaimAnchor, reanchor, ReanchorResult } from './reanchor';
import { ArticleRevision, ClaimAnchorFlag } from './revision.entities';

/**
 * Article revisions: a corrected text becomes the next revision and the article's current text;
 * every claim is re-anchored (src/revisions/reanchor.ts) in the same transaction. Claims moved
 * automatically keep their exact words; the others are flagged and stay where they were (on the
 * earlier revision's text) until an editor anchors them. Everything is audited.
 */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly articles: ArticlesService,
  ) {}

  async list(articleId: number): Promise<RevisionSummaryDto[]> {
    const m = this.dataSource.manager;
    await this.articles.findOrFail(m, articleId);
    // Revisions are few per article; their lengths are counted in UTF-16 code units like every offset.
    const rows = await m.find(ArticleRevision, { where: { articleId }, order: { number: 'ASC' } });
    const users = await loadUserRefs(m, rows.map((r) => r.createdById));
    const last = rows.at(-1)?.number;
    return rows.map((r) => this.summary(r, r.body.length, users, r.number === last));
  }

  async get(articleId: number, number: number): Promise<RevisionDto> {
    const m = this.dataSource.manager;
    const revision = await m.findOneBy(ArticleRevision, { articleId, number });
    if (!revision) throw new NotFoundException(`Article ${articleId} has no revision ${number}.`);
    const last = await this.lastNumber(m, articleId);
    const users = await loadUserRefs(m, [revision.createdById]);
    return { ...this.summary(revision, revision.body.length, users, revision.number === last), body: revision.body };
  }

  /** The claims of the article waiting for an editor to anchor them in the current text. */
  async openFlags(articleId: number): Promise<AnchorFlagDto[]> {
    const m = this.dataSource.manager;
    await this.articles.findOrFail(m, articleId);
    const flags = await m.find(ClaimAnchorFlag, { where: { articleId, resolvedAt: IsNull() }, order: { claimId: 'ASC' } });
    const claims = flags.length ? await m.find(Claim, { where: { id: In(flags.map((f) => f.claimId)) }, select: ['id', 'text', 'quote', 'version'] }) : [];
    const byId = new Map(claims.map((c) => [c.id, c]));
    return flags.map((f) => this.flagDto(f, byId.get(f.claimId)!));
  }

  async create(actor: Actor, articleId: number, dto: CreateRevisionDto): Promise<RevisionCreatedDto> {
    return this.tx.run(async (manager) => {
      const article = await this.articles.findOrFail(manager, articleId);
      if (article.version !== dto.version) throw new StaleVersionError('Article', articleId, dto.version, article.version);
      if (dto.body === article.body) {
        throw new UnprocessableError('The text is the same as the current revision; nothing was changed.', [{ field: 'body', reason: 'identical to the current text' }]);
      }
      const from = await this.lastNumber(manager, articleId);
      const number = from + 1;
      const now = new Date();

      // Claims with an open flag still point into the revision the flag names: re-anchor them from that text.
      const claims = await manager.find(Claim, { where: { articleId }, select: ['id', 'start', 'end', 'quote', 'version'], order: { id: 'ASC' } });
      const open = await manager.find(ClaimAnchorFlag, { where: { articleId, resolvedAt: IsNull() } });
      const openByClaim = new Map(open.map((f) => [f.claimId, f]));
      const groups = new Map<number, ClaimAnchor[]>();
      for (const c of claims) {
        const base = openByClaim.get(c.id)?.fromRevision ?? from;
        groups.set(base, [...(groups.get(base) ?? []), { id: c.id, start: c.start, end: c.end, quote: c.quote }]);
      }
      const results: ReanchorResult[] = [];
      const baseOf = new Map<number, number>();
      for (const [base, anchors] of groups) {
        const text = base === from ? article.body : (await manager.findOneByOrFail(ArticleRevision, { articleId, number: base })).body;
        for (const r of reanchor(text, dto.body, anchors)) {
          results.push(r);
          baseOf.set(r.id, base);
        }
      }
      results.sort((a, b) => a.id - b.id);

      const byId = new Map(claims.map((c) => [c.id, c]));
      for (const r of results) {
        const claim = byId.get(r.id)!;
        const flag = openByClaim.get(r.id);
        const before = { revision: baseOf.get(r.id), start: claim.start, end: claim.end, quote: claim.quote };
        if (AUTOMATIC.includes(r.outcome)) {
          if (flag) await this.closeFlag(manager, flag, actor, 'reanchored', now);
          if (r.start === claim.start && !flag) continue; // same words at the same offsets: nothing moves
          await manager.createQueryBuilder().update(Claim).set({ start: r.start!, end: r.end!, updatedAt: now }).where('id = :id', { id: r.id }).execute();
          await this.audit.record(manager, actor, {
            action: 'claim.reanchor',
            entityType: 'claim',
            entityId: r.id,
            claimId: r.id,
            before,
            after: { revision: number, start: r.start, end: r.end, quote: r.quote, outcome: r.outcome },
          });
        } else {
          if (flag) await this.closeFlag(manager, flag, actor, 'superseded', now);
          const raised = await manager.save(
            manager.create(ClaimAnchorFlag, {
              claimId: r.id,
              articleId,
              fromRevision: baseOf.get(r.id)!,
              toRevision: number,
              outcome: r.outcome,
              scorePermille: Math.round(r.score * 1000),
              proposedStart: r.start,
              proposedEnd: r.end,
              proposedQuote: r.quote,
              createdAt: now,
              resolvedAt: null,
              resolvedById: null,
              resolution: null,
            }),
          );
          await this.audit.record(manager, actor, {
            action: 'claim.anchor_flag',
            entityType: 'claim',
            entityId: r.id,
            claimId: r.id,
            before,
            after: { flagId: raised.id, toRevision: number, outcome: r.outcome, score: r.score, proposal: r.start === null ? null : { start: r.start, end: r.end, quote: r.quote } },
          });
        }
      }

      const bodySha256 = sha256(dto.body);
      const updated = await manager
        .createQueryBuilder()
        .update(Article)
        .set({ body: dto.body, bodySha256, updatedAt: now })
        .where('id = :id AND version = :version', { id: articleId, version: dto.version })
        .execute();
      if (!updated.affected) throw new StaleVersionError('Article', articleId, dto.version, null);
      const revision = await manager.save(
        manager.create(ArticleRevision, { articleId, number, body: dto.body, bodySha256, note: dto.note?.trim() || null, createdById: actor.id, createdAt: now }),
      );
      const flagged = results.filter((r) => !AUTOMATIC.includes(r.outcome)).length;
      const counts: Record<string, number> = {};
      for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      await this.audit.record(manager, actor, {
        action: 'article.revision',
        entityType: 'article',
        entityId: articleId,
        before: { revision: from, bodySha256: article.bodySha256 },
        after: { revision: number, bodySha256, note: revision.note, claims: counts },
      });
      const users = await loadUserRefs(manager, [actor.id]);
      return {
        revision: this.summary(revision, dto.body.length, users, true),
        articleVersion: article.version + 1,
        results: results.map((r): ReanchorResultDto => ({ claimId: r.id, outcome: r.outcome, start: r.start, end: r.end, quote: r.quote, score: r.score })),
        flagged,
      };
    });
  }

  /**
   * Anchors a flagged claim in the current text: the flag's proposal, or a quote the editor gives
   * (checked like a claim's anchor). The claim's version is checked; the flag is resolved; audited.
   */
  async resolve(actor: Actor, articleId: number, flagId: number, dto: ResolveAnchorFlagDto): Promise<AnchorFlagDto> {
    return this.tx.run(async (manager) => {
      const flag = await manager.findOneBy(ClaimAnchorFlag, { id: flagId, articleId });
      if (!flag) throw new NotFoundException(`Article ${articleId} has no anchor flag ${flagId}.`);
      if (flag.resolvedAt) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `Flag ${flagId} was already resolved (${flag.resolution}).` });
      const article = await this.articles.findOrFail(manager, articleId);
      const claim = await manager.findOneByOrFail(Claim, { id: flag.claimId });
      if (claim.version !== dto.claimVersion) throw new StaleVersionError('Claim', claim.id, dto.claimVersion, claim.version);
      // Choosing the claim's words is an edit: the same rule as editing it (its editor or an admin,
      // and not while frozen under review or published: send it back or reopen it first).
      refuse(checkEdit(actor, claim, 'edit'));
      let span: { start: number; end: number; quote: string };
      if (dto.quote === undefined) {
        if (flag.proposedStart === null || flag.proposedEnd === null || flag.proposedQuote === null) {
          throw new UnprocessableError('There is no proposal to accept: give the claim’s words in the current text.', [{ field: 'quote', reason: 'required: nothing close was found' }]);
        }
        span = { start: flag.proposedStart, end: flag.proposedEnd, quote: flag.proposedQuote };
      } else {
        const found = resolveAnchor(article.body, { quote: dto.quote, start: dto.start, end: dto.end, occurrence: dto.occurrence });
        if (!found.ok) throw new UnprocessableError(found.message, found.errors);
        span = { ...found.span, quote: dto.quote };
      }
      if (article.body.slice(span.start, span.end) !== span.quote) {
        throw new UnprocessableError('The proposal no longer matches the current text.', [{ field: 'quote', reason: 'give the claim’s words in the current text' }]);
      }
      const result = await manager
        .createQueryBuilder()
        .update(Claim)
        .set({
          start: span.start,
          end: span.end,
          quote: span.quote,
          searchFolded: fold(`${claim.text}\n${span.quote}`),
          matchText: matchText(claimMatchSource({ text: claim.text, quote: span.quote })),
          // New words are a new wording: a verdict proposed on the old one cannot be published on them.
          wordingVersion: span.quote === claim.quote ? claim.wordingVersion : claim.wordingVersion + 1,
          updatedAt: new Date(),
        })
        .where('id = :id AND version = :version', { id: claim.id, version: dto.claimVersion })
        .execute();
      if (!result.affected) throw new StaleVersionError('Claim', claim.id, dto.claimVersion, null);
      const now = new Date();
      await this.closeFlag(manager, flag, actor, dto.quote === undefined ? 'accepted' : 'reanchored', now);
      const current = await this.lastNumber(manager, articleId);
      await this.audit.record(manager, actor, {
        action: 'claim.reanchor',
        entityType: 'claim',
        entityId: claim.id,
        claimId: claim.id,
        before: { revision: flag.fromRevision, start: claim.start, end: claim.end, quote: claim.quote },
        after: { revision: current, ...span, outcome: dto.quote === undefined ? 'accepted' : 'by_editor', flagId },
      });
      const after = await manager.findOneByOrFail(ClaimAnchorFlag, { id: flagId });
      return this.flagDto(after, await manager.findOneByOrFail(Claim, { id: claim.id }));
    });
  }

  /** Ids of the article's claims whose offsets point into an earlier revision (open flags). */
  async flaggedClaimIds(articleId: number): Promise<Set<number>> {
    const rows = await this.dataSource.manager.find(ClaimAnchorFlag, { where: { articleId, resolvedAt: IsNull() }, select: ['claimId'] });
    return new Set(rows.map((r) => r.claimId));
  }

  private async closeFlag(manager: EntityManager, flag: ClaimAnchorFlag, actor: Actor, resolution: ClaimAnchorFlag['resolution'], at: Date): Promise<void> {
    await manager.update(ClaimAnchorFlag, { id: flag.id }, { resolvedAt: at, resolvedById: actor.id, resolution });
  }

  private async lastNumber(manager: EntityManager, articleId: number): Promise<number> {
    const last = await manager.findOne(ArticleRevision, { where: { articleId }, order: { number: 'DESC' }, select: ['id', 'number'] });
    return last?.number ?? 0;
  }

  private summary(r: ArticleRevision, length: number, users: Map<number, { id: number; username: string }>, current: boolean): RevisionSummaryDto {
    return {
      number: r.number,
      bodySha256: r.bodySha256,
      length,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdById !== null ? (users.get(r.createdById) ?? null) : null,
      current,
    };
  }

  private flagDto(f: ClaimAnchorFlag, claim: Pick<Claim, 'text' | 'quote' | 'version'>): AnchorFlagDto {
    return {
      id: f.id,
      claimId: f.claimId,
      claimText: claim.text,
      quote: claim.quote,
      claimVersion: claim.version,
      fromRevision: f.fromRevision,
      toRevision: f.toRevision,
      outcome: f.outcome,
      score: (f.scorePermille ?? 0) / 1000,
      proposal: f.proposedStart !== null && f.proposedEnd !== null && f.proposedQuote !== null ? { start: f.proposedStart, end: f.proposedEnd, quote: f.proposedQuote } : null,
      createdAt: f.createdAt.toISOString(),
    };
  }
}
