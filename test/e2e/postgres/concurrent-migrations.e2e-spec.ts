import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/database/data-source';
import { runMigrations } from '../../../src/database/migrate';
import { dropDatabase, emptyDatabaseUrl } from '../../support/database';

describe('Migrations started by two instances at once on PostgreSQL', () => {
  let url: string;
  let first: DataSource;
  let second: DataSource;

  beforeAll(async () => {
    url = await emptyDatabaseUrl();
    // Pools of one connection: the advisory lock must not take the connection the migrations need.
    const options = dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 });
    [first, second] = await Promise.all([new DataSource(options).initialize(), new DataSource(options).initialize()]);
  });

  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await dropDatabase(url);
  });

  it('both succeed: one applies every migration, the other waits and finds nothing to do', async () => {
    const results = await Promise.all([runMigrations(first), runMigrations(second)]);
    const names = first.migrations.map((m) => m.name);
    expect(results.map((applied) => applied.length).sort()).toEqual([0, names.length]);
    expect(results.flat()).toEqual(names);

    const rows: { name: string; n: string }[] = await first.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name ORDER BY name');
    expect(rows.map((r) => ({ name: r.name, n: Number(r.n) }))).toEqual([...names].sort().map((name) => ({ name, n: 1 })));
    expect(await second.showMigrations()).toBe(false);
    const pending = await second.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
