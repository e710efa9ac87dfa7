import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuditEventDto, AuditQueryDto } from '../audit/dto/audit.dto';
import { Claim, ClaimStatus, EvidenceLink } from '../claims/claim.entity';
import { ClaimsService, Precondition, staleError } from '../claims/claims.service';
import { CappedCount, cappedCount, ClaimReader, claimWhere, countClaims, countLimit, Params, selectClaimDtos, selectClaimJson } from '../claims/claim-reads';
import { ClaimDetailDto, ClaimDto } from '../claims/dto/claim.dto';
import { Page, page, pageJson, PageQueryDto } from '../common/dto/pagination.dto';
import { Json } from '../common/json-text';
import { writesJson } from '../database/json-sql';
import { UnprocessableError } from '../common/errors';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { checkReusableVerdict } from '../matching/reuse';
import { User } from '../users/user.entity';
import { AssignDto, CommentDto, CreateCommentDto, ProposeVerdictDto, ReviewQueueQueryDto, TransitionRequestDto } from './dto/review.dto';
import { workflowClaim } from './review-detail';
import { ClaimTransition, Comment, Verdict } from './review.entities';
import { refuse } from './decision';
import { checkProposeVerdict, checkTransition, WorkflowSettings } from './workflow';
import { readRows } from '../database/read-rows';

