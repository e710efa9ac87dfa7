import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The request's `If-Match` header. A custom decorator rather than `@Headers('if-match')`, which
 * Swagger documents as a second, lower-case If-Match parameter next to the @ApiHeader that
 * describes it.
 */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
});
