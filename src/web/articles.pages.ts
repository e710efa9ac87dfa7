import { NotificationsService } from '../notifications/notifications.service';
import { WatchForm } from './views/notifications';
import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { CreateArticleDto, UpdateArticleDto } from '../articles/dto/article.dto';
import { CLAIM_KINDS, CLAIM_STATUSES, type ClaimKind, type ClaimStatus } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { ClaimDto, ClaimListQueryDto, CreateClaimDto } from '../claims/dto/claim.dto';
import { Transactions } from '../database/transactions';
import { SourcesService } from '../sources/sources.service';
import { ChainResolver } from './chain';
import { applyRowAction, normaliseNewlines, parseAction, parseClaimForm } from './forms';
import { highlightBody } from './highlight';
import { ArticleFormValues, ArticleListPage, ArticleViewPage, ClaimFilter, NewArticlePage } from './views/articles';
import { ClaimFormPage, ClaimFormValues, emptyRow } from './views/claim-form';
import { SourceListQueryDto } from '../sources/dto/source.dto';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';
import { ReportLinks } from './report-links';
import { DeskService } from '../desk/desk.service';
import { occurrencesOf, Span } from '../claims/anchor';
import { RevisionsService } from '../revisions/revisions.service';
import { ArticleEditPage, ArticleMetaValues, articleMetaValues } from './views/article-edit';
import { SuggestionsService } from '../suggestions/suggestions.service';
import { Lang, t } from '../i18n/i18n';

/** The claims of an article in article order, a page of 200 at a time (the API's page limit). */
export async function allClaims(claims: ClaimsService, query: Partial<ClaimListQueryDto>): Promise<ClaimDto[]> {
  const out: ClaimDto[] = [];
  for (let p = 1; ; p++) {
    const result = await claims.list({ ...query, sort: 'position', page: p, pageSize: 200 } as ClaimListQueryDto);
    out.push(...result.items);
    if ((out.length >= result.total && !result.totalAtLeast) || result.items.length < 200) return out;
  }
}

export function parseFilter(query: Record<string, string | undefined>): ClaimFilter {
  const status = CLAIM_STATUSES.find((s) => s === query.status);
  const kind = CLAIM_KINDS.find((k) => k === query.kind);
  const sourceId = /^\d{1,9}$/.test(query.sourceId ?? '') ? Number(query.sourceId) : undefined;
  const unattributed = query.unattributed === 'true' ? true : query.unattributed === 'false' ? false : undefined;
  return { status, kind, sourceId, unattributed, colour: query.colour === 'rating' ? 'rating' : 'status' };
}

/** Thrown inside the claim's transaction to undo it: typed words that claims already cover are shown first. */
class CoveredFirst extends Error {}
/** What the last accept or reject of suggestions did, from the redirect's query. */
function suggestionNotice(lang: Lang, query: Record<string, string | undefined>): string | undefined {
  if (/^\d+$/.test(query.accepted ?? '')) return t(lang, 'article.notice.accepted', { count: Number(query.accepted) });
  if (/^\d+$/.test(query.rejected ?? '')) return t(lang, 'article.notice.rejected');
  if (query.refused === 'stale') return t(lang, 'article.notice.refusedStale');
  if (query.refused !== undefined) return t(lang, 'article.notice.refused');
  return undefined;
}

