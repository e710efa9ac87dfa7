import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

export class HealthDto {
  status: 'ok' | 'error';
  database: { type: string; connected: boolean; migrationsPending: boolean | null; error?: string };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when the database answers and its migrations are current; 503 otherwise. */
  @Public()
  @ApiOkResponse({ description: 'The database answers and its migrations are current.', type: HealthDto })
  @ApiResponse({ status: 503, description: 'The database does not answer or has pending migrations.', type: HealthDto })
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const database: HealthDto['database'] = { type: this.dataSource.options.type, connected: false, migrationsPending: null };
    try {
      await this.dataSource.query('SELECT 1');
      database.connected = true;
      database.migrationsPending = await this.dataSource.showMigrations();
    } catch {
      database.error = 'The database did not answer.';
    }
    const ok = database.connected && database.migrationsPending === false;
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database };
  }
}
