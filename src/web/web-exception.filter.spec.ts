import { ArgumentsHost, ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { WebExceptionFilter } from './web-exception.filter';

/** The HTTP response is the boundary here: a minimal Express-like stand-in records what is sent. */
function render(exception: unknown): { status: number; html: string; logged: number } {
  const sent = { status: 0, html: '', logged: 0 };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(html: string) {
      sent.html = html;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({}), getResponse: () => response }) } as unknown as ArgumentsHost;
  const filter = new WebExceptionFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => void sent.logged++ };
  filter.catch(exception, host);
  return sent;
}

describe('WebExceptionFilter', () => {
  it('maps unique violations on both databases to a 409 page, as the API does', () => {
    const sqlite = new QueryFailedError('INSERT', [], new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: sources.name_folded'));
    const postgres = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key value'), { code: '23505' }));
    for (const error of [sqlite, postgres]) {
      const page = render(error);
      expect(page.status).toBe(409);
      expect(page.html).toContain('A record with the same unique value already exists.');
      expect(page.logged).toBe(0);
    }
  });

  it('maps foreign-key violations on both databases to a 422 page', () => {
    const sqlite = new QueryFailedError('DELETE', [], new Error('SQLITE_CONSTRAINT: FOREIGN KEY constraint failed'));
    const postgres = new QueryFailedError('DELETE', [], Object.assign(new Error('violates foreign key'), { code: '23503' }));
    expect(render(sqlite).status).toBe(422);
    expect(render(postgres).status).toBe(422);
  });

  it('shows an HTTP error with its own status and message', () => {
    const page = render(new ConflictException('Someone else changed it.'));
    expect(page.status).toBe(409);
    expect(page.html).toContain('Someone else changed it.');
  });

  it('logs anything else and shows a generic 500 page without SQL or stack', () => {
    const page = render(new QueryFailedError('SELECT secret FROM users', [], new Error('SQLITE_ERROR: no such column: secret')));
    expect(page.status).toBe(500);
    expect(page.logged).toBe(1);
    expect(page.html).not.toMatch(/SELECT|secret|SQLITE/);
  });
});
