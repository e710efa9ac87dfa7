import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RATINGS } from '../review/review.entities';

/** The rating colours in the stylesheet: each readable (WCAG AA) and each its own. */
const css = readFileSync(join(__dirname, 'public', 'app.css'), 'utf8');

function rule(selector: string): { color: string; background: string } {
  const match = new RegExp(`^\\${selector} \\{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6}); \\}`, 'm').exec(css);
  if (!match) throw new Error(`no colour rule for ${selector}`);
  return { color: match[1], background: match[2] };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe('rating colours', () => {
  it.each(RATINGS.filter((r) => r !== 'unverifiable'))('gives %s a text colour with at least 4.5:1 contrast on its background and on the ink-on-background highlight', (rating) => {
    const { color, background } = rule(`.rt-${rating}`);
    expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#1b1f24', background)).toBeGreaterThanOrEqual(4.5);
  });

  it('tells true from mostly true and false from mostly false by hue and by underline style', () => {
    expect(rule('.rt-true')).not.toEqual(rule('.rt-mostly_true'));
    expect(rule('.rt-false')).not.toEqual(rule('.rt-mostly_false'));
    expect(css).toMatch(/mark\.hl\.rt-mostly_true \{[^}]*border-bottom-style: dashed/);
    expect(css).toMatch(/mark\.hl\.rt-mostly_false \{[^}]*border-bottom-style: dashed/);
    expect(css).not.toMatch(/mark\.hl\.rt-true \{[^}]*dashed/);
    const backgrounds = RATINGS.filter((r) => r !== 'unverifiable').map((r) => rule(`.rt-${r}`).background);
    expect(new Set(backgrounds).size).toBe(backgrounds.length);
  });

  it('leaves a draft highlight without a background, so a mostly-draft article reads as plain text', () => {
    expect(css).toMatch(/mark\.hl\.st-draft \{ background: transparent;/);
  });
});
