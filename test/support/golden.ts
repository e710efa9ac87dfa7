import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const GOLDEN_DIR = join(__dirname, '..', 'golden');

/**
 * Compares bytes with test/golden/<name>. The files are written only when UPDATE_GOLDEN=1 is set
 * (`UPDATE_GOLDEN=1 npx jest test/e2e/reports.e2e-spec.ts`); review the diff before committing it.
 */
export function expectGolden(name: string, actual: Buffer | string): void {
  const file = join(GOLDEN_DIR, name);
  const bytes = Buffer.isBuffer(actual) ? actual : Buffer.from(actual, 'utf8');
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return;
  }
  if (!existsSync(file)) throw new Error(`Golden file ${name} is missing: run the spec once with UPDATE_GOLDEN=1 and review it.`);
  // Compared as text so that a failure shows a readable diff; the byte length catches a BOM or CRLF change.
  expect(bytes.toString('utf8')).toBe(readFileSync(file, 'utf8'));
  expect(bytes.length).toBe(readFileSync(file).length);
}
