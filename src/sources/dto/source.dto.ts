import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { HTTP_URL, trim } from '../../common/dto/transforms';
import { SOURCE_KINDS, type SourceKind } from '../source.entity';

export class CreateSourceDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(SOURCE_KINDS)
  kind: SourceKind;

  /** ISO 3166-1 alpha-2, upper case. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as RU or LB' })
  country?: string | null;

  /** Spelling variants and other names; search matches them too. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[];

  /** The source this one belongs to: a person's unit, a unit's ministry. */
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** State affiliation or ownership. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  affiliationNote?: string | null;

  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'homepage must be an http or https URL' })
  @MaxLength(2048)
  homepage?: string | null;
}

/** Any field of a source; `aliases` replaces the whole list. */
export class UpdateSourceDto extends PartialType(CreateSourceDto, { skipNullProperties: false }) {
  /** The version you read; a stale one gets 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;
}

export class SourceListQueryDto extends PageQueryDto {
  /** Matches names and aliases, ignoring case and accents. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  parentId?: number;
}

export class SourceRefDto {
  id: number;
  name: string;
  kind: SourceKind;
}

export class SourceDto {
  id: number;
  name: string;
  kind: SourceKind;
  country: string | null;
  aliases: string[];
  parent: SourceRefDto | null;
  description: string | null;
  affiliationNote: string | null;
  homepage: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Merging a duplicate into the source that survives. */
export class MergeSourceDto {
  /** The source that survives: it receives the duplicate's claims, outlets, members and names. */
  @IsInt()
  @Min(1)
  intoId: number;

  /** The version of the duplicate (this source) you read; a stale one gets 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;

  /** The version of the surviving source you read. */
  @IsInt()
  @Min(1)
  intoVersion: number;
}

/** What a merge moved to the survivor. */
export class SourceMergeResultDto {
  /** The surviving source, with the duplicate's name among its aliases. */
  @ApiProperty({ type: () => SourceDto })
  survivor: SourceDto;
  /** The id of the duplicate, which no longer exists. */
  @ApiProperty({ type: Number })
  mergedId: number;
  /** Attribution links (chain links) that now name the survivor. */
  @ApiProperty({ type: Number })
  attributions: number;
  /** Claims whose chain named the duplicate. */
  @ApiProperty({ type: Number, isArray: true })
  claimIds: number[];
  /** Articles whose outlet was the duplicate. */
  @ApiProperty({ type: Number })
  articles: number;
  /** Sources that belonged to the duplicate and now belong to the survivor. */
  @ApiProperty({ type: Number })
  members: number;
}
