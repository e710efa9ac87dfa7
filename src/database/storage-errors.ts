/**
 * Errors that mean "the database could not store the change" (disk full, I/O error, read-only
 * file system, lock held elsewhere): the request was fine, the storage was not. They are answered
 * 503, mark the database as failing in /health, and make Transactions re-check the connection.
 * Pure: no Nest, no TypeORM, so it is unit-tested on its own.
 */
const SQLITE_STORAGE_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_PROTOCOL', 'SQLITE_NOMEM']);

/** PostgreSQL SQLSTATE: disk_full, insufficient_resources, out_of_memory, io_error, admin/crash shutdown, cannot_connect_now. */
const POSTGRES_STORAGE_CODES = new Set(['53100', '53000', '53200', '58030', '57P01', '57P02', '57P03']);

export interface StorageFailure {
  /** The driver's code, e.g. SQLITE_FULL or 53100. */
  code: string;
  /** What a client is told. */
  message: string;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: ErrorLike;
}

/** The storage failure an error (a TypeORM QueryFailedError or a driver error) stands for, or null. */
export function storageFailure(error: unknown): StorageFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as ErrorLike;
  for (const e of [candidate.driverError, candidate]) {
    if (!e) continue;
    const code = typeof e.code === 'string' ? e.code : '';
    // node-sqlite3 puts the primary code in `code` and the detail in the message (SQLITE_IOERR: disk I/O error).
    const sqlite = SQLITE_STORAGE_CODES.has(code) ? code : /^(SQLITE_[A-Z]+)\b/.exec(String(e.message ?? ''))?.[1];
    if (sqlite && SQLITE_STORAGE_CODES.has(sqlite)) return { code: sqlite, message: sqliteMessage(sqlite) };
    if (POSTGRES_STORAGE_CODES.has(code)) {
      return { code, message: 'The database cannot store changes right now (storage or server failure); nothing was saved. Try again later.' };
    }
  }
  return null;
}

function sqliteMessage(code: string): string {
  switch (code) {
    case 'SQLITE_FULL':
      return 'The database storage is full (disk full); nothing was saved. Try again once space has been freed.';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'The database is locked by another process; nothing was saved. Try again later.';
    case 'SQLITE_READONLY':
      return 'The database storage is read-only; nothing was saved. Try again later.';
    default:
      return 'The database storage failed (disk or I/O error); nothing was saved. Try again later.';
  }
}
