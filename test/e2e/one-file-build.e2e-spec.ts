import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCacheFile, readCodeCache } from '../../src/start';
import { dropDatabase, emptyDatabaseUrl } from '../support/database';
import { ServerProcess, startServer } from '../support/server-process';

/**
 * `npm start` runs the one-file build (dist/src/main.bundle.js, by esbuild) through dist/src/start.js,
 * which keeps V8's compiled code between starts. The bundle must be the same server as the module
 * build (`node dist/src/main.js`): these specs build as `npm start` does, run both on one database
 * (SQLite, or PostgreSQL on a PostgreSQL run) and compare what they answer, then check the cache.
 */
const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'src');
const BUNDLE = join(DIST, 'main.bundle.js');
const CACHE_DIR = join(DIST, '.code-cache');
const ONE_FILE = [join(DIST, 'start.js')];
const MODULES = [join(DIST, 'main.js')];

/** Reads that cover the code paths a bundle can break: API, reports, OpenAPI and Swagger UI, web assets and pages. */
const READS = [
  '/health/ready',
  '/api/articles',
  '/api/articles/{article}',
  '/api/articles/{article}/claims?pageSize=100',
  '/api/claims?status=draft&kind=event&pageSize=20',
  '/api/claims?q=Rudskoy',
  '/api/claims/{claim}',
  '/api/claims/{claim}/history',
  '/api/sources?pageSize=100',
  '/api/ledger',
  '/api/review-queue',
  '/api/articles/{article}/report?format=md',
  '/api/articles/{article}/report?format=json',
  '/api/articles/{article}/report?format=csv',
  '/api/articles/{article}/report?format=claimreview',
  '/api/articles/{article}/report?format=html&lang=fr',
  '/api/reports/schema.json',
  '/api/docs-json',
  '/api/docs',
  '/api/docs/swagger-ui.css',
  '/assets/app.js',
  '/login',
];

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

/** Times and per-response tokens differ between two runs; everything else must not. */
function comparable(body: string): string {
  return body
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, '<time>')
    // Reports also print the minute they were made for people, in English ("2026-11-26 11:23 UTC")
    // and through Intl ("26 nov. 2026, 11:23 UTC"); two runs seconds apart can fall either side of a minute.
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '<minute>')
    .replace(/(\d{1,2}\s\S+\s\d{4}|[A-Z][a-z]{2}\s\d{1,2},\s\d{4}),\s\d\d:\d\d UTC/g, '<minute>')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="<token>"');
}

async function signIn(server: ServerProcess, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function getJson<T>(server: ServerProcess, token: string, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return (await response.json()) as T;
}

/** The sample article's id (the only article on a fresh start). */
async function firstArticleId(server: ServerProcess, token: string): Promise<number> {
  return (await getJson<{ items: { id: number }[] }>(server, token, '/api/articles')).items[0].id;
}

async function readAll(server: ServerProcess, token: string, ids: Record<string, number>): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const template of READS) {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => String(ids[name]));
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    answers.set(template, { status: response.status, type: response.headers.get('content-type'), body: comparable(await response.text()) });
  }
  return answers;
}

async function stop(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cacheFiles = () => (existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR).filter((name) => name.endsWith('.v8')) : []);

