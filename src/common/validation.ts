import { BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field = prefix ? (isIndex ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
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
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fieldErrors.map((e) => `${e.field}: ${e.reason}`).join('; '),
        errors: fieldErrors,
      });
    },
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
  if (errors.length > 0) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    });
  }
}
