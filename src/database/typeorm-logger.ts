import type { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through Nest's logger, so that in the server they are JSON lines with the
 * request id like every other line (TypeORM's default logger writes plain text with console.log).
 * Failed queries are logged without their parameters: they may hold password hashes or tokens.
 */
export class NestTypeOrmLogger implements TypeOrmLogger {
  private nestLogger: NestLogger | undefined;

  /**
   * Nest's logger, loaded on first use: the command line's report opens a bare data source and
   * does not otherwise load Nest (about 0.2 s of start-up with rxjs).
   */
  private get logger(): NestLogger {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.nestLogger ??= new (require('@nestjs/common') as typeof import('@nestjs/common')).Logger('Database');
    return this.nestLogger;
  }

  logQuery(): void {
    // not logged: the access log has one line per request
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`Query failed: ${error instanceof Error ? error.message : error} -- ${query.slice(0, 500)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(): void {
    // not logged: migrations are reported by prepareDatabase ("Applied migrations: ...")
  }

  logMigration(): void {
    // idem
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
