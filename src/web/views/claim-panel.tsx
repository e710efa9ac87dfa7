import { CLAIM_KINDS } from '../../claims/claim.entity';
import { STANCES } from '../../claims/claim.entity';
import type { ClaimDetailDto } from '../../claims/dto/claim.dto';
import type { FieldError } from '../../common/errors';
import { checkEdit, EditAction, FROZEN_STATUSES } from '../../review/workflow';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { ChainBuilder, ChainRow } from './claim-form';
import { translator } from '../../i18n/i18n';
import { formatInstant, kindLabel, stanceLabel, StatusBadge } from './labels';
import { CsrfField, Layout, Notice, Problems } from './layout';
import { Refill, RestoreEvidence } from './review';

export interface EditValues {
  text: string;
  kind: string;
  note: string;
}

/** What someone else changed while this user was editing: field, what the user saw, what it is now, what they wrote. */
export interface StaleReport {
  /** What the user was doing: "editing" (the claim's wording) or "proposing a verdict". */
  doing?: string;
  /** What is unchanged when no listed field changed. */
  unchanged?: string;
  changes: { field: string; youSaw: string; now: string; yours: string }[];
}

export interface ClaimPanelModel {
  viewer: Viewer;
  claim: ClaimDetailDto;
  article: { id: number; title: string; language: string };
  edit?: EditValues;
  stale?: StaleReport;
  notice?: string;
  problem?: { section: string; message: string; errors: FieldError[] };
  /** Extra sections (review workflow) rendered after the evidence. */
  extra?: Html;
  /** What the user typed into a refused form, shown again in it (see Refill). */
  refill?: Refill;
  /** After removing an evidence link: the history entry that can put it back. */
  undoEvent?: number;
  /** After a reassignment: whom to give the claim back to (null: the queue). */
  undoAssign?: { assigneeId: number | null; label: string };
}

const canEdit = (viewer: Viewer) => viewer.user.role === 'editor' || viewer.user.role === 'admin';
/** The same rule the service enforces (src/review/workflow.ts): owner or admin, and not frozen under review. */
const mayChange = (viewer: Viewer, c: ClaimDetailDto, action: EditAction) =>
  checkEdit(viewer.user, { status: c.status, createdById: c.createdBy?.id ?? null }, action).ok;
const canHandleEvidence = (viewer: Viewer) => canEdit(viewer) || viewer.user.role === 'reviewer';
/** Evidence is frozen on a published claim (reopen it first) and on a dismissed one: no forms then. */
export const evidenceOpen = (viewer: Viewer, c: ClaimDetailDto) => canHandleEvidence(viewer) && c.status !== 'published' && c.status !== 'dismissed';

