import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { AuthenticatedRequest, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password);
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
    return user;
  }
}
