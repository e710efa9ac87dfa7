import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService, sha256 } from '../articles/articles.service';
import { Claim } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { occurrencesOf } from '../claims/anchor';
import { fold } from '../common/text';
import { Transactions } from '../database/transactions';
import { Source } from '../sources/source.entity';
import { SourcesService } from '../sources/sources.service';
import { CODE_ROOT } from '../code-root';
import { SAMPLE_ARTICLE, SAMPLE_CLAIMS, SAMPLE_SOURCES } from './sample-article';

export interface SeedReport {
  articleId: number;
  sourcesCreated: number;
  articleCreated: boolean;
  claimsCreated: number;
}

/** The sample article's verbatim text, shipped in seed/ (copied into dist by the build). */
export function sampleArticleBody(): string {
  return readFileSync(join(CODE_ROOT, 'seed', SAMPLE_ARTICLE.bodyFile), 'utf8');
}

/**
 * Loads the sample article, its sources and its claims through the same services as the API,
 * in one transaction. Idempotent: what already exists (same source name, same article text,
 * same claim at the same span) is left alone, so a second run changes nothing.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly sources: SourcesService,
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
  ) {}

  async seedSample(): Promise<SeedReport> {
    const body = sampleArticleBody();
    const report = await this.tx.run(async (manager) => {
      const { ids, created: sourcesCreated } = await this.ensureSources(manager);
      let article = await manager.findOne(Article, { where: { bodySha256: sha256(body) }, order: { id: 'ASC' } });
      const articleCreated = !article;
      if (!article) {
        const dto = await this.articles.createIn(manager, null, {
          title: SAMPLE_ARTICLE.title,
          language: SAMPLE_ARTICLE.language,
          body,
        });
        article = await this.articles.findOrFail(manager, dto.id);
      }
      let claimsCreated = 0;
      for (const seed of SAMPLE_CLAIMS) {
        const span = occurrencesOf(body, seed.quote)[(seed.occurrence ?? 1) - 1];
        if (!span) throw new Error(`Seed quote not in the sample article: ${seed.quote}`);
        const exists = await manager.existsBy(Claim, { articleId: article.id, start: span.start, end: span.end, text: seed.text });
        if (exists) continue;
        await this.claims.createIn(manager, null, article.id, {
          text: seed.text,
          quote: seed.quote,
          start: span.start,
          end: span.end,
          kind: seed.kind,
          unattributed: seed.attributions.length === 0,
          note: seed.note ?? null,
          attributions: seed.attributions.map((a) => ({
            sourceId: ids.get(a.sourceKey)!,
            verb: a.verb,
            mode: a.mode,
            saidWhen: a.when ?? null,
            saidWhere: a.where ?? null,
          })),
        });
        claimsCreated++;
      }
      return { articleId: article.id, sourcesCreated, articleCreated, claimsCreated };
    });
    this.logger.log(
      `Sample article ${report.articleId}: ${report.articleCreated ? 'created' : 'already present'}, ` +
        `${report.sourcesCreated} source(s) and ${report.claimsCreated} claim(s) added.`,
    );
    return report;
  }

  /** Creates missing sources, parents before children; returns seed key → id. */
  private async ensureSources(manager: EntityManager): Promise<{ ids: Map<string, number>; created: number }> {
    const ids = new Map<string, number>();
    let created = 0;
    const pending = [...SAMPLE_SOURCES];
    while (pending.length > 0) {
      const index = pending.findIndex((s) => !s.parentKey || ids.has(s.parentKey));
      if (index === -1) throw new Error('Seed sources have an affiliation loop or a missing parent.');
      const [seed] = pending.splice(index, 1);
      const existing = await manager.findOneBy(Source, { nameFolded: fold(seed.name) });
      if (existing) {
        ids.set(seed.key, existing.id);
        continue;
      }
      const dto = await this.sources.createIn(manager, null, {
        name: seed.name,
        kind: seed.kind,
        country: seed.country ?? null,
        aliases: seed.aliases,
        parentId: seed.parentKey ? ids.get(seed.parentKey)! : null,
        description: seed.description ?? null,
        affiliationNote: seed.affiliationNote ?? null,
        homepage: seed.homepage ?? null,
      });
      ids.set(seed.key, dto.id);
      created++;
    }
    return { ids, created };
  }
}
