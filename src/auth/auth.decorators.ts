import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiRoles } from '../openapi/api-responses';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import type { Role } from '../users/user.entity';

export const IS_PUBLIC = 'claimtrail:public';
export const ROLES = 'claimtrail:roles';

/** The route needs no sign-in (health, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. Without it, any signed-in user may. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiRoles(roles));

export type AuthenticatedRequest = Request & { user?: Actor; tokenHash?: string };

/** The signed-in user. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.user as Actor;
});
