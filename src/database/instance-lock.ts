import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * One server per SQLite file (issue 15, item 6). SQLite serialises writes inside one process
 * (Transactions' queue), not across processes: a second instance on the same file would start
 * healthy and then fail with SQLITE_BUSY. So the server takes `<database>.lock`, created
 * exclusively, holding its pid, host and start time; a second instance refuses to start and
 * names the owner. A lock whose process is gone (a crash, kill -9) is stale and taken over.
 */
export interface InstanceLockOwner {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
}

export class InstanceLockError extends Error {}

export interface InstanceLock {
  path: string;
  release(): void;
}

export function lockPath(databaseFile: string): string {
  return `${databaseFile}.lock`;
}

/** Who holds the lock on `databaseFile`, if a live process does (null: free or stale). */
export function lockOwner(databaseFile: string): InstanceLockOwner | null {
  let owner: InstanceLockOwner;
  try {
    owner = JSON.parse(readFileSync(lockPath(databaseFile), 'utf8')) as InstanceLockOwner;
  } catch {
    return null; // no lock file, or a torn one (its writer died while writing)
  }
  if (owner.host !== hostname()) return owner; // another machine's process: cannot check, assume alive
  return isAlive(owner.pid) ? owner : null;
}

/** Takes the lock or throws an InstanceLockError that names the owner. */
export function acquireInstanceLock(databaseFile: string, purpose: string): InstanceLock {
  const path = lockPath(databaseFile);
  const me: InstanceLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(readFileSync(path, 'utf8')) as InstanceLockOwner;
            if (current.pid === me.pid && current.startedAt === me.startedAt) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = lockOwner(databaseFile);
      if (owner) {
        throw new InstanceLockError(
          `Another Claimtrail process (pid ${owner.pid} on ${owner.host}, ${owner.purpose}, since ${owner.startedAt}) is using ${databaseFile}. ` +
            `One SQLite file serves one instance: stop that one first, or move to PostgreSQL to run several. ` +
            `(If no such process exists, delete ${path}.)`,
        );
      }
      // Stale: its owner is gone. Remove it and try again (another starter may win the race; then we refuse).
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it
      }
    }
  }
  throw new InstanceLockError(`Could not take the lock ${path}; another process keeps recreating it.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
