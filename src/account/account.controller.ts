import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { AuthenticatedRequest, CurrentUser } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { AccountService } from './account.service';
import { requestLanguage } from '../i18n/i18n';
import { ChangePasswordDto, LanguageDto, SessionDto, SetLanguageDto, SignedOutDto } from './dto/account.dto';

/** Your own account, whatever your role. */
@ApiTags('account')
@ApiBearerAuth()
@Controller('api/account')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  /** Changes your password (the current one is required); your other sessions end, this one stays. */
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed.' })
  changePassword(@CurrentUser() actor: Actor, @Req() request: AuthenticatedRequest, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.account.changePassword(actor, request.tokenHash!, dto);
  }

  /** Your open sessions (sign-in tokens), newest first, with when each was created, last used and expires. */
  @Get('sessions')
  @ApiOkResponse({ type: SessionDto, isArray: true })
  sessions(@CurrentUser() actor: Actor, @Req() request: AuthenticatedRequest): Promise<SessionDto[]> {
    return this.account.sessions(actor, request.tokenHash!);
  }

  /** Ends one of your sessions. */
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ended.' })
  endSession(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.account.endSession(actor, id);
  }

  /** Signs you out everywhere: every session ends, this one included. */
  @Delete('sessions')
  @ApiOkResponse({ type: SignedOutDto })
  async signOutEverywhere(@CurrentUser() actor: Actor): Promise<SignedOutDto> {
    return { revoked: await this.account.signOutEverywhere(actor) };
  }

  /** Your interface language setting, and the language requests are answered in. */
  @Get('language')
  @ApiOkResponse({ type: LanguageDto })
  language(@CurrentUser() actor: Actor, @Req() request: AuthenticatedRequest): LanguageDto {
    return { language: actor.language ?? null, effective: requestLanguage(request) };
  }

  /** Sets your interface language (`en`, `fr`), or null to follow your browser's Accept-Language. */
  @Put('language')
  @ApiOkResponse({ type: LanguageDto })
  async setLanguage(@CurrentUser() actor: Actor, @Req() request: AuthenticatedRequest, @Body() dto: SetLanguageDto): Promise<LanguageDto> {
    const language = await this.account.setLanguage(actor, dto.language ?? null);
    return { language, effective: requestLanguage({ user: { language }, headers: request.headers }) };
  }
}
