import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import { AttributionInputDto } from '../claims/dto/claim.dto';
import { UnprocessableError, type FieldError } from '../common/errors';
import { CreateSourceDto } from '../sources/dto/source.dto';
import { SOURCE_KINDS } from '../sources/source.entity';
import { SourcesService } from '../sources/sources.service';
import { isBlankRow } from './forms';
import type { ChainRow } from './views/claim-form';
import { validateAs } from './web.http';

/**
 * Turns the chain builder's rows into the API's attribution links. A row names its source by id
 * (picked from the typeahead) or by name: a name that matches one source's name or alias
 * (ignoring case and accents) is that source; an unknown name with a kind chosen creates the
 * source, in the caller's transaction, so a failed claim leaves no stray source behind.
 * Every link is validated with the API's own AttributionInputDto: the form accepts exactly what
 * the API accepts, and an invalid link fails the whole transaction (with its new sources).
 */
@Injectable()
export class ChainResolver {
  constructor(private readonly sources: SourcesService) {}

  async resolve(manager: EntityManager, actor: Actor, rows: ChainRow[]): Promise<AttributionInputDto[]> {
    const links: AttributionInputDto[] = [];
    const errors: FieldError[] = [];
    const used = rows.filter((r) => !isBlankRow(r));
    for (const [i, row] of used.entries()) {
      if (row.anonymous) {
        // An anonymous link names no source: its description stands for it, on this claim only.
        const link = await validateAs(AttributionInputDto, {
          anonymous: true,
          description: row.description,
          verb: row.verb,
          mode: row.mode,
          saidWhen: row.saidWhen.trim() || null,
          saidWhere: row.saidWhere.trim() || null,
        });
        if (!link.ok) errors.push(...link.errors.map((e) => ({ field: `link ${i + 1}: ${e.field}`, reason: e.reason })));
        else links.push(link.value);
        continue;
      }
      const sourceId = await this.sourceFor(manager, actor, row, `link ${i + 1}`, errors);
      const link = await validateAs(AttributionInputDto, {
        sourceId: sourceId ?? 1, // a placeholder, so the link's own fields are still checked
        verb: row.verb,
        mode: row.mode,
        saidWhen: row.saidWhen.trim() || null,
        saidWhere: row.saidWhere.trim() || null,
      });
      if (!link.ok) errors.push(...link.errors.map((e) => ({ field: `link ${i + 1}: ${e.field}`, reason: e.reason })));
      else if (sourceId !== null) links.push(link.value);
    }
    if (errors.length) throw new UnprocessableError('Check the links of the chain.', errors);
    return links;
  }

  /**
   * One source named in a form (an outlet, say): the picked id, the one source with that exact
   * name or alias, or a new source when a kind is chosen. Refuses with a 422 naming `label`.
   */
  async resolveOne(manager: EntityManager, actor: Actor, pick: { sourceId: string; sourceName: string; newKind: string }, label: string): Promise<number> {
    const errors: FieldError[] = [];
    const id = await this.sourceFor(manager, actor, { ...pick, verb: '', mode: 'paraphrase', saidWhen: '', saidWhere: '', anonymous: false, description: '' }, label, errors);
    if (id === null) throw new UnprocessableError(`Check the ${label}.`, errors);
    return id;
  }

  private async sourceFor(manager: EntityManager, actor: Actor, row: ChainRow, label: string, errors: FieldError[]): Promise<number | null> {
    if (/^\d+$/.test(row.sourceId)) {
      if (/^[1-9]\d{0,8}$/.test(row.sourceId)) return Number(row.sourceId);
      errors.push({ field: label, reason: 'pick a source from the suggestions' });
      return null;
    }
    if (!row.sourceName) {
      errors.push({ field: label, reason: 'name a source' });
      return null;
    }
    const exact = await this.sources.idsNamed(manager, row.sourceName, 2);
    if (exact.length === 1) return exact[0];
    if (exact.length > 1) {
      errors.push({ field: label, reason: `"${row.sourceName}" matches several sources: pick one from the suggestions` });
      return null;
    }
    if (!(SOURCE_KINDS as readonly string[]).includes(row.newKind)) {
      errors.push({ field: label, reason: `no source is named "${row.sourceName}": pick one from the suggestions, or choose a kind to create it` });
      return null;
    }
    const input = await validateAs(CreateSourceDto, { name: row.sourceName, kind: row.newKind });
    if (!input.ok) {
      errors.push(...input.errors.map((e) => ({ field: `${label}: new source ${e.field}`, reason: e.reason })));
      return null;
    }
    const created = await this.sources.createIn(manager, actor, input.value);
    return created.id;
  }
}
