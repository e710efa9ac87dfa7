import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * A page of `item` (common/dto/pagination.dto.ts `Page<T>`): TypeScript generics are erased,
 * so the CLI plugin cannot describe it and each list operation names its item type here.
 */
export function ApiPageResponse(item: Type, description = 'One page of results.'): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer', description: 'Matches over all pages (claim lists: exact up to 1000 past the page, see totalAtLeast).' },
          totalAtLeast: {
            type: 'boolean',
            enum: [true],
            description: 'Present, and true, only when counting stopped at `total`: there are at least that many matches (claim lists and the review queue count at most 1000 past the page).',
          },
          page: { type: 'integer', description: '1-based page number.' },
          pageSize: { type: 'integer' },
        },
      },
    }),
  );
}

/**
 * Which roles may call the operation, as the `x-roles` extension (used by `@Roles`); the
 * document's finishing step (document.ts) turns it into a documented 403. An extension rather
 * than an `@ApiResponse`: any explicit response would stop the CLI plugin from adding the
 * operation's success response.
 */
export function ApiRoles(roles: readonly string[]): MethodDecorator & ClassDecorator {
  return ApiExtension('x-roles', [...roles]);
}
