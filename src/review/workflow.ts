/**
 * The review workflow's rules, as pure functions: which user may move which claim from which
 * status to which, and on what conditions. The server enforces exactly these (ReviewService),
 * and the claim detail lists `allowedTransitions` computed from them, so a client never offers
 * a button the server would refuse.
 */
import type { ClaimStatus } from '../claims/claim.entity';
import type { Role } from '../users/user.entity';

/** Statuses a claim can still be dismissed from; `published` and `dismissed` are closed. */
export const OPEN_STATUSES: readonly ClaimStatus[] = ['draft', 'submitted', 'in_review', 'verdict_proposed'];

/** Every status a transition request may name (`verdict_proposed` is reached by proposing a verdict). */
export const TRANSITION_TARGETS: readonly ClaimStatus[] = ['draft', 'submitted', 'in_review', 'published', 'dismissed'];

export interface WorkflowUser {
  id: number;
  role: Role;
}

/** What the rules need to know about a claim. */
export interface WorkflowClaim {
  status: ClaimStatus;
  assigneeId: number | null;
  /** Who logged it; null for claims loaded by the system (the sample article). */
  createdById: number | null;
  /**
   * The latest verdict, if there is one: who proposed it, the claim's wording version it was
   * proposed on (null for verdicts from before that was recorded) and whether sending the claim
   * back to its editor invalidated it.
   */
  currentVerdict: { reviewerId: number | null; rationale: string; wordingVersion?: number | null; invalidated?: boolean } | null;
  evidenceCount: number;
  /** Moves on with every change of wording, quote, offsets or chain. */
  wordingVersion?: number;
}

export interface WorkflowSettings {
  /** Four eyes on publishing: the reviewer who proposed a verdict may not publish it (REVIEW_SECOND_CHECK). */
  secondCheck: boolean;
}

export type Decision = { ok: true } | { ok: false; status: 403 | 422; message: string; field: string; reason: string };

const OK: Decision = { ok: true };
const forbidden = (message: string, reason: string, field = 'to'): Decision => ({ ok: false, status: 403, message, field, reason });
const unprocessable = (message: string, field: string, reason: string): Decision => ({ ok: false, status: 422, message, field, reason });

const isEditor = (u: WorkflowUser) => u.role === 'editor' || u.role === 'admin';
const isReviewer = (u: WorkflowUser) => u.role === 'reviewer' || u.role === 'admin';
const isAdmin = (u: WorkflowUser) => u.role === 'admin';
/** Editors move the claims they logged; claims the system loaded belong to the whole desk. */
const ownsAsEditor = (u: WorkflowUser, c: WorkflowClaim) => isAdmin(u) || (isEditor(u) && (c.createdById === null || c.createdById === u.id));
const loggedIt = (u: WorkflowUser, c: WorkflowClaim) => c.createdById !== null && c.createdById === u.id;
const isAssignee = (u: WorkflowUser, c: WorkflowClaim) => c.assigneeId !== null && c.assigneeId === u.id;

const FOUR_EYES = 'four eyes: you logged this claim';

/**
 * May `user` move `claim` to `to`? `reason` is the written reason sent with the request (dismissals
 * and corrections need one). Role and ownership problems are 403; a move the claim's state does not
 * allow is 422.
 */
