import { BadRequestException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService } from '../articles/articles.service';
import { AuditEvent } from '../audit/audit-event.entity';
import { Actor, AuditService } from '../audit/audit.service';
import { Page, page, pageJson } from '../common/dto/pagination.dto';
import { Json, JsonText } from '../common/json-text';
import { writesJson } from '../database/json-sql';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { fold } from '../common/text';
import { assertValidList } from '../common/validation';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { claimMatchSource, matchText } from '../matching/normalise';
import { refuse } from '../review/decision';
import { allowedTransitions, checkEdit, WorkflowClaim } from '../review/workflow';
import { ClaimTransition, Comment } from '../review/review.entities';
import { SourceRefDto } from '../sources/dto/source.dto';
import { loadUserRefs } from '../users/user-refs';
import { AnchorInput, resolveAnchor, Span } from './anchor';
import {
  CappedCount,
  cappedCount,
  CLAIM_COUNT_CAP,
  claimConditions,
  ClaimReader,
  ClaimReviewRows,
  countClaims,
  countLimit,
  countSourceRole,
  Params,
  searchClaims,
  selectClaimDetailJson,
  selectClaimDtos,
  selectClaimJson,
  selectClaimWithWording,
  selectReviewRows,
  sourceRolePage,
  sourceRoleScope,
} from './claim-reads';
import { ClaimAnchorFlag } from '../revisions/revision.entities';
import { filterClaims } from './claim-queries';
import { Attribution, Claim, ClaimStatus, EvidenceLink } from './claim.entity';
import { insertRows } from '../database/insert-rows';
import { settleAll } from '../database/settle';
import {
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
import { readRows } from '../database/read-rows';

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
    private readonly env: Env,
  ) {}

  /** Claims across articles (or of one), filtered, sorted and paginated in SQL (hand-written: a hot path, see claim-reads.ts). */
  async list(query: ClaimListQueryDto): Promise<Page<ClaimDto>> {
    const { items, total, atLeast } = await this.findPage(query, selectClaimDtos);
    return page(items, total, query, atLeast);
  }

  /**
   * The API's claim lists: on SQLite list()'s page as the JSON SQLite writes (selectClaimJson: the
   * same bytes as list()'s objects serialised, without building them); elsewhere list()'s page.
   */
  async listForApi(query: ClaimListQueryDto): Promise<Json<Page<ClaimDto>>> {
    if (!writesJson(this.dataSource.manager)) return this.list(query);
    const { items, total, atLeast } = await this.findPage(query, selectClaimJson);
    return pageJson(items, total, query, atLeast);
  }

  private async findPage<T>(
    query: ClaimListQueryDto,
    read: ClaimReader<T>,
  ): Promise<{ items: T[]; total: number; atLeast: boolean }> {
    const manager = this.dataSource.manager;
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const sort = { position: ['c.article_id', 'c.start_offset', 'c.end_offset'], createdAt: ['c.created_at'], updatedAt: ['c.updated_at'], id: [] }[
      query.sort ?? 'position'
    ];
    const offset = (query.page - 1) * query.pageSize;
    const limit = `LIMIT ${query.pageSize} OFFSET ${offset}`;
    // A search term's matches are looked up in the trigram index first: by their ids when they are few (claim-reads.ts, searchClaims).
    const search = query.q ? await searchClaims(manager, query.q) : null;
    const conditions = (p: Params, without: Partial<ClaimListQueryDto> = {}) => claimConditions({ ...query, ...without }, p, search);
    const where = (p: Params) => conditions(p).join(' AND ') || '1 = 1';
    // A source's claims as speaker or as relay come in article order from the ledger's index (claim-reads.ts, sourceRoleScope).
    const scope = sourceRoleScope(query);
    const others = (p: Params) => conditions(p, { sourceId: undefined, sourceRole: undefined });
    const alone = (without: Partial<ClaimListQueryDto>) => conditions(new Params(manager), without).length === 0;
    const cap = countLimit(offset, query.pageSize);
    const count = async (): Promise<CappedCount> => {
      if (scope && alone({ sourceId: undefined, sourceRole: undefined })) return countSourceRole(manager, scope, cap);
      if (search && alone({ q: undefined })) {
        if (search.ids) return cappedCount(search.ids.length, cap);
        if (cap === CLAIM_COUNT_CAP) return cappedCount(CLAIM_COUNT_CAP + 1, cap); // more matches than the cap
      }
      const counted = new Params(manager);
      return countClaims(manager, counted, where(counted), cap);
    };
    // A desk-wide list usually fills its page and needs its count: both go out together (the count
    // reads at most the cap). One article's claims seldom fill a page: counted only if they do.
    const early = query.articleId ? null : count();
    early?.catch(() => undefined); // handled below; not an unhandled rejection if the page's read fails first
    const p = new Params(manager);
    const byOrder = (columns: string[]) => `ORDER BY ${[...columns, 'c.id'].map((column) => `${column} ${direction}`).join(', ')} ${limit}`;
    let items: T[];
    if (scope && (query.sort ?? 'position') === 'position') {
      // The ledger row holds the claim's article and anchor start (kept equal in the same transaction): its index gives that order.
      const ledgerPage = sourceRolePage(scope, p);
      const scoped = [...ledgerPage.conditions, ...others(p)].join(' AND '); // placeholders in the order the values were added
      items = await read(manager, p, scoped, byOrder(['l.article_id', 'l.start_offset', 'c.end_offset']), ledgerPage.from);
    } else {
      items = await read(manager, p, where(p), byOrder(sort));
    }
    const found = items.length;
    if (found < query.pageSize && (found > 0 || offset === 0)) {
      await early;
      return { items, total: offset + found, atLeast: false };
    }
    const { total, atLeast } = await (early ?? count());
    return { items, total, atLeast };
  }

  /** An article's claims (listForApi's page: the API's answer). */
  async findByArticle(articleId: number, query: ClaimListQueryDto): Promise<Json<Page<ClaimDto>>> {
    const scoped = { ...query, articleId } as ClaimListQueryDto;
    const manager = this.dataSource.manager;
    // A claim references its article (a foreign key), so a page that counts claims shows the article
    // exists: only a page that counts none reads the article, for a 404 if it is missing.
    if (writesJson(manager)) {
      const { items, total, atLeast } = await this.findPage(scoped, selectClaimJson);
      if (total === 0) await this.assertArticleExists(manager, articleId);
      return pageJson(items, total, scoped, atLeast);
    }
    const { items, total, atLeast } = await this.findPage(scoped, selectClaimDtos);
    if (total === 0) await this.assertArticleExists(manager, articleId);
    return page(items, total, scoped, atLeast);
  }

  /** 404 unless the article exists; reads its id only, not its body. */
  private async assertArticleExists(manager: EntityManager, articleId: number): Promise<void> {
    const p = new Params(manager);
    const rows: unknown[] = await readRows(manager, `SELECT id FROM articles WHERE id = ${p.add(articleId)}`, p.values);
    if (rows.length === 0) throw new NotFoundException(`Article ${articleId} does not exist.`);
  }

  /** The filter part of a claim query, shared by the list and by reports. */
  filtered(manager: EntityManager, query: Omit<ClaimListQueryDto, 'page' | 'pageSize'>): SelectQueryBuilder<Claim> {
    return filterClaims(manager, query);
  }

  /** The claim with its chain, evidence and review (verdicts, comments, transitions, what `actor` may do next). */
  async get(id: number, actor: Actor | null = null): Promise<ClaimDetailDto> {
    // The hot read, in plain SQL rather than the whole entity, its six reads sent together (the pool, or
    // SQLite's one connection without a round trip between them): the claim with its wording version,
    // its chain, and its review.
    const manager = this.dataSource.manager;
    const [found, rows] = await Promise.all([selectClaimWithWording(manager, id), selectReviewRows(manager, id)]);
    if (!found) throw new NotFoundException(`Claim ${id} does not exist.`);
    return this.withReview(found.dto, rows, actor, found.wordingVersion);
  }

  async create(actor: Actor | null, articleId: number, dto: CreateClaimDto): Promise<ClaimDetailDto> {
    // The chain's shape needs no database: checked before the unit waits for its turn in the write queue.
    this.checkChain(dto.unattributed, dto.attributions ?? []);
    return this.tx.run((manager) => this.createIn(manager, actor, articleId, dto, { chainChecked: true }));
  }

  async createIn(manager: EntityManager, actor: Actor | null, articleId: number, dto: CreateClaimDto, options: { chainChecked?: boolean } = {}): Promise<ClaimDetailDto> {
    const attributions = dto.attributions ?? [];
    const unattributed = options.chainChecked ? attributions.length === 0 : this.checkChain(dto.unattributed, attributions);
    // Both reads at once; their refusals keep this order: no article (404), the quote (422), a source (422).
    const [body, sources] = await settleAll<[string, Map<number, SourceRefDto>]>(manager, [
      () => this.articles.bodyOrFail(manager, articleId),
      () => this.checkSources(manager, attributions),
    ]);
    if (body.status === 'rejected') throw body.reason;
    const span = this.anchor({ body: body.value }, dto);
    if (sources.status === 'rejected') throw sources.reason;
    const now = new Date();
    const values = {
      articleId,
      text: dto.text,
      quote: dto.quote,
      start: span.start,
      end: span.end,
      searchFolded: fold(`${dto.text}\n${dto.quote}`),
      matchText: matchText(claimMatchSource({ text: dto.text, quote: dto.quote })),
      kind: dto.kind,
      status: 'draft' as const,
      unattributed,
      note: dto.note ?? null,
      assigneeId: null,
      createdById: actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    };
    // No read-back: the new row is exactly what was written (version 1), so the answer is built from it.
    const id = (await insertRows(manager, Claim, [{ ...values, version: 1 }], { returning: 'id' }))!;
    await this.insertChain(manager, id, attributions);
    const claim: ClaimDto = {
      id,
      articleId,
      text: values.text,
      quote: values.quote,
      start: values.start,
      end: values.end,
      kind: values.kind,
      status: values.status,
      unattributed,
      attributions: attributions.map((a, position) => {
        const source = a.anonymous === true ? null : sources.value.get(a.sourceId!)!;
        return {
          position,
          source: source ? { id: source.id, name: source.name, kind: source.kind } : null,
          anonymous: a.anonymous === true,
          description: a.anonymous === true ? (a.description ?? null) : null,
          verb: a.verb,
          mode: a.mode,
          saidWhen: a.saidWhen ?? null,
          saidWhere: a.saidWhere ?? null,
        };
      }),
      note: values.note,
      assignee: null,
      createdBy: actor ? { id: actor.id, username: actor.username } : null,
      evidenceCount: 0,
      currentRating: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const result = this.withReview(claim, { evidence: [], verdicts: [], current: null, comments: [], transitions: [] }, actor, 1);
    await this.audit.record(manager, actor, {
      action: 'claim.create',
      entityType: 'claim',
      entityId: id,
      claimId: id,
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
      const { link, result } = await this.insertEvidence(manager, actor, claimId, dto);
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

  /** Stores an evidence link on the claim, added by `actor` now; the caller audits it. */
  private async insertEvidence(
    manager: EntityManager,
    actor: Actor,
    claimId: number,
    fields: Pick<CreateEvidenceDto, 'url' | 'title' | 'stance'> & { publisher?: string | null; excerpt?: string | null; accessedDate?: string | null; archiveUrl?: string | null },
  ): Promise<{ link: EvidenceLink; result: EvidenceLinkDto }> {
    const link = await manager.save(
      manager.create(EvidenceLink, {
        claimId,
        url: fields.url,
        title: fields.title,
        publisher: fields.publisher ?? null,
        stance: fields.stance,
        excerpt: fields.excerpt ?? null,
        accessedDate: fields.accessedDate ?? null,
        archiveUrl: fields.archiveUrl ?? null,
        addedById: actor.id,
        createdAt: new Date(),
      }),
    );
    const [result] = await this.evidenceDtos(manager, [link]);
    return { link, result };
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
      const { link, result } = await this.insertEvidence(manager, actor, claimId, event.before as EvidenceLinkDto);
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

  private anchor(article: Pick<Article, 'body'>, input: AnchorInput): Span {
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

  /**
   * The chain's named sources (id, name, kind only), or a 422: a link names a source (sourceId) or is
   * anonymous with a description, and every named source must exist.
   */
  private async checkSources(manager: EntityManager, attributions: AttributionInputDto[]): Promise<Map<number, SourceRefDto>> {
    // Each link names a registry source or is anonymous with a description: exactly one of the two.
    const shape = attributions.flatMap((a, i) => {
      if (a.anonymous === true && a.sourceId !== undefined && a.sourceId !== null)
        return [{ field: `attributions[${i}].sourceId`, reason: 'must be left out when anonymous is true' }];
      if (a.anonymous !== true && (a.description ?? null) !== null)
        return [{ field: `attributions[${i}].description`, reason: 'only for an anonymous link (anonymous: true)' }];
      return [];
    });
    if (shape.length > 0) throw new UnprocessableError('Each link names a source (sourceId) or is anonymous with a description, not both.', shape);
    const ids = [...new Set(attributions.filter((a) => a.anonymous !== true).map((a) => a.sourceId!))];
    const found = new Map<number, SourceRefDto>();
    if (ids.length > 0) {
      const p = new Params(manager);
      const rows: { id: number | string; name: string; kind: SourceRefDto['kind'] }[] = await manager.query(
        `SELECT id, name, kind FROM sources WHERE id IN (${p.list(ids)})`,
        p.values,
      );
      for (const row of rows) found.set(Number(row.id), { id: Number(row.id), name: row.name, kind: row.kind });
    }
    const errors = attributions
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.anonymous !== true && !found.has(a.sourceId!))
      .map(({ a, i }) => ({ field: `attributions[${i}].sourceId`, reason: `no source with id ${a.sourceId}` }));
    if (errors.length > 0) throw new UnprocessableError('The attribution chain refers to sources that do not exist.', errors);
    return found;
  }

  private async insertChain(manager: EntityManager, claimId: number, attributions: AttributionInputDto[]): Promise<void> {
    if (attributions.length === 0) return;
    await insertRows(
      manager,
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

  /**
   * `get` for the API. On SQLite the answer is the JSON SQLite writes in one statement
   * (selectClaimDetailJson): the same bytes as JSON.stringify of `get`'s object (claim-json.e2e-spec),
   * with the moves `actor` may make added here, without building the objects.
   */
  async getForApi(id: number, actor: Actor | null = null): Promise<Json<ClaimDetailDto>> {
    const manager = this.dataSource.manager;
    if (!writesJson(manager)) return this.get(id, actor);
    const found = await selectClaimDetailJson(manager, id);
    if (!found) throw new NotFoundException(`Claim ${id} does not exist.`);
    const allowed = this.allowedFor(actor, {
      status: found.status,
      assigneeId: found.assigneeId,
      createdById: found.createdById,
      currentVerdict: found.current,
      evidenceCount: found.evidenceCount,
      wordingVersion: found.wordingVersion,
    });
    // The members in withReview's order, after the claim's own (its JSON without the closing brace).
    return new JsonText<ClaimDetailDto>(
      `${found.claim.slice(0, -1)},"evidence":${found.evidence},"verdicts":${found.verdicts},"currentVerdict":${found.currentVerdict},` +
        `"comments":${found.comments},"transitions":${found.transitions},"corrections":${found.corrections},"allowedTransitions":${JSON.stringify(allowed)}}`,
    );
  }

  /** `actor` decides `allowedTransitions` (none without one). Reads the claim as stored in `manager`'s view. */
  async detail(manager: EntityManager, claim: Pick<Claim, 'id' | 'wordingVersion'>, actor: Actor | null = null): Promise<ClaimDetailDto> {
    const p = new Params(manager);
    const [dto] = await selectClaimDtos(manager, p, `c.id = ${p.add(claim.id)}`);
    if (!dto) throw new NotFoundException(`Claim ${claim.id} does not exist.`);
    return this.withReview(dto, await selectReviewRows(manager, claim.id), actor, claim.wordingVersion);
  }

  /** A list DTO completed into the detail: evidence, verdicts, comments, transitions, allowed moves. */
  private withReview(dto: ClaimDto, rows: ClaimReviewRows, actor: Actor | null, wordingVersion: number): ClaimDetailDto {
    const workflow: WorkflowClaim = {
      status: dto.status,
      assigneeId: dto.assignee?.id ?? null,
      createdById: dto.createdBy?.id ?? null,
      currentVerdict: rows.current,
      evidenceCount: rows.evidence.length,
      wordingVersion,
    };
    return {
      ...dto,
      evidence: rows.evidence,
      verdicts: rows.verdicts,
      currentVerdict: rows.verdicts.at(-1) ?? null,
      comments: rows.comments,
      transitions: rows.transitions,
      corrections: rows.transitions.filter((t) => t.from === 'published' && t.to === 'in_review').length,
      allowedTransitions: this.allowedFor(actor, workflow),
    };
  }

  /** The moves `actor` may make on a claim in this state (none without an actor). */
  private allowedFor(actor: Actor | null, workflow: WorkflowClaim): ClaimStatus[] {
    return actor ? allowedTransitions(actor, workflow, { secondCheck: this.env.REVIEW_SECOND_CHECK }) : [];
  }

  /** Maps a page of claims with their chains, people and evidence counts: two queries, in the given order. */
  async toDtos(manager: EntityManager, claims: Claim[]): Promise<ClaimDto[]> {
    if (claims.length === 0) return [];
    const p = new Params(manager);
    const byId = new Map((await selectClaimDtos(manager, p, `c.id IN (${p.list(claims.map((c) => c.id))})`)).map((dto) => [dto.id, dto]));
    return claims.map((c) => byId.get(c.id)!);
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

export { findChains } from './claim-queries';
