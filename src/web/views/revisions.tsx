import type { ArticleDto } from '../../articles/dto/article.dto';
import type { FieldError } from '../../common/errors';
import type { AnchorFlagDto, RevisionDto, RevisionSummaryDto } from '../../revisions/dto/revision.dto';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';

const canEdit = (viewer: Viewer) => viewer.user.role === 'editor' || viewer.user.role === 'admin';
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const OUTCOME: Record<string, string> = {
  ambiguous: 'its words now occur several times',
  fuzzy: 'only a close match was found',
  not_found: 'its words were not found',
};

function FlagItem({ viewer, article, flag }: { viewer: Viewer; article: ArticleDto; flag: AnchorFlagDto }): Html {
  return (
    <li class="claim-item" id={`flag-${flag.id}`}>
      <a class="claim-link" href={`/claims/${flag.claimId}`}>
        {flag.claimText}
      </a>
      <p>
        Needs an editor: {OUTCOME[flag.outcome] ?? flag.outcome}
        {flag.outcome === 'fuzzy' ? ` (score ${Math.round(flag.score * 100)} %)` : ''}. It still points at revision {flag.fromRevision}:
      </p>
      <p>
        Was: <q lang={article.language}>{flag.quote}</q>
      </p>
      {flag.proposal ? (
        <p>
          Proposed in revision {flag.toRevision}: <q lang={article.language}>{flag.proposal.quote}</q>
        </p>
      ) : (
        <p>No close match in revision {flag.toRevision}.</p>
      )}
      {canEdit(viewer) ? (
        <div class="flag-actions">
          {flag.proposal ? (
            <form method="post" action={`/articles/${article.id}/anchor-flags/${flag.id}/resolve`}>
              <CsrfField viewer={viewer} />
              <input type="hidden" name="claimVersion" value={String(flag.claimVersion)} />
              <button type="submit">Accept the proposed words</button>
            </form>
          ) : null}
          <form method="post" action={`/articles/${article.id}/anchor-flags/${flag.id}/resolve`} class="stack">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="claimVersion" value={String(flag.claimVersion)} />
            <label for={`quote-${flag.id}`}>Or copy the claim’s words from the current text</label>
            <input id={`quote-${flag.id}`} name="quote" required lang={article.language} />
            <button type="submit" class="secondary">
              Anchor to these words
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
  return Layout({
    title: `Revisions of ${article.title}`,
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <p>
          <a href={`/articles/${article.id}`} lang={article.language}>
            ← {article.title}
          </a>
        </p>
        <h1>Revisions of the text</h1>
        <Notice text={notice} />
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">Every text the article has had</caption>
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr>
                  <td data-label="Revision">
                    <a href={`/articles/${article.id}/revisions/${r.number}`}>Revision {r.number}</a>
                    {r.current ? ' (current)' : ''}
                    <div class="meta">{r.length} characters</div>
                  </td>
                  <td data-label="Saved">{when(r.createdAt)}</td>
                  <td data-label="By">{r.createdBy?.username ?? '–'}</td>
                  <td data-label="Note">{r.note ?? ''}</td>
                  <td data-label="SHA-256">
                    <code class="sha">{r.bodySha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">Claims to anchor again ({flags.length})</h2>
          {flags.length === 0 ? (
            <p>Every claim is anchored in the current text.</p>
          ) : (
            <Fragment>
              <p>These claims were not moved: their quote and position still refer to an earlier revision, and they are not highlighted in the current text until an editor anchors them.</p>
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
            <h2 id="new-heading">Paste a corrected text</h2>
            <p>
              It becomes revision {(revisions.at(-1)?.number ?? 0) + 1} and the article’s text. Each claim is anchored again: at the same words if the correction did not
              touch them, else where its words occur once; any other claim is flagged here for an editor, never moved silently.
            </p>
            <Problems message={message} errors={errors} />
            <form method="post" action={`/articles/${article.id}/revisions`} class="stack">
              <CsrfField viewer={viewer} />
              <input type="hidden" name="version" value={draft?.version ?? String(article.version)} />
              <label for="body">Corrected text, pasted verbatim</label>
              <textarea id="body" name="body" required rows="16" lang={article.language}>
                {draft?.body ?? article.body}
              </textarea>
              <label for="note">What was corrected (optional)</label>
              <input id="note" name="note" maxlength="500" value={draft?.note ?? ''} />
              <button type="submit">Save as a new revision</button>
            </form>
          </section>
        ) : null}
      </Fragment>
    ),
  });
}

export function RevisionPage({ viewer, article, revision }: { viewer: Viewer; article: ArticleDto; revision: RevisionDto }): string {
  return Layout({
    title: `Revision ${revision.number} of ${article.title}`,
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <p>
          <a href={`/articles/${article.id}/revisions`}>← All revisions</a>
        </p>
        <h1>
          Revision {revision.number}
          {revision.current ? ' (current)' : ''}
        </h1>
        <dl>
          <dt>Saved</dt>
          <dd>
            {when(revision.createdAt)}
            {revision.createdBy ? ` by ${revision.createdBy.username}` : ''}
          </dd>
          {revision.note ? (
            <Fragment>
              <dt>Note</dt>
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
