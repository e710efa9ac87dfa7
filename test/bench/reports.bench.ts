/**
 * The report targets of issue 14, run by `npm run bench` beside compare.bench.ts (or alone:
 * `bash test/bench/run.sh test/bench/reports.bench.ts`): a cross-article report of every claim
 * in each format, by the CLI in a fresh process (wall time and peak RSS, `process.resourceUsage`),
 * and over the API from a freshly started server (time to the last byte, the server's peak RSS).
 * Goals: peak RSS ≤ 250 MiB at any size, the 10k report under 1.5 s, 100k ≤ 12 × 10k. Figures
 * are printed (and written to test/artifacts/bench-reports-<database>.txt), never asserted.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { testDatabaseKind, withDatabase } from '../support/database';
import { BENCH_TOKEN, generateInto, sqliteBenchCopy } from './generate';

const ROOT = join(__dirname, '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const FORMATS = (process.env.BENCH_REPORT_FORMATS ?? 'csv,json,md,html,claimreview').split(',');
const DB = testDatabaseKind();
const MIB = 2 ** 20;

interface Row {
  size: number;
  target: string;
  value: string;
  goal: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const cliTimes = new Map<string, Map<number, number>>();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The CLI in a fresh process: wall time, peak RSS, bytes written. */
async function cliReport(databaseUrl: string, format: string): Promise<{ ms: number; rssMiB: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-report-'));
  const out = join(dir, `report.${format}`);
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'max-rss.js'), join(ROOT, 'dist/src/cli/main.js'), 'report', '--format', format, '--out', out, '--by', 'bench', '--generated-at', '2024-06-01T00:00:00Z'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`report --format ${format} failed: ${stderr}`);
  const bytes = statSync(out).size;
  rmSync(dir, { recursive: true, force: true });
  return { ms, rssMiB: Number(/maxrss (\d+)/.exec(stderr)?.[1] ?? 0) / 1024, bytes };
}

async function startServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/start.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_ON_FIRST_START: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`${base}/health`).then((r) => r.status === 200, () => false)) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Peak resident set of a running process (Linux), in MiB. */
function peakRss(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) / 1024;
}

async function databaseFor(size: number, work: string): Promise<string> {
  if (DB === 'sqlite') return `sqlite:${await sqliteBenchCopy(size, join(work, `bench-${size}.sqlite`))}`;
  const name = `claimtrail_bench_reports_${size}`;
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await admin.end();
  const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
  await generateInto(url, size);
  return url;
}

async function dropDatabase(size: number): Promise<void> {
  if (DB !== 'postgres') return;
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS claimtrail_bench_reports_${size} WITH (FORCE)`);
  await admin.end();
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

describe(`benchmark: cross-article reports (${DB})`, () => {
  const work = mkdtempSync(join(tmpdir(), 'claimtrail-bench-reports-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const size of SIZES) {
    it(`measures reports of ${size} claims`, async () => {
      const url = await databaseFor(size, work);
      try {
        for (const format of FORMATS) {
          const r = await cliReport(url, format);
          if (!cliTimes.has(format)) cliTimes.set(format, new Map());
          cliTimes.get(format)!.set(size, r.ms);
          rows.push({ size, target: `CLI report, ${format} (${fmt(r.bytes / MIB, 1)} MiB), peak RSS`, value: `${fmt(r.rssMiB)} MiB`, goal: '≤ 250 MiB', pass: r.rssMiB <= 250 });
          rows.push({
            size,
            target: `CLI report, ${format}, time`,
            value: `${fmt(r.ms)} ms`,
            goal: size === 10_000 ? '< 1500 ms' : '(linear below)',
            pass: size === 10_000 ? r.ms < 1500 : null,
          });
        }
        // Over the API: a freshly started server, one export per format, sequentially.
        const server = await startServer(url);
        try {
          for (const format of ['csv', 'json']) {
            const started = process.hrtime.bigint();
            const response = await fetch(`${server.base}/api/reports?format=${format}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
            const bytes = (await response.arrayBuffer()).byteLength;
            if (response.status !== 200) throw new Error(`GET /api/reports?format=${format}: ${response.status}`);
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            rows.push({ size, target: `API GET /api/reports?format=${format} (${fmt(bytes / MIB, 1)} MiB), time`, value: `${fmt(ms)} ms`, goal: size === 10_000 ? '< 1500 ms' : '', pass: size === 10_000 ? ms < 1500 : null });
          }
          const rss = peakRss(server.child.pid!);
          // The whole server (its own start-up ~120 MiB) after both exports: informative, the goal is the CLI's fresh process.
          rows.push({ size, target: 'API server peak RSS (start-up and both exports)', value: `${fmt(rss)} MiB`, goal: '(info)', pass: null });
        } finally {
          await new Promise((resolve) => {
            server.child.once('exit', resolve);
            server.child.kill('SIGTERM');
          });
        }
      } finally {
        await dropDatabase(size);
      }
    }, 1_800_000);
  }

  it('prints every report target', () => {
    const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
    if (small !== large) {
      for (const [format, bySize] of cliTimes) {
        const ratio = bySize.get(large)! / bySize.get(small)!;
        const allowed = (12 * large) / 100_000;
        rows.push({ size: large, target: `CLI report ${format}: time ${large} ÷ ${small}`, value: fmt(ratio, 1), goal: `≤ ${fmt(allowed, 1)}`, pass: ratio <= allowed });
      }
    }
    const width = Math.max(...rows.map((r) => r.target.length));
    const lines = [
      '',
      `Cross-article reports on ${DB}, ${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      `${'claims'.padStart(7)}  ${'target'.padEnd(width)}  ${'Claimtrail'.padStart(11)}  ${'goal'.padEnd(16)}  result`,
      ...rows.map((r) => `${String(r.size).padStart(7)}  ${r.target.padEnd(width)}  ${r.value.padStart(11)}  ${r.goal.padEnd(16)}  ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'}`),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
    writeFileSync(join(ROOT, `test/artifacts/bench-reports-${DB}.txt`), lines.join('\n'));
    expect(rows.length).toBeGreaterThan(0);
  });
});
