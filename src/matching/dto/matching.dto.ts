import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { CLAIM_STATUSES, type ClaimStatus } from '../../claims/claim.entity';
import { trim } from '../../common/dto/transforms';
import { RATINGS, type Rating } from '../../review/review.entities';

export class SimilarClaimRefDto {
  @ApiProperty() id: number;
  @ApiProperty() articleId: number;
  @ApiProperty() quote: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
}

export class SimilarClaimDto {
  @ApiProperty({ type: SimilarClaimRefDto }) claim: SimilarClaimRefDto;
  /** 0 to 1: weighted overlap of numbers, names and words. */
  @ApiProperty() score: number;
  /** Why: shared numbers, names, words; "different numbers" for a near-miss. */
  @ApiProperty({ type: String, isArray: true }) reasons: string[];
  /** The published verdict's rating, when the claim is published. */
  @ApiProperty({ enum: RATINGS, nullable: true }) rating: Rating | null;
  /** The published verdict (a reviewer may reuse it once the two claims are linked). */
  @ApiProperty({ type: Number, nullable: true }) verdictId: number | null;
  @ApiProperty() sameArticle: boolean;
  /** In the same article with a high score: probably logged twice. */
  @ApiProperty() likelyDuplicate: boolean;
  /** Already linked as the same claim. */
  @ApiProperty() sameCluster: boolean;
}

export class SimilarClaimsDto {
  @ApiProperty({ type: SimilarClaimDto, isArray: true }) items: SimilarClaimDto[];
}

export class DuplicatePairDto {
  @ApiProperty({ type: SimilarClaimRefDto }) claim: SimilarClaimRefDto;
  @ApiProperty({ type: SimilarClaimRefDto }) other: SimilarClaimRefDto;
  @ApiProperty() score: number;
  @ApiProperty({ type: String, isArray: true }) reasons: string[];
}

export class DuplicatesDto {
  @ApiProperty({ type: DuplicatePairDto, isArray: true }) items: DuplicatePairDto[];
}

export const MATCH_ACTIONS = ['link', 'dismiss'] as const;
export type MatchAction = (typeof MATCH_ACTIONS)[number];

export class MatchRequestDto {
  /** The other claim. */
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  otherClaimId: number;

  /** `link`: the same claim (joins or merges their clusters); `dismiss`: not the same, stop suggesting it. */
  @ApiProperty({ enum: MATCH_ACTIONS })
  @IsIn(MATCH_ACTIONS)
  action: MatchAction;

  /** For a new cluster: its canonical wording (default: the wording of the claim logged first). */
  @ApiProperty({ required: false, minLength: 1, maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  canonicalText?: string;
}

export class AppearanceDto {
  @ApiProperty() claimId: number;
  @ApiProperty() articleId: number;
  @ApiProperty() articleTitle: string;
  @ApiProperty({ type: String, nullable: true }) articlePublishedDate: string | null;
  @ApiProperty() quote: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ enum: RATINGS, nullable: true }) rating: Rating | null;
  /** The chain written out, original speaker first ("Rudskoy → Sputnik"); "(no named source)" when unattributed. */
  @ApiProperty() chain: string;
  /** When the desk logged it. */
  @ApiProperty() loggedAt: string;
}

export class ClusterSourceDto {
  @ApiProperty() sourceId: number;
  @ApiProperty() name: string;
  /** Appearances where the source is the original speaker. */
  @ApiProperty() asSpeaker: number;
  /** Appearances where the source relayed it. */
  @ApiProperty() asRelay: number;
}

export class ClusterDto {
  @ApiProperty() id: number;
  @ApiProperty() canonicalText: string;
  /** Every appearance, by article date then logging time. */
  @ApiProperty({ type: AppearanceDto, isArray: true }) appearances: AppearanceDto[];
  /** Who said it and who relayed it, across the appearances. */
  @ApiProperty({ type: ClusterSourceDto, isArray: true }) sources: ClusterSourceDto[];
}

export class ClusterOfClaimDto {
  @ApiProperty({ type: ClusterDto, nullable: true }) cluster: ClusterDto | null;
}

export class MatchResultDto {
  @ApiProperty({ enum: MATCH_ACTIONS }) action: MatchAction;
  @ApiProperty() claimId: number;
  @ApiProperty() otherClaimId: number;
  /** The cluster both claims now belong to (link), or null (dismiss). */
  @ApiProperty({ type: ClusterDto, nullable: true }) cluster: ClusterDto | null;
}

export class ExternalMatchDto {
  @ApiProperty() id: number;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty() claimReviewed: string;
  @ApiProperty({ type: String, nullable: true }) claimant: string | null;
  /** The publisher's own rating, as written. */
  @ApiProperty({ type: String, nullable: true }) rating: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewDate: string | null;
  @ApiProperty({ type: String, nullable: true }) language: string | null;
  @ApiProperty() score: number;
  @ApiProperty({ type: String, isArray: true }) reasons: string[];
}

export class ExternalMatchesDto {
  @ApiProperty({ type: ExternalMatchDto, isArray: true }) items: ExternalMatchDto[];
}
