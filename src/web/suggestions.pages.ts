import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { SuggestionsService } from '../suggestions/suggestions.service';
import { ClaimFormPage, type ClaimFormValues } from './views/claim-form';
import { field, problemOf } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';
import { t } from '../i18n/i18n';

/**
 * The article page's "Suggested claims": accept one, accept all above a score, reject one, or
 * open the claim form prefilled with a suggestion (edit, then log it the usual way).
 */
@Injectable()
export class SuggestionPages {
  constructor(
    private readonly articles: ArticlesService,
    private readonly suggestions: SuggestionsService,
  ) {}

  async accept(viewer: Viewer, articleId: number, body: Record<string, unknown>): Promise<WebResult> {
    let keys = [field(body, 'key')].filter(Boolean);
    const min = field(body, 'minScore');
    if (!keys.length && min !== '') {
      const threshold = Number(min);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) return redirect(`/articles/${articleId}?refused=score`);
      keys = (await this.suggestions.list(articleId)).items.filter((s) => s.score >= threshold).map((s) => s.key);
      if (!keys.length) return redirect(`/articles/${articleId}?accepted=0`);
    }
    if (!keys.length) return redirect(`/articles/${articleId}?refused=key`);
    try {
      const result = await this.suggestions.accept(viewer.user, articleId, keys);
      return redirect(`/articles/${articleId}?accepted=${result.claims.length}`);
    } catch (error) {
      if (!problemOf(error, viewer.lang)) throw error;
      return redirect(`/articles/${articleId}?refused=stale`);
    }
  }

  async reject(viewer: Viewer, articleId: number, body: Record<string, unknown>): Promise<WebResult> {
    const key = field(body, 'key');
    if (!/^\d{1,9}-\d{1,9}-[0-9a-f]{16}$/.test(key)) return redirect(`/articles/${articleId}?refused=key`);
    try {
      await this.suggestions.reject(viewer.user, articleId, [key]);
      return redirect(`/articles/${articleId}?rejected=1`);
    } catch (error) {
      if (!problemOf(error, viewer.lang)) throw error;
      return redirect(`/articles/${articleId}?refused=stale`);
    }
  }

  /** The claim form, prefilled with the suggestion: quote and offsets, kind, and the chain with new sources' guessed kinds. */
  async edit(viewer: Viewer, articleId: number, key: string): Promise<WebResult> {
    const article = await this.articles.get(articleId);
    const item = (await this.suggestions.list(articleId)).items.find((s) => s.key === key);
    if (!item) return redirect(`/articles/${articleId}?refused=stale`);
    const values: ClaimFormValues = {
      quote: item.quote,
      start: String(item.start),
      end: String(item.end),
      text: item.quote.trim().slice(0, 2000),
      kind: item.kind,
      note: '',
      unattributed: item.unattributed,
      suggestion: item.key,
      rows: item.attributions.map((a) => ({
        sourceId: a.sourceId ? String(a.sourceId) : '',
        sourceName: a.anonymous ? '' : a.name,
        newKind: a.sourceId || a.anonymous ? '' : (a.newSourceKind ?? ''),
        verb: a.verb,
        mode: a.mode,
        saidWhen: a.saidWhen ?? '',
        saidWhere: a.saidWhere ?? '',
        anonymous: a.anonymous,
        description: a.anonymous ? (a.description ?? a.name) : '',
      })),
    };
    if (values.rows.length === 0 && !values.unattributed) values.unattributed = true;
    return page(ClaimFormPage({ viewer, article, values, message: t(viewer.lang, 'suggestions.notice.edit') }));
  }
}
