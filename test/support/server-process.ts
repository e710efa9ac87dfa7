import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout, line by line (JSON log lines and the first-start banner). */
  stdout: string[];
  stderr: string[];
  /** The admin password printed on the first start, if it was. */
  readonly adminPassword: string | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = join(__dirname, '..', '..');

/** How to run the server: from its TypeScript sources (the default), or a built entry file. */
export const FROM_SOURCES = ['-r', '@swc-node/register', 'src/main.ts'];

/**
 * The real server (src/main.ts) in a process of its own, compiled on the fly by @swc-node/register
 * (no build needed) unless `args` names a built entry, on 127.0.0.1 and a free port. Resolves once
 * it serves, or rejects with what it printed if it exits first.
 */
export function startServer(env: Record<string, string>, args: string[] = FROM_SOURCES): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const collect = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      into.push(...lines);
    };
  };
  child.stdout!.on('data', collect(stdout));
  child.stderr!.on('data', collect(stderr));
  return new Promise((resolve, reject) => {
    let servingSince = 0;
    const timer = setInterval(() => {
      const serving = stdout.map((line) => /Serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)).find(Boolean);
      // A moment more after "Serving on": the first start's banner follows it.
      if (serving && !servingSince) servingSince = Date.now();
      if (serving && Date.now() - servingSince >= 200) {
        clearInterval(timer);
        resolve({
          child,
          url: serving[1],
          stdout,
          stderr,
          // Read when asked: the first start's banner is printed just after the "Serving on" line.
          get adminPassword() {
            return stdout.map((line) => /^\s+password: (\S+)$/.exec(line)).find(Boolean)?.[1] ?? null;
          },
          exited,
        });
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`The server exited (${code}) before serving:\n${stdout.join('\n')}\n${stderr.join('\n')}`));
    });
  });
}

/** Parses the JSON log lines of stdout (other lines are skipped). */
export function jsonLines(lines: string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}
