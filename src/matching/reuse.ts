import { EntityManager } from 'typeorm';
import { UnprocessableError } from '../common/errors';
import { Verdict } from '../review/review.entities';
import { ClaimClusterMember } from './matching.entities';

/**
 * A reviewer may reuse a published verdict of a claim linked as the same claim (same cluster):
 * the new verdict references it, and is still proposed and published by two different people.
 */
export async function checkReusableVerdict(manager: EntityManager, claimId: number, verdictId: number): Promise<void> {
  const refuse = (reason: string) => {
    throw new UnprocessableError(`Verdict ${verdictId} cannot be reused here: ${reason}.`, [{ field: 'reusesVerdictId', reason }]);
  };
  const verdict = await manager.findOneBy(Verdict, { id: verdictId });
  if (!verdict) return refuse(`no verdict with id ${verdictId}`);
  if (verdict.claimId === claimId) return refuse('it is a verdict of this claim');
  if (!verdict.publishedAt) return refuse('it was never published');
  const members = await manager.findBy(ClaimClusterMember, [{ claimId }, { claimId: verdict.claimId }]);
  const clusterOf = new Map(members.map((m) => [m.claimId, m.clusterId]));
  if (!clusterOf.has(claimId) || clusterOf.get(claimId) !== clusterOf.get(verdict.claimId)) {
    refuse('its claim is not linked to this one as the same claim');
  }
}