/**
 * The review workflow: status transitions, verdicts, assignment, discussion and history. Every
 * write checks the claim's version first (a loser of a race gets 409/412), then the workflow
 * rules (403/422), then moves the version on with the change, in one transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly claims: ClaimsService,
    private readonly env: Env,
  ) {}

  private get settings(): WorkflowSettings {
    return { secondCheck: this.env.REVIEW_SECOND_CHECK };
  }

  async transition(actor: Actor, id: number, dto: TransitionRequestDto, expected: Precondition): Promise<ClaimDetailDto> {
    return this.tx.run(async (manager) => {
      const claim = await this.claims.findForUpdate(manager, id);
      if (expected.version !== claim.version) throw staleError(id, expected, claim.version);
      const current = await this.currentVerdict(manager, id);
      const evidenceCount = await manager.countBy(EvidenceLink, { claimId: id });
      refuse(checkTransition(actor, workflowClaim(claim, current, evidenceCount), dto.to, this.settings, dto.reason));

      const from = claim.status;
      let assigneeId = claim.assigneeId;
      if (dto.to === 'in_review') assigneeId = actor.id; // take, or reopen for a correction
      if (dto.to === 'submitted' || dto.to === 'draft') assigneeId = null; // hand back, or take back
      const at = new Date();
      await this.claims.bumpVersion(manager, claim, expected, { status: dto.to, assigneeId, updatedAt: at });
      if (dto.to === 'draft' && current && current.publishedAt === null && current.invalidatedAt === null && (from === 'in_review' || from === 'verdict_proposed')) {
        // Sent back to the editor: the words may change, so the proposed verdict can no longer be
        // published. It stays on record (verdicts are append-only), marked invalidated once.
        await manager.update(Verdict, { id: current.id, invalidatedAt: IsNull() }, { invalidatedAt: at });
        await this.audit.record(
          manager,
          actor,
          { action: 'verdict.invalidate', entityType: 'verdict', entityId: current.id, claimId: id, after: { id: current.id, reason: dto.reason ?? null, invalidatedAt: at.toISOString() } },
          at,
        );
      }
      if (dto.to === 'published') {
        // A verdict is published once; verdicts are otherwise append-only.
        const published = await manager.update(Verdict, { id: current!.id, publishedAt: IsNull(), invalidatedAt: IsNull() }, { publishedAt: at, publishedById: actor.id });
        if (!published.affected) throw new UnprocessableError('This verdict was already published; propose a new one.', [{ field: 'verdict', reason: 'already published' }]);
      }
      await this.recordTransition(manager, actor, claim, from, dto.to, dto.reason ?? null, at, {
        assigneeId,
        ...(dto.to === 'published' ? { publishedVerdictId: current!.id } : {}),
      });
      return this.claims.detail(manager, await this.claims.findOrFail(manager, id), actor);
    });
  }

  /** Appends a verdict (superseding the previous one) and moves the claim to verdict_proposed. */
  async proposeVerdict(actor: Actor, id: number, dto: ProposeVerdictDto, expected: Precondition): Promise<ClaimDetailDto> {
    return this.tx.run(async (manager) => {
      const claim = await this.claims.findForUpdate(manager, id);
      if (expected.version !== claim.version) throw staleError(id, expected, claim.version);
      const evidenceCount = await manager.countBy(EvidenceLink, { claimId: id });
      refuse(checkProposeVerdict(actor, workflowClaim(claim, await this.currentVerdict(manager, id), evidenceCount)));
      if (dto.reusesVerdictId !== undefined) await checkReusableVerdict(manager, id, dto.reusesVerdictId);

      const at = new Date();
      await this.claims.bumpVersion(manager, claim, expected, { status: 'verdict_proposed', updatedAt: at });
      const verdict = await manager.save(
        manager.create(Verdict, {
          claimId: id,
          rating: dto.rating,
          rationale: dto.rationale,
          reviewerId: actor.id,
          createdAt: at,
          publishedAt: null,
          publishedById: null,
          reusesVerdictId: dto.reusesVerdictId ?? null,
          wordingVersion: claim.wordingVersion,
          invalidatedAt: null,
        }),
      );
      await this.audit.record(
        manager,
        actor,
        {
          action: 'verdict.propose',
          entityType: 'verdict',
          entityId: verdict.id,
          claimId: id,
          after: { id: verdict.id, rating: verdict.rating, rationale: verdict.rationale, reviewerId: actor.id, reusesVerdictId: verdict.reusesVerdictId },
        },
        at,
      );
      if (claim.status !== 'verdict_proposed') {
        await this.recordTransition(manager, actor, claim, claim.status, 'verdict_proposed', null, at, { assigneeId: claim.assigneeId });
      }
      return this.claims.detail(manager, await this.claims.findOrFail(manager, id), actor);
    });
  }

  /**
   * An admin's reassignment. Assigning a submitted claim takes it into review for that reviewer;
   * unassigning a claim in review puts it back in the queue.
   */
  async assign(actor: Actor, id: number, dto: AssignDto, expected: Precondition): Promise<ClaimDetailDto> {
    return this.tx.run(async (manager) => {
      const claim = await this.claims.findForUpdate(manager, id);
      if (expected.version !== claim.version) throw staleError(id, expected, claim.version);
      if (dto.assigneeId !== null) {
        const user = await manager.findOneBy(User, { id: dto.assigneeId });
        if (!user || !user.active || (user.role !== 'reviewer' && user.role !== 'admin')) {
          throw new UnprocessableError('Claims are assigned to an active reviewer.', [
            { field: 'assigneeId', reason: `no active reviewer with id ${dto.assigneeId}` },
          ]);
        }
        if (claim.createdById === user.id) {
          throw new UnprocessableError('Four eyes: a claim is never assigned to the user who logged it.', [
            { field: 'assigneeId', reason: 'logged this claim' },
          ]);
        }
      }
      let to: ClaimStatus = claim.status;
      if (claim.status === 'submitted' && dto.assigneeId !== null) to = 'in_review';
      else if (claim.status === 'in_review' && dto.assigneeId === null) to = 'submitted';
      else if (!((claim.status === 'in_review' || claim.status === 'verdict_proposed') && dto.assigneeId !== null)) {
        throw new UnprocessableError(
          dto.assigneeId === null
            ? `Only a claim in review can be unassigned; this one is ${claim.status}.`
            : `Only a submitted claim or one under review can be assigned; this one is ${claim.status}.`,
          [{ field: 'status', reason: `is ${claim.status}` }],
        );
      }
      const at = new Date();
      await this.claims.bumpVersion(manager, claim, expected, { status: to, assigneeId: dto.assigneeId, updatedAt: at });
      await this.audit.record(
        manager,
        actor,
        {
          action: 'claim.assign',
          entityType: 'claim',
          entityId: id,
          claimId: id,
          before: { status: claim.status, assigneeId: claim.assigneeId },
          after: { status: to, assigneeId: dto.assigneeId },
        },
        at,
      );
      if (to !== claim.status) {
        await this.recordTransition(manager, actor, claim, claim.status, to, 'reassigned by an admin', at, { assigneeId: dto.assigneeId });
      }
      return this.claims.detail(manager, await this.claims.findOrFail(manager, id), actor);
    });
  }

  async addComment(actor: Actor, id: number, dto: CreateCommentDto): Promise<CommentDto> {
    return this.tx.run(async (manager) => {
      await this.claims.findOrFail(manager, id);
      const comment = await manager.save(manager.create(Comment, { claimId: id, authorId: actor.id, body: dto.body, createdAt: new Date() }));
      const result: CommentDto = {
        id: comment.id,
        author: { id: actor.id, username: actor.username },
        body: comment.body,
        createdAt: comment.createdAt.toISOString(),
      };
      await this.audit.record(manager, actor, { action: 'comment.add', entityType: 'comment', entityId: comment.id, claimId: id, after: result }, comment.createdAt);
      return result;
    });
  }

  /**
   * A reviewer's queue: submitted claims nobody has taken, and the claims assigned to them,
   * oldest first. Claims the reviewer logged are left out: four eyes.
   */
  async queue(actor: Actor, query: ReviewQueueQueryDto): Promise<Json<Page<ClaimDto>>> {
    const manager = this.dataSource.manager;
    // The queue is three ranges of ix_claims_assignee_queue (assignee, status, created_at), each read in
    // created_at order and cut at the page's end, then merged: the work follows the page, not the
    // number of submitted claims. One range per status: `status IN (…)` would lose the order.
    // Placeholders in text order (`?` is positional on SQLite).
    const branches = [
      "c.status = 'submitted' AND c.assignee_id IS NULL",
      (me: string) => `c.assignee_id = ${me} AND c.status = 'in_review'`,
      (me: string) => `c.assignee_id = ${me} AND c.status = 'verdict_proposed'`,
    ];
    const filtersOf = (p: Params) => claimWhere({ articleId: query.articleId, sourceId: query.sourceId }, p);
    const condition = (p: Params, branch: (typeof branches)[number]) => {
      const filters = filtersOf(p);
      const own = typeof branch === 'string' ? branch : branch(p.add(actor.id));
      return `${filters} AND ${own} AND (c.created_by_id IS NULL OR c.created_by_id <> ${p.add(actor.id)})`;
    };
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const order = `c.created_at ${direction}, c.id ${direction}`;
    const offset = (query.page - 1) * query.pageSize;
    const limit = countLimit(offset, query.pageSize);
    const p = new Params(manager);
    const counted = new Params(manager);
    let pageWhere: string;
    let count: () => Promise<CappedCount>;
    if (manager.connection.options.type === 'postgres') {
      // PostgreSQL plans one OR of the three branches (the reference's form) more cheaply than the
      // union: with the union a page took 3.9 ms against the reference's 3.3 at 10k claims (p50) and
      // served 0.61–0.64 of its requests/s; with the OR 3.2 against 3.4, and 0.85 (growth to 100k
      // 1.11). SQLite needs the union: its one OR scan would not stop at the page.
      const anyBranch = (q: Params) =>
        `${filtersOf(q)} AND (${branches.map((b) => `(${typeof b === 'string' ? b : b(q.add(actor.id))})`).join(' OR ')}) AND (c.created_by_id IS NULL OR c.created_by_id <> ${q.add(actor.id)})`;
      pageWhere = anyBranch(p);
      count = () => countClaims(manager, counted, anyBranch(counted), limit);
    } else {
      const ids = branches
        .map((branch, i) => `SELECT q${i}.id FROM (SELECT c.id FROM claims c WHERE ${condition(p, branch)} ORDER BY ${order} LIMIT ${offset + query.pageSize}) q${i}`)
        .join(' UNION ALL ');
      pageWhere = `c.id IN (${ids})`;
      // The three ranges counted in one statement, which stops at the cap (CLAIM_COUNT_CAP) past the page
      // whichever range the matches come from; past it the queue says so, as the lists do.
      const ranges = branches.map((branch) => `SELECT 1 AS one FROM claims c WHERE ${condition(counted, branch)}`).join(' UNION ALL ');
      count = async () => {
        const [row] = await readRows<{ n: number | string }>(manager, `SELECT COUNT(*) AS n FROM (${ranges} LIMIT ${limit + 1}) capped`, counted.values);
        return cappedCount(Number(row.n), limit);
      };
    }
    // Count and page together: a queue is usually longer than its page, and a shorter one costs the count no more than the page.
    const read = async <T>(select: ClaimReader<T>) => {
      const [items, counts] = await Promise.all([select(manager, p, pageWhere, `ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}`), count()]);
      const short = items.length < query.pageSize && (items.length > 0 || offset === 0);
      return { items, total: short ? offset + items.length : counts.total, atLeast: short ? false : counts.atLeast };
    };
    if (!writesJson(manager)) {
      const found = await read(selectClaimDtos);
      return page(found.items, found.total, query, found.atLeast);
    }
    // On SQLite the page is the JSON SQLite writes: the same bytes, without building objects (selectClaimJson).
    const found = await read(selectClaimJson);
    return pageJson(found.items, found.total, query, found.atLeast);
  }

  /** The claim's audit trail, in order: every change, transition, verdict, link and comment. */
  async history(id: number, query: PageQueryDto): Promise<Page<AuditEventDto>> {
    await this.claims.findOrFail(this.dataSource.manager, id);
    return this.audit.list({ ...query, claimId: id, order: query.order ?? 'asc' } as AuditQueryDto);
  }

  private async currentVerdict(manager: EntityManager, claimId: number): Promise<Verdict | null> {
    return manager.findOne(Verdict, { where: { claimId }, order: { id: 'DESC' } });
  }

  private async recordTransition(
    manager: EntityManager,
    actor: Actor,
    claim: Claim,
    from: ClaimStatus,
    to: ClaimStatus,
    reason: string | null,
    at: Date,
    after: object,
  ): Promise<void> {
    const row = await manager.save(manager.create(ClaimTransition, { claimId: claim.id, fromStatus: from, toStatus: to, reason, userId: actor.id, at }));
    await this.audit.record(
      manager,
      actor,
      {
        action: 'claim.transition',
        entityType: 'claim',
        entityId: claim.id,
        claimId: claim.id,
        before: { status: from, assigneeId: claim.assigneeId },
        after: { status: to, reason, transitionId: row.id, ...after },
      },
      at,
    );
  }
}
