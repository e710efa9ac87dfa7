import { ATTRIBUTION_MODES, CLAIM_KINDS } from '../../claims/claim.entity';
import type { FieldError } from '../../common/errors';
import { SOURCE_KINDS } from '../../sources/source.entity';
import { h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { translator, type Lang } from '../../i18n/i18n';
import { kindLabel, sourceKindLabel } from './labels';
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
export function ChainBuilder({ rows, unattributed, chainAction, lang }: { rows: ChainRow[]; unattributed: boolean; lang: Lang; /** Where the chain buttons post, with a fragment that brings the page back to the chain. */ chainAction?: string }): Html {
  const tr = translator(lang);
  return (
    <fieldset class="chain-builder" id="chain-builder">
      <legend>{tr('chainForm.legend')}</legend>
      <div class="check">
        <input type="checkbox" id="unattributed" name="unattributed" value="true" checked={unattributed} />
        <label for="unattributed">{tr('chainForm.unattributed')}</label>
      </div>
      <input type="hidden" name="links" value={String(rows.length)} />
      <ol class="chain-links">
        {rows.map((row, i) => (
          <li class="chain-link">
            <fieldset>
              <legend>{i === 0 ? tr('chainForm.firstLink') : tr('chainForm.relayLink', { n: i + 1 })}</legend>
              <div class="grid">
                <div class="combo">
                  <label for={`l${i}_name`}>{tr('chainForm.source')}</label>
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
                  <ul id={`l${i}_list`} role="listbox" class="suggestions" hidden aria-label={tr('chainForm.matchingSources')}></ul>
                </div>
                <div class="check">
                  <input type="checkbox" id={`l${i}_anon`} name={`l${i}_anon`} value="true" checked={row.anonymous} />
                  <label for={`l${i}_anon`}>{tr('chainForm.anonymous')}</label>
                </div>
                <div>
                  <label for={`l${i}_desc`}>{tr('chainForm.description')}</label>
                  <input id={`l${i}_desc`} name={`l${i}_desc`} value={row.description} placeholder="une source militaire" maxlength="500" />
                </div>
                <div>
                  <label for={`l${i}_kind`}>{tr('chainForm.newKind')}</label>
                  <select id={`l${i}_kind`} name={`l${i}_kind`}>
                    <option value="">{tr('chainForm.existingSource')}</option>
                    {SOURCE_KINDS.map((k) => (
                      <option value={k} selected={row.newKind === k}>
                        {sourceKindLabel(lang, k)}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`l${i}_verb`}>{tr('chainForm.verb')}</label>
                  <input id={`l${i}_verb`} name={`l${i}_verb`} value={row.verb} placeholder="a indiqué" maxlength="200" />
                </div>
                <div>
                  <label for={`l${i}_mode`}>{tr('chainForm.mode')}</label>
                  <select id={`l${i}_mode`} name={`l${i}_mode`}>
                    {ATTRIBUTION_MODES.map((mode) => (
                      <option value={mode} selected={row.mode === mode}>
                        {mode === 'direct' ? tr('chainForm.mode.direct') : tr('chainForm.mode.paraphrase')}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`l${i}_when`}>{tr('chainForm.when')}</label>
                  <input id={`l${i}_when`} name={`l${i}_when`} value={row.saidWhen} maxlength="200" />
                </div>
                <div>
                  <label for={`l${i}_where`}>{tr('chainForm.where')}</label>
                  <input id={`l${i}_where`} name={`l${i}_where`} value={row.saidWhere} maxlength="200" />
                </div>
              </div>
              <div class="row-actions">
                {i > 0 ? (
                  <button type="submit" name="action" value={`up:${i}`} class="secondary" formnovalidate formaction={chainAction}>
                    {tr('chainForm.moveUp', { n: i + 1 })}
                  </button>
                ) : null}
                <button type="submit" name="action" value={`remove:${i}`} class="secondary" formnovalidate formaction={chainAction}>
                  {tr('chainForm.remove', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="submit" name="action" value="add" class="secondary" formnovalidate formaction={chainAction}>
        {tr('chainForm.add')}
      </button>
    </fieldset>
  );
}

/** Where a typed quote occurs, with some text either side, to choose from. */
export interface Occurrence {
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}

export function ClaimFormPage({
  viewer,
  article,
  values,
  message,
  errors,
  bodyHtml,
  covering,
  occurrences,
  coveredChecked,
}: {
  /** The covering claims were shown for typed words: the next post logs the claim. */
  coveredChecked?: boolean;
  viewer: Viewer;
  article: { id: number; title: string; language: string };
  values: ClaimFormValues;
  message?: string;
  errors?: FieldError[];
  /** The article's text with the chosen words marked, shown beside the form. */
  bodyHtml?: string;
  /** Claims that already cover (part of) the chosen words. */
  covering?: { id: number; text: string; quote: string }[];
  /** The places a typed quote occurs, when there are several. */
  occurrences?: Occurrence[];
}): string {
  const anchored = values.start !== '' && values.end !== '';
  // The chain's add / remove / move buttons come back to the chain, not to the top of the page.
  const chainAction = `/articles/${article.id}/claims#chain-builder`;
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('claimForm.title'),
    viewer,
    section: 'articles',
    children: (
      <div class={bodyHtml ? 'article-layout claim-form-layout' : 'narrow'}>
        {bodyHtml ? (
          <section class="article-text" aria-labelledby="text-heading">
            <h2 id="text-heading">{tr('claimForm.textOf', { title: article.title })}</h2>
            {/* A scrolling box: focusable, so the keyboard can scroll it too. */}
            <div id="article-body" class="article-body form-text" lang={article.language} tabindex="0" role="region" aria-labelledby="text-heading">
              {raw(bodyHtml)}
            </div>
          </section>
        ) : null}
      <section class="claim-form-side" aria-labelledby="form-h">
        <h1 id="form-h">{tr('claimForm.title')}</h1>
        <p>
          {tr('claimForm.in')} <a href={`/articles/${article.id}`}>{article.title}</a>
        </p>
        <Problems message={message} errors={errors} />
        {covering?.length ? (
          <div class="warning" role="status" id="covered">
            <p>
              <strong>{tr('claimForm.alreadyLogged')}</strong> {tr('claimForm.covering', { count: covering.length })}
            </p>
            <ul>
              {covering.map((c) => (
                <li>
                  <a href={`/claims/${c.id}`}>{c.text}</a> <q lang={article.language}>{c.quote.length > 120 ? `${c.quote.slice(0, 117)}…` : c.quote}</q>
                </li>
              ))}
            </ul>
            <p class="meta">{tr('claimForm.stillLog')}</p>
          </div>
        ) : null}
        <form method="post" action={`/articles/${article.id}/claims`} class="stack" id="claim-form">
          <button type="submit" name="action" value="save" class="default-submit" tabindex="-1" aria-hidden="true">
            {tr('claimForm.submit')}
          </button>
          <CsrfField viewer={viewer} />
          <input type="hidden" name="start" value={values.start} />
          {coveredChecked ? <input type="hidden" name="covered_ok" value="1" /> : null}
          {values.suggestion ? <input type="hidden" name="suggestion" value={values.suggestion} /> : null}
          <input type="hidden" name="end" value={values.end} />
          <label for="quote">{anchored ? tr('claimForm.quoteAnchored', { start: values.start, end: values.end }) : tr('claimForm.quote')}</label>
          <textarea id="quote" name="quote" rows="3" required lang={article.language} readonly={anchored}>
            {values.quote}
          </textarea>
          {occurrences?.length ? (
            <fieldset class="occurrences" id="occurrences">
              <legend>{tr('claimForm.occurrences', { count: occurrences.length })}</legend>
              {occurrences.map((o, i) => (
                <div class="check">
                  <input type="radio" id={`occ-${i}`} name="occurrence" value={`${o.start}:${o.end}`} required />
                  <label for={`occ-${i}`} lang={article.language}>
                    …{o.before}
                    <strong>{o.match}</strong>
                    {o.after}… <span class="meta">{tr('claimForm.characters', { start: String(o.start), end: String(o.end) })}</span>
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {anchored ? (
            <p class="hint">
              {tr('claimForm.anchored')} <a href={`/articles/${article.id}/claims/new`}>{tr('claimForm.typeInstead')}</a>.
            </p>
          ) : (
            <p class="hint">{tr('claimForm.typeHint')}</p>
          )}
          <label for="text">{tr('claimForm.text')}</label>
          <textarea id="text" name="text" rows="3" required maxlength="2000">
            {values.text}
          </textarea>
          <label for="kind">{tr('claimForm.kind')}</label>
          <select id="kind" name="kind" required>
            {/* A required select starts with an empty placeholder (HTML: the Nu checker rejects a real first option). */}
            <option value="" selected={!values.kind}>
              {tr('claimForm.chooseKind')}
            </option>
            {CLAIM_KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {kindLabel(viewer.lang, k)}
              </option>
            ))}
          </select>
          <ChainBuilder lang={viewer.lang} rows={values.rows} unattributed={values.unattributed} chainAction={chainAction} />
          <label for="note">{tr('claimForm.note')}</label>
          <textarea id="note" name="note" rows="2" maxlength="2000">
            {values.note}
          </textarea>
          <button type="submit" name="action" value="save" data-shortcut="submit">
            {tr('claimForm.submit')}
          </button>
        </form>
      </section>
      </div>
    ),
  });
}
