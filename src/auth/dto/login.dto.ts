import { IsOptional, IsString, Length } from 'class-validator';

export class LoginDto {
  @IsString()
  @Length(1, 64)
  username: string;

  @IsString()
  @Length(1, 200)
  password: string;

  /** The second factor, for accounts with two-factor: the authenticator app's 6-digit code or a recovery code. */
  @IsOptional()
  @IsString()
  @Length(6, 32)
  code?: string;
}

export class TokenDto {
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  user: { id: number; username: string; role: string };
}
