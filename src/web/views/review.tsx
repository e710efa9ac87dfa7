import { renderRationale } from '../../reports/renderers/html.renderer';
import { RATINGS } from '../../review/review.entities';
import type { ClaimStatus } from '../../claims/claim.entity';
import type { ClaimDetailDto, ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { AuditEventDto } from '../../audit/dto/audit.dto';
import { Fragment, h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { chainText, Pager } from './articles';
import { formatInstant, KIND, RATING, RatingBadge, STATUS, StatusBadge } from './labels';
import { CsrfField, Layout, Notice, Problems } from './layout';
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
}: {
  viewer: Viewer;
  claim: ClaimDetailDto;
  history: AuditEventDto[];
  problem?: { section: string; message: string; errors: FieldError[] };
  /** Whom an admin may assign the claim to; absent when the viewer may not reassign it. */
  assignees?: { id: number; username: string }[];
}): Html {
  const Problem = ({ section }: { section: string }) =>
    problem?.section === section ? <Problems message={problem.message} errors={problem.errors} /> : <Fragment />;
  const c = claim;
  const mayRate = (viewer.user.role === 'reviewer' || viewer.user.role === 'admin') && ['in_review', 'verdict_proposed'].includes(c.status);
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
                    <input id={`reason-${to}`} name="reason" required maxlength="2000" />
                  </Fragment>
                ) : null}
                <button type="submit">{transitionLabel(c.status, to)}</button>
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
            <label for="rating">Rating</label>
            <select id="rating" name="rating">
              {RATINGS.map((r) => (
                <option value={r}>{RATING[r].label}</option>
              ))}
            </select>
            <label for="rationale">Rationale</label>
            <textarea id="rationale" name="rationale" rows="4" required maxlength="20000"></textarea>
            <button type="submit">Propose verdict</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="comments-h">
        <h2 id="comments-h">Comments ({c.comments.length})</h2>
        <Problem section="comment" />
        <ol class="comments">
          {c.comments.map((m) => (
            <li>
              <strong>{m.author?.username ?? 'someone'}</strong> <span class="meta">{formatInstant(m.createdAt)}</span>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
        <form method="post" action={`/claims/${c.id}/comments`} class="stack">
          <CsrfField viewer={viewer} />
          <label for="comment">Add a comment</label>
          <textarea id="comment" name="body" rows="2" required maxlength="10000"></textarea>
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
              <span class="meta">{formatInstant(e.at)}</span> {e.user?.username ?? 'system'}: {describeEvent(e)}
            </li>
          ))}
        </ol>
      </section>
    </Fragment>
  );
}

export function ReviewQueuePage({ viewer, queue, notice }: { viewer: Viewer; queue: Page<ClaimDto>; notice?: string }): string {
  const waiting = queue.items.filter((c) => c.status === 'submitted');
  const mine = queue.items.filter((c) => c.status !== 'submitted');
  const List = ({ claims }: { claims: ClaimDto[] }) =>
    claims.length ? (
      <ol class="claim-list">
        {claims.map((c) => (
          <li class="claim-item">
            <div class="claim-line">
              <StatusBadge status={c.status} /> <span class="kind">{KIND[c.kind]}</span>
            </div>
            <a class="claim-link" href={`/claims/${c.id}`}>
              {c.text}
            </a>
            <q>{c.quote}</q>
            <div class="chain">{chainText(c)}</div>
          </li>
        ))}
      </ol>
    ) : (
      <p>None.</p>
    );
  return Layout({
    title: 'Review queue',
    viewer,
    section: 'review',
    children: (
      <Fragment>
        <h1>Review queue</h1>
        <Notice text={notice} />
        <div class="panel-grid">
          <section aria-labelledby="waiting-h">
            <h2 id="waiting-h">Waiting for a reviewer ({waiting.length})</h2>
            <List claims={waiting} />
          </section>
          <section aria-labelledby="mine-h">
            <h2 id="mine-h">Assigned to you ({mine.length})</h2>
            <List claims={mine} />
          </section>
        </div>
        <Pager base="/review" current={queue} />
      </Fragment>
    ),
  });
}

/** One line of a claim's history: the action, and for a status change, from → to and why. */
function describeEvent(e: AuditEventDto): string {
  const before = (e.before ?? {}) as { status?: string };
  const after = (e.after ?? {}) as { status?: string; reason?: string | null };
  if (e.action === 'claim.transition' && before.status && after.status) {
    return `status ${before.status} → ${after.status}${after.reason ? ` (${after.reason})` : ''}`;
  }
  return e.action;
}
