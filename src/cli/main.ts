#!/usr/bin/env node
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { userInfo } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { CLAIM_KINDS, CLAIM_STATUSES, ClaimKind, ClaimStatus } from '../claims/claim.entity';
import { Env, EnvError, loadEnv, sqliteDatabaseFile } from '../config/env';
import { BackupError, BackupReport, backupSqlite, restoreSqlite } from '../database/backup';
import { InstanceLockError } from '../database/instance-lock';
import type { ClaimObserver } from '../reports/report-writer';
import { CSV_ROWS, CsvRows, REPORT_FORMATS, ReportFormat } from '../reports/report.model';
import { isLang, LANGUAGES } from '../i18n/i18n';
import { ROLES, Role } from '../users/user.entity';
import { ProgressBar } from './progress';
import { readSecret } from './read-secret';

// Modules are loaded by the commands that need them (`await import`), not here: a report or a
// backup then starts without loading the web application, its OpenAPI, sign-in and the rest.

const USAGE = `Usage: claimtrail <command> [options]   (or: npm run cli -- <command> [options])

Commands:
  db:migrate                                   run pending migrations
  db:copy --to postgres://user:pass@host:port/db
                                               copy every row of this database (DATABASE_URL) into an
                                               empty one, in one transaction; migrates it first
  db:seed                                      load the sample article, its sources and claims (idempotent)
  db:backup --out FILE                         online backup of the SQLite database (VACUUM INTO), checked
                                               with PRAGMA integrity_check; safe while the server runs
  db:restore --from FILE [--replace]           put a checked backup in place of the SQLite database; refused
                                               while a server uses it; --replace keeps the old one aside
                                               (on PostgreSQL both commands explain pg_dump / pg_restore)
  user:create --username NAME --role ROLE      create a user (editor, reviewer or admin); the password
                                               is read from standard input (at least 12 characters)
  report --article ID [--format FORMAT] [--out FILE] [--published-only]
                                               the sourced report of one article; FORMAT is md (default),
                                               html, json, csv or claimreview; standard output without --out
  report [--status S,S] [--kind K,K] [--source-id ID] [--source-role speaker|relay|any] [...]
                                               a report on the matching claims across articles
         report options: --rows claims|links (csv), --by NAME (who made it; default: your user name),
                         --generated-at ISO-INSTANT (pin the report's time, for reproducible output),
                         --lang en|fr (the labels of md and html reports; default en)
  factchecks:import FILE                       import fact-checks published elsewhere (ClaimReview JSON-LD array,
                                               a page's @graph, or Google Fact Check Tools claims[].claimReview[]);
                                               deduplicated by url, all or nothing
  search:reindex                               recompute the matching keys and rebuild the text search indexes
  suggest --article ID [--json]                the article's suggested claims (not yet accepted or rejected),
                                               with score, reason and chain, as a table or as JSON

Configuration comes from the environment (DATABASE_URL, ...), as for the server.`;

export class UsageError extends Error {}

