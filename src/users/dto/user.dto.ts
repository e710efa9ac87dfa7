import { OptionalNotNull } from '../../common/validation';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { ROLES, type Role } from '../user.entity';

export class CreateUserDto {
  @IsString()
  @Length(2, 64)
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'username may contain lower-case letters, digits, dot, dash and underscore' })
  username: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @IsIn(ROLES)
  role: Role;

  /** At least 12 characters. */
  @IsString()
  @Length(12, 200)
  password: string;
}

export class UpdateUserDto {
  @IsInt()
  @Min(1)
  version: number;

  @OptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  /** A new password (at least 12 characters); the user's sign-in tokens are revoked. */
  @OptionalNotNull()
  @IsString()
  @Length(12, 200)
  password?: string;
}

export class UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class UserRefDto {
  id: number;
  username: string;
}

export class UserListQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
