import { HttpException, HttpStatus } from '@nestjs/common';

/** One field-level problem: which input, and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** 422: the request is well-formed but cannot be applied (a quote not in the article, an unknown source). */
export class UnprocessableError extends HttpException {
  constructor(message: string, errors: FieldError[] = []) {
    super({ statusCode: 422, error: 'Unprocessable Entity', message, errors }, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

/** 409: someone else changed the row first; nothing was written. */
export class StaleVersionError extends HttpException {
  constructor(entity: string, id: number, expected: number, current: number | null) {
    super(
      {
        statusCode: 409,
        error: 'Conflict',
        message: `${entity} ${id} was changed by someone else: you sent version ${expected}, the current version is ${current}. Reload and apply your change again.`,
        currentVersion: current,
      },
      HttpStatus.CONFLICT,
    );
  }
}
