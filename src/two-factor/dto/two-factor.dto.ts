import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';

export class TwoFactorStatusDto {
  @ApiProperty({ description: 'Whether sign-in asks this account for a second factor.' })
  enabled: boolean;

  @ApiProperty({ description: 'An enrolment was started and waits for its confirmation code.' })
  pending: boolean;

  @ApiProperty({ type: 'integer', description: 'Unused recovery codes left.' })
  recoveryCodesLeft: number;

  @ApiProperty({ description: 'The desk requires two-factor for this account (reviewers and admins, when an admin turned it on).' })
  required: boolean;
}

export class EnrolmentDto {
  @ApiProperty({ description: 'The TOTP secret (base32), to type into an app that cannot read the QR code.' })
  secret: string;

  @ApiProperty({ description: 'The otpauth:// address the QR code holds.' })
  otpauthUrl: string;

  @ApiProperty({ description: 'The QR code as an SVG data URL (data:image/svg+xml;base64,…).' })
  qrCode: string;
}

export class TwoFactorCodeDto {
  /** The 6-digit code the authenticator app shows now. */
  @IsString()
  @Length(6, 12)
  code: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Ten single-use recovery codes. Shown this once: only their hashes are kept.' })
  recoveryCodes: string[];
}

export class SecuritySettingsDto {
  @ApiProperty({ description: 'Reviewers and admins must sign in with two-factor; those without it are sent to enrol at their next sign-in.' })
  requireTwoFactorForReviewersAndAdmins: boolean;
}

export class UpdateSecuritySettingsDto {
  @IsBoolean()
  requireTwoFactorForReviewersAndAdmins: boolean;
}
