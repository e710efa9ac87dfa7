import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { Transactions } from '../database/transactions';

/** The pg Pool's own counters (node-postgres). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The Prometheus metrics of one instance, in a registry of its own (not prom-client's global
 * one, so that several applications in one process, as in the tests, do not collide).
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly serverErrors = new Counter({
    name: 'http_server_errors_total',
    help: 'Responses with a 5xx status, by route pattern.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly loginFailures = new Counter({
    name: 'auth_login_failures_total',
    help: 'Refused sign-ins (401 on POST /api/auth/login).',
    registers: [this.registry],
  });

  readonly writeQueueWait = new Histogram({
    name: 'db_write_queue_wait_seconds',
    help: 'Time a unit of work waited for its turn on the SQLite write queue.',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    registers: [this.registry],
  });

  readonly unitsPerCommit = new Histogram({
    name: 'db_write_units_per_commit',
    help: 'SQLite: units of work that shared one transaction and its COMMIT (group commit).',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  constructor(
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const transactionsRef = this.transactions;
    new Gauge({
      name: 'db_write_queue_depth',
      help: 'Units of work waiting on the SQLite write queue (always 0 on PostgreSQL).',
      registers: [this.registry],
      collect() {
        this.set(transactionsRef.queueDepth);
      },
    });
    new Gauge({
      name: 'db_writable',
      help: '1 while writes commit, 0 after a storage failure (disk full, I/O error) until one commits again.',
      registers: [this.registry],
      collect() {
        this.set(transactionsRef.state.writable ? 1 : 0);
      },
    });
    const pool = () => this.pgPool();
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    this.transactions.onQueueWait((seconds) => this.writeQueueWait.observe(seconds));
    this.transactions.onGroupCommit((units) => this.unitsPerCommit.observe(units));
  }

  /** Records one finished HTTP request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
    if (status >= 500) this.serverErrors.inc({ route, status: String(status) });
    if (status === 401 && method === 'POST' && route === '/api/auth/login') this.loginFailures.inc();
  }

  private pgPool(): PgPool | null {
    if (this.dataSource.options.type !== 'postgres' || !this.dataSource.isInitialized) return null;
    return (this.dataSource.driver as unknown as { master?: PgPool }).master ?? null;
  }
}
