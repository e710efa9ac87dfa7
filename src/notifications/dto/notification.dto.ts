import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { UserRefDto } from '../../users/dto/user.dto';
import { DELIVERIES, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from '../kinds';

const toBoolean = ({ value }: { value: unknown }) => ({ true: true, '1': true, false: false, '0': false })[String(value)] ?? value;

export class NotificationQueryDto extends PageQueryDto {
  /** Only the unread ones. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

/** One notification in a user's inbox. */
export class NotificationDto {
  id: number;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  /** One line in words: who did what to which claim. */
  summary: string;

  /** The comment, reason or rationale it is about (Markdown source), if any. */
  @ApiProperty({ type: String, nullable: true })
  excerpt: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  claimId: number | null;

  /** The page it leads to: its claim (`/claims/12`), or another page (`/webhooks/3` for a disabled endpoint); null for none. */
  @ApiProperty({ type: String, nullable: true })
  link: string | null;

  /** Who caused it; null for the system. */
  @ApiProperty({ type: UserRefDto, nullable: true })
  actor: UserRefDto | null;

  /** How it reached the user: in the app only, by e-mail, or in the daily digest. */
  @ApiProperty({ enum: DELIVERIES })
  delivery: Delivery;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;
}

export class UnreadCountDto {
  /** Unread notifications. */
  unread: number;
}

export class MarkedReadDto {
  /** How many notifications this marked read. */
  updated: number;
}

export class WatchStateDto {
  /** Whether you watch it now. */
  watching: boolean;
}

export class KindPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  /** What the kind means, in words. */
  label: string;

  @ApiProperty({ enum: DELIVERIES })
  delivery: Delivery;
}

export class DeliveryOptionDto {
  @ApiProperty({ enum: DELIVERIES })
  delivery: Delivery;

  label: string;
}

export class PreferencesDto {
  /** Where e-mails and digests go. */
  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  /** Whether this desk sends e-mail at all (SMTP_URL is set); without it everything stays in the app. */
  emailEnabled: boolean;

  /** The hour (UTC) the daily digest goes out. */
  digestHourUtc: number;

  @ApiProperty({ type: [KindPreferenceDto] })
  kinds: KindPreferenceDto[];

  @ApiProperty({ type: [DeliveryOptionDto] })
  deliveries: DeliveryOptionDto[];
}

export class KindChoiceDto {
  @IsIn(NOTIFICATION_KINDS)
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @IsIn(DELIVERIES)
  @ApiProperty({ enum: DELIVERIES })
  delivery: Delivery;
}

export class UpdatePreferencesDto {
  /** Your e-mail address, or null to remove it. Left out: unchanged. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  @ApiProperty({ type: String, nullable: true, required: false })
  email?: string | null;

  /** The kinds to change; kinds left out keep their delivery. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => KindChoiceDto)
  @ApiProperty({ type: [KindChoiceDto], required: false })
  kinds?: KindChoiceDto[];
}

export class PeopleQueryDto {
  /** The beginning of a username (what follows the `@` typed so far). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q: string = '';
}

/** Someone a mention may name. */
export class PersonDto {
  username: string;
  displayName: string;
}
