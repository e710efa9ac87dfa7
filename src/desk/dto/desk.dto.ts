import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CLAIM_KINDS, type ClaimKind } from '../../claims/claim.entity';
import { ClaimDto } from '../../claims/dto/claim.dto';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { UserRefDto } from '../../users/dto/user.dto';
import { LANES, type Lane } from '../lanes';

export class LaneQueryDto extends PageQueryDto {
  /** Only claims of this article. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  articleId?: number;

  /** The only sort: how long the claim has waited (`order=asc`: the longest wait first). */
  @IsOptional()
  @IsIn(['waiting'])
  sort?: 'waiting';
}

export class LaneSummaryDto {
  @ApiProperty({ enum: LANES })
  lane: Lane;
  /** The lane's heading in the request's language (Accept-Language, else the user's setting); `lane` is the stable id. */
  @ApiProperty()
  label: string;
  /** Every claim in the lane, not a page's count. */
  @ApiProperty()
  total: number;
}

export class LanesDto {
  @ApiProperty({ type: [LaneSummaryDto] })
  lanes: LaneSummaryDto[];
}

export class ArticleRefDto {
  @ApiProperty()
  id: number;
  @ApiProperty()
  title: string;
}

export class LaneItemDto {
  @ApiProperty({ type: ClaimDto })
  claim: ClaimDto;
  @ApiProperty({ type: ArticleRefDto })
  article: ArticleRefDto;
  /** Who made the move that put the claim in this lane (submitted, assigned, proposed, returned, published it). */
  @ApiProperty({ type: UserRefDto, nullable: true })
  movedBy: UserRefDto | null;
  /** When it entered its current status (ISO instant). */
  @ApiProperty()
  since: string;
  /** Seconds since then, when the response was made. */
  @ApiProperty()
  waitingSeconds: number;
}

export class LanePageDto {
  @ApiProperty({ enum: LANES })
  lane: Lane;
  /** The lane's heading in the request's language (Accept-Language, else the user's setting); `lane` is the stable id. */
  @ApiProperty()
  label: string;
  @ApiProperty({ type: [LaneItemDto] })
  items: LaneItemDto[];
  @ApiProperty()
  total: number;
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
}

export const BULK_ACTIONS = ['take', 'assign', 'submit', 'kind'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export class BulkItemDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  id: number;

  /** The version of the claim you saw: a stale one is refused for that item (409). */
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class BulkRequestDto {
  /** `take` (into review, for you), `assign` (admins; to `assigneeId`), `submit` (for review), `kind` (change the kind to `kind`). */
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS)
  action: BulkAction;

  @ApiProperty({ type: [BulkItemDto] })
  @ValidateNested({ each: true })
  @Type(() => BulkItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  items: BulkItemDto[];

  /** With `assign`: the reviewer, or null to put the claims back in the queue. */
  @ApiProperty({ required: false, nullable: true, type: Number })
  @ValidateIf((o: BulkRequestDto) => o.action === 'assign' && o.assigneeId !== null)
  @IsInt()
  @Min(1)
  assigneeId?: number | null;

  /** With `kind`: the new kind. */
  @ApiProperty({ required: false, enum: CLAIM_KINDS })
  @ValidateIf((o: BulkRequestDto) => o.action === 'kind')
  @IsIn(CLAIM_KINDS)
  kind?: ClaimKind;
}

export class BulkItemResultDto {
  @ApiProperty()
  id: number;
  @ApiProperty()
  ok: boolean;
  /** The HTTP status this item alone would have had: 200, or 403, 404, 409, 422. */
  @ApiProperty()
  status: number;
  @ApiProperty()
  message: string;
  /** The claim's version after the change (null when refused). */
  @ApiProperty({ type: Number, nullable: true })
  version: number | null;
}

export class BulkResultDto {
  @ApiProperty({ type: [BulkItemResultDto] })
  results: BulkItemResultDto[];
  @ApiProperty()
  done: number;
  @ApiProperty()
  refused: number;
}
