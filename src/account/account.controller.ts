import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { AuthenticatedRequest, CurrentUser } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { AccountService } from './account.service';
import { ChangePasswordDto, SessionDto, SignedOutDto } from './dto/account.dto';

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
}
