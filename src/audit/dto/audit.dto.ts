import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { UserRefDto } from '../../users/dto/user.dto';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  userId?: number;

  /** `claim`, `verdict`, `comment`, `evidence_link`, `source`, `article`, `user`… */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/)
  entityType?: string;

  /** With `entityType`: one record's events. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  entityId?: number;

  /** Every event that belongs to one claim (its verdicts, comments and evidence included). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  claimId?: number;

  /** e.g. `claim.transition`, `verdict.propose`. */
  @IsOptional()
  @IsString()
  @MaxLength(48)
  action?: string;

  /** Events at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Events strictly before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEventDto {
  id: number;
  at: string;
  /** Null for the system itself (seed, first start). */
  user: UserRefDto | null;
  action: string;
  entityType: string;
  entityId: number;
  claimId: number | null;
  before: object | null;
  after: object | null;
}
