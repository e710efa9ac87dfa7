import { ForbiddenException } from '@nestjs/common';
import { UnprocessableError } from '../common/errors';
import type { Decision } from './workflow';

/** Turns a refusal from the workflow rules into the HTTP error the API answers (403 or 422, naming the field and the reason). */
export function refuse(decision: Decision): void {
  if (decision.ok) return;
  const errors = [{ field: decision.field, reason: decision.reason }];
  if (decision.status === 422) throw new UnprocessableError(decision.message, errors);
  throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: decision.message, errors });
}
