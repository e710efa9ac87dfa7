import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';
import { dropDatabase, freshDatabaseUrl } from '../support/database';

describe('migrations', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await freshDatabaseUrl();
    dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(url);
  });

  it('produce exactly the schema the entities describe', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('leave nothing pending, and a second run applies nothing', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it('can be reverted to an empty database and applied again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    const tables: unknown[] = await runner.getTables(['claims', 'users']).finally(() => runner.release());
    expect(tables).toHaveLength(0);
    expect((await runMigrations(dataSource)).length).toBe(dataSource.migrations.length);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toHaveLength(0);
  });
});
