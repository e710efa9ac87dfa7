import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDto } from '../openapi/error.dto';
import { LoginThrottlerGuard } from '../rate-limit/login-throttler.guard';
import type { Actor } from '../audit/audit.service';
import { AuthenticatedRequest, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Exchanges a username and password (and, for accounts with two-factor, `code`) for a bearer
   * token; wrong codes count toward the same limits. Limited per client IP and per account
   * (429 with Retry-After, backing off); 503 with Retry-After when too many passwords are being
   * checked at once.
   */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  // Explicit responses stop the CLI plugin from adding the success response: it is named here too.
  @ApiOkResponse({ type: TokenDto, description: 'The bearer token and when it expires.' })
  @ApiResponse({ status: 401, type: ErrorDto, description: 'Wrong username or password; or `code` second_factor_required / second_factor_invalid.' })
  @ApiResponse({ status: 403, type: ErrorDto, description: '`code` local_passwords_off (single sign-on only) or two_factor_enrolment_required.' })
  @ApiResponse({ status: 429, type: ErrorDto, description: 'Too many sign-in attempts from this address or for this account; see Retry-After.' })
  @ApiResponse({ status: 503, type: ErrorDto, description: 'Too many passwords being checked at once; see Retry-After.' })
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password, dto.code);
  }

  /** Revokes the token used for this request. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@Req() request: AuthenticatedRequest): Promise<void> {
    return this.auth.logout(request.tokenHash!);
  }

  /** Who the token belongs to. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: Actor): Actor {
    // The language setting has its own route (GET /api/account/language).
    return { id: user.id, username: user.username, role: user.role };
  }
}
