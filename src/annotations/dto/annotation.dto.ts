import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional } from 'class-validator';
import { CLAIM_KINDS, type ClaimKind } from '../../claims/claim.entity';
import { ClaimDetailDto } from '../../claims/dto/claim.dto';

export class ImportAnnotationsDto {
  /** W3C Web Annotations with a TextQuoteSelector (and ideally a TextPositionSelector), e.g. the `first.items` of an export. */
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  annotations: Record<string, unknown>[];

  /** The kind of claims whose annotation has no `tagging` body naming one. */
  @IsOptional()
  @IsIn(CLAIM_KINDS)
  kind?: ClaimKind;
}

export class ImportAnnotationsResultDto {
  /** The claims created, as drafts with no named source yet (add the chain on the claim panel). */
  @ApiProperty({ type: [ClaimDetailDto] })
  created: ClaimDetailDto[];

  /** Annotations that match a claim already logged (same span and wording): nothing created. */
  skipped: number;

  /** Indexes of the annotations anchored by their quote because their position pointed elsewhere. */
  reanchored: number[];
}
