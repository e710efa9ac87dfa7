import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { storageFailure } from '../database/storage-errors';
import { apiLanguage } from '../i18n/i18n';
import { localiseErrorBody } from './error-codes';

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

/**
 * The one place errors become responses: HttpExceptions pass through; database constraint
 * violations that slipped past validation become 409/422; anything else is logged and answered
 * with a generic 500 that leaks no stack trace and no SQL.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request & { id?: unknown; user?: { language?: string | null } }>();
    const { status, body: raw } = exceptionResponse(exception);
    // A stable `code` beside the message, and the message in the language asked for.
    const base = localiseErrorBody(status, raw, request?.headers ? apiLanguage(request) : 'en');
    // The id of the request's log lines (X-Request-Id), so a user's report can be matched to them.
    const body = typeof request?.id === 'string' ? { ...base, requestId: request.id } : base;
    const storage = storageFailure(exception);
    if (storage) {
      // Expected while a disk is full: one line with the driver's code, no stack.
      this.logger.warn(`Storage failure ${storage.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (isUnexpected(exception, status)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (!response.headersSent) {
      setRetryAfter(response, body);
      response.status(status).json(body);
    }
  }
}

/** A 5xx worth logging as an error: not a deliberate refusal such as a 503 "busy, retry later". */
export function isUnexpected(exception: unknown, status: number): boolean {
  return status >= 500 && !(exception instanceof HttpException && status === 503);
}

/** A refusal that says when to come back (429, 503) carries `retryAfter` seconds in its body; clients read the header. */
export function setRetryAfter(response: Response, body: Record<string, unknown>): void {
  if (typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
}

/**
 * What an exception means for the client: its status and JSON body. Shared by the API's filter
 * and the web pages' filter, so both map database constraint violations the same way.
 */
export function exceptionResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const body = typeof raw === 'string' ? { statusCode: status, message: raw } : (raw as Record<string, unknown>);
    return { status, body };
  }
  // Disk full, I/O error, database locked: the storage failed, not the request (issue 15, item 1).
  const storage = storageFailure(exception);
  if (storage) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { statusCode: 503, error: 'Service Unavailable', message: storage.message } };
  }
  if (exception instanceof QueryFailedError) {
    const driver = (exception as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
    const message = `${driver.message ?? exception.message}`;
    // PostgreSQL SQLSTATE codes, and SQLite's messages (its error code is only SQLITE_CONSTRAINT).
    if (driver.code === '23505' || /UNIQUE constraint failed/.test(message)) {
      return conflict('A record with the same unique value already exists.');
    }
    // A number beyond the column's range (PostgreSQL's integer is 32-bit; SQLite's is not).
    if (driver.code === '22003') {
      return {
        status: HttpStatus.BAD_REQUEST,
        body: { statusCode: 400, error: 'Bad Request', message: 'A number in the request is out of range.' },
      };
    }
    if (driver.code === '23503' || /FOREIGN KEY constraint failed/.test(message)) {
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { statusCode: 422, error: 'Unprocessable Entity', message: 'A referenced record does not exist or is still in use.' },
      };
    }
  }
  // body-parser errors (malformed JSON, body too large) carry their own 4xx status.
  const httpish = exception as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  const status = httpish?.statusCode ?? httpish?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && httpish.expose) {
    const message =
      httpish.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : httpish.type === 'entity.too.large' || httpish.type === 'entity.shape.refused' || httpish.type === 'parameters.too.many'
          ? String((exception as Error).message)
          : 'The request could not be read.';
    const error = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
    return { status, body: { statusCode: status, error, message, errors: [{ field: 'body', reason: message }] } };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged.' },
  };
}

function conflict(message: string) {
  return { status: HttpStatus.CONFLICT, body: { statusCode: 409, error: 'Conflict', message } };
}
