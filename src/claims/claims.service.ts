import { BadRequestException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService } from '../articles/articles.service';
import { AuditEvent } from '../audit/audit-event.entity';
import { Actor, AuditService } from '../audit/audit.service';
import { Page, page } from '../common/dto/pagination.dto';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { containsPattern, fold } from '../common/text';
import { assertValidList } from '../common/validation';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { claimMatchSource, matchText } from '../matching/normalise';
import { refuse } from '../review/decision';
import { currentRatings, loadReviewDetail } from '../review/review-detail';
import { checkEdit } from '../review/workflow';
import { ClaimTransition, Comment } from '../review/review.entities';
import { SourcesService } from '../sources/sources.service';
import { loadUserRefs } from '../users/user-refs';
import { AnchorInput, resolveAnchor, Span } from './anchor';
import { ClaimAnchorFlag } from '../revisions/revision.entities';
import { Attribution, Claim, EvidenceLink } from './claim.entity';
import {
  AttributionDto,
  AttributionInputDto,
  ClaimDetailDto,
  ClaimDto,
  ClaimListQueryDto,
  CreateClaimDto,
  CreateEvidenceDto,
  EvidenceLinkDto,
  ReplaceAttributionsDto,
  UpdateClaimDto,
} from './dto/claim.dto';

/** The version a write expects, and whether it came as an `If-Match` header (412) or in the body (409). */
export interface Precondition {
  version: number;
  viaHeader: boolean;
}

/** Reads `If-Match: "3"` / `W/"3"` / `3`, or the body's `version`; one of them is required. */
export function precondition(bodyVersion: number | undefined, ifMatch: string | undefined): Precondition {
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'If-Match must be the claim version, e.g. If-Match: "3".',
        errors: [{ field: 'If-Match', reason: 'must be a version number' }],
      });
    }
    return { version: Number(match[1]), viaHeader: true };
  }
  if (bodyVersion === undefined) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'version is required (the version you read), in the body or as an If-Match header.',
      errors: [{ field: 'version', reason: 'required, or send If-Match' }],
    });
  }
  return { version: bodyVersion, viaHeader: false };
}

export function staleError(id: number, expected: Precondition, current: number): HttpException {
  const error = new StaleVersionError('Claim', id, expected.version, current);
  if (!expected.viaHeader) return error;
  return new HttpException({ ...(error.getResponse() as object), statusCode: 412, error: 'Precondition Failed' }, HttpStatus.PRECONDITION_FAILED);
}

