import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';

/**
 * Test databases are built by running the migrations once per suite run (the template), then
 * copied per test file: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.
 * `TEST_DATABASE_URL=postgres://user:pass@host:port/postgres` runs the same suite on PostgreSQL.
 */
export const TEMPLATE_ENV = 'CLAIMTRAIL_TEST_TEMPLATE';

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
}

/**
 * Test databases sort text byte by byte, as SQLite does and as the README recommends for
 * production, whatever the server's default locale: the specs' expected orders hold everywhere.
 */
const BYTEWISE = "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'";

const dbOptions = (url: string) => ({ DATABASE_URL: url, DATABASE_POOL_SIZE: 5, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 });

/** Migrates a fresh template database and returns where it is. */
export async function buildTemplate(): Promise<string> {
  if (testDatabaseKind() === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-template-')), 'template.sqlite');
    const dataSource = new DataSource(dataSourceOptions(dbOptions(`sqlite:${file}`)));
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy(); // checkpoints the WAL into the file
    return file;
  }
  const name = `claimtrail_template_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} ${BYTEWISE}`);
  const dataSource = new DataSource(dataSourceOptions(dbOptions(withDatabase(process.env.TEST_DATABASE_URL!, name))));
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  return name;
}

/** A new database for one test file, copied from the template; returns its DATABASE_URL. */
export async function freshDatabaseUrl(): Promise<string> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('The test template database is missing: run the tests through jest (globalSetup).');
  if (testDatabaseKind() === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-test-')), 'test.sqlite');
    copyFileSync(template, file);
    return `sqlite:${file}`;
  }
  const name = `claimtrail_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return withDatabase(process.env.TEST_DATABASE_URL!, name);
}

/** A new database with no tables at all (not even the migrations table); returns its DATABASE_URL. */
export async function emptyDatabaseUrl(): Promise<string> {
  if (testDatabaseKind() === 'sqlite') return `sqlite:${join(mkdtempSync(join(tmpdir(), 'claimtrail-empty-')), 'empty.sqlite')}`;
  const name = `claimtrail_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} ${BYTEWISE}`);
  return withDatabase(process.env.TEST_DATABASE_URL!, name);
}

export async function dropDatabase(url: string): Promise<void> {
  if (!url.startsWith('postgres')) return;
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function dropTemplate(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (testDatabaseKind() === 'postgres' && template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
