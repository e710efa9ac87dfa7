import type { SuggestionDto } from './dto/suggestion.dto';

/** The suggestions as a plain-text table for the terminal: offsets, score, kind, chain and quote. */
export function suggestionTable(items: SuggestionDto[]): string {
  if (items.length === 0) return 'No open suggestions.\n';
  const rows = items.map((s) => [
    `${s.start}-${s.end}`,
    s.score.toFixed(2),
    s.kind,
    s.unattributed ? '(own voice)' : s.attributions.map((a) => (a.anonymous ? `anonymous: ${a.name}` : a.sourceId ? a.name : `${a.name} (new)`)).join(' → '),
    clip(s.quote.replace(/\s+/g, ' '), 70),
  ]);
  const header = ['offsets', 'score', 'kind', 'chain (speaker first)', 'quote'];
  const widths = header.map((h, i) => Math.min(i === 3 ? 50 : 80, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : clip(c, widths[i]).padEnd(widths[i]))).join('  ');
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n${items.length} suggestion(s); keys for accept/reject: --json\n`;
}

function clip(value: string, width: number): string {
  return value.length <= width ? value : `${value.slice(0, width - 1)}…`;
}