@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly articles: ArticlesService,
    private readonly sources: SourcesService,
    private readonly env: Env,
  ) {}

  /** Claims across articles (or of one), filtered, sorted and paginated in SQL. */
  async list(query: ClaimListQueryDto): Promise<Page<ClaimDto>> {
    const qb = this.filtered(this.dataSource.manager, query);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    switch (query.sort ?? 'position') {
      case 'position':
        qb.orderBy('c.article_id', direction).addOrderBy('c.start_offset', direction).addOrderBy('c.end_offset', direction);
        break;
      case 'createdAt':
        qb.orderBy('c.created_at', direction);
        break;
      case 'updatedAt':
        qb.orderBy('c.updated_at', direction);
        break;
      case 'id':
        break;
    }
    qb.addOrderBy('c.id', direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [claims, total] = await qb.getManyAndCount();
    return page(await this.toDtos(this.dataSource.manager, claims), total, query);
  }

  async findByArticle(articleId: number, query: ClaimListQueryDto): Promise<Page<ClaimDto>> {
    await this.articles.findOrFail(this.dataSource.manager, articleId);
    return this.list({ ...query, articleId } as ClaimListQueryDto);
  }

  /** The filter part of a claim query, shared by the list and by reports. */
  filtered(manager: EntityManager, query: Omit<ClaimListQueryDto, 'page' | 'pageSize'>): SelectQueryBuilder<Claim> {
    const qb = manager.getRepository(Claim).createQueryBuilder('c');
    if (query.articleId) qb.andWhere('c.article_id = :articleId', { articleId: query.articleId });
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.kind?.length) qb.andWhere('c.kind IN (:...kinds)', { kinds: query.kind });
    if (query.unattributed !== undefined) qb.andWhere('c.unattributed = :unattributed', { unattributed: query.unattributed });
    if (query.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.createdById) qb.andWhere('c.created_by_id = :createdById', { createdById: query.createdById });
    if (query.q) {
      // The wording and quote, or a source of the chain by name or alias (all folded: accents optional).
      const sourceMatch =
        "SELECT a.claim_id FROM attributions a WHERE a.source_id IN (SELECT s.id FROM sources s WHERE s.name_folded LIKE :pattern ESCAPE '\\' " +
        "UNION SELECT sa.source_id FROM source_aliases sa WHERE sa.alias_folded LIKE :pattern ESCAPE '\\')";
      qb.andWhere(`(c.search_folded LIKE :pattern ESCAPE '\\' OR c.id IN (${sourceMatch}))`, { pattern: containsPattern(query.q) });
    }
    if (query.sourceId) {
      const role =
        query.sourceRole === 'speaker' ? ' AND a.position = 0' : query.sourceRole === 'relay' ? ' AND a.position > 0' : '';
      // IN (subquery) lets both databases start from the source's index instead of probing every claim.
      qb.andWhere(`c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id = :sourceId${role})`, {
        sourceId: query.sourceId,
      });
    }
    return qb;
  }

  /** The claim with its chain, evidence and review (verdicts, comments, transitions, what `actor` may do next). */
  async get(id: number, actor: Actor | null = null): Promise<ClaimDetailDto> {
    return this.detail(this.dataSource.manager, await this.findOrFail(this.dataSource.manager, id), actor);
  }

  async create(actor: Actor | null, articleId: number, dto: CreateClaimDto): Promise<ClaimDetailDto> {
    return this.tx.run((manager) => this.createIn(manager, actor, articleId, dto));
  }

  async createIn(manager: EntityManager, actor: Actor | null, articleId: number, dto: CreateClaimDto): Promise<ClaimDetailDto> {
    const article = await this.articles.findOrFail(manager, articleId);
    const span = this.anchor(article, dto);
    const attributions = dto.attributions ?? [];
    const unattributed = this.checkChain(dto.unattributed, attributions);
    await this.checkSources(manager, attributions);
    const now = new Date();
    const claim = await manager.save(
      manager.create(Claim, {
        articleId,
        text: dto.text,
        quote: dto.quote,
        start: span.start,
        end: span.end,
        searchFolded: fold(`${dto.text}\n${dto.quote}`),
        matchText: matchText(claimMatchSource({ text: dto.text, quote: dto.quote })),
        kind: dto.kind,
        status: 'draft',
        unattributed,
        note: dto.note ?? null,
        assigneeId: null,
        createdById: actor?.id ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.insertChain(manager, claim.id, attributions);
    const result = await this.detail(manager, claim, actor);
    await this.audit.record(manager, actor, {
      action: 'claim.create',
      entityType: 'claim',
      entityId: claim.id,
      claimId: claim.id,
      after: result,
    });
    return result;
  }

  async update(actor: Actor, id: number, dto: UpdateClaimDto, expected: Precondition): Promise<ClaimDetailDto> {
    return this.tx.run(async (manager) => {
      const current = await this.findForUpdate(manager, id);
      if (expected.version !== current.version) throw staleError(id, expected, current.version);
      refuse(checkEdit(actor, current, 'edit'));
      const before = await this.detail(manager, current);
      const changes: Partial<Claim> = { updatedAt: new Date() };
      if (dto.text !== undefined) changes.text = dto.text;
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.note !== undefined) changes.note = dto.note;
      if (dto.quote !== undefined || dto.start !== undefined || dto.end !== undefined) {
        const article = await this.articles.findOrFail(manager, current.articleId);
        const span = this.anchor(article, {
          quote: dto.quote ?? current.quote,
          start: dto.start,
          end: dto.end,
          occurrence: dto.occurrence,
        });
        Object.assign(changes, { quote: dto.quote ?? current.quote, start: span.start, end: span.end });
        // Anchored in the current text now: a revision's open flag on this claim is settled.
        await manager.update(ClaimAnchorFlag, { claimId: id, resolvedAt: IsNull() }, { resolvedAt: new Date(), resolvedById: actor.id, resolution: 'reanchored' });
      }
      const reworded =
        (changes.text !== undefined && changes.text !== current.text) ||
        (changes.quote !== undefined && (changes.quote !== current.quote || changes.start !== current.start || changes.end !== current.end));
      if (reworded) changes.wordingVersion = current.wordingVersion + 1;
      changes.searchFolded = fold(`${changes.text ?? current.text}\n${changes.quote ?? current.quote}`);
      changes.matchText = matchText(claimMatchSource({ text: changes.text ?? current.text, quote: changes.quote ?? current.quote }));
      await this.bumpVersion(manager, current, expected, changes);
      const after = await this.detail(manager, await this.findOrFail(manager, id), actor);
      await this.audit.record(manager, actor, { action: 'claim.update', entityType: 'claim', entityId: id, claimId: id, before, after });
      return after;
    });
  }

  /** Replaces the whole chain in one transaction; the claim's version moves on. */
  async replaceAttributions(actor: Actor, id: number, dto: ReplaceAttributionsDto, expected: Precondition): Promise<ClaimDetailDto> {
    return this.tx.run((manager) => this.replaceAttributionsIn(manager, actor, id, dto, expected));
  }

  /** The same, inside the caller's transaction (the web chain builder creates new sources in it too). */
  async replaceAttributionsIn(
    manager: EntityManager,
    actor: Actor,
    id: number,
    dto: ReplaceAttributionsDto,
    expected: Precondition,
  ): Promise<ClaimDetailDto> {
    const current = await this.findForUpdate(manager, id);
    if (expected.version !== current.version) throw staleError(id, expected, current.version);
    refuse(checkEdit(actor, current, 'chain'));
    const before = await this.detail(manager, current);
    const unattributed = this.checkChain(dto.unattributed, dto.attributions);
    await this.checkSources(manager, dto.attributions);
    await this.bumpVersion(manager, current, expected, { unattributed, wordingVersion: current.wordingVersion + 1, updatedAt: new Date() });
    await manager.delete(Attribution, { claimId: id });
    await this.insertChain(manager, id, dto.attributions);
    const after = await this.detail(manager, await this.findOrFail(manager, id), actor);
    await this.audit.record(manager, actor, {
      action: 'claim.attributions.replace',
      entityType: 'claim',
      entityId: id,
      claimId: id,
      before: { unattributed: before.unattributed, attributions: before.attributions },
      after: { unattributed: after.unattributed, attributions: after.attributions },
    });
    return after;
  }

  /**
   * Deletes a draft that never left the editor's hands. Anything with a workflow history or a
   * discussion keeps it (transitions and comments are append-only): dismiss it instead.
   */
  async remove(actor: Actor, id: number, expected: Precondition): Promise<void> {
    await this.tx.run(async (manager) => {
      const current = await this.findForUpdate(manager, id);
      if (expected.version !== current.version) throw staleError(id, expected, current.version);
      refuse(checkEdit(actor, current, 'delete'));
      const transitions = await manager.countBy(ClaimTransition, { claimId: id });
      const comments = await manager.countBy(Comment, { claimId: id });
      if (transitions + comments > 0) {
        throw new UnprocessableError(
          `Claim ${id} has a review history (${transitions} transition(s), ${comments} comment(s)) that must stay: dismiss it instead.`,
          [{ field: 'status', reason: 'has a review history; dismiss it instead' }],
        );
      }
      const before = await this.detail(manager, current);
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(Claim)
        .where('id = :id AND version = :version', { id, version: current.version })
        .execute();
      if (!result.affected) throw staleError(id, expected, current.version);
      await this.audit.record(manager, actor, { action: 'claim.delete', entityType: 'claim', entityId: id, claimId: id, before });
    });
  }

  async addEvidence(actor: Actor, claimId: number, dto: CreateEvidenceDto): Promise<EvidenceLinkDto> {
    return this.tx.run(async (manager) => {
      this.assertEditable(await this.findForUpdate(manager, claimId));
      const link = await manager.save(
        manager.create(EvidenceLink, {
          claimId,
          url: dto.url,
          title: dto.title,
          publisher: dto.publisher ?? null,
          stance: dto.stance,
          excerpt: dto.excerpt ?? null,
          accessedDate: dto.accessedDate ?? null,
          archiveUrl: dto.archiveUrl ?? null,
          addedById: actor.id,
          createdAt: new Date(),
        }),
      );
      const [result] = await this.evidenceDtos(manager, [link]);
      await this.audit.record(manager, actor, { action: 'evidence.add', entityType: 'evidence_link', entityId: link.id, claimId, after: result });
      return result;
    });
  }

  async removeEvidence(actor: Actor, claimId: number, linkId: number): Promise<void> {
    await this.tx.run(async (manager) => {
      const claim = await this.findForUpdate(manager, claimId);
      const link = await manager.findOneBy(EvidenceLink, { id: linkId, claimId });
      if (!link) throw new NotFoundException(`Claim ${claimId} has no evidence link ${linkId}.`);
      this.assertEditable(claim);
      const [before] = await this.evidenceDtos(manager, [link]);
      await manager.delete(EvidenceLink, { id: linkId });
      await this.audit.record(manager, actor, { action: 'evidence.remove', entityType: 'evidence_link', entityId: linkId, claimId, before });
    });
  }

  /**
   * Undo of a removal: puts back the link an `evidence.remove` history entry of this claim
   * recorded, as a new link with the same address, title, stance, publisher, excerpt and dates.
   * Refused on a published or dismissed claim, and when that entry was already restored.
   */
  async restoreEvidence(actor: Actor, claimId: number, eventId: number): Promise<EvidenceLinkDto> {
    return this.tx.run(async (manager) => {
      this.assertEditable(await this.findForUpdate(manager, claimId));
      const event = await manager.findOneBy(AuditEvent, { id: eventId, claimId, action: 'evidence.remove' });
      if (!event?.before) throw new NotFoundException(`Claim ${claimId} has no removed evidence link in history entry ${eventId}.`);
      const earlier = await manager.findBy(AuditEvent, { claimId, action: 'evidence.restore' });
      if (earlier.some((e) => (e.after as { restoredFrom?: number } | null)?.restoredFrom === eventId)) {
        throw new UnprocessableError('This evidence link was already restored.', [{ field: 'event', reason: 'already restored' }]);
      }
      const old = event.before as EvidenceLinkDto;
      const link = await manager.save(
        manager.create(EvidenceLink, {
          claimId,
          url: old.url,
          title: old.title,
          publisher: old.publisher ?? null,
          stance: old.stance,
          excerpt: old.excerpt ?? null,
          accessedDate: old.accessedDate ?? null,
          archiveUrl: old.archiveUrl ?? null,
          addedById: actor.id,
          createdAt: new Date(),
        }),
      );
      const [result] = await this.evidenceDtos(manager, [link]);
      await this.audit.record(manager, actor, {
        action: 'evidence.restore',
        entityType: 'evidence_link',
        entityId: link.id,
        claimId,
        after: { ...result, restoredFrom: eventId },
      });
      return result;
    });
  }

  /**
   * A published claim is the desk's word: its wording, chain and the evidence its verdict relies
   * on change only after reopening it (a correction, which stays on record). A dismissed claim is
   * closed. A stale version is reported first, so a loser of a race learns it lost.
   */
  private assertEditable(claim: Claim, expected?: Precondition): void {
    if (expected && expected.version !== claim.version) throw staleError(claim.id, expected, claim.version);
    if (claim.status === 'published') {
      throw new UnprocessableError(`Claim ${claim.id} is published: reopen it (a correction, with a reason) before changing it or its evidence.`, [
        { field: 'status', reason: 'is published; reopen it first' },
      ]);
    }
    if (claim.status === 'dismissed') {
      throw new UnprocessableError(`Claim ${claim.id} was dismissed and is closed.`, [{ field: 'status', reason: 'is dismissed' }]);
    }
  }

  /**
   * Loads a claim for a write, holding its row lock until the transaction ends. The no-op UPDATE
   * is the portable way to take it (SELECT ... FOR UPDATE does not exist on SQLite, where write
   * transactions are serialised anyway). On PostgreSQL it makes writes that touch a claim's
   * related rows (evidence, verdicts) wait for each other, so that, say, removing the last
   * evidence link cannot interleave with publishing the verdict that relies on it. Setting the
   * version to itself keeps TypeORM from moving it on.
   */
  async findForUpdate(manager: EntityManager, id: number): Promise<Claim> {
    await manager
      .createQueryBuilder()
      .update(Claim)
      .set({ version: () => 'version' })
      .where('id = :id', { id })
      .execute();
    return this.findOrFail(manager, id);
  }

  async findOrFail(manager: EntityManager, id: number): Promise<Claim> {
    const claim = await manager.findOneBy(Claim, { id });
    if (!claim) throw new NotFoundException(`Claim ${id} does not exist.`);
    return claim;
  }

  /**
   * The optimistic lock: UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?.
   * Zero rows means someone else got there first; nothing is written and the caller's
   * transaction rolls back. Works the same across instances sharing one database.
   */
  async bumpVersion(manager: EntityManager, current: Claim, expected: Precondition, changes: Partial<Claim>): Promise<void> {
    if (expected.version !== current.version) throw staleError(current.id, expected, current.version);
    const result = await manager
      .createQueryBuilder()
      .update(Claim)
      .set(changes)
      .where('id = :id AND version = :version', { id: current.id, version: expected.version })
      .execute();
    if (!result.affected) {
      const now = await manager.findOneBy(Claim, { id: current.id });
      throw staleError(current.id, expected, now?.version ?? current.version);
    }
  }

  private anchor(article: Article, input: AnchorInput): Span {
    const result = resolveAnchor(article.body, input);
    if (!result.ok) {
      throw new HttpException(
        {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: result.message,
          errors: result.errors,
          ...(result.occurrences ? { occurrences: result.occurrences } : {}),
        },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return result.span;
  }

  /** A claim has a chain, or says explicitly that the article states it in its own voice. */
  private checkChain(unattributed: boolean | undefined, attributions: AttributionInputDto[]): boolean {
    // The API's pipe has checked these already; the web chain builder and the seed have not.
    assertValidList(AttributionInputDto, attributions, 'attributions');
    if (unattributed === true && attributions.length > 0) {
      throw new UnprocessableError('An unattributed claim cannot also have an attribution chain.', [
        { field: 'attributions', reason: 'must be empty when unattributed is true' },
      ]);
    }
    if (unattributed !== true && attributions.length === 0) {
      throw new UnprocessableError(
        'Give the attribution chain (original speaker first), or set unattributed: true when the article states the claim in its own voice.',
        [{ field: 'attributions', reason: 'empty, and unattributed is not true' }],
      );
    }
    return unattributed === true;
  }

  private async checkSources(manager: EntityManager, attributions: AttributionInputDto[]): Promise<void> {
    // Each link names a registry source or is anonymous with a description: exactly one of the two.
    const shape = attributions.flatMap((a, i) => {
      if (a.anonymous === true && a.sourceId !== undefined && a.sourceId !== null)
        return [{ field: `attributions[${i}].sourceId`, reason: 'must be left out when anonymous is true' }];
      if (a.anonymous !== true && (a.description ?? null) !== null)
        return [{ field: `attributions[${i}].description`, reason: 'only for an anonymous link (anonymous: true)' }];
      return [];
    });
    if (shape.length > 0) throw new UnprocessableError('Each link names a source (sourceId) or is anonymous with a description, not both.', shape);
    const named = attributions.filter((a) => a.anonymous !== true);
    const found = await this.sources.findByIds(
      manager,
      named.map((a) => a.sourceId!),
    );
    const errors = attributions
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.anonymous !== true && !found.has(a.sourceId!))
      .map(({ a, i }) => ({ field: `attributions[${i}].sourceId`, reason: `no source with id ${a.sourceId}` }));
    if (errors.length > 0) throw new UnprocessableError('The attribution chain refers to sources that do not exist.', errors);
  }

  private async insertChain(manager: EntityManager, claimId: number, attributions: AttributionInputDto[]): Promise<void> {
    if (attributions.length === 0) return;
    await manager.insert(
      Attribution,
      attributions.map((a, position) => ({
        claimId,
        position,
        sourceId: a.anonymous === true ? null : a.sourceId!,
        anonymous: a.anonymous === true,
        description: a.anonymous === true ? (a.description ?? null) : null,
        verb: a.verb,
        mode: a.mode,
        saidWhen: a.saidWhen ?? null,
        saidWhere: a.saidWhere ?? null,
      })),
    );
  }

  /** `actor` decides `allowedTransitions` (none without one). */
  async detail(manager: EntityManager, claim: Claim, actor: Actor | null = null): Promise<ClaimDetailDto> {
    const [dto] = await this.toDtos(manager, [claim]);
    const links = await manager.find(EvidenceLink, { where: { claimId: claim.id }, order: { id: 'ASC' } });
    const review = await loadReviewDetail(manager, claim, links.length, actor, { secondCheck: this.env.REVIEW_SECOND_CHECK });
    return { ...dto, evidence: await this.evidenceDtos(manager, links), ...review };
  }

  /** Maps a page of claims with their chains, people and evidence counts: a fixed number of queries. */
  async toDtos(manager: EntityManager, claims: Claim[]): Promise<ClaimDto[]> {
    if (claims.length === 0) return [];
    const ids = claims.map((c) => c.id);
    const chains = await findChains(manager, ids);
    const evidenceCounts = await manager
      .getRepository(EvidenceLink)
      .createQueryBuilder('e')
      .select('e.claim_id', 'claimId')
      .addSelect('COUNT(*)', 'count')
      .where('e.claim_id IN (:...ids)', { ids })
      .groupBy('e.claim_id')
      .getRawMany<{ claimId: number; count: string | number }>();
    const users = await loadUserRefs(
      manager,
      claims.flatMap((c) => [c.assigneeId, c.createdById]),
    );
    const ratings = await currentRatings(manager, ids);
    const chainOf = new Map<number, AttributionDto[]>();
    for (const a of chains) {
      const list = chainOf.get(a.claimId) ?? [];
      list.push({
        position: a.position,
        source: a.source ? { id: a.source.id, name: a.source.name, kind: a.source.kind } : null,
        anonymous: a.anonymous,
        description: a.description,
        verb: a.verb,
        mode: a.mode,
        saidWhen: a.saidWhen,
        saidWhere: a.saidWhere,
      });
      chainOf.set(a.claimId, list);
    }
    return claims.map((c) => ({
      id: c.id,
      articleId: c.articleId,
      text: c.text,
      quote: c.quote,
      start: c.start,
      end: c.end,
      kind: c.kind,
      status: c.status,
      unattributed: c.unattributed,
      attributions: chainOf.get(c.id) ?? [],
      note: c.note,
      assignee: c.assigneeId ? (users.get(c.assigneeId) ?? null) : null,
      createdBy: c.createdById ? (users.get(c.createdById) ?? null) : null,
      evidenceCount: Number(evidenceCounts.find((e) => Number(e.claimId) === c.id)?.count ?? 0),
      currentRating: ratings.get(c.id) ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
    }));
  }

  async evidenceDtos(manager: EntityManager, links: EvidenceLink[]): Promise<EvidenceLinkDto[]> {
    const users = await loadUserRefs(
      manager,
      links.map((l) => l.addedById),
    );
    return links.map((l) => ({
      id: l.id,
      url: l.url,
      title: l.title,
      publisher: l.publisher,
      stance: l.stance,
      excerpt: l.excerpt,
      accessedDate: l.accessedDate,
      archiveUrl: l.archiveUrl,
      addedBy: l.addedById ? (users.get(l.addedById) ?? null) : null,
      createdAt: l.createdAt.toISOString(),
    }));
  }
}

/** The attribution chains of these claims with their sources, ordered by claim then position: one query. */
export function findChains(manager: EntityManager, claimIds: number[]): Promise<Attribution[]> {
  return manager
    .getRepository(Attribution)
    .createQueryBuilder('a')
    .leftJoinAndSelect('a.source', 's')
    .where('a.claim_id IN (:...ids)', { ids: claimIds })
    .orderBy('a.claim_id')
    .addOrderBy('a.position')
    .getMany();
}
