import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { Transactions } from '../database/transactions';
import { ShutdownState } from './shutdown.state';

/**
 * Kubernetes-style probes next to the detailed `/health`: `live` says the process answers (restart
 * it if not), `ready` says it should get traffic (database reachable, migrations current, writes
 * committing, not shutting down). Bodies are @nestjs/terminus's: `{status, info, error, details}`.
 */
@ApiTags('health')
@Controller('health')
export class HealthProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly transactions: Transactions,
    private readonly shutdown: ShutdownState,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 200 while the process runs its event loop; no database call. */
  @Public()
  @Get('live')
  @HealthCheck()
  @ApiOkResponse({ description: 'The process is alive: `{"status":"ok","info":{},"error":{},"details":{}}`.' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 200 when this instance should receive traffic; 503 (with what is down) otherwise. */
  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Ready: database, migrations, writes and lifecycle all `up`.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready: the `error` object names what is down.' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.lifecycle(),
      () => this.typeorm.pingCheck('database', { timeout: 1500 }),
      () => this.migrations(),
      () => this.writes(),
    ]);
  }

  private lifecycle() {
    const check = this.indicators.check('lifecycle');
    return this.shutdown.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async migrations() {
    const check = this.indicators.check('migrations');
    return (await this.dataSource.showMigrations()) ? check.down({ message: 'migrations pending' }) : check.up();
  }

  private async writes() {
    const check = this.indicators.check('writes');
    if (await this.transactions.probeWritable()) return check.up();
    return check.down({ message: 'writes are failing', error: this.transactions.state.lastError, since: this.transactions.state.failingSince });
  }
}
