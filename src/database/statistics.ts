import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { gatherStatistics } from './migrate';

/**
 * Planner statistics. SQLite has none until ANALYZE runs: after migrations, statistics are
 * gathered on both databases (`gatherStatistics`), and on SQLite `PRAGMA optimize` runs
 * before the connection closes, as SQLite recommends, refreshing whatever the session's queries
 * showed to be stale.
 */
@Injectable()
export class DatabaseStatistics implements BeforeApplicationShutdown {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** After migrations changed the schema. */
  refresh(): Promise<void> {
    return gatherStatistics(this.dataSource);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.dataSource.options.type !== 'sqlite' || !this.dataSource.isInitialized) return;
    await this.dataSource.query('PRAGMA optimize').catch(() => undefined);
  }
}
