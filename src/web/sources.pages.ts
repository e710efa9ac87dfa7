import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import type { LedgerRole } from '../ledger/dto/ledger.dto';
import { LedgerService } from '../ledger/ledger.service';
import { SourcesService } from '../sources/sources.service';
import { fold } from '../common/text';
import type { FieldError } from '../common/errors';
import { MergeSourceDto, UpdateSourceDto } from '../sources/dto/source.dto';
import { LedgerFigures, SourceListPage, SourcePage } from './views/sources';
import { SourceEditPage, SourceFormValues, sourceFormValues, SourceMergeConfirmPage } from './views/source-edit';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';
import { t } from '../i18n/i18n';

/** Claims per page on a source's page. */
export const SOURCE_PAGE_SIZE = 50;

export interface SourceSuggestion {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
}

@Injectable()
export class SourcePages {
  constructor(
    private readonly sources: SourcesService,
    private readonly articles: ArticlesService,
    private readonly ledgers: LedgerService,
  ) {}

  async list(viewer: Viewer, q: string, pageNumber: number): Promise<WebResult> {
    const sources = await this.sources.list({ q: q || undefined, page: pageNumber, pageSize: 50 });
    return page(SourceListPage({ viewer, sources, q, ledger: await this.ledger(sources.items.map((s) => s.id)) }));
  }

  /** The source and a page of its claims (both roles, or one), from the ledger: bounded however many claims it has. */
  async view(viewer: Viewer, id: number, pageNumber: number, role?: LedgerRole, notice?: string): Promise<WebResult> {
    const source = await this.sources.get(id);
    const ledger = await this.ledgers.forSource(id, { page: pageNumber, pageSize: SOURCE_PAGE_SIZE, role });
    const titles = await this.articles.titlesOf(ledger.claims.map((c) => c.articleId));
    return page(SourcePage({ viewer, source, ledger, titles, role, notice }));
  }

  async editForm(viewer: Viewer, id: number): Promise<WebResult> {
    const source = await this.sources.get(id);
    return page(SourceEditPage({ viewer, source, values: sourceFormValues(source) }));
  }

  /** Saves the edit form under the version the editor read (a stale one shows the form again with the refusal). */
  async update(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const source = await this.sources.get(id);
    const values: SourceFormValues = {
      name: field(body, 'name'),
      kind: field(body, 'kind'),
      country: field(body, 'country').trim().toUpperCase(),
      aliases: field(body, 'aliases'),
      parentId: field(body, 'parent_id').trim(),
      parentName: field(body, 'parent').trim(),
      affiliationNote: field(body, 'affiliationNote'),
      description: field(body, 'description'),
      homepage: field(body, 'homepage').trim(),
      version: field(body, 'version'),
    };
    const refuse = (message: string, errors: FieldError[], status = 422): WebResult => page(SourceEditPage({ viewer, source, values, message, errors }), status);
    let parentId: number | null = null;
    if (values.parentName) {
      const parent = await this.pick(values.parentId, values.parentName);
      if (typeof parent !== 'number') return refuse(t(viewer.lang, 'form.notSaved'), [{ field: 'parent', reason: parent }]);
      parentId = parent;
    }
    const optional = (v: string): string | null => (v.trim() ? v.trim() : null);
    const input = await validateAs(UpdateSourceDto, {
      version: Number(values.version),
      name: values.name,
      kind: values.kind,
      country: optional(values.country),
      aliases: values.aliases.split('\n').map((a) => a.trim()).filter(Boolean),
      parentId,
      affiliationNote: optional(values.affiliationNote),
      description: optional(values.description),
      homepage: optional(values.homepage),
    });
    if (!input.ok) return refuse(t(viewer.lang, 'form.notSaved'), input.errors);
    try {
      await this.sources.update(viewer.user, id, input.value);
      return redirect(`/sources/${id}?saved=1`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      const stale = problem.status === 409 ? ' Someone else changed this source meanwhile: the form shows what you typed; reload the page to see their version.' : '';
      return refuse(problem.message + stale, problem.errors, problem.status);
    }
  }

  /**
   * The merge, in two steps without JavaScript: a first post names the survivor and shows what
   * would move; the confirmation post (with both versions as read) merges.
   */
  async merge(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const merged = await this.sources.get(id);
    const intoName = field(body, 'into').trim();
    const into = await this.pick(field(body, 'into_id').trim(), intoName);
    const refuse = (errors: FieldError[], status = 422): WebResult =>
      page(SourceEditPage({ viewer, source: merged, values: sourceFormValues(merged), mergeName: intoName, mergeErrors: errors }), status);
    if (typeof into !== 'number') return refuse([{ field: 'into', reason: into }]);
    if (into === id) return refuse([{ field: 'into', reason: 'pick another source than this one' }]);
    const survivor = await this.sources.get(into);
    if (field(body, 'confirm') !== 'yes') {
      return page(SourceMergeConfirmPage({ viewer, merged, survivor, preview: await this.sources.mergePreview(id) }));
    }
    const input = await validateAs(MergeSourceDto, { intoId: into, version: Number(field(body, 'version')), intoVersion: Number(field(body, 'intoVersion')) });
    if (!input.ok) return refuse(input.errors);
    try {
      await this.sources.merge(viewer.user, id, input.value);
      return redirect(`/sources/${into}?merged=${encodeURIComponent(merged.name)}`);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      return refuse([{ field: 'into', reason: problem.message }, ...problem.errors], problem.status);
    }
  }

  /** A source picked in a form: the typeahead's id, else the one source whose name or alias is exactly the text. */
  private async pick(rawId: string, name: string): Promise<number | string> {
    if (/^[1-9]\d{0,8}$/.test(rawId)) return Number(rawId);
    if (!name) return 'name a source';
    const found = (await this.sources.list({ q: name.slice(0, 200), page: 1, pageSize: 50 })).items;
    const wanted = fold(name);
    const exact = found.filter((s) => fold(s.name) === wanted || s.aliases.some((a) => fold(a) === wanted));
    if (exact.length === 1) return exact[0].id;
    if (exact.length > 1) return `"${name}" matches several sources: pick one from the suggestions`;
    return `no source is named "${name}": pick one from the suggestions`;
  }

  /** The typeahead: names and aliases, ignoring case and accents. */
  async suggest(q: string): Promise<SourceSuggestion[]> {
    if (!q.trim()) return [];
    const found = await this.sources.list({ q: q.slice(0, 200), page: 1, pageSize: 10 });
    return found.items.map((s) => ({ id: s.id, name: s.name, kind: s.kind, aliases: s.aliases }));
  }

  /** Ledger figures for this page's sources, in one grouped query. */
  private async ledger(ids: number[]): Promise<Map<number, LedgerFigures>> {
    const figures = new Map<number, LedgerFigures>();
    for (const [id, totals] of await this.ledgers.totalsFor(ids)) {
      const ratings: Record<string, number> = {};
      for (const role of [totals.speaker, totals.relay]) {
        for (const [rating, n] of Object.entries(role.byRating)) if (n) ratings[rating] = (ratings[rating] ?? 0) + n;
      }
      figures.set(id, {
        asSpeaker: totals.speaker.claims,
        asRelay: totals.relay.claims,
        published: totals.speaker.published + totals.relay.published,
        ratings,
      });
    }
    return figures;
  }
}
