import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { HTTP_URL, trim } from '../../common/dto/transforms';
import { SourceRefDto } from '../../sources/dto/source.dto';

const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
/** 500,000 UTF-16 code units: a long-read feature is well under 100,000. */
export const MAX_BODY_LENGTH = 500_000;

export class CreateArticleDto {
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  title: string;

  /** The publishing outlet, a source. */
  @IsOptional()
  @IsInt()
  @Min(1)
  outletId?: number | null;

  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'url must be an http or https URL' })
  @MaxLength(2048)
  url?: string | null;

  /** BCP 47 language tag, e.g. `fr`. */
  @Matches(BCP47, { message: 'language must be a BCP 47 tag such as fr or en-GB' })
  @MaxLength(35)
  language: string;

  /** YYYY-MM-DD. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'publishedDate must be a date as YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedDate must be a date as YYYY-MM-DD' })
  publishedDate?: string | null;

  /** The verbatim text, stored exactly as given (no trimming, no normalisation). */
  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  body: string;
}

/** Metadata at any time; `body` only while no claim anchors to it (422 otherwise). */
export class UpdateArticleDto extends PartialType(CreateArticleDto, { skipNullProperties: false }) {
  /** The version you read; a stale one gets 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;
}

export class ArticleListQueryDto extends PageQueryDto {
  /** Matches the title, ignoring case and accents. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  outletId?: number;

  @IsOptional()
  @Matches(BCP47)
  language?: string;
}

export class ArticleSummaryDto {
  id: number;
  title: string;
  outlet: SourceRefDto | null;
  url: string | null;
  language: string;
  publishedDate: string | null;
  bodySha256: string;
  /** Claims by status. */
  claimCounts: Record<string, number>;
  claimTotal: number;
  unattributedCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class ArticleDto extends ArticleSummaryDto {
  body: string;
}
