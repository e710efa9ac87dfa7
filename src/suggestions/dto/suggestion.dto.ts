import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { ClaimDetailDto } from '../../claims/dto/claim.dto';
import { ATTRIBUTION_MODES, CLAIM_KINDS } from '../../claims/claim.entity';
import { SOURCE_KINDS } from '../../sources/source.entity';

/** One link of a suggested chain; `attributions[0]` is the original speaker. */
export class SuggestedAttributionDto {
  @ApiProperty({ type: 'integer' })
  position: number;

  /** The registry's name when matched, else the name as the article gives it (or an anonymous source's description). */
  @ApiProperty()
  name: string;

  /** The registry source; null for a source not yet in the registry, or an anonymous one. */
  @ApiProperty({ type: 'integer', nullable: true })
  sourceId: number | null;

  @ApiProperty()
  anonymous: boolean;

  /** An anonymous source's description ("a military source"); null otherwise. */
  @ApiProperty({ type: 'string', nullable: true })
  description: string | null;

  /** The kind guessed for a new source (accepting creates it with this kind); null when matched or anonymous. */
  @ApiProperty({ enum: SOURCE_KINDS, nullable: true })
  newSourceKind: string | null;

  /** The cue as written: "a indiqué", "according to", "told". */
  @ApiProperty()
  verb: string;

  @ApiProperty({ enum: ATTRIBUTION_MODES })
  mode: string;

  @ApiProperty({ type: 'string', nullable: true })
  saidWhen: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  saidWhere: string | null;
}

export class SuggestionDto {
  /** Names this suggestion in accept and reject: start-end-first 16 hex digits of the quote's SHA-256. */
  @ApiProperty({ example: '269-425-3f2a9c0e1b2d4f6a' })
  key: string;

  /** The article's exact words at [start, end). */
  @ApiProperty()
  quote: string;

  /** Offsets in UTF-16 code units, like claim anchors. */
  @ApiProperty({ type: 'integer' })
  start: number;

  @ApiProperty({ type: 'integer' })
  end: number;

  @ApiProperty({ enum: CLAIM_KINDS })
  kind: string;

  /** Check-worthiness, 0 to 1. */
  @ApiProperty({ type: 'number', minimum: 0, maximum: 1 })
  score: number;

  /** Why: the numbers, dates, named entities and cues that raised the score, or the opinion marker that lowered it. */
  @ApiProperty()
  reason: string;

  /** True when the article states it in its own voice; then `attributions` is empty. */
  @ApiProperty()
  unattributed: boolean;

  @ApiProperty({ type: SuggestedAttributionDto, isArray: true })
  attributions: SuggestedAttributionDto[];
}

export class SuggestionListDto {
  @ApiProperty({ type: SuggestionDto, isArray: true })
  items: SuggestionDto[];
}

export class SuggestionKeysDto {
  /** The keys of the suggestions, as listed by GET /api/articles/:id/suggestions. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^\d{1,9}-\d{1,9}-[0-9a-f]{16}$/, { each: true, message: 'each key must be start-end-hash as listed by the suggestions' })
  keys: string[];
}

export class AcceptedSuggestionsDto {
  /** The claims logged, in the order of the keys. */
  @ApiProperty({ type: ClaimDetailDto, isArray: true })
  claims: ClaimDetailDto[];
}

export class RejectedSuggestionsDto {
  @ApiProperty({ type: 'integer' })
  rejected: number;
}
