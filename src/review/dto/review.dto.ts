import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { UserRefDto } from '../../users/dto/user.dto';
import { CLAIM_STATUSES, type ClaimStatus } from '../../claims/claim.entity';
import { RATINGS, type Rating } from '../review.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Longest rationale and comment, in characters (Markdown source). */
export const RATIONALE_MAX = 10_000;
export const COMMENT_MAX = 5_000;

export class TransitionRequestDto {
  /** The status to move to. */
  @IsIn(CLAIM_STATUSES)
  to: ClaimStatus;

  /** The claim version you read. May instead be sent as an `If-Match` header. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  /** Why: required to dismiss a claim and to reopen a published one (a correction). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ProposeVerdictDto {
  @IsIn(RATINGS)
  rating: Rating;

  /** Markdown. */
  @Transform(trim)
  @IsString()
  @Length(1, RATIONALE_MAX)
  rationale: string;

  /** A published verdict of a claim linked to this one as the same claim, that this verdict reuses. */
  @IsOptional()
  @IsInt()
  @Min(1)
  reusesVerdictId?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AssignDto {
  /** The reviewer to assign, or null to put the claim back in the queue. */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  assigneeId: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateCommentDto {
  /** Markdown. */
  @Transform(trim)
  @IsString()
  @Length(1, COMMENT_MAX)
  body: string;
}

export class ReviewQueueQueryDto extends PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  articleId?: number;

  /** Claims whose chain contains this source anywhere. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  sourceId?: number;
}

export class VerdictDto {
  id: number;
  rating: Rating;
  /** Markdown. */
  rationale: string;
  reviewer: UserRefDto | null;
  createdAt: string;
  /** Set when the claim was published with this verdict. */
  publishedAt: string | null;
  /** The published verdict of a claim in the same cluster that this one reuses. */
  @ApiProperty({ type: Number, nullable: true })
  reusesVerdictId: number | null;
  publishedBy: UserRefDto | null;
  /** The claim's wording version this verdict was proposed on; it can be published only while the claim is still at it. */
  wordingVersion: number | null;
  /** Set when the claim went back to its editor: the verdict stays on record but can no longer be published. */
  invalidatedAt: string | null;
}

export class CommentDto {
  id: number;
  author: UserRefDto | null;
  /** Markdown. */
  body: string;
  createdAt: string;
}

export class TransitionDto {
  id: number;
  from: ClaimStatus;
  to: ClaimStatus;
  reason: string | null;
  user: UserRefDto | null;
  at: string;
}
