import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The OpenAPI document is generated from the code by the @nestjs/swagger CLI plugin, which runs
 * inside `nest build` (tsc). Jest compiles with SWC, where no plugin runs, so the specs would see
 * a document without response schemas or summaries. Nest's answer for SWC builds is the plugin's
 * metadata file (PluginMetadataGenerator + SwaggerModule.loadPluginMetadata): the same visitors,
 * the same options as nest-cli.json, written once per change of the sources and loaded by
 * TestApp, so the specs validate against the document production serves.
 */
const ROOT = join(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'test', 'artifacts', 'openapi');
export const METADATA_FILE = join(OUT_DIR, 'metadata.ts');
const HASH_FILE = join(OUT_DIR, 'metadata.sha256');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'client' ? [] : sources(path);
    return /\.(dto|controller)\.ts$/.test(entry.name) ? [path] : [];
  });
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  const pluginOptions = readFileSync(join(ROOT, 'nest-cli.json'), 'utf8');
  hash.update(pluginOptions);
  for (const file of sources(join(ROOT, 'src')).sort()) hash.update(relative(ROOT, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/** Regenerates the metadata when a DTO or controller changed since the last run (about 15 s). */
export function ensureOpenApiMetadata(): void {
  const hash = sourcesHash();
  if (existsSync(METADATA_FILE) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8') === hash) return;
  mkdirSync(OUT_DIR, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');
  const cli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8'));
  const options = cli.compilerOptions.plugins.find((p: { name: string }) => p.name === '@nestjs/swagger').options;
  new PluginMetadataGenerator().generate({
    visitors: [new ReadonlyVisitor({ ...options, pathToSource: OUT_DIR })],
    outputDir: OUT_DIR,
    filename: 'metadata.ts',
    watch: false,
    tsconfigPath: relative(process.cwd(), join(ROOT, 'tsconfig.build.json')), // relative to the working directory, as the generator expects
    printDiagnostics: false,
  });
  writeFileSync(HASH_FILE, hash);
}