describe('The one-file build that npm start runs', () => {
  let databaseUrl: string;
  let password: string;
  let server: ServerProcess | undefined;
  const env = () => ({ DATABASE_URL: databaseUrl, SEED_ON_FIRST_START: 'true', LOG_LEVEL: 'info' });

  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    rmSync(CACHE_DIR, { recursive: true, force: true });
  }, 180_000);

  beforeAll(async () => {
    databaseUrl = await emptyDatabaseUrl();
  });

  afterEach(() => stop(server));
  afterAll(() => dropDatabase(databaseUrl));

  it('starts on an empty database: migrates, seeds the sample article, prints the admin password, then saves its code cache', async () => {
    server = await startServer(env(), ONE_FILE);
    await waitFor(() => server!.adminPassword !== null, 'the admin password');
    password = server.adminPassword!;
    const token = await signIn(server, password);
    const articles = await getJson<{ items: unknown[] }>(server, token, '/api/articles');
    expect(articles.items).toHaveLength(1);

    await waitFor(() => cacheFiles().length === 1, 'the code cache');
    const expected = codeCacheFile(BUNDLE, readFileSync(BUNDLE, 'utf8'));
    expect(join(CACHE_DIR, cacheFiles()[0])).toBe(expected);
    expect(statSync(expected).size).toBeGreaterThan(1_000_000);
  }, 60_000);

  it('answers every read as the module build does, byte for byte (times and form tokens aside)', async () => {
    server = await startServer(env(), ONE_FILE);
    let token = await signIn(server, password);
    const article = await firstArticleId(server, token);
    const [{ id: claim }] = (await getJson<{ items: { id: number }[] }>(server, token, `/api/articles/${article}/claims?pageSize=1`)).items;
    const ids = { article, claim };
    const fromBundle = await readAll(server, token, ids);
    await stop(server);

    server = await startServer(env(), MODULES);
    token = await signIn(server, password);
    const fromModules = await readAll(server, token, ids);

    for (const path of READS) {
      const ours = fromBundle.get(path)!;
      expect({ path, status: ours.status }).toEqual({ path, status: 200 });
      expect({ path, ...ours }).toEqual({ path, ...fromModules.get(path)! });
    }
    // The reads above are not empty pages: the sample's claims, its chains, Swagger UI's assets.
    expect(fromBundle.get('/api/articles/{article}/claims?pageSize=100')!.body).toContain('Sputnik');
    expect(fromBundle.get('/api/docs/swagger-ui.css')!.body.length).toBeGreaterThan(10_000);
    expect(fromBundle.get('/assets/app.js')!.type).toContain('javascript');
  }, 90_000);

  it('writes through the bundle: a new source and a claim attributed to it are stored and read back', async () => {
    server = await startServer(env(), ONE_FILE);
    const token = await signIn(server, password);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const source = await fetch(`${server.url}/api/sources`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bundle check agency', kind: 'news_agency' }) });
    expect(source.status).toBe(201);
    const sourceId = ((await source.json()) as { id: number }).id;
    const articleId = await firstArticleId(server, token);
    const { body } = await getJson<{ body: string }>(server, token, `/api/articles/${articleId}`);
    const quote = body.slice(0, 40);
    const claim = await fetch(`${server.url}/api/articles/${articleId}/claims`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'Bundle check claim', quote, start: 0, end: quote.length, kind: 'event', attributions: [{ sourceId, verb: 'dit', mode: 'paraphrase' }] }),
    });
    expect(claim.status).toBe(201);
    const claimId = ((await claim.json()) as { id: number }).id;
    const stored = await getJson<{ attributions: { source: { name: string } }[] }>(server, token, `/api/claims/${claimId}`);
    expect(stored.attributions.map((link) => link.source.name)).toEqual(['Bundle check agency']);
  }, 60_000);

  it('uses the saved code cache on the next start instead of writing it again', async () => {
    const [file] = cacheFiles();
    const before = statSync(join(CACHE_DIR, file)).mtimeMs;
    server = await startServer(env(), ONE_FILE);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // when a cache is written, it is within moments of serving
    expect(cacheFiles()).toEqual([file]);
    expect(statSync(join(CACHE_DIR, file)).mtimeMs).toBe(before);
  }, 60_000);

  it('does not use a code cache whose bytes changed on disk: it checks its SHA-256, starts, and writes the cache again', async () => {
    const file = join(CACHE_DIR, cacheFiles()[0]);
    const flipped = readFileSync(file);
    flipped[Math.floor(flipped.length * 0.6)] ^= 0xff; // V8 itself would accept this: it does not checksum caches
    writeFileSync(file, flipped);
    expect(readCodeCache(file)).toBeUndefined();
    server = await startServer(env(), ONE_FILE);
    const token = await signIn(server, password);
    expect(await firstArticleId(server, token)).toBeGreaterThan(0);
    await waitFor(() => readCodeCache(file) !== undefined, 'the rewritten code cache');
  }, 60_000);

  it('starts with a code cache V8 refuses (intact on disk, but not V8 data: as from another Node), and writes a good one in its place', async () => {
    const file = join(CACHE_DIR, cacheFiles()[0]);
    const junk = Buffer.alloc(4096, 7);
    writeFileSync(file, Buffer.concat([createHash('sha256').update(junk).digest(), junk])); // passes the file's own check
    expect(readCodeCache(file)).toEqual(junk);
    server = await startServer(env(), ONE_FILE);
    const token = await signIn(server, password);
    expect(await firstArticleId(server, token)).toBeGreaterThan(0);
    await waitFor(() => statSync(file).size > 1_000_000, 'the rewritten code cache');
  }, 60_000);
});
