import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { ClaimsService, precondition } from '../claims/claims.service';
import { ClaimDetailDto, CreateEvidenceDto, ReplaceAttributionsDto, UpdateClaimDto } from '../claims/dto/claim.dto';
import { FieldError, UnprocessableError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { AssignDto, CreateCommentDto, ProposeVerdictDto, TransitionRequestDto } from '../review/dto/review.dto';
import { ReviewService } from '../review/review.service';
import { UsersService } from '../users/users.service';
import { ReviewSections } from './views/review';
import { NotificationsService } from '../notifications/notifications.service';
import { WatchForm } from './views/notifications';
import { MatchingService } from '../matching/matching.service';
import { MatchRequestDto } from '../matching/dto/matching.dto';
import { MatchSections } from './views/matches';
import { Fragment, h } from './jsx';
import { ChainResolver } from './chain';
import { applyRowAction, parseAction, parseRows } from './forms';
import { ChainRow, emptyRow } from './views/claim-form';
import { ArchiveService } from '../archive/archive.service';
import { PublicService } from '../public/public.service';
import { EvidenceArchives } from './views/evidence-archives';
import { ClaimReviewReadiness } from './views/claimreview-readiness';
import { ChainEditPage, ClaimPanelModel, ClaimPanelPage, EditValues, StaleReport } from './views/claim-panel';
import { kindLabel, ratingLabel, STATUS, statusLabel } from './views/labels';
import { Lang, MessageKey, t } from '../i18n/i18n';
import { localiseErrorBody } from '../common/error-codes';
import { carried, ConfirmPage, isConfirmed } from './views/confirm';
import { evidenceOpen } from './views/claim-panel';
import { Refill } from './views/review';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';

const NOTICES: Record<string, MessageKey> = {
  logged: 'claim.notice.logged',
  saved: 'claim.notice.saved',
  chain: 'claim.notice.chain',
  evidence: 'claim.notice.evidence',
  moved: 'claim.notice.moved',
  verdict: 'claim.notice.verdict',
  commented: 'claim.notice.commented',
  unlinked: 'claim.notice.unlinked',
  restored: 'claim.notice.restored',
  assigned: 'claim.notice.assigned',
  linked: 'claim.notice.linked',
  dismissedMatch: 'claim.notice.dismissedMatch',
};

@Injectable()
export class ClaimPages {
  constructor(
    private readonly claims: ClaimsService,
    private readonly articles: ArticlesService,
    private readonly chains: ChainResolver,
    private readonly tx: Transactions,
    private readonly review: ReviewService,
    private readonly users: UsersService,
    private readonly matching: MatchingService,
    private readonly publicPages: PublicService,
    private readonly archives: ArchiveService,
    private readonly notifications: NotificationsService,
  ) {}

  async panel(viewer: Viewer, id: number, query: Record<string, string | undefined>, extra: Partial<ClaimPanelModel> = {}, status = 200): Promise<WebResult> {
    const claim = await this.claims.get(id, viewer.user);
    const article = (await this.articles.titlesOf([claim.articleId])).get(claim.articleId)!;
    const history = await this.review.history(id, { page: 1, pageSize: 200, order: 'asc' });
    const notice = Object.keys(NOTICES).find((k) => query[k] !== undefined);
    // Only admins reassign; the choice is the active reviewers and admins, minus whoever logged the claim (four eyes).
    const assignees =
      viewer.user.role === 'admin' && ASSIGNABLE.includes(claim.status)
        ? (await this.users.list())
            .filter((u) => u.active && (u.role === 'reviewer' || u.role === 'admin') && u.id !== claim.createdBy?.id)
            .map((u) => ({ id: u.id, username: u.username }))
        : undefined;
    const { watching } = await this.notifications.watching(viewer.user, { claimId: id });
    const watch = <WatchForm viewer={viewer} action={`/claims/${id}/watch`} watching={watching} what="claim" />;
    const review = (
      <ReviewSections
        viewer={viewer}
        claim={claim}
        history={history.items}
        problem={extra.problem}
        assignees={assignees}
        refill={extra.refill}
        mayRestore={evidenceOpen(viewer, claim)}
      />
    );
    const readiness =
      claim.status === 'dismissed' ? null : (
        <ClaimReviewReadiness issues={await this.publicPages.readiness(id)} claimId={id} published={claim.status === 'published'} />
      );
    const archived = claim.evidence.length ? (
      <EvidenceArchives
        links={claim.evidence}
        archives={await this.archives.forLinks(claim.evidence.map((e) => e.id))}
        publicClaimId={claim.status === 'published' ? claim.id : null}
      />
    ) : null;
    const [similar, external, cluster] = await Promise.all([this.matching.similar(id), this.matching.external(id), this.matching.clusterOf(id)]);
    const matches = <MatchSections viewer={viewer} claim={claim} similar={similar.items} external={external.items} cluster={cluster.cluster} problem={extra.problem} />;
    // Right after a removal, the notice offers to put the link back (the same as its history entry's button).
    const removed = query.unlinked !== undefined && /^\d{1,9}$/.test(query.link ?? '') ? Number(query.link) : null;
    const undoEvent = removed === null ? undefined : history.items.filter((e) => e.action === 'evidence.remove' && e.entityId === removed).pop()?.id;
    // Right after a reassignment, an admin may give the claim back to whoever had it (or to the queue).
    const from = query.assigned !== undefined && /^\d{1,9}$/.test(query.from ?? '') ? Number(query.from) : null;
    const undoAssign =
      from !== null && assignees && (claim.assignee?.id ?? 0) !== from && (from === 0 || assignees.some((u) => u.id === from))
        ? { assigneeId: from === 0 ? null : from, label: from === 0 ? 'Undo: put it back in the queue' : `Undo: give it back to ${assignees.find((u) => u.id === from)!.username}` }
        : undefined;
    return page(
      ClaimPanelPage({ viewer, claim, article: { id: claim.articleId, ...article }, notice: notice ? t(viewer.lang, NOTICES[notice]) : undefined, extra: <Fragment>{watch}{review}{readiness}{archived}{matches}</Fragment>, undoEvent, undoAssign, ...extra }),
      status,
    );
  }

  /**
   * Saves the wording, kind and note under the claim's optimistic lock. A stale version is never
   * overwritten: the panel comes back with what changed meanwhile and the user's text kept.
   */
  async edit(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const values: EditValues = { text: field(body, 'text'), kind: field(body, 'kind'), note: field(body, 'note') };
    const version = Number(field(body, 'version'));
    const input = await validateAs(UpdateClaimDto, { version, text: values.text, kind: values.kind, note: values.note.trim() ? values.note : null });
    if (!input.ok) return this.panel(viewer, id, {}, { edit: values, problem: { section: 'edit', message: t(viewer.lang, 'claim.problem.checkForm'), errors: input.errors } }, 422);
    try {
      await this.claims.update(viewer.user, id, input.value, precondition(version, undefined));
      return redirect(`/claims/${id}?saved=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      if (problem.status === 409) {
        const current = await this.claims.get(id);
        return this.panel(viewer, id, {}, { edit: values, stale: staleReport(body, values, current, viewer.lang) }, 409);
      }
      return this.panel(viewer, id, {}, { edit: values, problem: { section: 'edit', ...problem } }, problem.status);
    }
  }

  async chainForm(viewer: Viewer, id: number): Promise<WebResult> {
    const claim = await this.claims.get(id);
    const rows: ChainRow[] = claim.attributions.map((a) => ({
      sourceId: a.source ? String(a.source.id) : '',
      sourceName: a.source?.name ?? '',
      anonymous: a.anonymous,
      description: a.description ?? '',
      newKind: '',
      verb: a.verb,
      mode: a.mode,
      saidWhen: a.saidWhen ?? '',
      saidWhere: a.saidWhere ?? '',
    }));
    return page(ChainEditPage({ viewer, claim, rows: rows.length ? rows : [emptyRow()], unattributed: claim.unattributed }));
  }

  async saveChain(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const claim = await this.claims.get(id);
    const unattributed = field(body, 'unattributed') === 'true';
    let rows = parseRows(body);
    const action = parseAction(field(body, 'action'));
    if (action.type !== 'save') {
      rows = applyRowAction(rows, action);
      return page(ChainEditPage({ viewer, claim: { ...claim, version: Number(field(body, 'version')) || claim.version }, rows, unattributed }));
    }
    const version = Number(field(body, 'version'));
    try {
      await this.tx.run(async (manager) => {
        const attributions = unattributed ? [] : await this.chains.resolve(manager, viewer.user, rows);
        const dto = await validateAs(ReplaceAttributionsDto, { version, unattributed, attributions });
        if (!dto.ok) throw new UnprocessableError('Check the chain.', dto.errors);
        await this.claims.replaceAttributionsIn(manager, viewer.user, id, dto.value, precondition(version, undefined));
      });
      return redirect(`/claims/${id}?chain=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      const message =
        problem.status === 409 ? t(viewer.lang, 'claim.conflict.chain') : problem.message;
      return page(ChainEditPage({ viewer, claim, rows, unattributed, message, errors: problem.errors }), problem.status);
    }
  }

  /**
   * A status change; the buttons offered are the claim's allowedTransitions for this user, and the
   * service re-checks. Publishing and dismissing are confirmed on a second page first.
   */
  async transition(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = Number(field(body, 'version'));
    const to = field(body, 'to');
    const reason = field(body, 'reason').trim();
    const section = 'status';
    const refill = { section: `status-${to}`, fields: { reason: field(body, 'reason') } };
    const input = await validateAs(TransitionRequestDto, { to, version, ...(reason ? { reason } : {}) });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section, message: t(viewer.lang, 'claim.problem.notMoved'), errors: input.errors }, refill }, 422);
    const claim = to === 'published' || to === 'dismissed' ? await this.claims.get(id, viewer.user) : null;
    // Confirmed only when it can happen now; otherwise the service's refusal is shown straight away.
    if (claim && !isConfirmed(body) && claim.version === version && claim.allowedTransitions.includes(input.value.to)) {
      const rating = claim.currentVerdict ? ratingLabel(viewer.lang, claim.currentVerdict.rating) : null;
      return page(
        ConfirmPage({
          viewer,
          question: to === 'published' ? t(viewer.lang, 'confirm.publish.question', { id: String(id) }) : t(viewer.lang, 'confirm.dismiss.question', { id: String(id) }),
          consequence:
            to === 'published'
              ? rating
                ? t(viewer.lang, 'confirm.publish.consequenceRated', { rating, text: claim.text })
                : t(viewer.lang, 'confirm.publish.consequence', { text: claim.text })
              : t(viewer.lang, 'confirm.dismiss.consequence', { text: claim.text, reason: reason ?? '' }),
          action: `/claims/${id}/transitions`,
          fields: carried(body),
          confirmLabel: t(viewer.lang, to === 'published' ? 'confirm.publish.yes' : 'confirm.dismiss.yes'),
          cancelHref: `/claims/${id}`,
        }),
      );
    }
    return this.attempt(viewer, id, section, () => this.review.transition(viewer.user, id, input.value, precondition(version, undefined)), 'moved=1', refill);
  }

  /**
   * Proposes a verdict under the version the reviewer saw. A refusal or a stale version comes back
   * on the panel with the rating and rationale still in the form; a stale one also shows, field by
   * field, what the reviewer saw, what it is now and what they wrote.
   */
  async proposeVerdict(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = Number(field(body, 'version'));
    const refill = { section: 'verdict', fields: { rating: field(body, 'rating'), rationale: field(body, 'rationale'), reusesVerdictId: field(body, 'reusesVerdictId') } };
    const reuses = field(body, 'reusesVerdictId');
    const input = await validateAs(ProposeVerdictDto, { rating: field(body, 'rating'), rationale: field(body, 'rationale'), version, ...(reuses ? { reusesVerdictId: Number(reuses) } : {}) });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'verdict', message: t(viewer.lang, 'claim.problem.noVerdict'), errors: input.errors }, refill }, 422);
    try {
      await this.review.proposeVerdict(viewer.user, id, input.value, precondition(version, undefined));
      return redirect(`/claims/${id}?verdict=1`);
    } catch (error) {
      const problem = refusalOf(error, viewer.lang);
      if (!problem) throw error;
      if (problem.status !== 409) return this.panel(viewer, id, {}, { problem: { section: 'verdict', ...problem }, refill }, problem.status);
      const current = await this.claims.get(id);
      return this.panel(viewer, id, {}, { stale: staleVerdictReport(body, current, viewer.lang), refill }, 409);
    }
  }

  async comment(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const refill = { section: 'comment', fields: { body: field(body, 'body') } };
    const input = await validateAs(CreateCommentDto, { body: field(body, 'body') });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'comment', message: t(viewer.lang, 'claim.problem.noComment'), errors: input.errors }, refill }, 422);
    return this.attempt(viewer, id, 'comment', () => this.review.addComment(viewer.user, id, input.value), 'commented=1', refill);
  }

  /** Links the claim with a similar one as the same claim, or dismisses the match (claim matching). */
  async match(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const input = await validateAs(MatchRequestDto, { otherClaimId: Number(field(body, 'otherClaimId')), action: field(body, 'action') });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'matches', message: t(viewer.lang, 'claim.problem.notLinked'), errors: input.errors } }, 422);
    return this.attempt(viewer, id, 'matches', () => this.matching.match(viewer.user, id, input.value), input.value.action === 'link' ? 'linked=1' : 'dismissedMatch=1');
  }

  /**
   * Runs an action; a refusal (403 from the workflow rules, 422) or a stale version comes back on
   * the panel with what was typed still in the form, never as a bare error page or a silent overwrite.
   */
  private async attempt(viewer: Viewer, id: number, section: string, work: () => Promise<unknown>, done: string, refill?: Refill): Promise<WebResult> {
    try {
      await work();
      return redirect(`/claims/${id}?${done}`);
    } catch (error) {
      const problem = refusalOf(error, viewer.lang);
      if (!problem) throw error;
      const message =
        problem.status === 409
          ? t(viewer.lang, 'claim.conflict.action', { detail: problem.message })
          : problem.message;
      return this.panel(viewer, id, {}, { problem: { section, message, errors: problem.errors }, refill }, problem.status);
    }
  }

  /**
   * Removes one evidence link, after a confirmation page; the service refuses while the claim is
   * published (shown above the list). The panel then offers to put it back (undo).
   */
  async removeEvidence(viewer: Viewer, id: number, linkId: number, body: Record<string, unknown>): Promise<WebResult> {
    if (!isConfirmed(body)) {
      const claim = await this.claims.get(id, viewer.user);
      const link = claim.evidence.find((e) => e.id === linkId);
      if (!link) throw new NotFoundException(`Claim ${id} has no evidence link ${linkId}.`);
      return page(
        ConfirmPage({
          viewer,
          question: t(viewer.lang, 'confirm.removeEvidence.question', { title: link.title }),
          consequence: t(viewer.lang, 'confirm.removeEvidence.consequence', { id: String(id) }),
          action: `/claims/${id}/evidence/${linkId}/remove`,
          fields: {},
          confirmLabel: t(viewer.lang, 'confirm.removeEvidence.yes'),
          cancelHref: `/claims/${id}`,
        }),
      );
    }
    return this.attempt(viewer, id, 'evidence-list', () => this.claims.removeEvidence(viewer.user, id, linkId), `unlinked=1&link=${linkId}`);
  }

  /** Undo of a removal: the link comes back with what it had (a new link, recorded in the history). */
  async restoreEvidence(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const raw = field(body, 'event').trim();
    if (!/^\d{1,9}$/.test(raw)) {
      return this.panel(viewer, id, {}, { problem: { section: 'evidence-list', message: t(viewer.lang, 'claim.problem.notRestored'), errors: [{ field: 'event', reason: 'must be a history entry' }] } }, 422);
    }
    return this.attempt(viewer, id, 'evidence-list', () => this.claims.restoreEvidence(viewer.user, id, Number(raw)), 'restored=1');
  }

  /**
   * Deletes a draft under the version the user saw (a body version: a stale one is a 409). The
   * service refuses a claim with a review history (422); both come back on the claim panel.
   */
  async deleteDraft(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = formVersion(body);
    if (version === undefined) return this.panel(viewer, id, {}, { problem: { section: 'delete', message: t(viewer.lang, 'claim.problem.notDeleted'), errors: [{ field: 'version', reason: 'must be the claim version' }] } }, 422);
    const { articleId, text, status, version: current } = await this.claims.get(id, viewer.user);
    if (!isConfirmed(body) && status === 'draft' && current === version) {
      return page(
        ConfirmPage({
          viewer,
          question: t(viewer.lang, 'confirm.delete.question', { id: String(id) }),
          consequence: t(viewer.lang, 'confirm.delete.consequence', { text }),
          action: `/claims/${id}/delete`,
          fields: carried(body),
          confirmLabel: t(viewer.lang, 'confirm.delete.yes'),
          cancelHref: `/claims/${id}`,
        }),
      );
    }
    try {
      await this.claims.remove(viewer.user, id, precondition(version, undefined));
      return redirect(`/articles/${articleId}?deleted=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      const message = problem.status === 409 ? t(viewer.lang, 'claim.conflict.delete', { detail: problem.message }) : problem.message;
      return this.panel(viewer, id, {}, { problem: { section: 'delete', message, errors: problem.errors } }, problem.status);
    }
  }

  /** Assigns the claim to a reviewer, or to nobody (back to the queue); the service applies the workflow rules. */
  async assign(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const raw = field(body, 'assigneeId').trim();
    const version = formVersion(body);
    const input = await validateAs(AssignDto, { assigneeId: raw === '' ? null : /^\d{1,9}$/.test(raw) ? Number(raw) : raw, version: version ?? field(body, 'version') });
    if (!input.ok || version === undefined) {
      return this.panel(viewer, id, {}, { problem: { section: 'assign', message: t(viewer.lang, 'claim.problem.notReassigned'), errors: input.ok ? [] : input.errors } }, 422);
    }
    const claim = await this.claims.get(id, viewer.user);
    if (!isConfirmed(body) && claim.version === version) {
      const to = input.value.assigneeId === null ? null : (await this.users.list()).find((u) => u.id === input.value.assigneeId)?.username ?? `user ${input.value.assigneeId}`;
      return page(
        ConfirmPage({
          viewer,
          question: to ? t(viewer.lang, 'confirm.assign.question', { id: String(id), to }) : t(viewer.lang, 'confirm.unassign.question', { id: String(id) }),
          consequence: claim.assignee
            ? to
              ? t(viewer.lang, 'confirm.assign.from', { from: claim.assignee.username, to })
              : t(viewer.lang, 'confirm.unassign.from', { from: claim.assignee.username })
            : to
              ? t(viewer.lang, 'confirm.assign.takes', { to })
              : t(viewer.lang, 'confirm.unassign.nobody'),
          action: `/claims/${id}/assignee`,
          fields: carried(body),
          confirmLabel: to ? t(viewer.lang, 'confirm.assign.yes', { to }) : t(viewer.lang, 'confirm.unassign.yes'),
          cancelHref: `/claims/${id}`,
        }),
      );
    }
    // The notice then offers to give the claim back to whoever had it (undo).
    const before = claim.assignee?.id ?? 0;
    return this.attempt(viewer, id, 'assign', () => this.review.assign(viewer.user, id, { assigneeId: input.value.assigneeId }, precondition(version, undefined)), `assigned=1&from=${before}`);
  }

  async addEvidence(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const optional = (name: string) => (field(body, name).trim() ? { [name]: field(body, name).trim() } : {});
    const input = await validateAs(CreateEvidenceDto, {
      url: field(body, 'url').trim(),
      title: field(body, 'title'),
      stance: field(body, 'stance'),
      ...optional('publisher'),
      ...optional('excerpt'),
    });
    const refill = { section: 'evidence', fields: Object.fromEntries(['url', 'title', 'publisher', 'stance', 'excerpt'].map((n) => [n, field(body, n)])) };
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'evidence', message: t(viewer.lang, 'claim.problem.checkEvidence'), errors: input.errors }, refill }, 422);
    return this.attempt(viewer, id, 'evidence', () => this.claims.addEvidence(viewer.user, id, input.value), 'evidence=1', refill);
  }
}

/** The statuses in which a claim can be assigned or unassigned (ReviewService.assign decides exactly). */
const ASSIGNABLE: string[] = ['submitted', 'in_review', 'verdict_proposed'];

/** The claim version a form carries, or undefined when it is not a positive integer. */
function formVersion(body: Record<string, unknown>): number | undefined {
  const raw = field(body, 'version').trim();
  return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

/**
 * A service's refusal to show on the panel: what problemOf gives, plus the workflow's 403s (not the
 * assignee, four eyes), which on the panel are a reason to read, not a "Not allowed" page. The web
 * guard's own 403s (wrong role for the route, CSRF) never reach here.
 */
function refusalOf(error: unknown, lang: Lang): { message: string; errors: FieldError[]; status: number } | null {
  if (error instanceof ForbiddenException) {
    const raw = error.getResponse();
    const body = localiseErrorBody(403, typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>), lang) as { message?: unknown; errors?: FieldError[] };
    return { message: String(body.message || t(lang, 'error.status.403')), errors: body.errors ?? [], status: 403 };
  }
  return problemOf(error, lang);
}

/** What changed under a reviewer who proposed a verdict on a stale version: status, rating and rationale. */
function staleVerdictReport(body: Record<string, unknown>, current: ClaimDetailDto, lang: Lang): StaleReport {
  const rating = (r: string) => (r ? ratingLabel(lang, r) : '(none)');
  const fields = [
    { label: 'Status', saw: field(body, 'orig_status') in STATUS ? statusLabel(lang, field(body, 'orig_status') as keyof typeof STATUS) : field(body, 'orig_status'), now: statusLabel(lang, current.status), yours: '—' },
    { label: 'Rating', saw: rating(field(body, 'orig_rating')), now: rating(current.currentVerdict?.rating ?? ''), yours: rating(field(body, 'rating')) },
    { label: 'Rationale', saw: field(body, 'orig_rationale') || '(none)', now: current.currentVerdict?.rationale || '(none)', yours: field(body, 'rationale') },
  ];
  return {
    doing: 'proposing a verdict',
    unchanged: 'The status and the current verdict are unchanged; the wording, chain or evidence changed.',
    changes: fields.filter((f) => f.saw !== f.now).map((f) => ({ field: f.label, youSaw: f.saw, now: f.now, yours: f.yours })),
  };
}

function staleReport(body: Record<string, unknown>, yours: EditValues, current: ClaimDetailDto, lang: Lang): StaleReport {
  const fields: { name: string; label: string; now: string; show: (v: string) => string }[] = [
    { name: 'text', label: 'Wording', now: current.text, show: (v) => v },
    { name: 'kind', label: 'Kind', now: current.kind, show: (v) => kindLabel(lang, v) },
    { name: 'note', label: 'Note', now: current.note ?? '', show: (v) => v || '(none)' },
  ];
  const changes = fields
    .filter((f) => field(body, `orig_${f.name}`) !== f.now)
    .map((f) => ({ field: f.label, youSaw: f.show(field(body, `orig_${f.name}`)), now: f.show(f.now), yours: f.show(yours[f.name as keyof EditValues]) }));
  return { changes };
}
