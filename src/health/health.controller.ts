import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { Transactions } from '../database/transactions';

export class HealthDto {
  status: 'ok' | 'error';
  database: {
    type: string;
    connected: boolean;
    migrationsPending: boolean | null;
    /** false while writes fail for a storage reason (disk full, I/O error), until one commits again. */
    writable: boolean;
    /** The storage error code (e.g. SQLITE_FULL) while `writable` is false. */
    writeError?: string;
    error?: string;
  };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** 200 when the database answers, its migrations are current and writes commit; 503 otherwise. */
  @Public()
  @ApiOkResponse({ description: 'The database answers and its migrations are current.', type: HealthDto })
  @ApiResponse({ status: 503, description: 'The database does not answer or has pending migrations.', type: HealthDto })
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const database: HealthDto['database'] = { type: this.dataSource.options.type, connected: false, migrationsPending: null, writable: true };
    try {
      await this.dataSource.query('SELECT 1');
      database.connected = true;
      database.migrationsPending = await this.dataSource.showMigrations();
      // After a storage failure, a harmless write tells whether writes commit again.
      database.writable = await this.transactions.probeWritable();
      if (!database.writable) database.writeError = this.transactions.state.lastError ?? undefined;
    } catch {
      database.error = 'The database did not answer.';
    }
    const ok = database.connected && database.migrationsPending === false && database.writable;
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database };
  }
}
