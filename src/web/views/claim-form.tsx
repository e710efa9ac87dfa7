import { ATTRIBUTION_MODES, CLAIM_KINDS } from '../../claims/claim.entity';
import type { FieldError } from '../../common/errors';
import { SOURCE_KINDS } from '../../sources/source.entity';
import { h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { KIND, SOURCE_KIND } from './labels';
import { CsrfField, Layout, Problems } from './layout';

export interface ChainRow {
  sourceId: string;
  sourceName: string;
  /** When set and no source matches the name, the source is created with this kind. */
  newKind: string;
  verb: string;
  mode: string;
  saidWhen: string;
  saidWhere: string;
  /** The article names nobody ("a military source"): `description` instead of a source. */
  anonymous: boolean;
  description: string;
}

export const emptyRow = (): ChainRow => ({ sourceId: '', sourceName: '', newKind: '', verb: '', mode: 'paraphrase', saidWhen: '', saidWhere: '', anonymous: false, description: '' });

export interface ClaimFormValues {
  quote: string;
  start: string;
  end: string;
  text: string;
  kind: string;
  note: string;
  unattributed: boolean;
  rows: ChainRow[];
  /** The key of the suggestion this form was opened from ("Edit, then accept"), if any. */
  suggestion?: string;
}

/** The chain builder: one fieldset per link, original speaker first. Works with plain form posts. */
export function ChainBuilder({ rows, unattributed }: { rows: ChainRow[]; unattributed: boolean }): Html {
  return (
    <fieldset class="chain-builder" id="chain-builder">
      <legend>Attribution chain (who said it, original speaker first)</legend>
      <div class="check">
        <input type="checkbox" id="unattributed" name="unattributed" value="true" checked={unattributed} />
        <label for="unattributed">No named source: the article says it in its own voice (the chain below is then ignored)</label>
      </div>
      <input type="hidden" name="links" value={String(rows.length)} />
      <ol class="chain-links">
        {rows.map((row, i) => (
          <li class="chain-link">
            <fieldset>
              <legend>{i === 0 ? 'Link 1: original speaker' : `Link ${i + 1}: relayed by`}</legend>
              <div class="grid">
                <div class="combo">
                  <label for={`l${i}_name`}>Source (name or alias)</label>
                  <input
                    id={`l${i}_name`}
                    name={`l${i}_name`}
                    value={row.sourceName}
                    data-typeahead="source"
                    data-id-field={`l${i}_id`}
                    autocomplete="off"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-expanded="false"
                    aria-controls={`l${i}_list`}
                  />
                  <input type="hidden" id={`l${i}_id`} name={`l${i}_id`} value={row.sourceId} />
                  <ul id={`l${i}_list`} role="listbox" class="suggestions" hidden aria-label="Matching sources"></ul>
                </div>
                <div class="check">
                  <input type="checkbox" id={`l${i}_anon`} name={`l${i}_anon`} value="true" checked={row.anonymous} />
                  <label for={`l${i}_anon`}>Anonymous (the article names nobody: describe the source instead)</label>
                </div>
                <div>
                  <label for={`l${i}_desc`}>Anonymous source, as described</label>
                  <input id={`l${i}_desc`} name={`l${i}_desc`} value={row.description} placeholder="une source militaire" maxlength="500" />
                </div>
                <div>
                  <label for={`l${i}_kind`}>If it is a new source, its kind</label>
                  <select id={`l${i}_kind`} name={`l${i}_kind`}>
                    <option value="">(existing source)</option>
                    {SOURCE_KINDS.map((k) => (
                      <option value={k} selected={row.newKind === k}>
                        {SOURCE_KIND[k]}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`l${i}_verb`}>Verb as written</label>
                  <input id={`l${i}_verb`} name={`l${i}_verb`} value={row.verb} placeholder="a indiqué" maxlength="200" />
                </div>
                <div>
                  <label for={`l${i}_mode`}>Quote or paraphrase</label>
                  <select id={`l${i}_mode`} name={`l${i}_mode`}>
                    {ATTRIBUTION_MODES.map((mode) => (
                      <option value={mode} selected={row.mode === mode}>
                        {mode === 'direct' ? 'Direct quote' : 'Paraphrase'}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`l${i}_when`}>When said (as written, optional)</label>
                  <input id={`l${i}_when`} name={`l${i}_when`} value={row.saidWhen} maxlength="200" />
                </div>
                <div>
                  <label for={`l${i}_where`}>Where said (as written, optional)</label>
                  <input id={`l${i}_where`} name={`l${i}_where`} value={row.saidWhere} maxlength="200" />
                </div>
              </div>
              <div class="row-actions">
                {i > 0 ? (
                  <button type="submit" name="action" value={`up:${i}`} class="secondary" formnovalidate>
                    Move link {i + 1} up
                  </button>
                ) : null}
                <button type="submit" name="action" value={`remove:${i}`} class="secondary" formnovalidate>
                  Remove link {i + 1}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="submit" name="action" value="add" class="secondary" formnovalidate>
        Add a link to the chain
      </button>
    </fieldset>
  );
}

export function ClaimFormPage({
  viewer,
  article,
  values,
  message,
  errors,
}: {
  viewer: Viewer;
  article: { id: number; title: string; language: string };
  values: ClaimFormValues;
  message?: string;
  errors?: FieldError[];
}): string {
  const anchored = values.start !== '' && values.end !== '';
  return Layout({
    title: 'Log a claim',
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <h1>Log a claim</h1>
        <p>
          In <a href={`/articles/${article.id}`}>{article.title}</a>
        </p>
        <Problems message={message} errors={errors} />
        <form method="post" action={`/articles/${article.id}/claims`} class="stack" id="claim-form">
          <button type="submit" name="action" value="save" class="default-submit" tabindex="-1" aria-hidden="true">
            Log claim
          </button>
          <CsrfField viewer={viewer} />
          <input type="hidden" name="start" value={values.start} />
          {values.suggestion ? <input type="hidden" name="suggestion" value={values.suggestion} /> : null}
          <input type="hidden" name="end" value={values.end} />
          <label for="quote">Quote: the article’s exact words{anchored ? ` (characters ${values.start}–${values.end})` : ''}</label>
          <textarea id="quote" name="quote" rows="3" required lang={article.language} readonly={anchored}>
            {values.quote}
          </textarea>
          {anchored ? (
            <p class="hint">
              Anchored to your selection. <a href={`/articles/${article.id}/claims/new`}>Type a quote instead</a>.
            </p>
          ) : (
            <p class="hint">Type or paste the words exactly as the article has them; the first occurrence is used.</p>
          )}
          <label for="text">The claim, in your words</label>
          <textarea id="text" name="text" rows="3" required maxlength="2000">
            {values.text}
          </textarea>
          <label for="kind">Kind</label>
          <select id="kind" name="kind" required>
            {CLAIM_KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {KIND[k]}
              </option>
            ))}
          </select>
          <ChainBuilder rows={values.rows} unattributed={values.unattributed} />
          <label for="note">Note (optional)</label>
          <textarea id="note" name="note" rows="2" maxlength="2000">
            {values.note}
          </textarea>
          <button type="submit" name="action" value="save">
            Log claim
          </button>
        </form>
      </section>
    ),
  });
}
