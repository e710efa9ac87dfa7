import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Planner statistics. PostgreSQL keeps its own (autovacuum's ANALYZE). SQLite has none until
 * ANALYZE runs: after migrations that add indexes, statistics are gathered (bounded by
 * analysis_limit, so a large database takes well under a second), and `PRAGMA optimize` runs
 * before the connection closes, as SQLite recommends, refreshing whatever the session's queries
 * showed to be stale.
 */
@Injectable()
export class DatabaseStatistics implements BeforeApplicationShutdown {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** After migrations changed the schema. */
  async refresh(): Promise<void> {
    if (this.dataSource.options.type !== 'sqlite') return;
    await this.dataSource.query('PRAGMA analysis_limit = 1000');
    await this.dataSource.query('ANALYZE');
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.dataSource.options.type !== 'sqlite' || !this.dataSource.isInitialized) return;
    await this.dataSource.query('PRAGMA optimize').catch(() => undefined);
  }
}
