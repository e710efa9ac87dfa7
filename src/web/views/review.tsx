import { renderDiscussion as renderRationale } from '../mentions-markdown';
import { RATINGS } from '../../review/review.entities';
import type { ClaimStatus } from '../../claims/claim.entity';
import type { ClaimDetailDto } from '../../claims/dto/claim.dto';
import type { AuditEventDto } from '../../audit/dto/audit.dto';
import { Fragment, h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { formatInstant, RATING, RatingBadge, STATUS, StatusBadge } from './labels';
import { CsrfField, Problems } from './layout';
import type { FieldError } from '../../common/errors';

/** What each transition is called on its button. */
const TRANSITION_LABEL: Partial<Record<ClaimStatus, string>> = {
  draft: 'Back to draft',
  submitted: 'Submit for review',
  in_review: 'Take for review',
  published: 'Publish',
  dismissed: 'Dismiss',
};

function transitionLabel(from: ClaimStatus, to: ClaimStatus): string {
  if (from === 'published' && to === 'in_review') return 'Reopen (correction)';
  if ((from === 'in_review' || from === 'verdict_proposed') && to === 'draft') return 'Return to editor';
  return TRANSITION_LABEL[to] ?? `Move to ${STATUS[to].label}`;
}

const needsReason = (from: ClaimStatus, to: ClaimStatus) =>
  to === 'dismissed' || (from === 'published' && to === 'in_review') || ((from === 'in_review' || from === 'verdict_proposed') && to === 'draft');

/** The review half of the claim panel: transitions, verdicts, comments and the full history. */
export function ReviewSections({
  viewer,
  claim,
  history,
  problem,
  assignees,
  refill,
  mayRestore,
}: {
  viewer: Viewer;
  claim: ClaimDetailDto;
  history: AuditEventDto[];
  problem?: { section: string; message: string; errors: FieldError[] };
  /** Whom an admin may assign the claim to; absent when the viewer may not reassign it. */
  assignees?: { id: number; username: string }[];
  /** What the user typed into a form that was refused or stale: shown again in that form. */
  refill?: Refill;
  /** Whether the viewer may put a removed evidence link back (the claim's evidence is open to them). */
  mayRestore?: boolean;
}): Html {
  const Problem = ({ section }: { section: string }) =>
    problem?.section === section ? <Problems message={problem.message} errors={problem.errors} /> : <Fragment />;
  const c = claim;
  const typed = (section: string, name: string): string | undefined => (refill?.section === section ? refill.fields[name] : undefined);
  // A refused or stale verdict keeps its form on screen, so what was typed is never lost.
  const mayRate = mayProposeVerdict(viewer, c) || refill?.section === 'verdict';
  const ratingTyped = typed('verdict', 'rating') ?? '';
  const restored = new Set(history.filter((e) => e.action === 'evidence.restore').map((e) => (e.after as { restoredFrom?: number } | null)?.restoredFrom));
  return (
    <Fragment>
      <section aria-labelledby="status-h">
        <h2 id="status-h">Status</h2>
        <Problem section="status" />
        <p>
          <StatusBadge status={c.status} /> {c.assignee ? `· assigned to ${c.assignee.username}` : ''}
        </p>
        {c.allowedTransitions.length ? (
          <div class="transitions">
            {c.allowedTransitions.map((to) => (
              <form method="post" action={`/claims/${c.id}/transitions`} class="stack">
                <CsrfField viewer={viewer} />
                <input type="hidden" name="version" value={String(c.version)} />
                <input type="hidden" name="to" value={to} />
                {needsReason(c.status, to) ? (
                  <Fragment>
                    <label for={`reason-${to}`}>Reason to {transitionLabel(c.status, to).toLowerCase()}</label>
                    <input id={`reason-${to}`} name="reason" required maxlength="2000" value={typed(`status-${to}`, 'reason') ?? ''} />
                  </Fragment>
                ) : null}
                {/* Dismiss is a way out, not the desk's next step: never styled as the primary action. */}
                <button type="submit" class={to === 'dismissed' || to === 'draft' ? 'secondary' : undefined}>
                  {transitionLabel(c.status, to)}
                </button>
              </form>
            ))}
          </div>
        ) : (
          <p class="meta">No status change is open to you on this claim.</p>
        )}
        {assignees ? (
          <form method="post" action={`/claims/${c.id}/assignee`} class="stack">
            <Problem section="assign" />
            <CsrfField viewer={viewer} />
            <input type="hidden" name="version" value={String(c.version)} />
            <label for="assignee">Assigned reviewer</label>
            <select id="assignee" name="assigneeId">
              <option value="" selected={!c.assignee}>
                Nobody (back to the queue)
              </option>
              {assignees.map((u) => (
                <option value={String(u.id)} selected={c.assignee?.id === u.id}>
                  {u.username}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary">
              Reassign
            </button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="verdict-h">
        <h2 id="verdict-h">Verdict</h2>
        <Problem section="verdict" />
        {c.currentVerdict ? (
          <div id="current-verdict">
            <RatingBadge rating={c.currentVerdict.rating} /> proposed by {c.currentVerdict.reviewer?.username ?? 'someone'},{' '}
            {formatInstant(c.currentVerdict.createdAt)}
            {c.currentVerdict.invalidatedAt ? (
              <Fragment>; invalidated when the claim went back to its editor, {formatInstant(c.currentVerdict.invalidatedAt)}</Fragment>
            ) : c.currentVerdict.publishedAt ? (
              <Fragment>
                ; published by {c.currentVerdict.publishedBy?.username ?? 'someone'}, {formatInstant(c.currentVerdict.publishedAt)}
              </Fragment>
            ) : (
              '; not published yet'
            )}
            {/* Markdown rendered by the reports' renderer: raw HTML and images off, http(s) links only. */}
            <div class="rationale">{raw(renderRationale(c.currentVerdict.rationale))}</div>
          </div>
        ) : (
          <p>No verdict yet.</p>
        )}
        {c.verdicts.length > 1 ? (
          <details>
            <summary>Earlier verdicts ({c.verdicts.length - 1})</summary>
            <ol class="verdicts">
              {c.verdicts.slice(0, -1).map((v) => (
                <li>
                  <RatingBadge rating={v.rating} /> {v.reviewer?.username ?? ''}, {formatInstant(v.createdAt)}
                  <div class="rationale">{raw(renderRationale(v.rationale))}</div>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {mayRate ? (
          <form method="post" action={`/claims/${c.id}/verdicts`} class="stack">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="version" value={String(c.version)} />
            {/* What the reviewer saw, to show what changed if someone else acts first. */}
            <input type="hidden" name="orig_status" value={c.status} />
            <input type="hidden" name="orig_rating" value={c.currentVerdict?.rating ?? ''} />
            <input type="hidden" name="orig_rationale" value={c.currentVerdict?.rationale ?? ''} />
            <label for="rating">Rating</label>
            {/* No default: a reviewer must choose. */}
            <select id="rating" name="rating" required>
              <option value="" selected={!ratingTyped}>
                Choose a rating…
              </option>
              {RATINGS.map((r) => (
                <option value={r} selected={ratingTyped === r}>
                  {RATING[r].label}
                </option>
              ))}
            </select>
            <label for="rationale">Rationale</label>
            <textarea id="rationale" name="rationale" rows="4" required maxlength="20000" data-mentions="">
              {typed('verdict', 'rationale') ?? ''}
            </textarea>
            <button type="submit">Propose verdict</button>
          </form>
        ) : ['in_review', 'verdict_proposed'].includes(c.status) && viewer.user.role !== 'editor' ? (
          <p class="meta">Only {c.assignee ? c.assignee.username : 'the assigned reviewer'} (the assignee) or an admin proposes this claim’s verdict.</p>
        ) : null}
      </section>
      <section aria-labelledby="comments-h">
        <h2 id="comments-h">Comments ({c.comments.length})</h2>
        <Problem section="comment" />
        <ol class="comments">
          {c.comments.map((m) => (
            <li>
              <strong>{m.author?.username ?? 'someone'}</strong> <span class="meta">{formatInstant(m.createdAt)}</span>
              {/* The same safe Markdown as rationales: raw HTML and images off, http(s) links only. */}
              <div class="comment-body">{raw(renderRationale(m.body))}</div>
            </li>
          ))}
        </ol>
        <form method="post" action={`/claims/${c.id}/comments`} class="stack">
          <CsrfField viewer={viewer} />
          <label for="comment">Add a comment (type @ and a name to mention someone)</label>
          <textarea id="comment" name="body" rows="2" required maxlength="10000" data-mentions="">
            {typed('comment', 'body') ?? ''}
          </textarea>
          <button type="submit" class="secondary">
            Comment
          </button>
        </form>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">History</h2>
        <ol class="history">
          {history.map((e) => (
            <li>
              <span class="meta">{formatInstant(e.at)}</span> {e.user?.username ?? 'the system'} {describeEvent(e)}
              {e.action === 'evidence.remove' && mayRestore && !restored.has(e.id) ? <RestoreEvidence viewer={viewer} claimId={c.id} eventId={e.id} /> : null}
            </li>
          ))}
        </ol>
      </section>
    </Fragment>
  );
}

/** The form values a refused or stale post comes back with, for one section of the panel. */
export interface Refill {
  section: string;
  fields: Record<string, string>;
}

/** The verdict form is offered to whoever may propose one: the assignee (or an admin), never the claim's own editor. */
export function mayProposeVerdict(viewer: Viewer, c: ClaimDetailDto): boolean {
  const u = viewer.user;
  if (u.role !== 'reviewer' && u.role !== 'admin') return false;
  if (c.status !== 'in_review' && c.status !== 'verdict_proposed') return false;
  if (c.createdBy?.id === u.id) return false;
  return c.assignee?.id === u.id || u.role === 'admin';
}

/** Puts a removed evidence link back (undo), from its history entry. */
export function RestoreEvidence({ viewer, claimId, eventId }: { viewer: Viewer; claimId: number; eventId: number }): Html {
  return (
    <form method="post" action={`/claims/${claimId}/evidence/restore`} class="inline">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="event" value={String(eventId)} />
      <button type="submit" class="link">
        Restore this link
      </button>
    </form>
  );
}

/** What each recorded action is called in a claim's history. */
const ACTION_WORDS: Record<string, string> = {
  'claim.create': 'logged the claim',
  'watch.start': 'started watching',
  'watch.stop': 'stopped watching',
  'claim.update': 'edited the claim',
  'claim.delete': 'deleted the claim',
  'claim.attributions.replace': 'changed who said it (the chain)',
  'claim.assign': 'changed the assignment',
  'evidence.add': 'added an evidence link',
  'evidence.remove': 'removed an evidence link',
  'evidence.restore': 'restored a removed evidence link',
  'verdict.propose': 'proposed a verdict',
  'comment.add': 'commented',
  'claim.accept_suggestion': 'logged the claim from a suggestion',
  'claim.reanchor': 'anchored the claim in a corrected text of the article',
  'claim.anchor_flag': 'flagged the claim: a corrected text of the article moved its words',
  'attribution.source_merge': 'merged a duplicate source in the chain into another',
  'verdict.invalidate': 'set the proposed verdict aside (the claim went back to its editor)',
  'match.link': 'linked it with another claim as the same claim',
  'match.dismiss': 'dismissed a suggested match',
};

/** One line of a claim's history in words: the action, and for a status change, from → to and why. */
export function describeEvent(e: AuditEventDto): string {
  const before = (e.before ?? {}) as { status?: ClaimStatus; title?: string };
  const after = (e.after ?? {}) as { status?: ClaimStatus; reason?: string | null; title?: string; rating?: string };
  if (e.action === 'claim.transition' && before.status && after.status) {
    const from = STATUS[before.status]?.label ?? before.status;
    const to = STATUS[after.status]?.label ?? after.status;
    return `moved the claim from ${from.toLowerCase()} to ${to.toLowerCase()}${after.reason ? ` (“${after.reason}”)` : ''}`;
  }
  const words = ACTION_WORDS[e.action] ?? e.action.replace(/[._]/g, ' ');
  const title = after.title ?? before.title;
  if (e.action.startsWith('evidence.') && title) return `${words}: “${title}”`;
  if (e.action === 'verdict.propose' && after.rating) return `${words}: ${RATING[after.rating as keyof typeof RATING]?.label ?? after.rating}`;
  return words;
}
