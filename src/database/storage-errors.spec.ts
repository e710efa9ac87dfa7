import { storageFailure } from './storage-errors';

describe(storageFailure.name, () => {
  it('recognises SQLite disk-full and I/O errors by code, as node-sqlite3 reports them', () => {
    expect(storageFailure({ driverError: { code: 'SQLITE_FULL', message: 'SQLITE_FULL: database or disk is full' } })?.code).toBe('SQLITE_FULL');
    expect(storageFailure({ code: 'SQLITE_IOERR', message: 'SQLITE_IOERR: disk I/O error' })?.message).toMatch(/database storage failed/);
  });

  it('recognises a SQLite storage error by its message when the code is missing', () => {
    expect(storageFailure(new Error('SQLITE_FULL: database or disk is full'))?.message).toMatch(/full/);
  });

  it('recognises PostgreSQL disk_full and io_error', () => {
    expect(storageFailure({ driverError: { code: '53100' } })?.code).toBe('53100');
    expect(storageFailure({ driverError: { code: '58030' } })?.code).toBe('58030');
  });

  it('leaves constraint violations and ordinary errors alone', () => {
    expect(storageFailure({ driverError: { code: 'SQLITE_CONSTRAINT', message: 'SQLITE_CONSTRAINT: UNIQUE constraint failed' } })).toBeNull();
    expect(storageFailure({ driverError: { code: '23505' } })).toBeNull();
    expect(storageFailure(new Error('boom'))).toBeNull();
    expect(storageFailure(undefined)).toBeNull();
  });
});
