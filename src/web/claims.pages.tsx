import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { ClaimsService, precondition } from '../claims/claims.service';
import { ClaimDetailDto, CreateEvidenceDto, ReplaceAttributionsDto, UpdateClaimDto } from '../claims/dto/claim.dto';
import { UnprocessableError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { AssignDto, CreateCommentDto, ProposeVerdictDto, TransitionRequestDto } from '../review/dto/review.dto';
import { ReviewService } from '../review/review.service';
import { UsersService } from '../users/users.service';
import { h } from './jsx';
import { ReviewSections } from './views/review';
import { ChainResolver } from './chain';
import { applyRowAction, parseAction, parseRows } from './forms';
import { ChainRow, emptyRow } from './views/claim-form';
import { ChainEditPage, ClaimPanelModel, ClaimPanelPage, EditValues, StaleReport } from './views/claim-panel';
import { KIND } from './views/labels';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';

const NOTICES: Record<string, string> = {
  logged: 'Claim logged.',
  saved: 'Changes saved.',
  chain: 'Chain saved.',
  evidence: 'Evidence added.',
  moved: 'Status changed.',
  verdict: 'Verdict proposed.',
  commented: 'Comment added.',
  unlinked: 'Evidence link removed.',
  assigned: 'Assignment changed.',
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
    const review = <ReviewSections viewer={viewer} claim={claim} history={history.items} problem={extra.problem} assignees={assignees} />;
    return page(
      ClaimPanelPage({ viewer, claim, article: { id: claim.articleId, ...article }, notice: notice ? NOTICES[notice] : undefined, extra: review, ...extra }),
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
    if (!input.ok) return this.panel(viewer, id, {}, { edit: values, problem: { section: 'edit', message: 'Check the form.', errors: input.errors } }, 422);
    try {
      await this.claims.update(viewer.user, id, input.value, precondition(version, undefined));
      return redirect(`/claims/${id}?saved=1`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      if (problem.status === 409) {
        const current = await this.claims.get(id);
        return this.panel(viewer, id, {}, { edit: values, stale: staleReport(body, values, version, current) }, 409);
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
      const problem = problemOf(error);
      if (!problem) throw error;
      const message =
        problem.status === 409 ? 'Not saved: someone else changed this claim meanwhile. The chain below is yours; the claim now shows theirs. Save again to replace it.' : problem.message;
      return page(ChainEditPage({ viewer, claim, rows, unattributed, message, errors: problem.errors }), problem.status);
    }
  }

  /** A status change; the buttons offered are the claim's allowedTransitions for this user, and the service re-checks. */
  async transition(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = Number(field(body, 'version'));
    const reason = field(body, 'reason').trim();
    const input = await validateAs(TransitionRequestDto, { to: field(body, 'to'), version, ...(reason ? { reason } : {}) });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'status', message: 'Not moved.', errors: input.errors } }, 422);
    return this.attempt(viewer, id, 'status', () => this.review.transition(viewer.user, id, input.value, precondition(version, undefined)), 'moved');
  }

  async proposeVerdict(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = Number(field(body, 'version'));
    const input = await validateAs(ProposeVerdictDto, { rating: field(body, 'rating'), rationale: field(body, 'rationale'), version });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'verdict', message: 'No verdict proposed.', errors: input.errors } }, 422);
    return this.attempt(viewer, id, 'verdict', () => this.review.proposeVerdict(viewer.user, id, input.value, precondition(version, undefined)), 'verdict');
  }

  async comment(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const input = await validateAs(CreateCommentDto, { body: field(body, 'body') });
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'comment', message: 'No comment added.', errors: input.errors } }, 422);
    return this.attempt(viewer, id, 'comment', () => this.review.addComment(viewer.user, id, input.value), 'commented');
  }

  /** Runs a review action; a refusal or a stale version comes back on the panel, never as a silent overwrite. */
  private async attempt(viewer: Viewer, id: number, section: string, work: () => Promise<unknown>, done: string): Promise<WebResult> {
    try {
      await work();
      return redirect(`/claims/${id}?${done}=1`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      const message =
        problem.status === 409
          ? `Not done: someone else changed this claim meanwhile (${problem.message}) The panel now shows the current state; try again if it still applies.`
          : problem.message;
      return this.panel(viewer, id, {}, { problem: { section, message, errors: problem.errors } }, problem.status);
    }
  }

  /** Removes one evidence link; the service refuses while the claim is published (shown above the list). */
  async removeEvidence(viewer: Viewer, id: number, linkId: number): Promise<WebResult> {
    return this.attempt(viewer, id, 'evidence-list', () => this.claims.removeEvidence(viewer.user, id, linkId), 'unlinked');
  }

  /**
   * Deletes a draft under the version the user saw (a body version: a stale one is a 409). The
   * service refuses a claim with a review history (422); both come back on the claim panel.
   */
  async deleteDraft(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const version = formVersion(body);
    if (version === undefined) return this.panel(viewer, id, {}, { problem: { section: 'delete', message: 'Not deleted.', errors: [{ field: 'version', reason: 'must be the claim version' }] } }, 422);
    const { articleId } = await this.claims.get(id, viewer.user);
    try {
      await this.claims.remove(viewer.user, id, precondition(version, undefined));
      return redirect(`/articles/${articleId}?deleted=1`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      const message = problem.status === 409 ? `Not deleted: someone else changed this claim meanwhile (${problem.message}) Check it, then delete it again if it still applies.` : problem.message;
      return this.panel(viewer, id, {}, { problem: { section: 'delete', message, errors: problem.errors } }, problem.status);
    }
  }

  /** Assigns the claim to a reviewer, or to nobody (back to the queue); the service applies the workflow rules. */
  async assign(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const raw = field(body, 'assigneeId').trim();
    const version = formVersion(body);
    const input = await validateAs(AssignDto, { assigneeId: raw === '' ? null : /^\d{1,9}$/.test(raw) ? Number(raw) : raw, version: version ?? field(body, 'version') });
    if (!input.ok || version === undefined) {
      return this.panel(viewer, id, {}, { problem: { section: 'assign', message: 'Not reassigned.', errors: input.ok ? [] : input.errors } }, 422);
    }
    return this.attempt(viewer, id, 'assign', () => this.review.assign(viewer.user, id, { assigneeId: input.value.assigneeId }, precondition(version, undefined)), 'assigned');
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
    if (!input.ok) return this.panel(viewer, id, {}, { problem: { section: 'evidence', message: 'Check the evidence form.', errors: input.errors } }, 422);
    await this.claims.addEvidence(viewer.user, id, input.value);
    return redirect(`/claims/${id}?evidence=1`);
  }
}

/** The statuses in which a claim can be assigned or unassigned (ReviewService.assign decides exactly). */
const ASSIGNABLE: string[] = ['submitted', 'in_review', 'verdict_proposed'];

/** The claim version a form carries, or undefined when it is not a positive integer. */
function formVersion(body: Record<string, unknown>): number | undefined {
  const raw = field(body, 'version').trim();
  return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

function staleReport(body: Record<string, unknown>, yours: EditValues, yourVersion: number, current: ClaimDetailDto): StaleReport {
  const fields: { name: string; label: string; now: string; show: (v: string) => string }[] = [
    { name: 'text', label: 'Wording', now: current.text, show: (v) => v },
    { name: 'kind', label: 'Kind', now: current.kind, show: (v) => KIND[v as keyof typeof KIND] ?? v },
    { name: 'note', label: 'Note', now: current.note ?? '', show: (v) => v || '(none)' },
  ];
  const changes = fields
    .filter((f) => field(body, `orig_${f.name}`) !== f.now)
    .map((f) => ({ field: f.label, youSaw: f.show(field(body, `orig_${f.name}`)), now: f.show(f.now), yours: f.show(yours[f.name as keyof EditValues]) }));
  return { yourVersion, currentVersion: current.version, changes };
}
