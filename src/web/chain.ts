import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { AttributionInputDto } from '../claims/dto/claim.dto';
import { UnprocessableError, type FieldError } from '../common/errors';
import { fold } from '../common/text';
import { SOURCE_KINDS, type SourceKind } from '../sources/source.entity';
import { SourcesService } from '../sources/sources.service';
import { isBlankRow } from './forms';
import type { ChainRow } from './views/claim-form';

/**
 * Turns the chain builder's rows into the API's attribution links. A row names its source by id
 * (picked from the typeahead) or by name: a name that matches one source's name or alias
 * (ignoring case and accents) is that source; an unknown name with a kind chosen creates the
 * source, in the caller's transaction, so a failed claim leaves no stray source behind.
 */
@Injectable()
export class ChainResolver {
  constructor(private readonly sources: SourcesService) {}

  async resolve(manager: EntityManager, actor: Actor, rows: ChainRow[]): Promise<AttributionInputDto[]> {
    const links: AttributionInputDto[] = [];
    const errors: FieldError[] = [];
    const used = rows.filter((r) => !isBlankRow(r));
    for (const [i, row] of used.entries()) {
      const sourceId = await this.sourceFor(manager, actor, row, `link ${i + 1}`, errors);
      if (sourceId === null) continue;
      links.push({
        sourceId,
        verb: row.verb.trim(),
        mode: row.mode as AttributionInputDto['mode'],
        saidWhen: row.saidWhen.trim() || null,
        saidWhere: row.saidWhere.trim() || null,
      });
    }
    if (errors.length) throw new UnprocessableError('Some links of the chain name no known source.', errors);
    return links;
  }

  private async sourceFor(manager: EntityManager, actor: Actor, row: ChainRow, label: string, errors: FieldError[]): Promise<number | null> {
    const byId = /^\d+$/.test(row.sourceId) ? Number(row.sourceId) : null;
    if (byId !== null) return byId;
    if (!row.sourceName) {
      errors.push({ field: label, reason: 'name a source' });
      return null;
    }
    const wanted = fold(row.sourceName);
    const candidates = await this.sources.list({ q: row.sourceName, page: 1, pageSize: 50 });
    const exact = candidates.items.filter((s) => fold(s.name) === wanted || s.aliases.some((a) => fold(a) === wanted));
    if (exact.length === 1) return exact[0].id;
    if (exact.length > 1) {
      errors.push({ field: label, reason: `"${row.sourceName}" matches several sources: pick one from the suggestions` });
      return null;
    }
    if (!(SOURCE_KINDS as readonly string[]).includes(row.newKind)) {
      errors.push({ field: label, reason: `no source is named "${row.sourceName}": pick one from the suggestions, or choose a kind to create it` });
      return null;
    }
    const created = await this.sources.createIn(manager, actor, { name: row.sourceName, kind: row.newKind as SourceKind });
    return created.id;
  }
}
