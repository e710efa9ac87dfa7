import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService } from '../articles/articles.service';
import { Actor, AuditService } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { AttributionInputDto, ClaimDetailDto, CreateClaimDto } from '../claims/dto/claim.dto';
import { UnprocessableError } from '../common/errors';
import { fold } from '../common/text';
import { Transactions } from '../database/transactions';
import { Source, SourceAlias, type SourceKind } from '../sources/source.entity';
import { SourcesService } from '../sources/sources.service';
import { AcceptedSuggestionsDto, RejectedSuggestionsDto, SuggestionDto, SuggestionListDto } from './dto/suggestion.dto';
import { suggest, type Suggestion } from './engine';
import { RegistryEntry } from './registry';
import { SuggestionRejection } from './suggestion-rejection.entity';

export function quoteHash(quote: string): string {
  return createHash('sha256').update(quote, 'utf8').digest('hex');
}

export function suggestionKey(s: { start: number; end: number; quote: string }): string {
  return `${s.start}-${s.end}-${quoteHash(s.quote).slice(0, 16)}`;
}

/**
 * An article's suggested claims (src/suggestions/engine.ts over the article text and the source
 * registry), without those already logged as claims at the same offsets or rejected; accepting
 * logs them through ClaimsService like hand-made claims, rejecting remembers them.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
    private readonly sources: SourcesService,
  ) {}

  async list(articleId: number): Promise<SuggestionListDto> {
    const manager = this.dataSource.manager;
    const article = await this.articles.findOrFail(manager, articleId);
    return { items: await this.open(manager, article) };
  }

  /**
   * Logs the suggestions named by `keys`, in one transaction: the new sources they need, the
   * claims (ClaimsService.createIn, the hand-made path) and an audit event per claim. One bad key
   * or one invalid claim rolls back everything.
   */
  async accept(actor: Actor, articleId: number, keys: string[]): Promise<AcceptedSuggestionsDto> {
    return this.tx.run(async (manager) => {
      const article = await this.articles.findOrFail(manager, articleId);
      const items = this.pick(await this.open(manager, article), keys);
      const created = new Map<string, number>();
      const claims: ClaimDetailDto[] = [];
      for (const [i, item] of items.entries()) {
        const attributions: AttributionInputDto[] = [];
        for (const link of item.attributions) {
          const base = { verb: link.verb.slice(0, 200), mode: link.mode as 'direct' | 'paraphrase', saidWhen: link.saidWhen?.slice(0, 200) ?? null, saidWhere: link.saidWhere?.slice(0, 200) ?? null };
          if (link.anonymous) attributions.push({ ...base, anonymous: true, description: (link.description ?? link.name).slice(0, 500) });
          else attributions.push({ ...base, sourceId: link.sourceId ?? (await this.sourceFor(manager, actor, link.name, link.newSourceKind, created, i)) });
        }
        const dto: CreateClaimDto = {
          text: item.quote.trim().slice(0, 2000),
          quote: item.quote,
          start: item.start,
          end: item.end,
          kind: item.kind as CreateClaimDto['kind'],
          unattributed: item.unattributed,
          attributions,
          note: null,
        };
        const claim = await this.claims.createIn(manager, actor, articleId, dto);
        await this.audit.record(manager, actor, {
          action: 'claim.accept_suggestion',
          entityType: 'claim',
          entityId: claim.id,
          claimId: claim.id,
          after: { acceptedFromSuggestion: true, key: item.key, score: item.score, reason: item.reason, attributions: item.attributions },
        });
        claims.push(claim);
      }
      return { claims };
    });
  }

  /** A claim logged from the claim form opened on a suggestion ("Edit, then accept"): audited as accepted from it, edited. */
  async recordEdited(manager: EntityManager, actor: Actor, claimId: number, key: string): Promise<void> {
    await this.audit.record(manager, actor, {
      action: 'claim.accept_suggestion',
      entityType: 'claim',
      entityId: claimId,
      claimId,
      after: { acceptedFromSuggestion: true, key, edited: true },
    });
  }

  /** Remembers the suggestions named by `keys` as rejected: they are not offered again. */
  async reject(actor: Actor, articleId: number, keys: string[]): Promise<RejectedSuggestionsDto> {
    return this.tx.run(async (manager) => {
      const article = await this.articles.findOrFail(manager, articleId);
      const items = this.pick(await this.open(manager, article), keys);
      const now = new Date();
      for (const item of items) {
        await manager.insert(SuggestionRejection, {
          articleId,
          start: item.start,
          end: item.end,
          quoteHash: quoteHash(item.quote),
          rejectedById: actor.id,
          createdAt: now,
        });
      }
      await this.audit.record(manager, actor, {
        action: 'suggestion.reject',
        entityType: 'article',
        entityId: articleId,
        after: { rejected: items.map((i) => ({ key: i.key, quote: i.quote, start: i.start, end: i.end })) },
      });
      return { rejected: items.length };
    });
  }

  /** The suggestions still open: not logged as a claim at the same offsets, not rejected. */
  async open(manager: EntityManager, article: Article): Promise<SuggestionDto[]> {
    const registry = await this.registry(manager);
    const logged = await manager
      .createQueryBuilder(Claim, 'c')
      .select(['c.start', 'c.end'])
      .where('c.article_id = :id', { id: article.id })
      .getMany();
    const rejected = await manager.find(SuggestionRejection, { where: { articleId: article.id } });
    const taken = new Set(logged.map((c) => `${c.start}-${c.end}`));
    const refused = new Set(rejected.map((r) => `${r.start}-${r.end}-${r.quoteHash}`));
    return suggest(article.body, registry)
      .filter((s) => !taken.has(`${s.start}-${s.end}`) && !refused.has(`${s.start}-${s.end}-${quoteHash(s.quote)}`))
      .map((s) => toDto(s));
  }

  private pick(open: SuggestionDto[], keys: string[]): SuggestionDto[] {
    const byKey = new Map(open.map((s) => [s.key, s]));
    const errors = keys
      .map((key, i) => ({ key, i }))
      .filter(({ key }, i) => !byKey.has(key) || keys.indexOf(key) !== i)
      .map(({ key, i }) => ({
        field: `keys[${i}]`,
        reason: byKey.has(key) ? 'listed twice' : `no open suggestion ${key} (already accepted or rejected, or not a suggestion of this article)`,
      }));
    if (errors.length) throw new UnprocessableError('Some keys do not name an open suggestion of this article.', errors);
    return keys.map((k) => byKey.get(k)!);
  }

  /** Every source with its aliases: what the engine matches names against. */
  private async registry(manager: EntityManager): Promise<RegistryEntry[]> {
    const sources = await manager.find(Source, { select: { id: true, name: true, kind: true }, order: { id: 'ASC' } });
    const aliases = await manager.find(SourceAlias, { select: { sourceId: true, alias: true }, order: { id: 'ASC' } });
    const byId = new Map<number, RegistryEntry>(sources.map((s) => [s.id, { id: s.id, name: s.name, kind: s.kind, aliases: [] }]));
    for (const a of aliases) byId.get(a.sourceId)?.aliases.push(a.alias);
    return [...byId.values()];
  }

  /** The source a new name stands for: one already named so (created earlier in this transaction too), or a new one. */
  private async sourceFor(
    manager: EntityManager,
    actor: Actor,
    name: string,
    kind: string | null,
    created: Map<string, number>,
    index: number,
  ): Promise<number> {
    const wanted = fold(name.trim());
    const known = created.get(wanted);
    if (known) return known;
    const [existing] = await this.sources.idsNamed(manager, name.trim(), 1);
    if (existing) return existing;
    if (!name.trim() || name.length > 200) {
      throw new UnprocessableError('A suggested source has no usable name.', [{ field: `keys[${index}]`, reason: 'its source has no usable name: edit it and log the claim by hand' }]);
    }
    const source = await this.sources.createIn(manager, actor, { name: name.trim(), kind: (kind ?? 'organisation') as SourceKind });
    created.set(wanted, source.id);
    return source.id;
  }
}

function toDto(s: Suggestion): SuggestionDto {
  return {
    key: suggestionKey(s),
    quote: s.quote,
    start: s.start,
    end: s.end,
    kind: s.kind,
    score: s.score,
    reason: s.reason,
    unattributed: s.unattributed,
    attributions: s.attributions.map((a) => ({
      position: a.position,
      name: a.name,
      sourceId: a.sourceId,
      anonymous: a.anonymous,
      description: a.description,
      newSourceKind: a.newSourceKind,
      verb: a.verb,
      mode: a.mode,
      saidWhen: a.saidWhen,
      saidWhere: a.saidWhere,
    })),
  };
}
