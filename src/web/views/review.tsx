import { renderRationale } from '../../reports/renderers/html.renderer';
import { RATINGS } from '../../review/review.entities';
import type { ClaimStatus } from '../../claims/claim.entity';
import type { ClaimDetailDto } from '../../claims/dto/claim.dto';
import type { AuditEventDto } from '../../audit/dto/audit.dto';
import { Fragment, h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { Lang, MessageKey, t, translator } from '../../i18n/i18n';
import { formatInstant, ratingLabel, RatingBadge, statusLabel, StatusBadge } from './labels';
import { CsrfField, Problems } from './layout';
import type { FieldError } from '../../common/errors';

/** What each transition is called on its button. */
const TRANSITION_LABEL: Partial<Record<ClaimStatus, MessageKey>> = {
  draft: 'transition.draft',
  submitted: 'bulk.submit',
  in_review: 'bulk.take',
  published: 'transition.publish',
  dismissed: 'transition.dismiss',
};

function transitionLabel(lang: Lang, from: ClaimStatus, to: ClaimStatus): string {
  if (from === 'published' && to === 'in_review') return t(lang, 'transition.reopen');
  if ((from === 'in_review' || from === 'verdict_proposed') && to === 'draft') return t(lang, 'transition.return');
  const key = TRANSITION_LABEL[to];
  return key ? t(lang, key) : t(lang, 'transition.moveTo', { status: statusLabel(lang, to) });
}

/** The label of a transition's reason field: "Reason to dismiss". */
function reasonLabel(lang: Lang, from: ClaimStatus, to: ClaimStatus): string {
  if (to === 'dismissed') return t(lang, 'transition.reason.dismiss');
  if (from === 'published') return t(lang, 'transition.reason.reopen');
  return t(lang, 'transition.reason.return');
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
  const lang = viewer.lang;
  const tr = translator(lang);
  const restored = new Set(history.filter((e) => e.action === 'evidence.restore').map((e) => (e.after as { restoredFrom?: number } | null)?.restoredFrom));
  return (
    <Fragment>
      <section aria-labelledby="status-h">
        <h2 id="status-h">{tr('lanes.col.status')}</h2>
        <Problem section="status" />
        <p>
          <StatusBadge status={c.status} lang={lang} /> {c.assignee ? tr('panel.assignedTo', { username: c.assignee.username }) : ''}
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
                    <label for={`reason-${to}`}>{reasonLabel(lang, c.status, to)}</label>
                    <input id={`reason-${to}`} name="reason" required maxlength="2000" value={typed(`status-${to}`, 'reason') ?? ''} />
                  </Fragment>
                ) : null}
                {/* Dismiss is a way out, not the desk's next step: never styled as the primary action. */}
                <button type="submit" class={to === 'dismissed' || to === 'draft' ? 'secondary' : undefined}>
                  {transitionLabel(lang, c.status, to)}
                </button>
              </form>
            ))}
          </div>
        ) : (
          <p class="meta">{tr('panel.noTransition')}</p>
        )}
        {assignees ? (
          <form method="post" action={`/claims/${c.id}/assignee`} class="stack">
            <Problem section="assign" />
            <CsrfField viewer={viewer} />
            <input type="hidden" name="version" value={String(c.version)} />
            <label for="assignee">{tr('panel.assignee')}</label>
            <select id="assignee" name="assigneeId">
              <option value="" selected={!c.assignee}>
                {tr('assign.nobody')}
              </option>
              {assignees.map((u) => (
                <option value={String(u.id)} selected={c.assignee?.id === u.id}>
                  {u.username}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary">
              {tr('panel.reassign')}
            </button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="verdict-h">
        <h2 id="verdict-h">{tr('panel.verdict')}</h2>
        <Problem section="verdict" />
        {c.currentVerdict ? (
          <div id="current-verdict">
            <RatingBadge rating={c.currentVerdict.rating} lang={lang} />{' '}
            {tr('verdict.proposedBy', { username: c.currentVerdict.reviewer?.username ?? tr('verdict.someone'), at: formatInstant(c.currentVerdict.createdAt, lang) })}
            {c.currentVerdict.invalidatedAt
              ? tr('verdict.invalidated', { at: formatInstant(c.currentVerdict.invalidatedAt, lang) })
              : c.currentVerdict.publishedAt
                ? tr('verdict.publishedBy', { username: c.currentVerdict.publishedBy?.username ?? tr('verdict.someone'), at: formatInstant(c.currentVerdict.publishedAt, lang) })
                : tr('verdict.notPublished')}
            {/* Markdown rendered by the reports' renderer: raw HTML and images off, http(s) links only. */}
            <div class="rationale">{raw(renderRationale(c.currentVerdict.rationale))}</div>
          </div>
        ) : (
          <p>{tr('verdict.none')}</p>
        )}
        {c.verdicts.length > 1 ? (
          <details>
            <summary>{tr('verdict.earlier', { count: c.verdicts.length - 1 })}</summary>
            <ol class="verdicts">
              {c.verdicts.slice(0, -1).map((v) => (
                <li>
                  <RatingBadge rating={v.rating} lang={lang} /> {v.reviewer?.username ?? ''}, {formatInstant(v.createdAt, lang)}
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
            <label for="rating">{tr('article.filter.rating')}</label>
            {/* No default: a reviewer must choose. */}
            <select id="rating" name="rating" required>
              <option value="" selected={!ratingTyped}>
                {tr('verdict.chooseRating')}
              </option>
              {RATINGS.map((r) => (
                <option value={r} selected={ratingTyped === r}>
                  {ratingLabel(lang, r)}
                </option>
              ))}
            </select>
            <label for="rationale">{tr('verdict.rationale')}</label>
            <textarea id="rationale" name="rationale" rows="4" required maxlength="20000">
              {typed('verdict', 'rationale') ?? ''}
            </textarea>
            <button type="submit">{tr('verdict.propose')}</button>
          </form>
        ) : ['in_review', 'verdict_proposed'].includes(c.status) && viewer.user.role !== 'editor' ? (
          <p class="meta">{tr('verdict.onlyAssignee', { username: c.assignee ? c.assignee.username : tr('verdict.theAssignee') })}</p>
        ) : null}
      </section>
      <section aria-labelledby="comments-h">
        <h2 id="comments-h">{tr('comments.heading', { count: c.comments.length })}</h2>
        <Problem section="comment" />
        <ol class="comments">
          {c.comments.map((m) => (
            <li>
              <strong>{m.author?.username ?? tr('verdict.someone')}</strong> <span class="meta">{formatInstant(m.createdAt, lang)}</span>
              {/* The same safe Markdown as rationales: raw HTML and images off, http(s) links only. */}
              <div class="comment-body">{raw(renderRationale(m.body))}</div>
            </li>
          ))}
        </ol>
        <form method="post" action={`/claims/${c.id}/comments`} class="stack">
          <CsrfField viewer={viewer} />
          <label for="comment">{tr('comments.add')}</label>
          <textarea id="comment" name="body" rows="2" required maxlength="10000">
            {typed('comment', 'body') ?? ''}
          </textarea>
          <button type="submit" class="secondary">
            {tr('comments.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{tr('history.heading')}</h2>
        <ol class="history">
          {history.map((e) => (
            <li>
              <span class="meta">{formatInstant(e.at, lang)}</span> {e.user?.username ?? tr('history.system')} {describeEvent(e, lang)}
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
        {t(viewer.lang, 'evidence.restore')}
      </button>
    </form>
  );
}

/** What each recorded action is called in a claim's history. */
const ACTION_WORDS: Record<string, MessageKey> = {
  'claim.create': 'history.claim.create',
  'claim.update': 'history.claim.update',
  'claim.delete': 'history.claim.delete',
  'claim.attributions.replace': 'history.claim.attributions.replace',
  'claim.assign': 'history.claim.assign',
  'evidence.add': 'history.evidence.add',
  'evidence.remove': 'history.evidence.remove',
  'evidence.restore': 'history.evidence.restore',
  'verdict.propose': 'history.verdict.propose',
  'comment.add': 'history.comment.add',
  'claim.accept_suggestion': 'history.claim.accept_suggestion',
  'claim.reanchor': 'history.claim.reanchor',
  'claim.anchor_flag': 'history.claim.anchor_flag',
  'attribution.source_merge': 'history.attribution.source_merge',
  'verdict.invalidate': 'history.verdict.invalidate',
  'match.link': 'history.match.link',
  'match.dismiss': 'history.match.dismiss',
};

const STATUS_KEYS = new Set<string>(['draft', 'submitted', 'in_review', 'verdict_proposed', 'published', 'dismissed']);

/** One line of a claim's history in words: the action, and for a status change, from → to and why. */
export function describeEvent(e: AuditEventDto, lang: Lang): string {
  const before = (e.before ?? {}) as { status?: ClaimStatus; title?: string };
  const after = (e.after ?? {}) as { status?: ClaimStatus; reason?: string | null; title?: string; rating?: string };
  if (e.action === 'claim.transition' && before.status && after.status) {
    const label = (s: ClaimStatus) => (STATUS_KEYS.has(s) ? statusLabel(lang, s) : s).toLowerCase();
    const moved = t(lang, 'history.claim.transition', { from: label(before.status), to: label(after.status) });
    return after.reason ? `${moved} ${t(lang, 'history.reason', { reason: after.reason })}` : moved;
  }
  const key = ACTION_WORDS[e.action];
  const words = key ? t(lang, key) : e.action.replace(/[._]/g, ' ');
  const title = after.title ?? before.title;
  if (e.action.startsWith('evidence.') && title) return t(lang, 'history.withTitle', { words, title });
  if (e.action === 'verdict.propose' && after.rating) return t(lang, 'history.withRating', { words, rating: ratingLabel(lang, after.rating) });
  return words;
}
