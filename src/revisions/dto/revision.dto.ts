import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { MAX_BODY_LENGTH } from '../../articles/dto/article.dto';
import { UserRefDto } from '../../users/dto/user.dto';
import type { ReanchorOutcome } from '../reanchor';

const OUTCOMES = ['exact', 'found', 'ambiguous', 'fuzzy', 'not_found'];

export class CreateRevisionDto {
  /** The corrected text, verbatim (no trimming, no normalisation). */
  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  body: string;

  /** The article's version you read; a stale one gets 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;

  /** What was corrected. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class RevisionSummaryDto {
  @ApiProperty({ type: Number, description: '1 for the original text, then 2, 3, ...' })
  number: number;
  @ApiProperty({ type: String })
  bodySha256: string;
  @ApiProperty({ type: Number, description: 'Length of the text in UTF-16 code units.' })
  length: number;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: UserRefDto, nullable: true })
  createdBy: UserRefDto | null;
  @ApiProperty({ type: Boolean, description: 'The article’s current text.' })
  current: boolean;
}

export class RevisionDto extends RevisionSummaryDto {
  @ApiProperty({ type: String })
  body: string;
}

export class ReanchorResultDto {
  @ApiProperty({ type: Number })
  claimId: number;
  @ApiProperty({ enum: OUTCOMES, description: 'exact and found moved the claim; ambiguous, fuzzy and not_found flagged it for an editor and left it where it was.' })
  outcome: ReanchorOutcome;
  @ApiProperty({ type: Number, nullable: true })
  start: number | null;
  @ApiProperty({ type: Number, nullable: true })
  end: number | null;
  @ApiProperty({ type: String, nullable: true })
  quote: string | null;
  @ApiProperty({ type: Number, description: '1 for the same words; for fuzzy, 1 - edit distance / quote length.' })
  score: number;
}

export class RevisionCreatedDto {
  @ApiProperty({ type: RevisionSummaryDto })
  revision: RevisionSummaryDto;
  @ApiProperty({ type: Number, description: 'The article’s new version.' })
  articleVersion: number;
  @ApiProperty({ type: ReanchorResultDto, isArray: true })
  results: ReanchorResultDto[];
  @ApiProperty({ type: Number, description: 'Claims flagged for an editor.' })
  flagged: number;
}

export class AnchorProposalDto {
  @ApiProperty({ type: Number })
  start: number;
  @ApiProperty({ type: Number })
  end: number;
  @ApiProperty({ type: String })
  quote: string;
}

export class AnchorFlagDto {
  @ApiProperty({ type: Number })
  id: number;
  @ApiProperty({ type: Number })
  claimId: number;
  @ApiProperty({ type: String, description: 'The editor’s wording of the claim.' })
  claimText: string;
  @ApiProperty({ type: String, description: 'The claim’s quote, still as in fromRevision.' })
  quote: string;
  @ApiProperty({ type: Number })
  claimVersion: number;
  @ApiProperty({ type: Number, description: 'The revision the claim still points into.' })
  fromRevision: number;
  @ApiProperty({ type: Number })
  toRevision: number;
  @ApiProperty({ enum: OUTCOMES })
  outcome: ReanchorOutcome;
  @ApiProperty({ type: Number })
  score: number;
  @ApiProperty({ type: AnchorProposalDto, nullable: true })
  proposal: AnchorProposalDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** Anchors a flagged claim in the current text: the proposal as is (no quote), or a quote of your own. */
export class ResolveAnchorFlagDto {
  /** The claim's version you read; a stale one gets 409. */
  @IsInt()
  @Min(1)
  claimVersion: number;

  /** The claim's words in the current text; omit to accept the proposal. */
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  quote?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  end?: number;

  /** 1-based, when the quote occurs more than once. */
  @IsOptional()
  @IsInt()
  @Min(1)
  occurrence?: number;
}
