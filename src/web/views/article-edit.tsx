import type { ArticleDto } from '../../articles/dto/article.dto';
import type { FieldError } from '../../common/errors';
import { SOURCE_KINDS } from '../../sources/source.entity';
import { translator } from '../../i18n/i18n';
import { h } from '../jsx';
import type { Viewer } from '../web.types';
import { sourceKindLabel } from './labels';
import { CsrfField, Layout, Problems } from './layout';
import { SourcePicker } from './source-edit';

export interface ArticleMetaValues {
  title: string;
  outletId: string;
  outlet: string;
  /** The kind of a new outlet, when the name is not an existing source. */
  outletKind: string;
  url: string;
  language: string;
  publishedDate: string;
  version: string;
}

export function articleMetaValues(article: ArticleDto): ArticleMetaValues {
  return {
    title: article.title,
    outletId: article.outlet ? String(article.outlet.id) : '',
    outlet: article.outlet?.name ?? '',
    outletKind: '',
    url: article.url ?? '',
    language: article.language,
    publishedDate: article.publishedDate ?? '',
    version: String(article.version),
  };
}

/** The article's metadata, under the version the editor read. The text itself changes only by a new revision. */
export function ArticleEditPage({ viewer, article, values, message, errors }: { viewer: Viewer; article: ArticleDto; values: ArticleMetaValues; message?: string; errors?: FieldError[] }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('articleEdit.title', { title: article.title }),
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <p>
          <a href={`/articles/${article.id}`} lang={article.language}>
            ← {article.title}
          </a>
        </p>
        <h1>{tr('articleEdit.heading')}</h1>
        <Problems message={message} errors={errors} />
        <form method="post" action={`/articles/${article.id}/edit`} class="stack">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="version" value={values.version} />
          <label for="title">{tr('articleEdit.titleLabel')}</label>
          <input id="title" name="title" required maxlength="500" value={values.title} />
          <SourcePicker
            id="outlet"
            label={tr('articleEdit.outlet')}
            name={values.outlet}
            sourceId={values.outletId}
            hint={tr('articleEdit.outletHint')}
          />
          <label for="outlet_kind">{tr('articleEdit.outletKind')}</label>
          <select id="outlet_kind" name="outlet_kind">
            <option value="">{tr('articleEdit.existingSource')}</option>
            {SOURCE_KINDS.map((k) => (
              <option value={k} selected={values.outletKind === k}>
                {sourceKindLabel(viewer.lang, k)}
              </option>
            ))}
          </select>
          <label for="url">{tr('articleEdit.url')}</label>
          <input id="url" name="url" type="url" value={values.url} />
          <label for="language">{tr('articleEdit.language')}</label>
          <input id="language" name="language" required maxlength="35" value={values.language} />
          <label for="publishedDate">{tr('articleEdit.publishedDate')}</label>
          <input id="publishedDate" name="publishedDate" type="date" value={values.publishedDate} />
          <button type="submit">{tr('articleEdit.save')}</button>
        </form>
        <p class="hint">
          {tr('articleEdit.textHint')} <a href={`/articles/${article.id}/revisions`}>{tr('articleEdit.textHintLink')}</a>.
        </p>
      </section>
    ),
  });
}