/** Where a command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = (app: INestApplicationContext, args: string[], io: CliIo) => Promise<void>;

const commands: Record<string, Command> = {
  'db:migrate': async () => {
    // prepareDatabase runs the migrations; nothing else to do.
  },
  'db:copy': async (app, args, io) => {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
    if (!values.to) throw new UsageError('db:copy needs --to postgres://user:pass@host:port/db');
    const env = app.get(Env);
    let targetEnv: Env;
    try {
      targetEnv = loadEnv({ ...process.env, DATABASE_URL: values.to });
    } catch {
      throw new UsageError('db:copy --to must be postgres://user:pass@host:port/db (or sqlite:<path>)');
    }
    if (targetEnv.DATABASE_URL === env.DATABASE_URL) throw new UsageError('db:copy --to names the database being copied.');
    const [{ DataSource }, { getDataSourceToken }, { dataSourceOptions }, { copyDatabase }] = await Promise.all([
      import('typeorm'),
      import('@nestjs/typeorm'),
      import('../database/data-source'),
      import('../database/copy'),
    ]);
    const target = new DataSource(dataSourceOptions(targetEnv));
    await target.initialize();
    try {
      const bar = new ProgressBar(io.stderr);
      let last = { copied: 0, total: 0, table: '' };
      const report = await copyDatabase(app.get<import('typeorm').DataSource>(getDataSourceToken()), target, {
        onProgress: (p) => {
          last = p;
          bar.update(p.copied, p.total, p.table);
        },
      });
      bar.finish(last.copied, last.total, 'done');
      if (report.migrated.length) io.stdout.write(`Migrated the target: ${report.migrated.join(', ')}\n`);
      const width = Math.max(...report.tables.map((t) => t.table.length), 5);
      io.stdout.write(`${'table'.padEnd(width)}  ${'source'.padStart(8)}  ${'target'.padStart(8)}\n`);
      for (const t of report.tables) {
        io.stdout.write(`${t.table.padEnd(width)}  ${String(t.source).padStart(8)}  ${String(t.target).padStart(8)}\n`);
      }
      io.stdout.write(`Copied ${report.rows} rows in ${report.tables.length} tables; every count matches.\n`);
    } finally {
      await target.destroy();
    }
  },
  'db:seed': async (app, _args, io) => {
    const { SeedService } = await import('../seed/seed.service');
    const report = await app.get(SeedService).seedSample();
    io.stdout.write(
      `Sample article ${report.articleId}: ${report.articleCreated ? 'created' : 'already present'}; ` +
        `${report.sourcesCreated} source(s) and ${report.claimsCreated} claim(s) added.\n`,
    );
  },
  'user:create': async (app, args, io) => {
    const { values } = parseArgs({
      args,
      options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' } },
    });
    if (!values.username) throw new UsageError('user:create needs --username NAME');
    if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`user:create needs --role ${ROLES.join('|')}`);
    const password = await readSecret(io, `Password for ${values.username}: `);
    if (password.length < 12) throw new UsageError('The password must have at least 12 characters.');
    const { UsersService } = await import('../users/users.service');
    const user = await app.get(UsersService).create(null, {
      username: values.username,
      role: values.role as Role,
      displayName: values['display-name'],
      password,
    });
    io.stdout.write(`Created ${user.role} ${user.username} (id ${user.id}).\n`);
  },
  suggest: async (app, args, io) => {
    const { values } = parseArgs({ args, options: { article: { type: 'string' }, json: { type: 'boolean', default: false } } });
    if (values.article === undefined) throw new UsageError('suggest needs --article ID');
    const [{ SuggestionsService }, { suggestionTable }] = await Promise.all([import('../suggestions/suggestions.service'), import('../suggestions/table')]);
    const result = await app.get(SuggestionsService).list(positiveInt('--article', values.article));
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : suggestionTable(result.items));
  },
  'factchecks:import': async (app, args, io) => {
    const [file] = args;
    if (!file) throw new UsageError('factchecks:import needs a FILE (JSON)');
    let document: unknown;
    if (!existsSync(file)) throw new UsageError(`factchecks:import: ${file} does not exist. Nothing was imported.`);
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`factchecks:import: cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`);
    }
    const { ClaimReviewFormatError } = await import('../matching/claim-review');
    const { FactChecksService } = await import('../matching/fact-checks.service');
    const bar = new ProgressBar(io.stderr);
    let last = { done: 0, total: 0 };
    let report;
    try {
      report = await app.get(FactChecksService).import(document, (p) => {
        last = p;
        bar.update(p.done, p.total, 'fact-checks');
      });
    } catch (error) {
      if (error instanceof ClaimReviewFormatError) throw new UsageError(`factchecks:import: ${file}: ${error.message} Nothing was imported.`);
      throw error;
    }
    bar.finish(last.done, last.total, 'done');
    const ignored = report.ignored.length ? `, ignored ${report.ignored.length} (not ClaimReview)` : '';
    io.stdout.write(`${report.entries} entries: taken ${report.taken}, skipped ${report.skipped.length}, refused ${report.refused.length}${ignored}.\n`);
    for (const s of report.skipped) io.stdout.write(`  skipped #${s.index}: ${s.reason}\n`);
    for (const r of report.refused) io.stdout.write(`  refused #${r.index}: ${r.reason}\n`);
    for (const r of report.ignored) io.stdout.write(`  ignored #${r.index}: ${r.reason}\n`);
  },
  'search:reindex': async (app, _args, io) => {
    const { FactChecksService } = await import('../matching/fact-checks.service');
    const bar = new ProgressBar(io.stderr);
    const counts = await app.get(FactChecksService).reindex((p) => bar.update(p.done, p.total, p.corpus));
    bar.finish(counts.claims + counts.factChecks, counts.claims + counts.factChecks, 'done');
    io.stdout.write(`Reindexed ${counts.claims} claim(s) and ${counts.factChecks} fact-check(s).\n`);
  },
};

/**
 * Commands that run without the Nest application, with the environment only: `db:backup` and
 * `db:restore` work on the database file itself (a restore replaces it, so it must not be
 * open), and `report` opens a bare data source with the report writer, so that it starts in a
 * fraction of the time and memory the whole application takes.
 */
