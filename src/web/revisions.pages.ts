import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { CreateRevisionDto, ResolveAnchorFlagDto } from '../revisions/dto/revision.dto';
import { RevisionsService } from '../revisions/revisions.service';
import { normaliseNewlines } from './forms';
import { RevisionPage, RevisionsPage } from './views/revisions';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';
import { t } from '../i18n/i18n';

@Injectable()
export class RevisionPages {
  constructor(
    private readonly articles: ArticlesService,
    private readonly revisions: RevisionsService,
  ) {}

  async list(viewer: Viewer, articleId: number, query: Record<string, string | undefined>, problem?: { message: string; errors: { field: string; reason: string }[]; draft?: { body: string; note: string; version: string } }, status = 200): Promise<WebResult> {
    const article = await this.articles.get(articleId);
    const [revisions, flags] = await Promise.all([this.revisions.list(articleId), this.revisions.openFlags(articleId)]);
    let notice: string | undefined;
    if (/^\d{1,9}$/.test(query.created ?? '')) {
      const flagged = Number(query.flagged ?? 0) || 0;
      notice = t(viewer.lang, 'revisions.notice.created', { number: query.created, flagged });
    } else if (query.anchored !== undefined) notice = t(viewer.lang, 'revisions.notice.anchored');
    return page(RevisionsPage({ viewer, article, revisions, flags, notice, ...problem }), status);
  }

  async view(viewer: Viewer, articleId: number, number: number): Promise<WebResult> {
    const [article, revision] = await Promise.all([this.articles.get(articleId), this.revisions.get(articleId, number)]);
    return page(RevisionPage({ viewer, article, revision }));
  }

  async create(viewer: Viewer, articleId: number, body: Record<string, unknown>): Promise<WebResult> {
    const draft = { body: normaliseNewlines(field(body, 'body')), note: field(body, 'note'), version: field(body, 'version') };
    const input = await validateAs(CreateRevisionDto, { body: draft.body, version: Number(draft.version), ...(draft.note.trim() ? { note: draft.note.trim() } : {}) });
    if (!input.ok) return this.list(viewer, articleId, {}, { message: 'The revision was not saved.', errors: input.errors, draft }, 422);
    try {
      const created = await this.revisions.create(viewer.user, articleId, input.value);
      return redirect(`/articles/${articleId}/revisions?created=${created.revision.number}&flagged=${created.flagged}`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      const stale = problem.status === 409 ? ' Your text is still in the form below; the page shows the current revisions.' : '';
      return this.list(viewer, articleId, {}, { message: problem.message + stale, errors: problem.errors, draft }, problem.status);
    }
  }

  async resolve(viewer: Viewer, articleId: number, flagId: number, body: Record<string, unknown>): Promise<WebResult> {
    const quote = field(body, 'quote');
    const input = await validateAs(ResolveAnchorFlagDto, { claimVersion: Number(field(body, 'claimVersion')), ...(quote ? { quote } : {}) });
    if (!input.ok) return this.list(viewer, articleId, {}, { message: 'The claim was not anchored.', errors: input.errors }, 422);
    try {
      await this.revisions.resolve(viewer.user, articleId, flagId, input.value);
      return redirect(`/articles/${articleId}/revisions?anchored=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      return this.list(viewer, articleId, {}, { message: problem.message, errors: problem.errors }, problem.status);
    }
  }
}
