import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { CreateArticleDto } from '../articles/dto/article.dto';
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
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';
import { ReportLinks } from './report-links';
import { SuggestionsService } from '../suggestions/suggestions.service';

/** The claims of an article in article order, a page of 200 at a time (the API's page limit). */
export async function allClaims(claims: ClaimsService, query: Partial<ClaimListQueryDto>): Promise<ClaimDto[]> {
  const out: ClaimDto[] = [];
  for (let p = 1; ; p++) {
    const result = await claims.list({ ...query, sort: 'position', page: p, pageSize: 200 } as ClaimListQueryDto);
    out.push(...result.items);
    if (out.length >= result.total || result.items.length === 0) return out;
  }
}

export function parseFilter(query: Record<string, string | undefined>): ClaimFilter {
  const status = CLAIM_STATUSES.find((s) => s === query.status);
  const kind = CLAIM_KINDS.find((k) => k === query.kind);
  const sourceId = /^\d{1,9}$/.test(query.sourceId ?? '') ? Number(query.sourceId) : undefined;
  const unattributed = query.unattributed === 'true' ? true : query.unattributed === 'false' ? false : undefined;
  return { status, kind, sourceId, unattributed, colour: query.colour === 'rating' ? 'rating' : 'status' };
}

/** What the last accept or reject of suggestions did, from the redirect's query. */
function suggestionNotice(query: Record<string, string | undefined>): string | undefined {
  if (/^\d+$/.test(query.accepted ?? '')) return `${query.accepted} suggested claim(s) logged as drafts.`;
  if (/^\d+$/.test(query.rejected ?? '')) return 'Suggestion rejected: it will not be offered again.';
  if (query.refused === 'stale') return 'Nothing was logged: that suggestion is no longer open (accepted or rejected meanwhile). The list below is current.';
  if (query.refused !== undefined) return 'Nothing was logged: choose a suggestion, or a score between 0 and 1.';
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
    private readonly suggestions: SuggestionsService,
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
      const problem = problemOf(error);
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
    // Editors and admins see the suggested claims beside the text (and dashed in it).
    const suggested = viewer.user.role === 'editor' || viewer.user.role === 'admin' ? (await this.suggestions.list(id)).items : undefined;
    const bodyHtml = highlightBody(
      article.body,
      claims.map((c) => ({
        id: c.id,
        start: c.start,
        end: c.end,
        tone: filter.colour === 'rating' ? `rt-${ratingOf.get(c.id) ?? 'none'}` : `st-${c.status}`,
      })),
      suggested ?? [],
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
        exports: this.reports.formats(),
        notice: query.deleted !== undefined ? 'Draft claim deleted.' : suggestionNotice(query),
        suggestions: suggested,
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
    return page(ClaimFormPage({ viewer, article, values }));
  }

  /** Logs the claim with its chain (creating new sources on the way) in one transaction. */
  async createClaim(viewer: Viewer, articleId: number, body: Record<string, unknown>): Promise<WebResult> {
    const article = await this.articles.get(articleId);
    const values = parseClaimForm(body);
    const action = parseAction(field(body, 'action'));
    if (action.type !== 'save') {
      values.rows = applyRowAction(values.rows, action);
      return page(ClaimFormPage({ viewer, article, values }));
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
    if (!input.ok) return page(ClaimFormPage({ viewer, article, values, errors: input.errors }), 422);
    try {
      const claim = await this.tx.run(async (manager) => {
        const attributions = values.unattributed ? [] : await this.chains.resolve(manager, viewer.user, values.rows);
        const created = await this.claims.createIn(manager, viewer.user, articleId, { ...input.value, attributions });
        // Opened from a suggestion ("Edit, then accept"): audited as accepted from it, in the same transaction.
        if (values.suggestion) await this.suggestions.recordEdited(manager, viewer.user, created.id, values.suggestion);
        return created;
      });
      return redirect(`/claims/${claim.id}?logged=1`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      return page(ClaimFormPage({ viewer, article, values, message: problem.message, errors: problem.errors }), problem.status);
    }
  }
}