const fileCommands: Record<string, (env: Env, args: string[], io: CliIo) => Promise<void>> = {
  report: async (env, args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        article: { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
        'published-only': { type: 'boolean', default: false },
        rows: { type: 'string', default: 'claims' },
        status: { type: 'string' },
        kind: { type: 'string' },
        'source-id': { type: 'string' },
        'source-role': { type: 'string' },
        by: { type: 'string' },
        'generated-at': { type: 'string' },
        lang: { type: 'string', default: 'en' },
      },
    });
    const format = values.format as ReportFormat;
    const lang = values.lang;
    if (!isLang(lang)) throw new UsageError(`report --lang must be one of ${LANGUAGES.join(', ')}`);
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`report --format must be one of ${REPORT_FORMATS.join(', ')}`);
    const rows = values.rows as CsvRows;
    if (!CSV_ROWS.includes(rows)) throw new UsageError(`report --rows must be one of ${CSV_ROWS.join(', ')}`);
    const articleId = values.article === undefined ? undefined : positiveInt('--article', values.article);
    const status = list('--status', values.status, CLAIM_STATUSES) as ClaimStatus[] | undefined;
    const kind = list('--kind', values.kind, CLAIM_KINDS) as ClaimKind[] | undefined;
    const sourceRole = values['source-role'];
    if (sourceRole !== undefined && !['speaker', 'relay', 'any'].includes(sourceRole)) throw new UsageError('report --source-role must be speaker, relay or any');
    let generatedAt: Date | undefined;
    if (values['generated-at'] !== undefined) {
      generatedAt = new Date(values['generated-at']);
      if (Number.isNaN(generatedAt.getTime())) throw new UsageError('report --generated-at must be an ISO 8601 instant, e.g. 2016-04-09T12:00:00Z');
    }
    const request = {
        articleId,
        filters: {
          status,
          kind,
          sourceId: values['source-id'] === undefined ? undefined : positiveInt('--source-id', values['source-id']),
          sourceRole: sourceRole as 'speaker' | 'relay' | 'any' | undefined,
        },
        format,
        publishedOnly: values['published-only'] ?? false,
        rows,
        lang,
      };
    const [{ DataSource }, { dataSourceOptions }, { migrateBare }, { ReportWriter }, { claimReadiness, readinessLines }] = await Promise.all([
      import('typeorm'),
      import('../database/data-source'),
      import('../database/migrate'),
      import('../reports/report-writer'),
      import('../public/readiness'),
    ]);
    const dataSource = new DataSource(dataSourceOptions(env));
    await dataSource.initialize();
    try {
      await migrateBare(dataSource);
      const writer = new ReportWriter(dataSource, env);
      const publisher = writer.publisher();
      // The same readiness check as the claim panel, for each published claim as it is written, on
      // standard error so the markup stays clean.
      const observe: ClaimObserver | undefined =
        format === 'claimreview'
          ? (claim, article) => {
              if (!claim.published) return;
              for (const line of readinessLines(claim.id, claimReadiness(claim, article, publisher))) io.stderr.write(`Warning: ${line}\n`);
            }
          : undefined;
      const report = await writer.open(request, { generatedBy: values.by ?? currentUserName(), generatedAt }, observe);
      if (values.out) {
        await pipeline(report.stream, createWriteStream(values.out));
        io.stderr.write(`Wrote ${values.out}\n`);
        return;
      }
      // Standard output is never ended, so it is written chunk by chunk rather than piped.
      for await (const chunk of report.stream) {
        if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
      }
    } finally {
      await dataSource.destroy();
    }
  },
  'db:backup': async (env, args, io) => {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out) throw new UsageError('db:backup needs --out FILE');
    const source = sqliteOnly(env, 'db:backup');
    const started = Date.now();
    let lastStep = -1;
    const report = await backupSqlite(source, values.out, (bytes, total) => {
      const percent = total > 0 ? Math.floor((bytes / total) * 100) : 100;
      const step = Math.floor(percent / 25);
      if (step === lastStep) return;
      lastStep = step;
      io.stderr.write(`Backing up ${source}: ${String(percent).padStart(3)}% ${mib(bytes)}/${mib(total)} MiB\n`);
    });
    io.stderr.write(`Checked the copy: PRAGMA integrity_check ok.\n`);
    writeTables(io, report);
    io.stdout.write(`Backup written to ${report.file} (${mib(report.bytes)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
  },
  'db:restore': async (env, args, io) => {
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, replace: { type: 'boolean', default: false } } });
    if (!values.from) throw new UsageError('db:restore needs --from FILE');
    const target = sqliteOnly(env, 'db:restore');
    io.stderr.write(`Checking ${values.from} (PRAGMA integrity_check)...\n`);
    const report = await restoreSqlite(values.from, target, { replace: values.replace ?? false });
    writeTables(io, report);
    if (report.previous) io.stdout.write(`The database it replaced is kept as ${report.previous}.\n`);
    io.stdout.write(`Restored ${values.from} to ${target}. Start the server.\n`);
  },
};

function sqliteOnly(env: Env, command: string): string {
  const file = sqliteDatabaseFile(env.DATABASE_URL);
  if (file) return file;
  throw new UsageError(
    `${command} is for SQLite. On PostgreSQL use its own tools, e.g.\n` +
      `  pg_dump --format=custom --file claimtrail.dump "$DATABASE_URL"\n` +
      `  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" claimtrail.dump\n` +
      `(see "Backups and restore" in the README).`,
  );
}

