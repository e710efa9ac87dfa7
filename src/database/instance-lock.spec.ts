import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireInstanceLock, InstanceLockError, lockOwner, lockPath } from './instance-lock';

describe('instance lock', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'claimtrail-lock-')), 'desk.sqlite');

  it('writes the owner next to the database and removes it on release', () => {
    const db = file();
    const lock = acquireInstanceLock(db, 'server');
    expect(JSON.parse(readFileSync(lockPath(db), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), purpose: 'server' });
    lock.release();
    expect(existsSync(lockPath(db))).toBe(false);
  });

  it('refuses a second holder while the first is alive, naming it', () => {
    const db = file();
    const lock = acquireInstanceLock(db, 'server');
    expect(() => acquireInstanceLock(db, 'server')).toThrow(InstanceLockError);
    expect(() => acquireInstanceLock(db, 'server')).toThrow(new RegExp(`pid ${process.pid} on .*One SQLite file serves one instance`));
    lock.release();
  });

  it('takes over a stale lock whose process is gone', () => {
    const db = file();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lockPath(db), JSON.stringify({ pid: Number(dead), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', purpose: 'server' }));
    expect(lockOwner(db)).toBeNull();
    const lock = acquireInstanceLock(db, 'server');
    expect(JSON.parse(readFileSync(lockPath(db), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a torn (unreadable) lock file', () => {
    const db = file();
    writeFileSync(lockPath(db), '{"pid": 12');
    acquireInstanceLock(db, 'server').release();
  });
});
