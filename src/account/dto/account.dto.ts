import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LANGUAGES } from '../../i18n/i18n';

export class ChangePasswordDto {
  /** Your current password. */
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  /** The new password: at least 12 characters. */
  @IsString()
  @Length(12, 200)
  newPassword: string;
}

/** One of your sign-in sessions (an access token; the token itself is never shown again). */
export class SessionDto {
  @ApiProperty({ type: Number })
  id: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  /** When it last signed a request in, to within five minutes. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  /** The session this request was made with. */
  @ApiProperty({ type: Boolean })
  current: boolean;
}

export class SignedOutDto {
  /** How many sessions were ended. */
  @ApiProperty({ type: Number })
  revoked: number;
}

/** Your interface language: `en`, `fr`, or null to follow your browser's Accept-Language. */
export class SetLanguageDto {
  @ApiProperty({ type: String, enum: LANGUAGES, nullable: true })
  @IsOptional()
  @IsIn(LANGUAGES)
  language: string | null;
}

export class LanguageDto {
  /** Your setting; null when the browser's Accept-Language decides. */
  @ApiProperty({ type: String, enum: LANGUAGES, nullable: true })
  language: string | null;

  /** The language this request was answered in (the setting, else Accept-Language, else English). */
  @ApiProperty({ type: String, enum: LANGUAGES })
  effective: string;
}