function StaleNotice({ stale }: { stale: StaleReport }): Html {
  return (
    <div class="problems" role="alert" id="stale">
      <p>
        <strong>Not saved: someone else changed this claim while you were {stale.doing ?? 'editing'}.</strong> Your text is still in the form below: check
        what changed, then send it again if you still want your version.
      </p>
      {stale.changes.length ? (
        <table class="changes">
          <caption>What changed meanwhile</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">When you opened it</th>
              <th scope="col">Now</th>
              <th scope="col">Your edit</th>
            </tr>
          </thead>
          <tbody>
            {stale.changes.map((c) => (
              <tr>
                <th scope="row">{c.field}</th>
                <td>{c.youSaw}</td>
                <td>{c.now}</td>
                <td>{c.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{stale.unchanged ?? 'The wording, kind and note are unchanged; the chain, evidence or status changed.'}</p>
      )}
    </div>
  );
}

function SectionProblem({ m, section }: { m: ClaimPanelModel; section: string }): Html {
  return m.problem?.section === section ? <Problems message={m.problem.message} errors={m.problem.errors} /> : <Fragment />;
}

export function ClaimPanelPage(m: ClaimPanelModel): string {
  const c = m.claim;
  const typed = (name: string): string => (m.refill?.section === 'evidence' ? (m.refill.fields[name] ?? '') : '');
  const evidenceForms = evidenceOpen(m.viewer, c) || m.refill?.section === 'evidence';
  // Wording and chain change only while the claim is open (the service refuses otherwise).
  const editable = c.status !== 'published' && c.status !== 'dismissed';
  const edit = m.edit ?? { text: c.text, kind: c.kind, note: c.note ?? '' };
  const lang = m.viewer.lang;
  const tr = translator(lang);
  return Layout({
    title: tr('claims.fallbackName', { id: String(c.id) }),
    viewer: m.viewer,
    section: 'articles',
    children: (
      <Fragment>
        <p class="meta">
          <a href={`/articles/${m.article.id}#claim-${c.id}`}>← {m.article.title}</a>
        </p>
        <div class="page-head">
          <h1>{tr('claims.fallbackName', { id: String(c.id) })}</h1>
          <div id="claim-status">
            <StatusBadge status={c.status} lang={m.viewer.lang} />
          </div>
        </div>
        <Notice text={m.notice} />
        {m.undoAssign ? (
          <form method="post" action={`/claims/${c.id}/assignee`} class="notice undo">
            <CsrfField viewer={m.viewer} />
            <input type="hidden" name="version" value={String(c.version)} />
            <input type="hidden" name="assigneeId" value={m.undoAssign.assigneeId === null ? '' : String(m.undoAssign.assigneeId)} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="link">
              {m.undoAssign.label}
            </button>
          </form>
        ) : null}
        {m.undoEvent && evidenceForms ? (
          <div class="notice undo">
            <RestoreEvidence viewer={m.viewer} claimId={c.id} eventId={m.undoEvent} />
          </div>
        ) : null}
        {m.stale ? <StaleNotice stale={m.stale} /> : null}
        <div class="panel-grid">
          <div>
            <section aria-labelledby="quote-h">
              <h2 id="quote-h">{tr('panel.quote')}</h2>
              <blockquote class="quote" lang={m.article.language}>
                {c.quote}
              </blockquote>
              <p class="meta">
                {tr('panel.quoteMeta', { start: String(c.start), end: String(c.end), kind: kindLabel(lang, c.kind), username: c.createdBy?.username ?? tr('history.system') })}
              </p>
            </section>
            <section aria-labelledby="wording-h">
              <h2 id="wording-h">{tr('panel.claim')}</h2>
              <p id="claim-text">{c.text}</p>
              {c.note ? <p class="meta">{tr('panel.note', { note: c.note })}</p> : null}
            </section>
            <section aria-labelledby="chain-h">
              <h2 id="chain-h">{tr('panel.whoSaid')}</h2>
              {c.unattributed ? (
                <p class="chain unattributed">{tr('panel.unattributed')}</p>
              ) : (
                <ol class="chain-view">
                  {c.attributions.map((a) => (
                    <li>
                      {a.source ? <a href={`/sources/${a.source.id}`}>{a.source.name}</a> : <span class="anonymous">{tr('chain.anonymous', { description: a.description ?? '' })}</span>} — {tr('panel.verb', { verb: a.verb })},{' '}
                      {tr(a.mode === 'direct' ? 'report.directQuote' : 'report.paraphrase')}
                      {a.saidWhen ? `, ${a.saidWhen}` : ''}
                      {a.saidWhere ? `, ${a.saidWhere}` : ''}
                    </li>
                  ))}
                </ol>
              )}
              {mayChange(m.viewer, c, 'chain') ? <a href={`/claims/${c.id}/chain`}>{tr('panel.editChain')}</a> : null}
            </section>
            {canEdit(m.viewer) && FROZEN_STATUSES.includes(c.status) ? (
              <Fragment>
                <SectionProblem m={m} section="edit" />
                <p class="notice" id="frozen-notice">
                  {tr('panel.frozen')}
                </p>
              </Fragment>
            ) : null}
            {canEdit(m.viewer) && !editable ? (
              <p class="meta" id="frozen">
                {tr(c.status === 'published' ? 'panel.publishedFrozen' : 'panel.dismissedClosed')}
              </p>
            ) : null}
            {mayChange(m.viewer, c, 'edit') || (canEdit(m.viewer) && m.edit !== undefined) ? (
              <section aria-labelledby="edit-h">
                <h2 id="edit-h">{tr('panel.edit')}</h2>
                <SectionProblem m={m} section="edit" />
                <form method="post" action={`/claims/${c.id}/edit`} class="stack">
                  <CsrfField viewer={m.viewer} />
                  <input type="hidden" name="version" value={String(c.version)} />
                  <input type="hidden" name="orig_text" value={c.text} />
                  <input type="hidden" name="orig_kind" value={c.kind} />
                  <input type="hidden" name="orig_note" value={c.note ?? ''} />
                  <label for="edit-text">{tr('report.wording')}</label>
                  <textarea id="edit-text" name="text" rows="3" required maxlength="2000">
                    {edit.text}
                  </textarea>
                  <label for="edit-kind">{tr('article.filter.kind')}</label>
                  <select id="edit-kind" name="kind">
                    {CLAIM_KINDS.map((k) => (
                      <option value={k} selected={edit.kind === k}>
                        {kindLabel(m.viewer.lang, k)}
                      </option>
                    ))}
                  </select>
                  <label for="edit-note">{tr('panel.noteLabel')}</label>
                  <textarea id="edit-note" name="note" rows="2" maxlength="2000">
                    {edit.note}
                  </textarea>
                  <button type="submit">{tr('panel.save')}</button>
                </form>
              </section>
            ) : null}
            {mayChange(m.viewer, c, 'delete') ? (
              <section aria-labelledby="delete-h">
                <h2 id="delete-h">{tr('panel.delete')}</h2>
                <SectionProblem m={m} section="delete" />
                <p class="meta">{tr('panel.deleteHint')}</p>
                <form method="post" action={`/claims/${c.id}/delete`} class="stack">
                  <CsrfField viewer={m.viewer} />
                  <input type="hidden" name="version" value={String(c.version)} />
                  <button type="submit" class="secondary">
                    {tr('panel.deleteDraft')}
                  </button>
                </form>
              </section>
            ) : null}
          </div>
          <div>
            {m.extra ?? null}
            <section aria-labelledby="evidence-h">
              <h2 id="evidence-h">{tr('panel.evidence', { count: c.evidence.length })}</h2>
              <SectionProblem m={m} section="evidence-list" />
              {c.evidence.length ? (
                <ol class="evidence">
                  {c.evidence.map((e) => (
                    <li>
                      <span class="badge">{stanceLabel(m.viewer.lang, e.stance)}</span>{' '}
                      <a href={e.url} rel="noopener noreferrer">
                        {e.title}
                      </a>
                      {e.publisher ? ` — ${e.publisher}` : ''}
                      {e.excerpt ? <blockquote class="quote">{e.excerpt}</blockquote> : null}
                      <div class="meta">
                        {tr('panel.addedBy', { username: e.addedBy?.username ?? tr('history.system'), at: formatInstant(e.createdAt, lang) })}
                      </div>
                      {evidenceForms ? (
                        <form method="post" action={`/claims/${c.id}/evidence/${e.id}/remove`} class="inline">
                          <CsrfField viewer={m.viewer} />
                          <button type="submit" class="secondary" aria-label={tr('panel.removeEvidence.label', { title: e.title })}>
                            {tr('panel.remove')}
                          </button>
                        </form>
                      ) : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p>{tr('panel.noEvidence')}</p>
              )}
              <SectionProblem m={m} section="evidence" />
              {c.status === 'published' && canHandleEvidence(m.viewer) ? (
                <p class="meta">{tr('panel.evidenceFrozen')}</p>
              ) : null}
              {evidenceForms ? (
              <details open={m.problem?.section === 'evidence'}>
                <summary>{tr('panel.addEvidence')}</summary>
                <form method="post" action={`/claims/${c.id}/evidence`} class="stack">
                  <CsrfField viewer={m.viewer} />
                  <label for="ev-url">{tr('panel.ev.url')}</label>
                  <input id="ev-url" name="url" type="url" required value={typed('url')} />
                  <label for="ev-title">{tr('articles.form.title')}</label>
                  <input id="ev-title" name="title" required maxlength="500" value={typed('title')} />
                  <label for="ev-publisher">{tr('panel.ev.publisher')}</label>
                  <input id="ev-publisher" name="publisher" maxlength="200" value={typed('publisher')} />
                  <label for="ev-stance">{tr('panel.ev.stance')}</label>
                  <select id="ev-stance" name="stance">
                    {STANCES.map((s) => (
                      <option value={s} selected={typed('stance') === s}>
                        {stanceLabel(m.viewer.lang, s)}
                      </option>
                    ))}
                  </select>
                  <label for="ev-excerpt">{tr('panel.ev.excerpt')}</label>
                  <textarea id="ev-excerpt" name="excerpt" rows="3" maxlength="5000">
                    {typed('excerpt')}
                  </textarea>
                  <button type="submit">{tr('panel.addEvidence')}</button>
                </form>
              </details>
              ) : null}
            </section>
          </div>
        </div>
      </Fragment>
    ),
  });
}

export function ChainEditPage({
  viewer,
  claim,
  rows,
  unattributed,
  message,
  errors,
}: {
  viewer: Viewer;
  claim: ClaimDetailDto;
  rows: ChainRow[];
  unattributed: boolean;
  message?: string;
  errors?: FieldError[];
}): string {
  return Layout({
    title: `Chain of claim ${claim.id}`,
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <p class="meta">
          <a href={`/claims/${claim.id}`}>← Claim {claim.id}</a>
        </p>
        <h1>Who said it: claim {claim.id}</h1>
        <blockquote class="quote">{claim.quote}</blockquote>
        <Problems message={message} errors={errors} />
        <form method="post" action={`/claims/${claim.id}/chain`} class="stack">
          <button type="submit" name="action" value="save" class="default-submit" tabindex="-1" aria-hidden="true">
            Save the chain
          </button>
          <CsrfField viewer={viewer} />
          <input type="hidden" name="version" value={String(claim.version)} />
          <ChainBuilder lang={viewer.lang} rows={rows} unattributed={unattributed} chainAction={`/claims/${claim.id}/chain#chain-builder`} />
          <button type="submit" name="action" value="save">
            Save the chain
          </button>
        </form>
      </section>
    ),
  });
}
