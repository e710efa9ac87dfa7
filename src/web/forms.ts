import type { ClaimFormValues, ChainRow } from './views/claim-form';
import { emptyRow } from './views/claim-form';
import { field } from './web.http';

/** What the claim form's submit button asked for: save, or edit the chain and show the form again. */
export type FormAction = { type: 'save' } | { type: 'add' } | { type: 'remove'; index: number } | { type: 'up'; index: number };

export function parseAction(value: string): FormAction {
  const match = /^(remove|up):(\d{1,2})$/.exec(value);
  if (match) return { type: match[1] as 'remove' | 'up', index: Number(match[2]) };
  return value === 'add' ? { type: 'add' } : { type: 'save' };
}

/** Reads the chain rows `l0_*`, `l1_*`, ... (at most 20, like the API). */
export function parseRows(body: Record<string, unknown>): ChainRow[] {
  const count = Math.min(20, Math.max(0, Number.parseInt(field(body, 'links'), 10) || 0));
  const rows: ChainRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      sourceId: field(body, `l${i}_id`).trim(),
      sourceName: field(body, `l${i}_name`).trim(),
      newKind: field(body, `l${i}_kind`),
      verb: field(body, `l${i}_verb`),
      mode: field(body, `l${i}_mode`) || 'paraphrase',
      saidWhen: field(body, `l${i}_when`),
      saidWhere: field(body, `l${i}_where`),
      anonymous: field(body, `l${i}_anon`) === 'true',
      description: field(body, `l${i}_desc`),
    });
  }
  return rows;
}

export function parseClaimForm(body: Record<string, unknown>): ClaimFormValues {
  return {
    quote: field(body, 'quote'),
    start: field(body, 'start'),
    end: field(body, 'end'),
    text: field(body, 'text'),
    kind: field(body, 'kind'),
    note: field(body, 'note'),
    unattributed: field(body, 'unattributed') === 'true',
    rows: parseRows(body),
    suggestion: /^\d{1,9}-\d{1,9}-[0-9a-f]{16}$/.test(field(body, 'suggestion')) ? field(body, 'suggestion') : undefined,
  };
}

/** A row the editor left entirely empty is not a link. */
export function isBlankRow(row: ChainRow): boolean {
  return !row.sourceId && !row.sourceName && !row.verb.trim() && !row.saidWhen.trim() && !row.saidWhere.trim() && !row.anonymous && !row.description.trim();
}

/** Applies add / remove / move-up to the rows (a new list; the form is shown again with it). */
export function applyRowAction(rows: ChainRow[], action: FormAction): ChainRow[] {
  const next = [...rows];
  if (action.type === 'add' && next.length < 20) next.push(emptyRow());
  if (action.type === 'remove' && action.index < next.length) next.splice(action.index, 1);
  if (action.type === 'up' && action.index > 0 && action.index < next.length) {
    [next[action.index - 1], next[action.index]] = [next[action.index], next[action.index - 1]];
  }
  return next;
}

/** Windows line ends, as browsers send a textarea, back to the LF the pasted text had. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
