import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { ArticlesService } from '../articles/articles.service';
import type { Actor } from '../audit/audit.service';
import { Claim, CLAIM_KINDS, type ClaimKind } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { UnprocessableError, type FieldError } from '../common/errors';
import { Env, publicOrigin } from '../config/env';
import { Transactions } from '../database/transactions';
import { RATING_LABELS } from '../reports/report.model';
import { Verdict } from '../review/review.entities';
import { ClaimAnchorFlag } from '../revisions/revision.entities';
import { ImportAnnotationsDto, ImportAnnotationsResultDto } from './dto/annotation.dto';
import { ANNO_CONTEXT, anchorAnnotation, annotationsOf, toAnnotation, type ImportedAnchor } from './web-annotation';

@Injectable()
export class AnnotationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
    private readonly tx: Transactions,
    private readonly env: Env,
  ) {}

  /** The article's claims as a W3C AnnotationCollection (JSON-LD), its one page embedded, in article order. */
  async export(articleId: number): Promise<Record<string, unknown>> {
    const manager = this.dataSource.manager;
    const article = await this.articles.findOrFail(manager, articleId);
    // Claims a revision flagged still point into an earlier text: no selector into this one for them.
    const flagged = new Set((await manager.find(ClaimAnchorFlag, { where: { articleId, resolvedAt: IsNull() }, select: ['claimId'] })).map((f) => f.claimId));
    const claims = (await manager.find(Claim, { where: { articleId }, order: { start: 'ASC', end: 'ASC', id: 'ASC' } })).filter((c) => !flagged.has(c.id));
    const verdicts = claims.length ? await manager.find(Verdict, { where: { claimId: In(claims.map((c) => c.id)) }, order: { id: 'ASC' } }) : [];
    const latest = new Map(verdicts.map((v) => [v.claimId, v]));
    const origin = publicOrigin(this.env);
    const links = {
      source: article.url ?? `${origin}/api/articles/${article.id}`,
      claimUrl: (id: number) => `${origin}/api/claims/${id}`,
      checkUrl: (id: number) => `${origin}/checks/${id}`,
    };
    const items = claims.map((c) => {
      const v = latest.get(c.id);
      return toAnnotation(
        article.body,
        {
          id: c.id,
          text: c.text,
          quote: c.quote,
          start: c.start,
          end: c.end,
          kind: c.kind,
          createdAt: c.createdAt.toISOString(),
          updatedAt: c.updatedAt.toISOString(),
          // Only the desk's published word goes out: not a proposal, nor a verdict set aside.
          verdict: v && c.status === 'published' && v.publishedAt && !v.invalidatedAt ? { rating: v.rating, label: RATING_LABELS[v.rating], published: true } : null,
        },
        links,
      );
    });
    const id = `${origin}/api/articles/${article.id}/annotations`;
    return {
      '@context': ANNO_CONTEXT,
      id,
      type: 'AnnotationCollection',
      label: article.title,
      total: items.length,
      first: { id: `${id}#page1`, type: 'AnnotationPage', startIndex: 0, items: items.map(({ '@context': _c, ...rest }) => rest) },
    };
  }

  /**
   * Turns annotations (from this export or another tool) into draft claims, all or nothing:
   * anchored by position when the text there is the quote, otherwise re-anchored by the quote
   * and its prefix/suffix; any annotation that cannot be anchored refuses the whole import (422).
   */
  async import(actor: Actor, articleId: number, dto: ImportAnnotationsDto): Promise<ImportAnnotationsResultDto> {
    const article = await this.articles.findOrFail(this.dataSource.manager, articleId);
    const anchors: ImportedAnchor[] = [];
    const errors: FieldError[] = [];
    // An AnnotationPage or AnnotationCollection among them (e.g. a whole export) counts as its items.
    dto.annotations.flatMap((raw) => annotationsOf(raw)).forEach((raw, i) => {
      const result = anchorAnnotation(article.body, raw, `annotations[${i}]`);
      if (result.ok) anchors.push(result.anchor);
      else errors.push(...result.errors);
    });
    if (errors.length) throw new UnprocessableError(`${errors.length} annotation(s) cannot be anchored in article ${articleId}; nothing was imported.`, errors);
    return this.tx.run(async (manager) => {
      const existing = await manager.find(Claim, { where: { articleId }, select: { id: true, start: true, end: true, text: true } });
      const seen = new Set(existing.map((c) => `${c.start}:${c.end}:${c.text}`));
      const result: ImportAnnotationsResultDto = { created: [], skipped: 0, reanchored: [] };
      for (const [i, a] of anchors.entries()) {
        if (a.reanchored) result.reanchored.push(i);
        const key = `${a.span.start}:${a.span.end}:${a.text}`;
        if (seen.has(key)) {
          result.skipped++;
          continue;
        }
        seen.add(key);
        const kind = (CLAIM_KINDS as readonly string[]).includes(a.kind ?? '') ? (a.kind as ClaimKind) : (dto.kind ?? 'event');
        result.created.push(
          await this.claims.createIn(manager, actor, articleId, { text: a.text, quote: a.quote, start: a.span.start, end: a.span.end, kind, unattributed: true }),
        );
      }
      return result;
    });
  }
}
