import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../common/text';
import { Attribution, Claim } from './claim.entity';
import type { ClaimListQueryDto } from './dto/claim.dto';

/**
 * Claim queries with no Nest in them: the claim service uses them, and so does the report
 * writer, which the command line runs on a bare data source (a report does not load the web
 * application's modules).
 */

/** The claim-list filters as a query builder on claims (`c`); the caller selects, sorts and pages. */
export function filterClaims(manager: EntityManager, query: Omit<ClaimListQueryDto, 'page' | 'pageSize'>): SelectQueryBuilder<Claim> {
  const qb = manager.getRepository(Claim).createQueryBuilder('c');
  if (query.articleId) qb.andWhere('c.article_id = :articleId', { articleId: query.articleId });
  if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
  if (query.kind?.length) qb.andWhere('c.kind IN (:...kinds)', { kinds: query.kind });
  if (query.unattributed !== undefined) qb.andWhere('c.unattributed = :unattributed', { unattributed: query.unattributed });
  if (query.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
  if (query.createdById) qb.andWhere('c.created_by_id = :createdById', { createdById: query.createdById });
  if (query.q) {
    // The wording and quote, or a source of the chain by name or alias (all folded: accents optional).
    const sourceMatch =
      "SELECT a.claim_id FROM attributions a WHERE a.source_id IN (SELECT s.id FROM sources s WHERE s.name_folded LIKE :pattern ESCAPE '\\' " +
      "UNION SELECT sa.source_id FROM source_aliases sa WHERE sa.alias_folded LIKE :pattern ESCAPE '\\')";
    qb.andWhere(`(c.search_folded LIKE :pattern ESCAPE '\\' OR c.id IN (${sourceMatch}))`, { pattern: containsPattern(query.q) });
  }
  if (query.sourceId) {
    const role = query.sourceRole === 'speaker' ? ' AND a.position = 0' : query.sourceRole === 'relay' ? ' AND a.position > 0' : '';
    // IN (subquery) lets both databases start from the source's index instead of probing every claim.
    qb.andWhere(`c.id IN (SELECT a.claim_id FROM attributions a WHERE a.source_id = :sourceId${role})`, {
      sourceId: query.sourceId,
    });
  }
  return qb;
}

/** The attribution chains of these claims with their sources, ordered by claim then position: one query. */
export function findChains(manager: EntityManager, claimIds: number[]): Promise<Attribution[]> {
  return manager
    .getRepository(Attribution)
    .createQueryBuilder('a')
    .leftJoinAndSelect('a.source', 's')
    .where('a.claim_id IN (:...ids)', { ids: claimIds })
    .orderBy('a.claim_id')
    .addOrderBy('a.position')
    .getMany();
}