export function checkTransition(
  user: WorkflowUser,
  claim: WorkflowClaim,
  to: ClaimStatus,
  settings: WorkflowSettings,
  reason?: string | null,
): Decision {
  const from = claim.status;
  const hasReason = typeof reason === 'string' && reason.trim().length > 0;
  const notAllowed = () =>
    unprocessable(`A claim cannot go from ${from} to ${to}.`, 'to', `${from} → ${to} is not a workflow transition`);

  if (to === 'verdict_proposed') {
    return unprocessable('A claim reaches verdict_proposed when a verdict is proposed: POST /api/claims/:id/verdicts.', 'to', 'propose a verdict instead');
  }

  if (to === 'dismissed') {
    if (!OPEN_STATUSES.includes(from)) return notAllowed();
    if (from === 'draft' && !ownsAsEditor(user, claim)) return forbidden('Only the editor who logged a draft (or an admin) may dismiss it.', 'not your draft');
    if (from === 'submitted' && !(ownsAsEditor(user, claim) || isReviewer(user))) {
      return forbidden('Only its editor or a reviewer may dismiss a submitted claim.', 'not your claim');
    }
    if ((from === 'in_review' || from === 'verdict_proposed') && !(isAssignee(user, claim) || isAdmin(user))) {
      return forbidden('Only the assigned reviewer (or an admin) may dismiss a claim under review.', 'not assigned to you');
    }
    if (!hasReason) return unprocessable('Say why the claim is dismissed (opinion, duplicate, out of scope…).', 'reason', 'required to dismiss');
    return OK;
  }

  switch (`${from}>${to}`) {
    case 'draft>submitted':
      if (!ownsAsEditor(user, claim)) return forbidden('Only the editor who logged a claim (or an admin) may submit it.', 'not your claim');
      return OK;

    case 'submitted>draft':
      if (!ownsAsEditor(user, claim)) return forbidden('Only the editor who logged a claim (or an admin) may take it back to draft.', 'not your claim');
      if (claim.assigneeId !== null) return unprocessable('A reviewer has taken this claim; it can no longer go back to draft.', 'assignee', 'the claim is assigned');
      return OK;

    case 'submitted>in_review':
      if (!isReviewer(user)) return forbidden('Only reviewers take claims for review.', 'needs the reviewer role');
      if (loggedIt(user, claim)) return forbidden('You logged this claim, so someone else must review it.', FOUR_EYES);
      return OK;

    case 'in_review>draft':
    case 'verdict_proposed>draft':
      // Return to editor: the only way to change the words or chain of a claim under review.
      if (!(isAssignee(user, claim) || isAdmin(user))) {
        return forbidden('Only the reviewer the claim is assigned to (or an admin) may send it back to its editor.', 'not assigned to you');
      }
      if (!hasReason) return unprocessable('Say what the editor should change when sending the claim back.', 'reason', 'required to return a claim to its editor');
      return OK;

    case 'in_review>submitted':
      if (!isAssignee(user, claim)) return forbidden('Only the reviewer the claim is assigned to may hand it back.', 'not assigned to you');
      return OK;

    case 'verdict_proposed>published': {
      if (!isReviewer(user)) return forbidden('Only reviewers publish verdicts.', 'needs the reviewer role');
      if (loggedIt(user, claim)) return forbidden('You logged this claim, so you cannot publish its verdict.', FOUR_EYES);
      const verdict = claim.currentVerdict;
      if (settings.secondCheck && verdict && verdict.reviewerId === user.id) {
        return forbidden('A second reviewer must publish the verdict you proposed.', 'four eyes: you proposed this verdict');
      }
      if (!verdict) return unprocessable('Propose a verdict before publishing.', 'verdict', 'missing');
      if (verdict.invalidated) {
        return unprocessable('This verdict was invalidated when the claim went back to its editor: propose a new one.', 'verdict', 'invalidated');
      }
      if (verdict.wordingVersion != null && claim.wordingVersion !== undefined && verdict.wordingVersion !== claim.wordingVersion) {
        return unprocessable(
          'The claim\'s wording, quote or chain changed after this verdict was proposed: propose a verdict on the current words.',
          'verdict',
          `proposed on wording version ${verdict.wordingVersion}, the claim is at ${claim.wordingVersion}`,
        );
      }
      if (verdict.rationale.trim().length === 0) return unprocessable('The verdict needs a rationale before it is published.', 'rationale', 'empty');
      if (claim.evidenceCount < 1) return unprocessable('A verdict is published with at least one evidence link.', 'evidence', 'no evidence link');
      return OK;
    }

    case 'published>in_review':
      if (!isReviewer(user)) return forbidden('Only reviewers reopen a published claim.', 'needs the reviewer role');
      if (loggedIt(user, claim)) return forbidden('You logged this claim, so someone else must correct it.', FOUR_EYES);
      if (!hasReason) return unprocessable('Reopening a published claim is a correction: say why.', 'reason', 'required for a correction');
      return OK;

    default:
      return notAllowed();
  }
}

