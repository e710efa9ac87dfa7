import type { ArticleDto } from '../../articles/dto/article.dto';
import type { FieldError } from '../../common/errors';
import { SOURCE_KINDS } from '../../sources/source.entity';
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
  return Layout({
    title: `Edit ${article.title}`,
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <p>
          <a href={`/articles/${article.id}`} lang={article.language}>
            ← {article.title}
          </a>
        </p>
        <h1>Edit the article’s details</h1>
        <Problems message={message} errors={errors} />
        <form method="post" action={`/articles/${article.id}/edit`} class="stack">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="version" value={values.version} />
          <label for="title">Title</label>
          <input id="title" name="title" required maxlength="500" value={values.title} />
          <SourcePicker
            id="outlet"
            label="Outlet (a source's name or alias; empty for none)"
            name={values.outlet}
            sourceId={values.outletId}
            hint="Pick a suggestion, or type a new name and choose its kind below to create the source."
          />
          <label for="outlet_kind">If the outlet is a new source, its kind</label>
          <select id="outlet_kind" name="outlet_kind">
            <option value="">(existing source)</option>
            {SOURCE_KINDS.map((k) => (
              <option value={k} selected={values.outletKind === k}>
                {sourceKindLabel(viewer.lang, k)}
              </option>
            ))}
          </select>
          <label for="url">Address (optional)</label>
          <input id="url" name="url" type="url" value={values.url} />
          <label for="language">Language (BCP 47, e.g. fr, en-GB)</label>
          <input id="language" name="language" required maxlength="35" value={values.language} />
          <label for="publishedDate">Published on (optional)</label>
          <input id="publishedDate" name="publishedDate" type="date" value={values.publishedDate} />
          <button type="submit">Save the details</button>
        </form>
        <p class="hint">
          The text cannot be edited here: claims are anchored to its exact words. To correct it, <a href={`/articles/${article.id}/revisions`}>paste a corrected text as a new revision</a>.
        </p>
      </section>
    ),
  });
}