@Injectable()
export class ArticlePages {
  constructor(
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
    private readonly sources: SourcesService,
    private readonly chains: ChainResolver,
    private readonly tx: Transactions,
    private readonly reports: ReportLinks,
    private readonly desk: DeskService,
    private readonly revisions: RevisionsService,
    private readonly suggestions: SuggestionsService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(viewer: Viewer, pageNumber: number, notice?: string): Promise<WebResult> {
    const articles = await this.articles.list({ page: pageNumber, pageSize: 50 });
    return page(ArticleListPage({ viewer, articles, notice }));
  }

  newForm(viewer: Viewer): WebResult {
    return page(NewArticlePage({ viewer, values: { title: '', language: 'fr', url: '', publishedDate: '', outlet: '', body: '' } }));
  }

  async create(viewer: Viewer, body: Record<string, unknown>): Promise<WebResult> {
    const values: ArticleFormValues = {
      title: field(body, 'title'),
      language: field(body, 'language').trim(),
      url: field(body, 'url').trim(),
      publishedDate: field(body, 'publishedDate').trim(),
      outlet: field(body, 'outlet').trim(),
      body: normaliseNewlines(field(body, 'body')),
    };
    let outletId: number | undefined;
    if (values.outlet) {
      // The API's limits on a source search apply here too (a 50,000-character outlet is a form error, not a 500).
      const query = await validateAs(SourceListQueryDto, { q: values.outlet });
      if (!query.ok) {
        return page(NewArticlePage({ viewer, values, errors: query.errors.map((e) => ({ field: 'outlet', reason: e.reason.replace(/^q /, 'the outlet ') })) }), 422);
      }
      const found = (await this.sources.list({ q: values.outlet, page: 1, pageSize: 50 })).items;
      const exact = found.find((s) => s.name.toLowerCase() === values.outlet.toLowerCase()) ?? (found.length === 1 ? found[0] : undefined);
      if (!exact) {
        return page(NewArticlePage({ viewer, values, errors: [{ field: 'outlet', reason: `no source matches "${values.outlet}"` }] }), 422);
      }
      outletId = exact.id;
    }
    const input = await validateAs(CreateArticleDto, {
      title: values.title,
      language: values.language,
      body: values.body,
      ...(values.url ? { url: values.url } : {}),
      ...(values.publishedDate ? { publishedDate: values.publishedDate } : {}),
      ...(outletId ? { outletId } : {}),
    });
    if (!input.ok) return page(NewArticlePage({ viewer, values, errors: input.errors }), 422);
    try {
      const article = await this.articles.create(viewer.user, input.value);
      return redirect(`/articles/${article.id}`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      return page(NewArticlePage({ viewer, values, message: problem.message, errors: problem.errors }), problem.status);
    }
  }

  async view(viewer: Viewer, id: number, query: Record<string, string | undefined>): Promise<WebResult> {
    const article = await this.articles.get(id);
    const filter = parseFilter(query);
    const claims = await allClaims(this.claims, {
      articleId: id,
      status: filter.status ? [filter.status as ClaimStatus] : undefined,
      kind: filter.kind ? [filter.kind as ClaimKind] : undefined,
      sourceId: filter.sourceId,
      unattributed: filter.unattributed,
    });
    // The source filter offers the sources this article's claims name (from the unfiltered chains).
    const named = filter.sourceId || filter.status || filter.kind || filter.unattributed !== undefined ? await allClaims(this.claims, { articleId: id }) : claims;
    const sources = new Map<number, string>();
    for (const c of named) for (const a of c.attributions) if (a.source) sources.set(a.source.id, a.source.name);
    const ratingOf = new Map<number, string | null>(claims.map((c) => [c.id, c.currentRating]));
    // Claims flagged by a revision still point into an earlier text: they are not highlighted in this one.
    const flagged = await this.revisions.flaggedClaimIds(id);
    // Editors and admins see the suggested claims beside the text (and dashed in it).
    const suggested = viewer.user.role === 'editor' || viewer.user.role === 'admin' ? (await this.suggestions.list(id)).items : undefined;
    const bodyHtml = highlightBody(
      article.body,
      claims.filter((c) => !flagged.has(c.id)).map((c) => ({
        id: c.id,
        start: c.start,
        end: c.end,
        tone: filter.colour === 'rating' ? `rt-${ratingOf.get(c.id) ?? 'none'}` : `st-${c.status}`,
      })),
      { focusable: true, suggested: suggested ?? [] },
    );
    return page(
      ArticleViewPage({
        viewer,
        article,
        claims,
        sources: [...sources].map(([sid, name]) => ({ id: sid, name })).sort((a, b) => a.name.localeCompare(b.name)),
        bodyHtml,
        filter,
        ratingOf,
        exports: this.reports.formats(viewer.lang),
        flagged: flagged.size,
        notice:
          query.deleted !== undefined
            ? t(viewer.lang, 'article.notice.deleted')
            : query.saved !== undefined
              ? t(viewer.lang, 'article.notice.saved')
              : suggestionNotice(viewer.lang, query),
        suggestions: suggested,
        watch: WatchForm({ viewer, action: `/articles/${id}/watch`, watching: (await this.notifications.watching(viewer.user, { articleId: id })).watching, what: 'article' }),
      }),
    );
  }

  async claimForm(viewer: Viewer, articleId: number, start?: string, end?: string): Promise<WebResult> {
    const article = await this.articles.get(articleId);
    const values: ClaimFormValues = { quote: '', start: '', end: '', text: '', kind: 'event', note: '', unattributed: false, rows: [emptyRow()] };
    const s = Number(start);
    const e = Number(end);
    if (Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s && e <= article.body.length) {
      Object.assign(values, { quote: article.body.slice(s, e), start: String(s), end: String(e) });
    }
    return page(ClaimFormPage({ viewer, article, values, ...(await this.formContext(article, values)) }));
  }

  /**
   * What the claim form shows beside the fields: the article's text with the chosen words marked
   * (the text stays in view), and the claims that already cover those words.
   */
  private async formContext(article: { id: number; body: string }, values: ClaimFormValues, occurrences: Span[] = []) {
    const s = Number(values.start);
    const e = Number(values.end);
    const anchored = values.start !== '' && values.end !== '' && Number.isInteger(s) && Number.isInteger(e) && s < e && e <= article.body.length;
    const marks = anchored ? [{ id: 0, start: s, end: e, tone: 'chosen' }] : occurrences.map((o, i) => ({ id: i + 1, start: o.start, end: o.end, tone: 'chosen' }));
    const covering = anchored ? await this.desk.covering(article.id, s, e) : [];
    return {
      bodyHtml: highlightBody(article.body, marks),
      covering,
      occurrences: occurrences.map((o) => ({
        start: o.start,
        end: o.end,
        before: article.body.slice(Math.max(0, o.start - 40), o.start),
        match: article.body.slice(o.start, o.end),
        after: article.body.slice(o.end, o.end + 40),
      })),
    };
  }

  /** Logs the claim with its chain (creating new sources on the way) in one transaction. */
  async createClaim(viewer: Viewer, articleId: number, body: Record<string, unknown>): Promise<WebResult> {
    const article = await this.articles.get(articleId);
    const values = parseClaimForm(body);
    const action = parseAction(field(body, 'action'));
    if (action.type !== 'save') {
      values.rows = applyRowAction(values.rows, action);
      return page(ClaimFormPage({ viewer, article, values, ...(await this.formContext(article, values)) }));
    }
    let covered: unknown[] = [];
    // A typed quote that occurs several times: the editor chooses the occurrence (shown with its context).
    if (values.start === '' && values.end === '' && values.quote) {
      values.quote = normaliseNewlines(values.quote);
      const found = occurrencesOf(article.body, values.quote);
      const picked = /^(\d{1,9}):(\d{1,9})$/.exec(field(body, 'occurrence'));
      const choice = picked ? found.find((o) => o.start === Number(picked[1]) && o.end === Number(picked[2])) : undefined;
      if (choice) Object.assign(values, { start: String(choice.start), end: String(choice.end) });
      else if (found.length > 1) {
        const message = t(viewer.lang, 'claimForm.ambiguous', { count: found.length });
        return page(ClaimFormPage({ viewer, article, values, message, ...(await this.formContext(article, values, found)) }), 422);
      } else if (found.length === 1) Object.assign(values, { start: String(found[0].start), end: String(found[0].end) });
      // Typed words that claims already cover: once the form is otherwise valid, say so (with links)
      // instead of logging; sending it again logs it. (Selected words get the warning on the form.)
      if (values.start !== '' && field(body, 'covered_ok') !== '1') {
        covered = await this.desk.covering(article.id, Number(values.start), Number(values.end));
      }
    }
    const anchored = values.start !== '' && values.end !== '';
    const input = await validateAs(CreateClaimDto, {
      text: values.text,
      quote: values.quote,
      kind: values.kind,
      ...(anchored ? { start: Number(values.start), end: Number(values.end) } : {}),
      ...(values.note.trim() ? { note: values.note } : {}),
      unattributed: values.unattributed,
    });
    if (!input.ok) return page(ClaimFormPage({ viewer, article, values, message: t(viewer.lang, 'claimForm.notLogged'), errors: input.errors, ...(await this.formContext(article, values)) }), 422);
    try {
      const claim = await this.tx.run(async (manager) => {
        const attributions = values.unattributed ? [] : await this.chains.resolve(manager, viewer.user, values.rows);
        const created = await this.claims.createIn(manager, viewer.user, articleId, { ...input.value, attributions });
        // Everything checked and nothing kept (the transaction rolls back): first show the covering claims.
        if (covered.length) throw new CoveredFirst();
        // Opened from a suggestion ("Edit, then accept"): audited as accepted from it, in the same transaction.
        if (values.suggestion) await this.suggestions.recordEdited(manager, viewer.user, created.id, values.suggestion);
        return created;
      });
      return redirect(`/claims/${claim.id}?logged=1`);
    } catch (error) {
      if (error instanceof CoveredFirst) {
        const message = t(viewer.lang, 'claimForm.coveredFirst');
        return page(ClaimFormPage({ viewer, article, values, message, coveredChecked: true, ...(await this.formContext(article, values)) }));
      }
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      return page(ClaimFormPage({ viewer, article, values, message: problem.message, errors: problem.errors, ...(await this.formContext(article, values)) }), problem.status);
    }
  }

  async editForm(viewer: Viewer, id: number): Promise<WebResult> {
    const article = await this.articles.get(id);
    return page(ArticleEditPage({ viewer, article, values: articleMetaValues(article) }));
  }

  /**
   * Saves the metadata under the version the editor read. The outlet is the picked source, the one
   * source with that exact name or alias, or (with a kind chosen) a new source created in the same
   * transaction, so a refused save leaves no stray source behind.
   */
  async updateMeta(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const article = await this.articles.get(id);
    const values: ArticleMetaValues = {
      title: field(body, 'title'),
      outletId: field(body, 'outlet_id').trim(),
      outlet: field(body, 'outlet').trim(),
      outletKind: field(body, 'outlet_kind'),
      url: field(body, 'url').trim(),
      language: field(body, 'language').trim(),
      publishedDate: field(body, 'publishedDate').trim(),
      version: field(body, 'version'),
    };
    const input = await validateAs(UpdateArticleDto, {
      version: Number(values.version),
      title: values.title,
      language: values.language,
      url: values.url || null,
      publishedDate: values.publishedDate || null,
    });
    if (!input.ok) return page(ArticleEditPage({ viewer, article, values, message: t(viewer.lang, 'form.notSaved'), errors: input.errors }), 422);
    try {
      await this.tx.run(async (manager) => {
        const outletId = values.outlet
          ? await this.chains.resolveOne(manager, viewer.user, { sourceId: values.outletId, sourceName: values.outlet, newKind: values.outletKind }, 'outlet')
          : null;
        return this.articles.updateIn(manager, viewer.user, id, { ...input.value, outletId });
      });
      return redirect(`/articles/${id}?saved=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      const stale = problem.status === 409 ? ' The form keeps what you typed; open the article again to see the other change.' : '';
      return page(ArticleEditPage({ viewer, article, values, message: problem.message + stale, errors: problem.errors }), problem.status);
    }
  }
}