function writeTables(io: CliIo, report: BackupReport): void {
  const width = Math.max(...report.tables.map((t) => t.table.length), 5);
  for (const t of report.tables) io.stdout.write(`${t.table.padEnd(width)}  ${String(t.rows).padStart(8)}\n`);
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function positiveInt(option: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${option} must be a positive whole number`);
  return Number(value);
}

function list(option: string, value: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').filter(Boolean);
  const bad = items.filter((i) => !allowed.includes(i));
  if (bad.length) throw new UsageError(`${option}: unknown ${bad.join(', ')} (one of ${allowed.join(', ')})`);
  return items;
}

function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'command line';
  }
}

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const fileCommand = name ? fileCommands[name] : undefined;
  if (fileCommand) {
    try {
      await fileCommand(loadEnv(), args, io);
      return 0;
    } catch (error) {
      io.stderr.write(`${describe(error)}\n`);
      return error instanceof UsageError || error instanceof EnvError ? 2 : 1;
    }
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    io.stderr.write(`${name && name !== '--help' && name !== 'help' ? `Unknown command: ${name}\n\n` : ''}${USAGE}\n`);
    return name === '--help' || name === 'help' ? 0 : 2;
  }
  let app: INestApplicationContext | undefined;
  try {
    loadEnv();
    const [{ NestFactory }, { AppModule }, { prepareDatabase }] = await Promise.all([import('@nestjs/core'), import('../app.module'), import('../bootstrap')]);
    app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    await prepareDatabase(app, { firstStart: false });
    await command(app, args, io);
    return 0;
  } catch (error) {
    io.stderr.write(`${describe(error)}\n`);
    return error instanceof UsageError || error instanceof EnvError ? 2 : 1;
  } finally {
    await app?.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof UsageError || error instanceof EnvError) return error.message;
  if (error instanceof BackupError || error instanceof InstanceLockError) return `Refused: ${error.message}`;
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (response && typeof response === 'object' && 'message' in response) return `Error: ${String((response as { message: unknown }).message)}`;
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
