import type { FieldError } from '../../common/errors';
import type { SourceDto } from '../../sources/dto/source.dto';
import { SOURCE_KINDS } from '../../sources/source.entity';
import { translator } from '../../i18n/i18n';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { sourceKindLabel } from './labels';
import { CsrfField, Layout, Problems } from './layout';

export interface SourceFormValues {
  name: string;
  kind: string;
  country: string;
  /** One alias a line. */
  aliases: string;
  parentId: string;
  parentName: string;
  affiliationNote: string;
  description: string;
  homepage: string;
  version: string;
}

export function sourceFormValues(source: SourceDto): SourceFormValues {
  return {
    name: source.name,
    kind: source.kind,
    country: source.country ?? '',
    aliases: source.aliases.join('\n'),
    parentId: source.parent ? String(source.parent.id) : '',
    parentName: source.parent?.name ?? '',
    affiliationNote: source.affiliationNote ?? '',
    description: source.description ?? '',
    homepage: source.homepage ?? '',
    version: String(source.version),
  };
}

/** A source picker: type a name or alias; the script suggests sources and fills the hidden id. */
export function SourcePicker({ id, label, name, sourceId, hint }: { id: string; label: string; name: string; sourceId: string; hint?: string }): Html {
  return (
    <div class="combo">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        value={name}
        data-typeahead="source"
        data-id-field={`${id}_id`}
        autocomplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="false"
        aria-controls={`${id}_list`}
        aria-describedby={hint ? `${id}_hint` : undefined}
      />
      <input type="hidden" id={`${id}_id`} name={`${id}_id`} value={sourceId} />
      <ul id={`${id}_list`} role="listbox" class="suggestions" hidden aria-label="Matching sources"></ul>
      {hint ? (
        <p class="hint" id={`${id}_hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SourceEditPage({
  viewer,
  source,
  values,
  message,
  errors,
  mergeName = '',
  mergeErrors,
}: {
  viewer: Viewer;
  source: SourceDto;
  values: SourceFormValues;
  message?: string;
  errors?: FieldError[];
  mergeName?: string;
  mergeErrors?: FieldError[];
}): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('source.edit.title', { name: source.name }),
    viewer,
    section: 'sources',
    children: (
      <section class="narrow">
        <p>
          <a href={`/sources/${source.id}`}>← {source.name}</a>
        </p>
        <h1>{tr('source.edit.title', { name: source.name })}</h1>
        <Problems message={message} errors={errors} />
        <form method="post" action={`/sources/${source.id}/edit`} class="stack">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="version" value={values.version} />
          <label for="name">{tr('source.edit.name')}</label>
          <input id="name" name="name" required maxlength="200" value={values.name} />
          <label for="kind">{tr('source.page.kind')}</label>
          <select id="kind" name="kind">
            {SOURCE_KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {sourceKindLabel(viewer.lang, k)}
              </option>
            ))}
          </select>
          <label for="country">{tr('source.edit.country')}</label>
          <input id="country" name="country" maxlength="2" value={values.country} />
          <label for="aliases">{tr('source.edit.aliases')}</label>
          <textarea id="aliases" name="aliases" rows="4">
            {values.aliases}
          </textarea>
          <SourcePicker id="parent" label={tr('source.edit.parent')} name={values.parentName} sourceId={values.parentId} />
          <label for="affiliationNote">{tr('source.edit.affiliation')}</label>
          <textarea id="affiliationNote" name="affiliationNote" rows="2" maxlength="1000">
            {values.affiliationNote}
          </textarea>
          <label for="description">{tr('source.edit.description')}</label>
          <textarea id="description" name="description" rows="2" maxlength="500">
            {values.description}
          </textarea>
          <label for="homepage">{tr('source.edit.homepage')}</label>
          <input id="homepage" name="homepage" type="url" value={values.homepage} />
          <button type="submit">{tr('source.edit.save')}</button>
        </form>
        <section aria-labelledby="merge-heading">
          <h2 id="merge-heading">{tr('source.merge.heading')}</h2>
          <p>{tr('source.merge.explain', { name: source.name })}</p>
          <Problems errors={mergeErrors} />
          <form method="post" action={`/sources/${source.id}/merge`} class="stack">
            <CsrfField viewer={viewer} />
            <SourcePicker id="into" label={tr('source.merge.into', { name: source.name })} name={mergeName} sourceId="" />
            <button type="submit" class="secondary">
              {tr('source.merge.review')}
            </button>
          </form>
        </section>
      </section>
    ),
  });
}

export interface MergePreview {
  attributions: number;
  claims: number;
  articles: number;
  members: number;
}

export function SourceMergeConfirmPage({ viewer, merged, survivor, preview }: { viewer: Viewer; merged: SourceDto; survivor: SourceDto; preview: MergePreview }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('source.mergeConfirm.question', { merged: merged.name, survivor: survivor.name }),
    viewer,
    section: 'sources',
    children: (
      <section class="narrow">
        <h1>{tr('source.mergeConfirm.question', { merged: merged.name, survivor: survivor.name })}</h1>
        <ul>
          <li>
            {tr('source.mergeConfirm.links', { links: preview.attributions, claims: preview.claims })} <a href={`/sources/${survivor.id}`}>{survivor.name}</a>{' '}
            {tr('source.mergeConfirm.linksEnd')}
          </li>
          <li>
            {tr('source.mergeConfirm.move', { articles: preview.articles, members: preview.members, merged: merged.name, survivor: survivor.name })}
          </li>
          <li>
            {merged.aliases.length
              ? tr('source.mergeConfirm.aliasesToo', { merged: merged.name, aliases: merged.aliases.join(', '), survivor: survivor.name })
              : tr('source.mergeConfirm.aliases', { merged: merged.name, survivor: survivor.name })}
          </li>
          <li>
            <a href={`/sources/${merged.id}`}>{merged.name}</a> {tr('source.mergeConfirm.deleted')}
          </li>
        </ul>
        <form method="post" action={`/sources/${merged.id}/merge`} class="actions">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="into_id" value={String(survivor.id)} />
          <input type="hidden" name="into" value={survivor.name} />
          <input type="hidden" name="version" value={String(merged.version)} />
          <input type="hidden" name="intoVersion" value={String(survivor.version)} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">{tr('source.mergeConfirm.yes', { survivor: survivor.name })}</button> <a href={`/sources/${merged.id}/edit`}>{tr('source.mergeConfirm.cancel')}</a>
        </form>
      </section>
    ),
  });
}

export function EditSourceLink({ viewer, source }: { viewer: Viewer; source: SourceDto }): Html {
  return viewer.user.role === 'reviewer' ? (
    <Fragment />
  ) : (
    <p>
      <a href={`/sources/${source.id}/edit`}>{translator(viewer.lang)('source.edit.link')}</a>
    </p>
  );
}
