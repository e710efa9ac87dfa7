import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database, OPEN_READWRITE } from 'sqlite3';
import { MIGRATIONS } from '../../migrations';
import { acquireInstanceLock } from './instance-lock';

/**
 * Online backup and restore of the SQLite database (issue 15, item 5). Copying the `.sqlite` file
 * alone misses the writes still in its `-wal`; `VACUUM INTO` writes one consistent snapshot (the
 * database as of the moment it starts, WAL included) while the server keeps serving, and the copy
 * is checked with `PRAGMA integrity_check`. PostgreSQL has pg_dump / pg_restore for this.
 */
export interface BackupReport {
  file: string;
  bytes: number;
  tables: { table: string; rows: number }[];
  migrations: string[];
}

export class BackupError extends Error {}

type Row = Record<string, unknown>;

function open(file: string, mode: number): Promise<Database> {
  return new Promise((resolve, reject) => {
    const db = new Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function all(db: Database, sql: string, params: unknown[] = []): Promise<Row[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))));
}

function close(db: Database): Promise<void> {
  return new Promise((resolve) => db.close(() => resolve()));
}

/** Writes a consistent copy of `source` to `out` (which must not exist), then checks it. */
export async function backupSqlite(source: string, out: string, onProgress: (bytes: number, total: number) => void = () => undefined): Promise<BackupReport> {
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose a new file name (a backup never overwrites).`);
  const db = await open(source, OPEN_READWRITE);
  try {
    await all(db, 'PRAGMA busy_timeout = 30000');
    const [{ page_count: pages }] = await all(db, 'PRAGMA page_count');
    const [{ page_size: pageSize }] = await all(db, 'PRAGMA page_size');
    const total = Number(pages) * Number(pageSize);
    onProgress(0, total);
    // VACUUM INTO runs on the driver's thread; meanwhile the copy's growing size is the progress.
    const timer = setInterval(() => onProgress(existsSync(out) ? Math.min(statSync(out).size, total) : 0, total), 100);
    try {
      await all(db, 'VACUUM INTO ?', [out]);
    } finally {
      clearInterval(timer);
    }
    onProgress(total, total);
  } finally {
    await close(db);
  }
  try {
    return await checkCopy(out);
  } catch (error) {
    unlinkSync(out);
    throw error;
  }
}

/**
 * Opens a copy and proves it whole: integrity_check ok, migrations this code knows. Opened
 * read-write because integrity_check also validates the FTS5 search indexes (claim matching),
 * which SQLite refuses on a read-only handle ("attempt to write a readonly database"); the check
 * itself changes no row.
 */
export async function checkCopy(file: string): Promise<BackupReport> {
  let db: Database;
  try {
    db = await open(file, OPEN_READWRITE);
  } catch {
    throw new BackupError(`${file} cannot be opened as a SQLite database.`);
  }
  try {
    let integrity: Row[];
    try {
      integrity = await all(db, 'PRAGMA integrity_check');
    } catch (error) {
      throw new BackupError(`${file} is not a valid SQLite database (${error instanceof Error ? error.message : String(error)}).`);
    }
    const verdict = integrity.map((row) => String(row.integrity_check)).join('; ');
    if (verdict !== 'ok') throw new BackupError(`${file} failed PRAGMA integrity_check: ${verdict.slice(0, 500)}`);
    const names = (await all(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => String(r.name));
    if (!names.includes('migrations')) throw new BackupError(`${file} is not a Claimtrail database (it has no migrations table).`);
    const migrations = (await all(db, 'SELECT name FROM migrations ORDER BY id')).map((r) => String(r.name));
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = migrations.filter((m) => !known.has(m));
    if (unknown.length) throw new BackupError(`${file} comes from a newer Claimtrail (migrations ${unknown.join(', ')}); update this installation first.`);
    const tables: BackupReport['tables'] = [];
    for (const table of names) {
      const [{ n }] = await all(db, `SELECT COUNT(*) AS n FROM "${table}"`);
      tables.push({ table, rows: Number(n) });
    }
    return { file, bytes: statSync(file).size, tables, migrations };
  } finally {
    await close(db);
  }
}

export interface RestoreReport extends BackupReport {
  /** Where the database that was replaced now is (null: there was none). */
  previous: string | null;
}

/**
 * Puts a checked backup in place of `target`. Refuses while a server (or another restore) holds
 * the database's instance lock, when the backup fails its check, and when `target` exists unless
 * `replace` (the old files are then kept aside, never deleted). The swap is a rename: a crash
 * leaves either the old database or the new one, never half of each.
 */
export async function restoreSqlite(backup: string, target: string, options: { replace: boolean }): Promise<RestoreReport> {
  if (!existsSync(backup)) throw new BackupError(`There is no backup at ${backup}.`);
  mkdirSync(dirname(target), { recursive: true });
  const lock = acquireInstanceLock(target, 'db:restore');
  try {
    await checkCopy(backup);
    const present = [target, `${target}-wal`, `${target}-shm`].filter((f) => existsSync(f));
    if (existsSync(target) && !options.replace) {
      throw new BackupError(`${target} exists. Pass --replace to restore over it (it is kept as ${target}.before-restore-<time>).`);
    }
    const staging = `${target}.restoring`;
    if (existsSync(staging)) unlinkSync(staging);
    copyFileSync(backup, staging);
    const fd = openSync(staging, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    const report = await checkCopy(staging);
    let previous: string | null = null;
    if (present.length) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const file of present) renameSync(file, file.replace(target, previous));
    }
    renameSync(staging, target);
    return { ...report, file: target, previous };
  } finally {
    lock.release();
  }
}
