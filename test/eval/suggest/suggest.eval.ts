/**
 * `npm run eval:suggest`: recall, precision and chain accuracy of the suggestion engine on the
 * evaluation set (test/eval/suggest/corpus.ts) and on the sample article with its seeded claims
 * as gold. Prints the figures per article and overall, then checks the targets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggest } from '../../../src/suggestions/engine';
import type { RegistryEntry } from '../../../src/suggestions/registry';
import { SAMPLE_ARTICLE, SAMPLE_CLAIMS, SAMPLE_SOURCES } from '../../../src/seed/sample-article';
import { EVAL_REGISTRY, EVAL_TEXTS } from './corpus';
import { ArticleScore, GoldSpan, score } from './evaluate';

function locate(text: string, quote: string, occurrence = 1): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`gold quote not in text: ${quote}`);
  return { start: at, end: at + quote.length };
}

function sampleArticle(): { text: string; gold: GoldSpan[]; registry: RegistryEntry[] } {
  const text = readFileSync(join(__dirname, '../../../src/seed', SAMPLE_ARTICLE.bodyFile), 'utf8');
  const registry = SAMPLE_SOURCES.map((s, i) => ({ id: i + 1, name: s.name, kind: s.kind, aliases: s.aliases }));
  const nameOf = (key: string) => SAMPLE_SOURCES.find((s) => s.key === key)!.name;
  const gold = SAMPLE_CLAIMS.map((c) => ({ ...locate(text, c.quote, c.occurrence), chain: c.attributions.map((a) => nameOf(a.sourceKey)) }));
  return { text, gold, registry };
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

describe('suggestion engine evaluation', () => {
  it('meets the targets: recall ≥ 0.9, precision ≥ 0.75, chain accuracy ≥ 0.85, sample article ≥ 90 % with the same chains', () => {
    const scores: ArticleScore[] = [];
    for (const t of EVAL_TEXTS) {
      const gold = t.gold.map((g) => ({ ...locate(t.text, g.quote), chain: g.chain }));
      scores.push(score(t.id, t.text, gold, suggest(t.text, EVAL_REGISTRY), EVAL_REGISTRY));
    }
    const sample = sampleArticle();
    const sampleScore = score('sample-article (seed)', sample.text, sample.gold, suggest(sample.text, sample.registry), sample.registry);
    scores.push(sampleScore);
    const total = scores.reduce(
      (a, s) => ({ gold: a.gold + s.gold, suggested: a.suggested + s.suggested, recovered: a.recovered + s.recovered, correct: a.correct + s.correct, chainsRight: a.chainsRight + s.chainsRight }),
      { gold: 0, suggested: 0, recovered: 0, correct: 0, chainsRight: 0 },
    );
    const lines = [
      'article                      gold  sugg  recall  precision  chains',
      ...scores.map(
        (s) => `${s.id.padEnd(28)} ${String(s.gold).padStart(4)} ${String(s.suggested).padStart(5)}  ${pct(s.recovered, s.gold)}  ${pct(s.correct, s.suggested)}    ${pct(s.chainsRight, s.recovered)}`,
      ),
      `${'overall'.padEnd(28)} ${String(total.gold).padStart(4)} ${String(total.suggested).padStart(5)}  ${pct(total.recovered, total.gold)}  ${pct(total.correct, total.suggested)}    ${pct(total.chainsRight, total.recovered)}`,
      `sample article: ${sampleScore.chainsRight}/${sampleScore.gold} seeded claims recovered with the same chain (${pct(sampleScore.chainsRight, sampleScore.gold).trim()})`,
    ];
    if (process.env.EVAL_VERBOSE) for (const s of scores) lines.push(`\n${s.id}:`, ...s.misses.map((m) => `  ${m}`));
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    expect(total.recovered / total.gold).toBeGreaterThanOrEqual(0.9);
    expect(total.correct / total.suggested).toBeGreaterThanOrEqual(0.75);
    expect(total.chainsRight / total.recovered).toBeGreaterThanOrEqual(0.85);
    expect(sampleScore.chainsRight / sampleScore.gold).toBeGreaterThanOrEqual(0.9);
  });
});
