import { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { Claim } from '../claims/claim.entity';
import type { ClaimStatus } from '../claims/claim.entity';
import { loadUserRefs } from '../users/user-refs';
import type { CommentDto, TransitionDto, VerdictDto } from './dto/review.dto';
import { ClaimTransition, Comment, Rating, Verdict } from './review.entities';
import { allowedTransitions, WorkflowClaim, WorkflowSettings } from './workflow';

/** The review half of a claim's detail. */
export interface ReviewDetail {
  verdicts: VerdictDto[];
  currentVerdict: VerdictDto | null;
  comments: CommentDto[];
  transitions: TransitionDto[];
  corrections: number;
  allowedTransitions: ClaimStatus[];
}

/** Loads a claim's verdicts, comments and transitions (oldest first) in four queries. */
export async function loadReviewDetail(
  manager: EntityManager,
  claim: Claim,
  evidenceCount: number,
  actor: Actor | null,
  settings: WorkflowSettings,
): Promise<ReviewDetail> {
  const verdicts = await manager.find(Verdict, { where: { claimId: claim.id }, order: { id: 'ASC' } });
  const comments = await manager.find(Comment, { where: { claimId: claim.id }, order: { id: 'ASC' } });
  const transitions = await manager.find(ClaimTransition, { where: { claimId: claim.id }, order: { id: 'ASC' } });
  const users = await loadUserRefs(manager, [
    ...verdicts.flatMap((v) => [v.reviewerId, v.publishedById]),
    ...comments.map((c) => c.authorId),
    ...transitions.map((t) => t.userId),
  ]);
  const ref = (id: number | null) => (id === null ? null : (users.get(id) ?? null));
  const verdictDtos: VerdictDto[] = verdicts.map((v) => ({
    id: v.id,
    rating: v.rating,
    rationale: v.rationale,
    reviewer: ref(v.reviewerId),
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    publishedBy: ref(v.publishedById),
    reusesVerdictId: v.reusesVerdictId,
    wordingVersion: v.wordingVersion,
    invalidatedAt: v.invalidatedAt ? v.invalidatedAt.toISOString() : null,
  }));
  const current = verdicts.at(-1) ?? null;
  return {
    verdicts: verdictDtos,
    currentVerdict: verdictDtos.at(-1) ?? null,
    comments: comments.map((c) => ({ id: c.id, author: ref(c.authorId), body: c.body, createdAt: c.createdAt.toISOString() })),
    transitions: transitions.map((t) => ({ id: t.id, from: t.fromStatus, to: t.toStatus, reason: t.reason, user: ref(t.userId), at: t.at.toISOString() })),
    corrections: transitions.filter((t) => t.fromStatus === 'published' && t.toStatus === 'in_review').length,
    allowedTransitions: actor ? allowedTransitions(actor, workflowClaim(claim, current, evidenceCount), settings) : [],
  };
}

/** What the workflow rules need to know about a claim. */
export function workflowClaim(claim: Claim, current: Verdict | null, evidenceCount: number): WorkflowClaim {
  return {
    status: claim.status,
    assigneeId: claim.assigneeId,
    createdById: claim.createdById,
    currentVerdict: current
      ? { reviewerId: current.reviewerId, rationale: current.rationale, wordingVersion: current.wordingVersion, invalidated: current.invalidatedAt !== null }
      : null,
    evidenceCount,
    wordingVersion: claim.wordingVersion,
  };
}

/** The latest verdict's rating per claim, for a page of claims: one query. */
export async function currentRatings(manager: EntityManager, claimIds: number[]): Promise<Map<number, Rating>> {
  if (claimIds.length === 0) return new Map();
  const rows = await manager
    .getRepository(Verdict)
    .createQueryBuilder('v')
    .select('v.claim_id', 'claimId')
    .addSelect('v.rating', 'rating')
    .where('v.claim_id IN (:...ids)', { ids: claimIds })
    .andWhere('v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = v.claim_id)')
    .getRawMany<{ claimId: number | string; rating: Rating }>();
  return new Map(rows.map((r) => [Number(r.claimId), r.rating]));
}
