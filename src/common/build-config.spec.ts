import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/**
 * The server runs what `nest build` (tsc, tsconfig.json) emits; the tests run the same sources
 * compiled by SWC (.swcrc). Where the two disagree, the suite tests another program than the one
 * shipped: with define semantics a field an entity declares but a query did not select is an own
 * property set to undefined, without them it is absent (`'matchText' in claim` once answered
 * differently in the two, and the built server failed on a route whose specs passed).
 */
describe('the build and the tests compile alike', () => {
  it('class fields: tsc and SWC both use assignment semantics (useDefineForClassFields false)', () => {
    expect(json('tsconfig.json').compilerOptions.useDefineForClassFields).toBe(false);
    expect(json('.swcrc').jsc.transform.useDefineForClassFields).toBe(false);
  });

  it('decorators: both emit legacy decorators with their design-time metadata', () => {
    const { compilerOptions } = json('tsconfig.json');
    const swc = json('.swcrc').jsc;
    expect([compilerOptions.experimentalDecorators, compilerOptions.emitDecoratorMetadata]).toEqual([true, true]);
    expect([swc.transform.legacyDecorator, swc.transform.decoratorMetadata]).toEqual([true, true]);
  });

  it('both target the same language level and CommonJS modules', () => {
    const { compilerOptions } = json('tsconfig.json');
    const swc = json('.swcrc');
    expect(compilerOptions.target.toLowerCase()).toBe(swc.jsc.target.toLowerCase());
    expect([compilerOptions.module.toLowerCase(), swc.module.type]).toEqual(['commonjs', 'commonjs']);
  });
});
