import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CliIo, runCli } from '../../src/cli/main';
import { dataSourceOptions } from '../../src/database/data-source';
import { verifyPassword } from '../../src/auth/password';
import { dropDatabase, freshDatabaseUrl } from '../support/database';

function io(input = ''): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { stdin: Readable.from([input]), stdout, stderr, out: () => out, err: () => err };
}

describe('The command line', () => {
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await freshDatabaseUrl();
    process.env.DATABASE_URL = url;
    db = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 }));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });

  it('brings the database up to date with db:migrate', async () => {
    const cli = io();
    expect(await runCli(['db:migrate'], cli)).toBe(0);
    expect(await db.showMigrations()).toBe(false);
  });

  it('loads the sample article with db:seed, and a second run changes nothing', async () => {
    const first = io();
    expect(await runCli(['db:seed'], first)).toBe(0);
    expect(first.out()).toMatch(/created; 11 source\(s\) and \d+ claim\(s\) added/);
    const counts = async () => (await db.query('SELECT (SELECT COUNT(*) FROM claims) AS c, (SELECT COUNT(*) FROM sources) AS s'))[0];
    const before = await counts();
    const second = io();
    expect(await runCli(['db:seed'], second)).toBe(0);
    expect(second.out()).toContain('already present; 0 source(s) and 0 claim(s) added');
    expect(await counts()).toEqual(before);
  });

  it('creates a user with the password read from standard input, stored hashed', async () => {
    const cli = io('a-password-from-stdin\n');
    expect(await runCli(['user:create', '--username', 'maria', '--role', 'reviewer'], cli)).toBe(0);
    expect(cli.out()).toMatch(/Created reviewer maria \(id \d+\)/);
    const [row] = await db.query("SELECT role, password_hash FROM users WHERE username = 'maria'");
    expect(row.role).toBe('reviewer');
    expect(await verifyPassword('a-password-from-stdin', row.password_hash)).toBe(true);
  });

  it('refuses a bad role, a short password and an unknown command with exit code 2', async () => {
    const badRole = io('a-long-enough-password\n');
    expect(await runCli(['user:create', '--username', 'x', '--role', 'boss'], badRole)).toBe(2);
    expect(badRole.err()).toContain('--role editor|reviewer|admin');
    const short = io('short\n');
    expect(await runCli(['user:create', '--username', 'y', '--role', 'editor'], short)).toBe(2);
    expect(short.err()).toContain('at least 12 characters');
    const unknown = io();
    expect(await runCli(['db:explode'], unknown)).toBe(2);
    expect(unknown.err()).toContain('Unknown command: db:explode');
    const [{ n }] = await db.query("SELECT COUNT(*) AS n FROM users WHERE username IN ('x', 'y')");
    expect(Number(n)).toBe(0);
  });

  it('names the bad environment variable and stops', async () => {
    const saved = process.env.PORT;
    process.env.PORT = 'eighty';
    try {
      const cli = io();
      expect(await runCli(['db:migrate'], cli)).toBe(2);
      expect(cli.err()).toContain('PORT="eighty"');
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
