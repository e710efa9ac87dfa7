import { applyDecorators, BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { withConstraint } from './error-codes';
import { FieldError } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field = prefix ? (isIndex ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    // The constraint's name stays on each error, hidden, for its translation (localiseErrorBody).
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => withConstraint({ field, reason }, constraint));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Field errors returned in one response; the rest are counted (`errorCount`), so a body with 10,000 bad fields gets a short answer. */
export const MAX_REPORTED_ERRORS = 20;

/** The 400 body for field errors: the first MAX_REPORTED_ERRORS of them, and how many there were. */
export function validationErrorBody(fieldErrors: FieldError[]): Record<string, unknown> {
  const shown = fieldErrors.slice(0, MAX_REPORTED_ERRORS);
  const more = fieldErrors.length - shown.length;
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: shown.map((e) => `${e.field}: ${e.reason}`).join('; ') + (more > 0 ? `; and ${more} more` : ''),
    errors: shown,
    ...(more > 0 ? { errorCount: fieldErrors.length } : {}),
  };
}

/**
 * Strict input validation for every route: unknown fields are refused (not silently dropped),
 * types are converted from query strings, and the error lists each field with its reason.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadRequestException(validationErrorBody(flatten(errors))),
  });
}

/**
 * Validates values a service receives from callers other than the HTTP pipe (the web forms, the
 * seed), with the same DTO rules and the same 400 shape: e.g. `attributions[1].verb`.
 */
export function assertValidList<T extends object>(type: Type<T>, values: readonly unknown[], field: string): void {
  const errors = values.flatMap((value, i) =>
    flatten(validateSync(plainToInstance(type, value) as object, { whitelist: true, forbidNonWhitelisted: true }), `${field}[${i}]`),
  );
  if (errors.length > 0) throw new BadRequestException(validationErrorBody(errors));
}

/**
 * Like @IsOptional(), but only for a missing property: `null` is refused with a message naming the
 * field, instead of slipping past validation into a NOT NULL column (a 500) or into arithmetic
 * ("[NaN, NaN)"). For fields where null means something (clear a note), keep @IsOptional().
 */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'notNull',
      validator: { validate: (value: unknown) => value !== null, defaultMessage: (args) => `${args?.property} may be left out, but not null` },
    }),
  );
}
