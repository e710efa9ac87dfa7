import type { ArticleDto } from '../../articles/dto/article.dto';
import type { FieldError } from '../../common/errors';
import type { AnchorFlagDto, RevisionDto, RevisionSummaryDto } from '../../revisions/dto/revision.dto';
import { formatDateTime, type MessageKey, translator } from '../../i18n/i18n';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';

const canEdit = (viewer: Viewer) => viewer.user.role === 'editor' || viewer.user.role === 'admin';
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const OUTCOME: Record<string, MessageKey> = {
  ambiguous: 'revisions.flag.ambiguous',
  fuzzy: 'revisions.flag.fuzzy',
  not_found: 'revisions.flag.notFound',
};

function FlagItem({ viewer, article, flag }: { viewer: Viewer; article: ArticleDto; flag: AnchorFlagDto }): Html {
  const tr = translator(viewer.lang);
  return (
    <li class="claim-item" id={`flag-${flag.id}`}>
      <a class="claim-link" href={`/claims/${flag.claimId}`}>
        {flag.claimText}
      </a>
      <p>
        {tr('revisions.flag.needs', { outcome: OUTCOME[flag.outcome] ? tr(OUTCOME[flag.outcome]) : flag.outcome })}
        {flag.outcome === 'fuzzy' ? ` (score ${Math.round(flag.score * 100)} %)` : ''}. {tr('revisions.flag.pointsAt', { number: String(flag.fromRevision) })}
      </p>
      <p>
        {tr('revisions.flag.was')} <q lang={article.language}>{flag.quote}</q>
      </p>
      {flag.proposal ? (
        <p>
          {tr('revisions.flag.proposed', { number: String(flag.toRevision) })} <q lang={article.language}>{flag.proposal.quote}</q>
        </p>
      ) : (
        <p>{tr('revisions.flag.noMatch', { number: String(flag.toRevision) })}</p>
      )}
      {canEdit(viewer) ? (
        <div class="flag-actions">
          {flag.proposal ? (
            <form method="post" action={`/articles/${article.id}/anchor-flags/${flag.id}/resolve`}>
              <CsrfField viewer={viewer} />
              <input type="hidden" name="claimVersion" value={String(flag.claimVersion)} />
              <button type="submit">{tr('revisions.flag.accept')}</button>
            </form>
          ) : null}
          <form method="post" action={`/articles/${article.id}/anchor-flags/${flag.id}/resolve`} class="stack">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="claimVersion" value={String(flag.claimVersion)} />
            <label for={`quote-${flag.id}`}>{tr('revisions.flag.copy')}</label>
            <input id={`quote-${flag.id}`} name="quote" required lang={article.language} />
            <button type="submit" class="secondary">
              {tr('revisions.flag.anchor')}
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}

/** The article's revisions with their SHA-256, the claims waiting to be anchored again, and the form for a corrected text. */
export function RevisionsPage({
  viewer,
  article,
  revisions,
  flags,
  notice,
  message,
  errors,
  draft,
}: {
  viewer: Viewer;
  article: ArticleDto;
  revisions: RevisionSummaryDto[];
  flags: AnchorFlagDto[];
  notice?: string;
  message?: string;
  errors?: FieldError[];
  /** What the editor pasted, kept when the save is refused. */
  draft?: { body: string; note: string; version: string };
}): string {
  const tr = translator(viewer.lang);
  const at = (iso: string) => (viewer.lang === 'en' ? when(iso) : formatDateTime(viewer.lang, iso));
  return Layout({
    title: tr('revisions.title', { title: article.title }),
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <p>
          <a href={`/articles/${article.id}`} lang={article.language}>
            ← {article.title}
          </a>
        </p>
        <h1>{tr('revisions.heading')}</h1>
        <Notice text={notice} />
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">{tr('revisions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('revisions.col.revision')}</th>
                <th scope="col">{tr('revisions.col.saved')}</th>
                <th scope="col">{tr('revisions.col.by')}</th>
                <th scope="col">{tr('revisions.col.note')}</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr>
                  <td data-label={tr('revisions.col.revision')}>
                    <a href={`/articles/${article.id}/revisions/${r.number}`}>{tr('revisions.number', { number: String(r.number) })}</a>
                    {r.current ? ` ${tr('revisions.current')}` : ''}
                    <div class="meta">{tr('revisions.length', { count: r.length })}</div>
                  </td>
                  <td data-label={tr('revisions.col.saved')}>{at(r.createdAt)}</td>
                  <td data-label={tr('revisions.col.by')}>{r.createdBy?.username ?? '–'}</td>
                  <td data-label={tr('revisions.col.note')}>{r.note ?? ''}</td>
                  <td data-label="SHA-256">
                    <code class="sha">{r.bodySha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">{tr('revisions.flags.heading', { count: flags.length })}</h2>
          {flags.length === 0 ? (
            <p>{tr('revisions.flags.none')}</p>
          ) : (
            <Fragment>
              <p>{tr('revisions.flags.explain')}</p>
              <ol class="claim-list">
                {flags.map((flag) => (
                  <FlagItem viewer={viewer} article={article} flag={flag} />
                ))}
              </ol>
            </Fragment>
          )}
        </section>
        {canEdit(viewer) ? (
          <section class="narrow" aria-labelledby="new-heading">
            <h2 id="new-heading">{tr('revisions.new.heading')}</h2>
            <p>{tr('revisions.new.explain', { number: String((revisions.at(-1)?.number ?? 0) + 1) })}</p>
            <Problems message={message} errors={errors} />
            <form method="post" action={`/articles/${article.id}/revisions`} class="stack">
              <CsrfField viewer={viewer} />
              <input type="hidden" name="version" value={draft?.version ?? String(article.version)} />
              <label for="body">{tr('revisions.new.body')}</label>
              <textarea id="body" name="body" required rows="16" lang={article.language}>
                {draft?.body ?? article.body}
              </textarea>
              <label for="note">{tr('revisions.new.note')}</label>
              <input id="note" name="note" maxlength="500" value={draft?.note ?? ''} />
              <button type="submit">{tr('revisions.new.save')}</button>
            </form>
          </section>
        ) : null}
      </Fragment>
    ),
  });
}

export function RevisionPage({ viewer, article, revision }: { viewer: Viewer; article: ArticleDto; revision: RevisionDto }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('revisions.one.title', { number: String(revision.number), title: article.title }),
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <p>
          <a href={`/articles/${article.id}/revisions`}>← {tr('revisions.all')}</a>
        </p>
        <h1>
          {tr('revisions.number', { number: String(revision.number) })}
          {revision.current ? ` ${tr('revisions.current')}` : ''}
        </h1>
        <dl>
          <dt>{tr('revisions.col.saved')}</dt>
          <dd>
            {viewer.lang === 'en' ? when(revision.createdAt) : formatDateTime(viewer.lang, revision.createdAt)}
            {revision.createdBy ? ` ${tr('revisions.one.by', { username: revision.createdBy.username })}` : ''}
          </dd>
          {revision.note ? (
            <Fragment>
              <dt>{tr('revisions.col.note')}</dt>
              <dd>{revision.note}</dd>
            </Fragment>
          ) : null}
          <dt>SHA-256</dt>
          <dd>
            <code class="sha">{revision.bodySha256}</code>
          </dd>
        </dl>
        <div class="article-body" lang={article.language}>
          {revision.body}
        </div>
      </Fragment>
    ),
  });
}
