import { OptionalNotNull } from '../../common/validation';
import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { HTTP_URL, toBoolean, toList, trim } from '../../common/dto/transforms';
import { SourceRefDto } from '../../sources/dto/source.dto';
import { UserRefDto } from '../../users/dto/user.dto';
import { CommentDto, TransitionDto, VerdictDto } from '../../review/dto/review.dto';
import { RATINGS, type Rating } from '../../review/review.entities';
import {
  ATTRIBUTION_MODES,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  STANCES,
  type AttributionMode,
  type ClaimKind,
  type ClaimStatus,
  type Stance,
} from '../claim.entity';


/** One link of the chain; its position is its index in the list (0 = the original speaker). */
export class AttributionInputDto {
  /** The registry source. Leave it out for an anonymous link. */
  @ValidateIf((o: AttributionInputDto) => o.anonymous !== true || o.sourceId !== undefined)
  @IsInt()
  @Min(1)
  sourceId?: number;

  /** True when the article names nobody ("a military source"): give `description` instead of `sourceId`. */
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  /** How the article describes the anonymous source ("une source proche du ministère"); only with `anonymous: true`. */
  @ValidateIf((o: AttributionInputDto) => o.anonymous === true || (o.description !== undefined && o.description !== null))
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description?: string | null;

  /** The reporting verb as written in the article: "a indiqué", "d'après". */
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  verb: string;

  @IsIn(ATTRIBUTION_MODES)
  mode: AttributionMode;

  /** When it was said, as written ("samedi"). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  saidWhen?: string | null;

  /** Where it was said, as written ("sur son site officiel"). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  saidWhere?: string | null;
}

export class CreateClaimDto {
  /** The editor's wording of the claim. */
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  text: string;

  /** The exact words of the article. */
  @IsString()
  @Length(1, 20_000)
  quote: string;

  /** Offset of the quote's first character (UTF-16 code units). Omit both offsets to locate the quote. */
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  start?: number;

  /** Offset just past the quote's last character. */
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  end?: number;

  /** Which occurrence (1-based) when the quote occurs several times and no offsets are given. */
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  occurrence?: number;

  @IsIn(CLAIM_KINDS)
  kind: ClaimKind;

  /** True when the article states the claim in its own voice; then `attributions` must be empty. */
  @IsOptional()
  @IsBoolean()
  unattributed?: boolean;

  /** The chain, original speaker first. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttributionInputDto)
  attributions?: AttributionInputDto[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/** The wording, kind and note; or a new anchor (`quote`, with or without offsets), checked like on creation. */
export class UpdateClaimDto extends PartialType(
  PickType(CreateClaimDto, ['text', 'kind', 'note', 'quote', 'start', 'end', 'occurrence'] as const),
  { skipNullProperties: false },
) {
  /** The version you read. May instead be sent as an `If-Match` header. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReplaceAttributionsDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @IsOptional()
  @IsBoolean()
  unattributed?: boolean;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttributionInputDto)
  attributions: AttributionInputDto[];
}

export class CreateEvidenceDto {
  @IsUrl(HTTP_URL, { message: 'url must be an http or https URL' })
  @MaxLength(2048)
  url: string;

  @Transform(trim)
  @IsString()
  @Length(1, 500)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  publisher?: string | null;

  @IsIn(STANCES)
  stance: Stance;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  excerpt?: string | null;

  /** YYYY-MM-DD. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'accessedDate must be a date as YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'accessedDate must be a date as YYYY-MM-DD' })
  accessedDate?: string | null;

  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'archiveUrl must be an http or https URL' })
  @MaxLength(2048)
  archiveUrl?: string | null;
}

export const CLAIM_SORTS = ['position', 'createdAt', 'updatedAt', 'id'] as const;

export class ClaimListQueryDto extends PageQueryDto {
  /** One status or several, comma-separated. */
  @IsOptional()
  @Transform(toList)
  @IsIn(CLAIM_STATUSES, { each: true })
  status?: ClaimStatus[];

  @IsOptional()
  @Transform(toList)
  @IsIn(CLAIM_KINDS, { each: true })
  kind?: ClaimKind[];

  /** Claims whose chain contains this source anywhere (see `sourceRole`). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  sourceId?: number;

  /** With `sourceId`: `speaker` (first in the chain), `relay` (later), or `any` (default). */
  @IsOptional()
  @IsIn(['speaker', 'relay', 'any'])
  sourceRole?: 'speaker' | 'relay' | 'any';

  /** Only claims the article states in its own voice (true) or only attributed ones (false). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unattributed?: boolean;

  /** Matches the wording, the quote and the chain's source names and aliases, ignoring case and accents. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  articleId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  assigneeId?: number;

  /** Claims this user logged ("my claims" for an editor). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  createdById?: number;

  /** `position` (article order, the default), `createdAt`, `updatedAt` or `id`. */
  @IsOptional()
  @IsIn(CLAIM_SORTS)
  sort?: (typeof CLAIM_SORTS)[number];
}

export class AttributionDto {
  position: number;
  /** Null for an anonymous link. */
  @ApiProperty({ type: SourceRefDto, nullable: true })
  source: SourceRefDto | null;

  @ApiProperty()
  anonymous: boolean;

  /** How the article describes an anonymous source; null for a named one. */
  @ApiProperty({ type: 'string', nullable: true })
  description: string | null;
  verb: string;
  mode: AttributionMode;
  saidWhen: string | null;
  saidWhere: string | null;
}

export class EvidenceLinkDto {
  id: number;
  url: string;
  title: string;
  publisher: string | null;
  stance: Stance;
  excerpt: string | null;
  accessedDate: string | null;
  archiveUrl: string | null;
  addedBy: UserRefDto | null;
  createdAt: string;
}

export class ClaimDto {
  id: number;
  articleId: number;
  text: string;
  quote: string;
  start: number;
  end: number;
  kind: ClaimKind;
  status: ClaimStatus;
  /** True when the article states the claim in its own voice (no named source). */
  unattributed: boolean;
  /** The chain, original speaker first. */
  attributions: AttributionDto[];
  note: string | null;
  assignee: UserRefDto | null;
  createdBy: UserRefDto | null;
  evidenceCount: number;
  /** The latest verdict's rating (proposed or published), or null before any verdict. */
  @ApiProperty({ enum: RATINGS, nullable: true })
  currentRating: Rating | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class ClaimDetailDto extends ClaimDto {
  evidence: EvidenceLinkDto[];
  /** Every verdict, oldest first; the last one is current. */
  verdicts: VerdictDto[];
  currentVerdict: VerdictDto | null;
  /** The discussion, oldest first. */
  comments: CommentDto[];
  /** Every status change, oldest first. */
  transitions: TransitionDto[];
  /** How many times the claim was reopened after publication. */
  corrections: number;
  /** The statuses the signed-in user may move the claim to now (POST /api/claims/:id/transitions). */
  @ApiProperty({ enum: CLAIM_STATUSES, isArray: true })
  allowedTransitions: ClaimStatus[];
}
