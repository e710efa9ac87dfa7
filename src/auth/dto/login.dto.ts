import { IsString, Length } from 'class-validator';

export class LoginDto {
  @IsString()
  @Length(1, 64)
  username: string;

  @IsString()
  @Length(1, 200)
  password: string;
}

export class TokenDto {
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  user: { id: number; username: string; role: string };
}
