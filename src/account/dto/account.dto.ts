import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

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
