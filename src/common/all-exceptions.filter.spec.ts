import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';

/** The HTTP response is the boundary here: a minimal Express-like stand-in records what is sent. */
function respond(exception: unknown, request: { id?: string } = {}): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = { error: () => undefined, warn: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  it('adds the request id to the error body', () => {
    expect(respond(new NotFoundException('Claim 4 does not exist.'), { id: 'req-7' }).body.requestId).toBe('req-7');
  });

  it('answers a disk-full or I/O error with 503 and a clear message', () => {
    const full = new QueryFailedError('COMMIT', [], Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(respond(full)).toEqual({
      status: 503,
      body: { statusCode: 503, code: 'unavailable', error: 'Service Unavailable', message: expect.stringMatching(/storage is full .*nothing was saved/) },
    });
  });

  it('passes HTTP errors through', () => {
    expect(respond(new NotFoundException('Claim 4 does not exist.'))).toEqual({
      status: 404,
      body: { statusCode: 404, code: 'not_found', error: 'Not Found', message: 'Claim 4 does not exist.' },
    });
  });

  it('answers an unexpected error with a generic 500 that leaks no stack trace or SQL', () => {
    const error = new QueryFailedError('SELECT secret FROM users', [], new Error('SQLITE_ERROR: no such column: secret'));
    const { status, body } = respond(error);
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/SELECT|secret|SQLITE|at /);
  });

  it('maps unique violations on both databases to 409', () => {
    const sqlite = new QueryFailedError('INSERT', [], Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.username'), {}));
    const postgres = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key value'), { code: '23505' }));
    expect(respond(sqlite).status).toBe(409);
    expect(respond(postgres).status).toBe(409);
  });

  it('maps foreign-key violations on both databases to 422', () => {
    const sqlite = new QueryFailedError('INSERT', [], new Error('SQLITE_CONSTRAINT: FOREIGN KEY constraint failed'));
    const postgres = new QueryFailedError('INSERT', [], Object.assign(new Error('violates foreign key'), { code: '23503' }));
    expect(respond(sqlite).status).toBe(422);
    expect(respond(postgres).status).toBe(422);
  });

  it('answers a number beyond PostgreSQL integer range with 400', () => {
    const postgres = new QueryFailedError('SELECT', [], Object.assign(new Error('value "99999999999" is out of range for type integer'), { code: '22003' }));
    expect(respond(postgres)).toEqual({ status: 400, body: expect.objectContaining({ statusCode: 400 }) });
  });
});
