import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CliIo, runCli } from '../../src/cli/main';
import { copyDatabase, copyOrder, CopyProgress, TargetNotEmptyError } from '../../src/database/copy';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';
import { SeedService } from '../../src/seed/seed.service';
import { claimInput } from '../factories';
import { dropDatabase, emptyDatabaseUrl, testDatabaseKind } from '../support/database';
import { TestApp } from '../support/test-app';

const options = (url: string) => ({ DATABASE_URL: url, DATABASE_POOL_SIZE: 3, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 });

async function open(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(options(url))).initialize();
}

/** Every row of every table, in primary-key order, with booleans in one form (SQLite says 0/1). */
async function dump(dataSource: DataSource): Promise<Record<string, Record<string, unknown>[]>> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const table of copyOrder(dataSource)) {
    const q = (name: string) => dataSource.driver.escape(name);
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT ${table.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(table.name)} ORDER BY ${table.primaryKey.map(q).join(', ')}`,
    );
    const booleans = table.columns.filter((c) => c.type === 'boolean').map((c) => c.databaseName);
    tables[table.name] = rows.map((row) => {
      for (const name of booleans) if (row[name] !== null) row[name] = row[name] === true || row[name] === 1;
      return row;
    });
  }
  return tables;
}

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { stdin: Readable.from(['']), stdout, stderr, out: () => out, err: () => err };
}

/**
 * The source is always a SQLite file, as a desk that outgrows it has one. The target is an empty
 * database of the kind under test: PostgreSQL when TEST_DATABASE_URL points at a server (the
 * move this command exists for), else another SQLite file.
 */
describe(`db:copy from SQLite into an empty ${testDatabaseKind()} database`, () => {
  let source: TestApp;
  let editorPassword: string;
  const targets: string[] = [];

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-copy-source-')), 'source.sqlite');
    const migrated = await open(`sqlite:${file}`);
    await runMigrations(migrated);
    await migrated.destroy();
    source = await TestApp.start({ databaseUrl: `sqlite:${file}` });

    await source.app.get(SeedService).seedSample();
    const admin = await source.signIn('admin');
    const editor = await source.signIn('editor', 'olga');
    editorPassword = 'password-of-olga';
    const reviewer = await source.signIn('reviewer');
    // A deactivated user: a false boolean must arrive as false.
    await source.http.patch(`/api/users/${reviewer.id}`).set('Authorization', admin.auth).send({ version: 1, active: false }).expect(200);
    // A source whose parent was created after it: the self-reference must survive any row order.
    const child = await source.http.post('/api/sources').set('Authorization', editor.auth).send({ name: 'Child unit', kind: 'military_unit', aliases: ['Unité'] }).expect(201);
    const parent = await source.http.post('/api/sources').set('Authorization', editor.auth).send({ name: 'Parent ministry', kind: 'government_body' }).expect(201);
    await source.http.patch(`/api/sources/${child.body.id}`).set('Authorization', editor.auth).send({ version: 1, parentId: parent.body.id }).expect(200);
    const claims = await source.http.get('/api/articles/1/claims?pageSize=5').set('Authorization', editor.auth).expect(200);
    for (const claim of claims.body.items.slice(0, 3)) {
      await source.http
        .post(`/api/claims/${claim.id}/evidence`)
        .set('Authorization', editor.auth)
        .send({ url: `https://example.org/evidence/${claim.id}`, title: 'A demining report', stance: 'context' })
        .expect(201);
    }
    await source.http.patch(`/api/claims/${claims.body.items[0].id}`).set('Authorization', editor.auth).send({ version: 1, note: 'Checked twice' }).expect(200);
    // A deleted claim leaves a gap in the ids, which the copy must keep.
    const doomed = await source.http.post('/api/articles/1/claims').set('Authorization', editor.auth).send(claimInput({ quote: 'Palmyre', occurrence: 1 })).expect(201);
    await source.http.delete(`/api/claims/${doomed.body.id}`).set('Authorization', editor.auth).set('If-Match', '"1"').expect(204);
  });

  afterAll(async () => {
    await source.close();
    for (const url of targets) await dropDatabase(url);
  });

  async function emptyTarget(): Promise<string> {
    const url = await emptyDatabaseUrl();
    targets.push(url);
    return url;
  }

  it('copies every row of every table, ids and history intact, after migrating the empty target', async () => {
    const targetUrl = await emptyTarget();
    const target = await open(targetUrl);
    const progress: CopyProgress[] = [];
    try {
      const report = await copyDatabase(source.dataSource, target, { batchSize: 7, onProgress: (p) => progress.push({ ...p }) });

      expect(report.migrated).toEqual(source.dataSource.migrations.map((m) => m.name));
      const before = await dump(source.dataSource);
      const after = await dump(target);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });

      // 37 sample claims; a 38th was created and deleted.
      expect(before.claims).toHaveLength(37);
      expect(before.evidence_links).toHaveLength(3);
      expect(before.access_tokens.length).toBeGreaterThanOrEqual(3);
      expect(before.audit_events.length).toBeGreaterThan(40);
      expect(report.tables.every((t) => t.source === t.target)).toBe(true);
      expect(report.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
      expect(progress.at(-1)).toEqual(expect.objectContaining({ copied: report.rows, total: report.rows }));
      // Batches of 7: the claims table alone takes several steps.
      expect(progress.filter((p) => p.table === 'claims').length).toBeGreaterThan(5);
    } finally {
      await target.destroy();
    }

    // The copy is a working database: a copied user signs in with their password, and new rows
    // get ids past the copied ones instead of colliding with them.
    const copy = await TestApp.start({ databaseUrl: targetUrl });
    try {
      const login = await copy.http.post('/api/auth/login').send({ username: 'olga', password: editorPassword }).expect(200);
      const auth = `Bearer ${login.body.token}`;
      const created = await copy.http.post('/api/articles/1/claims').set('Authorization', auth).send(claimInput({ quote: 'Palmyre', occurrence: 1 })).expect(201);
      // Not 38: that id belonged to the deleted claim, whose audit events still name it.
      expect(created.body.id).toBe(39);
      const source2 = await copy.http.post('/api/sources').set('Authorization', auth).send({ name: 'New after the copy', kind: 'person' }).expect(201);
      const maxSourceId = Math.max(...(await source.dataSource.query('SELECT id FROM sources')).map((r: { id: number }) => Number(r.id)));
      expect(source2.body.id).toBe(maxSourceId + 1);
    } finally {
      await copy.close();
    }
  });

  it('refuses a target that already has data and leaves it unchanged', async () => {
    const targetUrl = await emptyTarget();
    const target = await open(targetUrl);
    try {
      await copyDatabase(source.dataSource, target);
      const before = await dump(target);
      await expect(copyDatabase(source.dataSource, target)).rejects.toThrow(TargetNotEmptyError);
      await expect(copyDatabase(source.dataSource, target)).rejects.toThrow(/already has data \(.*users: 3.*\); .*nothing was changed/);
      expect(await dump(target)).toEqual(before);
    } finally {
      await target.destroy();
    }
  });

  it('leaves the target without a single copied row when the copy fails half-way', async () => {
    const targetUrl = await emptyTarget();
    const target = await open(targetUrl);
    try {
      const failing = copyDatabase(source.dataSource, target, {
        batchSize: 5,
        onProgress: (p) => {
          if (p.table === 'claims' && p.copied > 0) throw new Error('the network went away');
        },
      });
      await expect(failing).rejects.toThrow('the network went away');
      const after = await dump(target);
      expect(Object.entries(after).filter(([, rows]) => rows.length > 0)).toEqual([]);
      // Nothing half-done stands in the way of a second try.
      const report = await copyDatabase(source.dataSource, target);
      expect(report.migrated).toEqual([]);
      expect(await dump(target)).toEqual(await dump(source.dataSource));
    } finally {
      await target.destroy();
    }
  });

  it('runs as `db:copy --to URL`: progress on stderr, the count check on stdout, a refusal with exit status 1', async () => {
    const targetUrl = await emptyTarget();
    process.env.DATABASE_URL = source.databaseUrl;
    const cli = io();
    expect(await runCli(['db:copy', '--to', targetUrl], cli)).toBe(0);
    const total = Object.values(await dump(source.dataSource)).reduce((n, rows) => n + rows.length, 0);
    expect(cli.err()).toContain(`100% ${total}/${total} rows`);
    expect(cli.out()).toContain(`Migrated the target: ${source.dataSource.migrations.map((m) => m.name).join(', ')}\n`);
    expect(cli.out()).toMatch(/^claims +37 +37$/m);
    expect(cli.out()).toContain(`Copied ${total} rows in ${copyOrder(source.dataSource).length} tables; every count matches.`);

    const again = io();
    expect(await runCli(['db:copy', '--to', targetUrl], again)).toBe(1);
    expect(again.err()).toMatch(/already has data .*nothing was changed/);

    const missing = io();
    expect(await runCli(['db:copy'], missing)).toBe(2);
    expect(missing.err()).toContain('db:copy needs --to');
  });
});
