import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { EnrolmentDto, RecoveryCodesDto, SecuritySettingsDto, TwoFactorCodeDto, TwoFactorStatusDto, UpdateSecuritySettingsDto } from './dto/two-factor.dto';
import { TwoFactorService } from './two-factor.service';

/** Your own second factor. */
@ApiTags('account')
@ApiBearerAuth()
@Controller('api/account/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  /** Whether two-factor is on for you, pending, required, and how many recovery codes are left. */
  @Get()
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentUser() actor: Actor): Promise<TwoFactorStatusDto> {
    return this.twoFactor.status(actor);
  }

  /** Starts enrolment: a new TOTP secret and its QR code, pending until confirmed with a code. */
  @Post('enrolment')
  @ApiCreatedResponse({ type: EnrolmentDto })
  enrol(@CurrentUser() actor: Actor): Promise<EnrolmentDto> {
    return this.twoFactor.startEnrolment(actor);
  }

  /** Confirms enrolment with the app's current code and turns two-factor on; answers ten recovery codes, shown once. */
  @Post('confirmation')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesDto })
  confirm(@CurrentUser() actor: Actor, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    return this.twoFactor.confirmEnrolment(actor, dto.code);
  }

  /** Ten new recovery codes (the app's current code required); the earlier ones stop working. */
  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesDto })
  recoveryCodes(@CurrentUser() actor: Actor, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    return this.twoFactor.regenerateRecoveryCodes(actor, dto.code);
  }
}

/** Admins: a user's second factor. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UserTwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  /** Resets a user's two-factor (lost phone): secret and recovery codes deleted, every session of theirs ended; audited. */
  @Delete(':id/two-factor')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Reset.' })
  reset(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.twoFactor.reset(actor, id);
  }
}

/** The desk's security settings. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/settings/security')
export class SecuritySettingsController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  /** Whether reviewers and admins must use two-factor. */
  @Get()
  @ApiOkResponse({ type: SecuritySettingsDto })
  get(): Promise<SecuritySettingsDto> {
    return this.twoFactor.settings();
  }

  /** Requires two-factor of reviewers and admins (or stops requiring it); audited. */
  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: SecuritySettingsDto })
  update(@CurrentUser() actor: Actor, @Body() dto: UpdateSecuritySettingsDto): Promise<SecuritySettingsDto> {
    return this.twoFactor.updateSettings(actor, dto);
  }
}
