import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { Transactions } from '../database/transactions';
import { ShutdownState } from './shutdown.state';

const DATABASE_PING_TIMEOUT_MS = 1500;

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
      () => this.database(),
      () => this.migrations(),
      () => this.writes(),
    ]);
  }

  private lifecycle() {
    const check = this.indicators.check('lifecycle');
    return this.shutdown.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  /**
   * `SELECT 1` within 1.5 s. Terminus's TypeOrmHealthIndicator does the same, but checks on
   * construction that typeorm can be loaded with a `require` of a computed name: in the one-file
   * build that loads a second typeorm from node_modules, a third of the start-up time.
   */
  private async database() {
    const check = this.indicators.check('database');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DATABASE_PING_TIMEOUT_MS)));
    try {
      const outcome = await Promise.race([this.dataSource.query('SELECT 1').then(() => 'up' as const), timeout]);
      return outcome === 'up' ? check.up() : check.down({ message: `timeout of ${DATABASE_PING_TIMEOUT_MS}ms exceeded` });
    } catch {
      return check.down();
    } finally {
      clearTimeout(timer);
    }
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
