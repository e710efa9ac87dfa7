/**
 * `npm start`'s entry: runs the server from its one-file build (main.bundle.js beside this file,
 * written by `npm run bundle`) with V8's code cache. Most of a start was loading about 2,200
 * modules: resolving their paths and compiling them. One file needs no resolving, and the cache
 * holds its compiled code, so the next start skips compiling too (README, "Cold start").
 * Without the bundle (after `nest build` alone) this runs main.js, as before.
 *
 * The cache is written once the server serves, so it holds every function start-up compiled. It
 * goes to `.code-cache/` beside the bundle, under a name made of the bundle's SHA-256 and Node's
 * version. V8 checks only the length of the source a cache was made from, so the content in the
 * name is what stops a rebuilt bundle of the same length from running an older build's code.
 * Nor does V8 checksum a cache in release builds (a flipped byte is accepted), so the file starts
 * with the SHA-256 of the rest, checked before use. A cache that fails that check, or that V8
 * refuses (another V8, other flags), is written again. A folder that cannot be written costs only
 * the speed-up.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

const BUNDLE = join(__dirname, 'main.bundle.js');

/** Where the code cache of this bundle, for this Node, lives. */
export function codeCacheFile(bundle: string, source: string): string {
  const key = createHash('sha256').update(source).update(`\0${process.version}`).digest('hex').slice(0, 20);
  return join(dirname(bundle), '.code-cache', `main.bundle-${key}.v8`);
}

const DIGEST_BYTES = 32;
const digest = (data: Buffer) => createHash('sha256').update(data).digest();

/** The cache's data, if the file is there and its bytes are the ones that were written. */
export function readCodeCache(file: string): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = stored.subarray(DIGEST_BYTES);
  return stored.length > DIGEST_BYTES && digest(data).equals(stored.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Written whole or not at all: another server starting from the same build may be reading it. */
function save(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.concat([digest(data), data]));
    renameSync(partial, file);
  } catch (error) {
    process.stderr.write(`Claimtrail: the code cache could not be saved (${(error as Error).message}); starts stay slower.\n`);
  }
}

/** Runs the bundle as Node would run a CommonJS file, with `cachedData` from the last start. */
function runBundle(bundle: string): void {
  const source = readFileSync(bundle, 'utf8');
  const cacheFile = codeCacheFile(bundle, source);
  const cachedData = readCodeCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    // `import()` inside the bundle as in any CommonJS file (Node 20.12+; before, none of it is on the server's path).
    ...(constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle));
  if (cachedData && !script.cachedDataRejected) return;
  // main.ts exports `started`, settled once the server serves (a failed start exits instead).
  const { started } = bundleModule.exports as { started?: Promise<void> };
  void started?.then(() => setImmediate(() => save(cacheFile, script.createCachedData())));
}

if (require.main === module) {
  if (existsSync(BUNDLE)) runBundle(BUNDLE);
  else require('./main');
}
