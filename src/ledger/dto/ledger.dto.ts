import { IsIn, IsOptional } from 'class-validator';
import type { ClaimStatus } from '../../claims/claim.entity';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import type { Rating } from '../../review/review.entities';
import { SourceRefDto } from '../../sources/dto/source.dto';

export const LEDGER_ROLES = ['speaker', 'relay'] as const;
export type LedgerRole = (typeof LEDGER_ROLES)[number];

export class LedgerQueryDto extends PageQueryDto {
  /** Only the claims where the source is the original speaker, or only those it relays. */
  @IsOptional()
  @IsIn(LEDGER_ROLES)
  role?: LedgerRole;
}

/** A source's record in one role. Ratings count published claims only: a proposed verdict is not yet the desk's word. */
export class RoleTotalsDto {
  /** Distinct claims attributed to the source in this role. */
  claims: number;
  /** Distinct articles those claims come from. */
  articles: number;
  /** Of those claims, how many are published. */
  published: number;
  /** published / claims (0 when there are no claims). */
  publishedShare: number;
  /** Published claims by their published verdict's rating. */
  byRating: Record<Rating, number>;
  /** Published claims rated false or misleading: the ledger's sort key. */
  falseOrMisleading: number;
  /** When the desk first and last logged a claim attributed to the source in this role. */
  firstSeen: string | null;
  lastSeen: string | null;
}

export class LedgerTotalsDto {
  /** Claims the source made (position 0 of the chain). */
  speaker: RoleTotalsDto;
  /** Claims the source passed on from someone else (position > 0). */
  relay: RoleTotalsDto;
}

export class LedgerRowDto {
  source: SourceRefDto;
  totals: LedgerTotalsDto;
}

export class LedgerVerdictDto {
  id: number;
  rating: Rating;
  /** Null while the verdict is only proposed. */
  publishedAt: string | null;
}

export class LedgerEntryDto {
  claimId: number;
  articleId: number;
  text: string;
  status: ClaimStatus;
  role: LedgerRole;
  /** The source's (first) position in the chain in this role. */
  position: number;
  /** The claim's latest verdict, proposed or published. */
  latestVerdict: LedgerVerdictDto | null;
  createdAt: string;
}

export class SourceLedgerDto {
  source: SourceRefDto;
  totals: LedgerTotalsDto;
  claims: LedgerEntryDto[];
  /** Pagination of `claims`. */
  total: number;
  page: number;
  pageSize: number;
}
