import { TestApp } from '../support/test-app';

describe('The database connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('enforces foreign keys: an alias of a source that does not exist cannot be stored', async () => {
    await expect(
      t.dataSource.query(
        "INSERT INTO source_aliases (source_id, alias, alias_folded) VALUES (987654, 'ghost', 'ghost')",
      ),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });
});
