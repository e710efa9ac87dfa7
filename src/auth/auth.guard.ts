import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../users/user.entity';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { AuthService, hashToken } from './auth.service';
import { authenticateOnce } from './signed-in';

/**
 * Registered globally: every route needs a valid bearer token unless marked @Public(), and a
 * route marked @Roles(...) needs one of those roles (403 otherwise).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** What each route's decorators say, read once per route instead of four metadata look-ups per request. */
  private readonly routes = new WeakMap<object, Map<object, { isPublic: boolean; roles: Role[] | undefined }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const route = this.route(context.getClass(), context.getHandler());
    if (route.isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    const user = match ? await authenticateOnce(this.auth, request, match[1]) : null;
    if (!user) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Sign in first: send Authorization: Bearer <token> from POST /api/auth/login.',
      });
    }
    request.user = user;
    request.tokenHash = hashToken(match![1]);

    const { roles } = route;
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `This needs the role ${roles.join(' or ')}; you are signed in as ${user.role}.`,
      });
    }
    return true;
  }

  private route(controller: object, handler: object): { isPublic: boolean; roles: Role[] | undefined } {
    let handlers = this.routes.get(controller);
    if (!handlers) this.routes.set(controller, (handlers = new Map()));
    let route = handlers.get(handler);
    if (!route) {
      const targets = [handler, controller] as Parameters<Reflector['getAllAndOverride']>[1];
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      handlers.set(handler, route);
    }
    return route;
  }
}
