import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Page, page } from '../common/dto/pagination.dto';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { containsPattern, fold } from '../common/text';
import { Transactions } from '../database/transactions';
import { CreateSourceDto, MergeSourceDto, SourceDto, SourceListQueryDto, SourceMergeResultDto, UpdateSourceDto } from './dto/source.dto';
import { Source, SourceAlias } from './source.entity';
import { Article } from '../articles/article.entity';
import { Attribution, Claim } from '../claims/claim.entity';

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /**
   * Ids of the sources whose name or an alias is exactly `name`, ignoring case and accents, lowest
   * first (`limit` 2 is enough to tell one from several). Read with the caller's transaction
   * manager: the root DataSource would borrow a second pool connection while that one is held (a
   * deadlock with a pool of one) and would not see the transaction's own writes.
   */
  async idsNamed(manager: EntityManager, name: string, limit: number): Promise<number[]> {
    const wanted = fold(name);
    const rows = await manager
      .createQueryBuilder(Source, 's')
      .select('s.id', 'id')
      .where(
        new Brackets((w) =>
          w.where('s.name_folded = :wanted', { wanted }).orWhere('s.id IN (SELECT a.source_id FROM source_aliases a WHERE a.alias_folded = :wanted)', { wanted }),
        ),
      )
      .orderBy('s.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  async list(query: SourceListQueryDto): Promise<Page<SourceDto>> {
    const qb = this.dataSource.getRepository(Source).createQueryBuilder('s');
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("s.name_folded LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere(
              "EXISTS (SELECT 1 FROM source_aliases a WHERE a.source_id = s.id AND a.alias_folded LIKE :pattern ESCAPE '\\')",
            ),
        ),
      );
    }
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.country) qb.andWhere('s.country = :country', { country: query.country });
    if (query.parentId) qb.andWhere('s.parent_id = :parentId', { parentId: query.parentId });
    qb.orderBy('s.name_folded', query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [sources, total] = await qb.getManyAndCount();
    return page(await this.toDtos(this.dataSource.manager, sources), total, query);
  }

  async get(id: number): Promise<SourceDto> {
    const source = await this.findOrFail(this.dataSource.manager, id);
    return (await this.toDtos(this.dataSource.manager, [source]))[0];
  }

  async create(actor: Actor | null, dto: CreateSourceDto): Promise<SourceDto> {
    return this.tx.run((manager) => this.createIn(manager, actor, dto));
  }

  /** Creates a source inside the caller's transaction (the seed and the claim form reuse it). */
  async createIn(manager: EntityManager, actor: Actor | null, dto: CreateSourceDto): Promise<SourceDto> {
    await this.assertNameFree(manager, dto.name);
    if (dto.parentId) await this.assertParent(manager, null, dto.parentId);
    const now = new Date();
    const source = await manager.save(
      manager.create(Source, {
        name: dto.name,
        nameFolded: fold(dto.name),
        kind: dto.kind,
        country: dto.country ?? null,
        parentId: dto.parentId ?? null,
        description: dto.description ?? null,
        affiliationNote: dto.affiliationNote ?? null,
        homepage: dto.homepage ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.replaceAliases(manager, source.id, dto.aliases ?? []);
    const result = (await this.toDtos(manager, [source]))[0];
    await this.audit.record(manager, actor, { action: 'source.create', entityType: 'source', entityId: source.id, after: result });
    return result;
  }

  async update(actor: Actor, id: number, dto: UpdateSourceDto): Promise<SourceDto> {
    return this.tx.run(async (manager) => {
      const current = await this.findOrFail(manager, id);
      const before = (await this.toDtos(manager, [current]))[0];
      if (dto.name !== undefined && fold(dto.name) !== current.nameFolded) await this.assertNameFree(manager, dto.name);
      if (dto.parentId) await this.assertParent(manager, id, dto.parentId);

      const changes: Partial<Source> = { updatedAt: new Date() };
      if (dto.name !== undefined) Object.assign(changes, { name: dto.name, nameFolded: fold(dto.name) });
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.country !== undefined) changes.country = dto.country;
      if (dto.parentId !== undefined) changes.parentId = dto.parentId;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.affiliationNote !== undefined) changes.affiliationNote = dto.affiliationNote;
      if (dto.homepage !== undefined) changes.homepage = dto.homepage;
      const result = await manager
        .createQueryBuilder()
        .update(Source)
        .set(changes)
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      if (!result.affected) throw new StaleVersionError('Source', id, dto.version, current.version);
      if (dto.aliases !== undefined) await this.replaceAliases(manager, id, dto.aliases ?? []); // null clears the list

      const after = (await this.toDtos(manager, [await this.findOrFail(manager, id)]))[0];
      await this.audit.record(manager, actor, { action: 'source.update', entityType: 'source', entityId: id, before, after });
      return after;
    });
  }

  /**
   * Merges a duplicate (`id`) into the source that survives (`dto.intoId`), in one transaction:
   * every chain link naming the duplicate names the survivor (so its ledger moves with it), articles
   * it was the outlet of and sources that belonged to it follow, its name and aliases become the
   * survivor's aliases, and the duplicate is deleted. Both versions are checked; both sides audited.
   */
  async merge(actor: Actor, id: number, dto: MergeSourceDto): Promise<SourceMergeResultDto> {
    if (dto.intoId === id) {
      throw new UnprocessableError('A source cannot be merged into itself.', [{ field: 'intoId', reason: 'must be another source' }]);
    }
    return this.tx.run(async (manager) => {
      const merged = await this.findOrFail(manager, id);
      const survivor = await manager.findOneBy(Source, { id: dto.intoId });
      if (!survivor) {
        throw new UnprocessableError(`Source ${dto.intoId} does not exist.`, [{ field: 'intoId', reason: `no source with id ${dto.intoId}` }]);
      }
      if (merged.version !== dto.version) throw new StaleVersionError('Source', id, dto.version, merged.version);
      if (survivor.version !== dto.intoVersion) throw new StaleVersionError('Source', survivor.id, dto.intoVersion, survivor.version);
      const [mergedBefore, survivorBefore] = await this.toDtos(manager, [merged, survivor]);

      const links = await manager.find(Attribution, { where: { sourceId: id }, select: { id: true, claimId: true } });
      const claimIds = [...new Set(links.map((l) => l.claimId))].sort((a, b) => a - b);
      await manager.update(Attribution, { sourceId: id }, { sourceId: survivor.id });
      // Their chains changed: a chain form opened before the merge is now stale (409), not a 422 on a vanished source.
      if (claimIds.length) await manager.createQueryBuilder().update(Claim).set({ updatedAt: new Date() }).whereInIds(claimIds).execute(); // @VersionColumn: version + 1
      const articles = (await manager.update(Article, { outletId: id }, { outletId: survivor.id })).affected ?? 0;
      // The survivor cannot belong to the duplicate once the duplicate is gone: it takes the duplicate's place.
      const survivorParent = survivor.parentId === id ? merged.parentId : survivor.parentId;
      const members =
        (
          await manager
            .createQueryBuilder()
            .update(Source)
            .set({ parentId: survivor.id })
            .where('parent_id = :id AND id <> :survivorId', { id, survivorId: survivor.id })
            .execute()
        ).affected ?? 0;
      const names = [...survivorBefore.aliases, merged.name, ...mergedBefore.aliases].filter((n) => fold(n) !== survivor.nameFolded);
      await manager.delete(SourceAlias, { sourceId: id });
      await manager.delete(Source, { id });
      await this.replaceAliases(manager, survivor.id, names);
      const result = await manager
        .createQueryBuilder()
        .update(Source)
        .set({ parentId: survivorParent === survivor.id ? null : survivorParent, updatedAt: new Date() })
        .where('id = :id AND version = :version', { id: survivor.id, version: dto.intoVersion })
        .execute();
      if (!result.affected) throw new StaleVersionError('Source', survivor.id, dto.intoVersion, null);

      const after = (await this.toDtos(manager, [await this.findOrFail(manager, survivor.id)]))[0];
      const summary = { mergedId: id, attributions: links.length, claimIds, articles, members };
      await this.audit.record(manager, actor, { action: 'source.merge', entityType: 'source', entityId: survivor.id, before: { survivor: survivorBefore, merged: mergedBefore }, after: { survivor: after, ...summary } });
      // Each claim's history says its chain now names the survivor.
      for (const claimId of claimIds) {
        await this.audit.record(manager, actor, {
          action: 'attribution.source_merge',
          entityType: 'claim',
          entityId: claimId,
          claimId,
          before: { sourceId: id, name: merged.name },
          after: { sourceId: survivor.id, name: survivor.name },
        });
      }
      await this.audit.record(manager, actor, { action: 'source.merged_into', entityType: 'source', entityId: id, before: mergedBefore, after: { intoId: survivor.id } });
      return { survivor: after, ...summary };
    });
  }

  /** What merging `id` would move: the counts shown on the confirmation step. */
  async mergePreview(id: number): Promise<{ attributions: number; claims: number; articles: number; members: number }> {
    const m = this.dataSource.manager;
    await this.findOrFail(m, id);
    const links = await m.find(Attribution, { where: { sourceId: id }, select: { id: true, claimId: true } });
    return {
      attributions: links.length,
      claims: new Set(links.map((l) => l.claimId)).size,
      articles: await m.countBy(Article, { outletId: id }),
      members: await m.countBy(Source, { parentId: id }),
    };
  }

  /** Sources by id, for validating references (a chain, an outlet); missing ids are absent. */
  async findByIds(manager: EntityManager, ids: number[]): Promise<Map<number, Source>> {
    if (ids.length === 0) return new Map();
    const sources = await manager.findBy(Source, { id: In([...new Set(ids)]) });
    return new Map(sources.map((s) => [s.id, s]));
  }

  async toDtos(manager: EntityManager, sources: Source[]): Promise<SourceDto[]> {
    if (sources.length === 0) return [];
    const ids = sources.map((s) => s.id);
    const aliases = await manager.find(SourceAlias, { where: { sourceId: In(ids) }, order: { id: 'ASC' } });
    const parents = await this.findByIds(
      manager,
      sources.map((s) => s.parentId).filter((p): p is number => p !== null),
    );
    return sources.map((s) => {
      const parent = s.parentId ? parents.get(s.parentId) : undefined;
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        country: s.country,
        aliases: aliases.filter((a) => a.sourceId === s.id).map((a) => a.alias),
        parent: parent ? { id: parent.id, name: parent.name, kind: parent.kind } : null,
        description: s.description,
        affiliationNote: s.affiliationNote,
        homepage: s.homepage,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        version: s.version,
      };
    });
  }

  private async replaceAliases(manager: EntityManager, sourceId: number, aliases: string[]): Promise<void> {
    await manager.delete(SourceAlias, { sourceId });
    const seen = new Set<string>();
    const rows: Partial<SourceAlias>[] = [];
    for (const raw of aliases) {
      const alias = raw.trim();
      const aliasFolded = fold(alias);
      if (!alias || seen.has(aliasFolded)) continue;
      seen.add(aliasFolded);
      rows.push({ sourceId, alias, aliasFolded });
    }
    if (rows.length > 0) await manager.insert(SourceAlias, rows);
  }

  private async assertNameFree(manager: EntityManager, name: string): Promise<void> {
    const existing = await manager.findOneBy(Source, { nameFolded: fold(name) });
    if (existing) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `A source named "${existing.name}" already exists (id ${existing.id}).`,
        errors: [{ field: 'name', reason: `already used by source ${existing.id}` }],
      });
    }
  }

  /** The parent must exist and must not be the source itself or one of its descendants. */
  private async assertParent(manager: EntityManager, sourceId: number | null, parentId: number): Promise<void> {
    let cursor: number | null = parentId;
    for (let depth = 0; cursor !== null && depth < 100; depth++) {
      if (cursor === sourceId) {
        throw new UnprocessableError('A source cannot belong to itself or to one of its own members.', [
          { field: 'parentId', reason: 'would create a loop of affiliations' },
        ]);
      }
      const node: Source | null = await manager.findOneBy(Source, { id: cursor });
      if (!node) {
        if (cursor === parentId) {
          throw new UnprocessableError(`Source ${parentId} does not exist.`, [
            { field: 'parentId', reason: `no source with id ${parentId}` },
          ]);
        }
        return;
      }
      cursor = node.parentId;
    }
  }

  private async findOrFail(manager: EntityManager, id: number): Promise<Source> {
    const source = await manager.findOneBy(Source, { id });
    if (!source) throw new NotFoundException(`Source ${id} does not exist.`);
    return source;
  }
}