/** Statuses in which a claim's wording, quote, offsets and chain are frozen: a reviewer is looking at them. */
export const FROZEN_STATUSES: readonly ClaimStatus[] = ['in_review', 'verdict_proposed'];

/** What an editor wants to do to a claim's content. */
export type EditAction = 'edit' | 'chain' | 'delete';

/**
 * May `user` change `claim`'s wording/quote/offsets/kind/note (`edit`), its attribution chain
 * (`chain`), or delete it? One rule for every editor action (editing, deleting, submitting):
 * editors act on the claims they logged (the desk's sample claims belong to everyone), admins on
 * any. Under review (`in_review`, `verdict_proposed`) nothing of the claim changes until its
 * reviewer sends it back to the editor (a transition to `draft`, with a reason); a published claim
 * is reopened first (a correction); a dismissed one is closed.
 */
export function checkEdit(user: WorkflowUser, claim: Pick<WorkflowClaim, 'status' | 'createdById'>, action: EditAction): Decision {
  const field = action === 'chain' ? 'attributions' : 'status';
  if (!isEditor(user)) return forbidden('Only editors and admins change claims.', 'needs the editor role', field);
  if (!ownsAsEditor(user, claim as WorkflowClaim)) {
    return forbidden('Editors change only the claims they logged (admins any).', 'not your claim', 'createdBy');
  }
  const s = claim.status;
  if (action === 'delete') {
    return s === 'draft' ? OK : unprocessable(`Only draft claims can be deleted; this one is ${s}.`, 'status', `is ${s}, not draft`);
  }
  if (FROZEN_STATUSES.includes(s)) {
    return unprocessable(
      `The claim is ${s}: its wording, quote and chain are frozen under review. Ask the reviewer to send it back to the editor (a transition to draft, with a reason).`,
      'status',
      `is ${s}: frozen under review`,
    );
  }
  if (s === 'published') return unprocessable('The claim is published: reopen it (a correction, with a reason) before changing it or its evidence.', 'status', 'is published; reopen it first');
  if (s === 'dismissed') return unprocessable('The claim was dismissed and is closed.', 'status', 'is dismissed');
  return OK;
}

/** May `user` propose a verdict on `claim` now? */
export function checkProposeVerdict(user: WorkflowUser, claim: WorkflowClaim): Decision {
  if (!isReviewer(user)) return forbidden('Only reviewers propose verdicts.', 'needs the reviewer role', 'rating');
  if (loggedIt(user, claim)) return forbidden('You logged this claim, so you cannot set its verdict.', FOUR_EYES, 'rating');
  if (claim.status !== 'in_review' && claim.status !== 'verdict_proposed') {
    return unprocessable(`A verdict is proposed on a claim under review; this one is ${claim.status}.`, 'status', `is ${claim.status}, not in_review or verdict_proposed`);
  }
  if (!isAssignee(user, claim) && !isAdmin(user)) {
    return forbidden('Only the reviewer the claim is assigned to (or an admin) may propose its verdict.', 'not assigned to you', 'rating');
  }
  return OK;
}

/** The statuses `user` may move `claim` to right now (with a reason where one is needed). */
export function allowedTransitions(user: WorkflowUser, claim: WorkflowClaim, settings: WorkflowSettings): ClaimStatus[] {
  return TRANSITION_TARGETS.filter((to) => to !== claim.status && checkTransition(user, claim, to, settings, 'reason given').ok);
}
