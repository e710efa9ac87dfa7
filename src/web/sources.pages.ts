import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import type { LedgerRole } from '../ledger/dto/ledger.dto';
import { LedgerService } from '../ledger/ledger.service';
import { SourcesService } from '../sources/sources.service';
import { LedgerFigures, SourceListPage, SourcePage } from './views/sources';
import { page, Viewer, WebResult } from './web.types';

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
  async view(viewer: Viewer, id: number, pageNumber: number, role?: LedgerRole): Promise<WebResult> {
    const source = await this.sources.get(id);
    const ledger = await this.ledgers.forSource(id, { page: pageNumber, pageSize: SOURCE_PAGE_SIZE, role });
    const titles = await this.articles.titlesOf(ledger.claims.map((c) => c.articleId));
    return page(SourcePage({ viewer, source, ledger, titles, role }));
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
