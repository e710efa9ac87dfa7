import type { ArticleDto, ArticleSummaryDto } from '../../articles/dto/article.dto';
import { CLAIM_KINDS, CLAIM_STATUSES, type ClaimStatus } from '../../claims/claim.entity';
import type { ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { FieldError } from '../../common/errors';
import type { SuggestionDto } from '../../suggestions/dto/suggestion.dto';
import { Fragment, h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { KIND, RATING, RatingBadge, STATUS, StatusBadge } from './labels';
import { CsrfField, Layout, Notice, Problems } from './layout';

const canEdit = (viewer: Viewer) => viewer.user.role === 'editor' || viewer.user.role === 'admin';

export function Pager({ base, current }: { base: string; current: Page<unknown> }): Html {
  const pages = Math.max(1, Math.ceil(current.total / current.pageSize));
  // A capped count (totalAtLeast): more pages may follow the last one counted.
  const more = current.totalAtLeast === true;
  if (pages <= 1 && !more) return <Fragment />;
  const sep = base.includes('?') ? '&' : '?';
  return (
    <nav class="pager" aria-label="Pages">
      {current.page > 1 ? <a href={`${base}${sep}page=${current.page - 1}`}>← Previous</a> : null}
      <span>
        Page {current.page} of {pages}
        {more ? '+' : ''}
      </span>
      {current.page < pages || more ? <a href={`${base}${sep}page=${current.page + 1}`}>Next →</a> : null}
    </nav>
  );
}

export function ArticleListPage({ viewer, articles, notice }: { viewer: Viewer; articles: Page<ArticleSummaryDto>; notice?: string }): string {
  return Layout({
    title: 'Articles',
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <div class="page-head">
          <h1>Articles</h1>
          {canEdit(viewer) ? (
            <a class="button" href="/articles/new">
              Add an article
            </a>
          ) : null}
        </div>
        <Notice text={notice} />
        {articles.items.length === 0 ? (
          <p>No articles yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="list">
              <caption class="sr-only">Articles with their claims by status</caption>
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col">Claims</th>
                  <th scope="col">By status</th>
                  <th scope="col">No named source</th>
                </tr>
              </thead>
              <tbody>
                {articles.items.map((a) => (
                  <tr>
                    <td data-label="Article">
                      <a href={`/articles/${a.id}`} lang={a.language}>
                        {a.title}
                      </a>
                      <div class="meta">
                        {[a.outlet?.name, a.publishedDate, a.language].filter(Boolean).join(' · ')}
                      </div>
                    </td>
                    <td class="num" data-label="Claims">{a.claimTotal}</td>
                    <td data-label="By status">
                      <ul class="counts">
                        {CLAIM_STATUSES.filter((s) => a.claimCounts[s]).map((s) => (
                          <li>
                            <StatusBadge status={s} /> {a.claimCounts[s]}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td class="num" data-label="No named source">
                      {a.claimTotal ? `${Math.round((100 * a.unattributedCount) / a.claimTotal)} %` : '–'}
                      <span class="meta"> ({a.unattributedCount})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager base="/articles" current={articles} />
      </Fragment>
    ),
  });
}

export interface ArticleFormValues {
  title: string;
  language: string;
  url: string;
  publishedDate: string;
  outlet: string;
  body: string;
}

export function NewArticlePage({ viewer, values, message, errors }: { viewer: Viewer; values: ArticleFormValues; message?: string; errors?: FieldError[] }): string {
  return Layout({
    title: 'Add an article',
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <h1>Add an article</h1>
        <Problems message={message} errors={errors} />
        <form method="post" action="/articles" class="stack">
          <CsrfField viewer={viewer} />
          <label for="title">Title</label>
          <input id="title" name="title" required maxlength="500" value={values.title} />
          <label for="language">Language (BCP 47, e.g. fr, en-GB)</label>
          <input id="language" name="language" required maxlength="35" value={values.language || 'fr'} />
          <label for="outlet">Outlet (an existing source's name or alias; optional)</label>
          <input id="outlet" name="outlet" value={values.outlet} data-typeahead="source" autocomplete="off" />
          <label for="url">Address (optional)</label>
          <input id="url" name="url" type="url" value={values.url} />
          <label for="publishedDate">Published on (optional)</label>
          <input id="publishedDate" name="publishedDate" type="date" value={values.publishedDate} />
          <label for="body">Text, pasted verbatim</label>
          <textarea id="body" name="body" required rows="16">
            {values.body}
          </textarea>
          <p class="hint">The text is stored exactly as pasted (line breaks included) and cannot change once a claim is anchored to it.</p>
          <button type="submit">Add the article</button>
        </form>
      </section>
    ),
  });
}

export interface ClaimFilter {
  status?: ClaimStatus;
  kind?: string;
  sourceId?: number;
  unattributed?: boolean;
  colour: 'status' | 'rating';
}

export interface ArticleViewModel {
  viewer: Viewer;
  article: ArticleDto;
  claims: ClaimDto[];
  /** Sources named in this article's claims, for the filter. */
  sources: { id: number; name: string }[];
  bodyHtml: string;
  filter: ClaimFilter;
  ratingOf: Map<number, string | null>;
  exports: { format: string; label: string; newTab: boolean }[];
  notice?: string;
  /** Claims a revision could not re-anchor (not highlighted; listed on the revisions page). */
  flagged?: number;
  /** Suggested claims not yet accepted or rejected (editors and admins only). */
  suggestions?: SuggestionDto[];
}

export function chainText(claim: ClaimDto): string {
  if (claim.unattributed) return 'No named source (the article’s own voice)';
  return claim.attributions.map((a) => `${a.source ? a.source.name : `anonymous: ${a.description ?? ''}`} (${a.verb})`).join(' → ');
}

function Legend({ colour }: { colour: 'status' | 'rating' }): Html {
  const entries =
    colour === 'status'
      ? CLAIM_STATUSES.map((s) => ({ cls: `st-${s}`, icon: STATUS[s].icon, label: STATUS[s].label }))
      : [...Object.entries(RATING).map(([k, r]) => ({ cls: `rt-${k}`, icon: r.icon, label: r.label })), { cls: 'rt-none', icon: '·', label: 'No verdict' }];
  return (
    <ul class="legend" aria-label={`Highlight colours by ${colour}`}>
      {entries.map((e) => (
        <li>
          <span class={`swatch ${e.cls}`} aria-hidden="true">
            {e.icon}
          </span>{' '}
          {e.label}
        </li>
      ))}
      <li>
        <span class="swatch hl-overlap" aria-hidden="true">
          ≡
        </span>{' '}
        Overlapping claims
      </li>
    </ul>
  );
}

function FilterForm({ m }: { m: ArticleViewModel }): Html {
  const f = m.filter;
  return (
    <form method="get" action={`/articles/${m.article.id}`} class="filters" aria-label="Filter the claims">
      <div>
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          <option value="">Any</option>
          {CLAIM_STATUSES.map((s) => (
            <option value={s} selected={f.status === s}>
              {STATUS[s].label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-kind">Kind</label>
        <select id="f-kind" name="kind">
          <option value="">Any</option>
          {CLAIM_KINDS.map((k) => (
            <option value={k} selected={f.kind === k}>
              {KIND[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-source">Source</label>
        <select id="f-source" name="sourceId">
          <option value="">Any</option>
          {m.sources.map((s) => (
            <option value={String(s.id)} selected={f.sourceId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-unattributed">Attribution</label>
        <select id="f-unattributed" name="unattributed">
          <option value="">Any</option>
          <option value="true" selected={f.unattributed === true}>
            No named source
          </option>
          <option value="false" selected={f.unattributed === false}>
            Attributed
          </option>
        </select>
      </div>
      <div>
        <label for="f-colour">Colour by</label>
        <select id="f-colour" name="colour">
          <option value="status" selected={f.colour === 'status'}>
            Status
          </option>
          <option value="rating" selected={f.colour === 'rating'}>
            Rating
          </option>
        </select>
      </div>
      <button type="submit">Apply</button>
    </form>
  );
}

export function ArticleViewPage(m: ArticleViewModel): string {
  const a = m.article;
  return Layout({
    title: a.title,
    viewer: m.viewer,
    section: 'articles',
    children: (
      <Fragment>
        <div class="page-head">
          <h1 lang={a.language}>{a.title}</h1>
          <nav class="head-links" aria-label="This article">
            {canEdit(m.viewer) ? <a href={`/articles/${a.id}/edit`}>Edit details</a> : null}
            <a href={`/articles/${a.id}/revisions`}>Revisions</a>
          </nav>
        </div>
        <p class="meta">
          {[a.outlet?.name, a.publishedDate, a.language].filter(Boolean).join(' · ')}
          {a.url ? (
            <Fragment>
              {' · '}
              <a href={a.url} rel="noopener noreferrer">
                original
              </a>
            </Fragment>
          ) : null}
          {` · ${a.claimTotal} claims, ${a.unattributedCount} with no named source`}
        </p>
        <a class="jump-claims button secondary" href="#claims-heading">
          Jump to the claims ({m.claims.length})
        </a>
        <Notice text={m.notice} />
        {m.flagged ? (
          <p class="problems" role="status">
            {m.flagged} claim{m.flagged === 1 ? '' : 's'} could not be anchored in this revision of the text and {m.flagged === 1 ? 'is' : 'are'} not highlighted:{' '}
            <a href={`/articles/${a.id}/revisions#flags-heading`}>anchor {m.flagged === 1 ? 'it' : 'them'} again</a>.
          </p>
        ) : null}
        {m.exports.length ? (
          <nav class="exports" aria-label="Export the report">
            <span>Report:</span>
            {m.exports.map((e) => (
              <a href={`/articles/${a.id}/report.${e.format}`} target={e.newTab ? '_blank' : undefined} rel={e.newTab ? 'noopener' : undefined} download={e.newTab ? undefined : true}>
                {e.label}
              </a>
            ))}
          </nav>
        ) : null}
        <div class="article-layout">
          <section class="article-text" aria-labelledby="text-heading">
            {/* Keyboard and phone: straight to the claims, past a long text and its highlights. */}
            <a class="skip-inline" href="#claims-heading">
              Skip to the claims ({m.claims.length})
            </a>
            <h2 id="text-heading">Text</h2>
            {canEdit(m.viewer) ? (
              <p class="hint" id="select-hint">
                Select words in the text, then choose “Log claim”. Without a mouse,{' '}
                <a href={`/articles/${a.id}/claims/new`}>log a claim by typing its quote</a>.
              </p>
            ) : null}
            <Legend colour={m.filter.colour} />
            {canEdit(m.viewer) ? (
              <a id="log-claim" class="button floating" hidden href={`/articles/${a.id}/claims/new`}>
                Log claim
              </a>
            ) : null}
            <div id="article-body" class="article-body" lang={a.language} data-article={String(a.id)} data-can-log={canEdit(m.viewer) ? 'true' : 'false'}>
              {raw(m.bodyHtml)}
            </div>
          </section>
          <aside class="claims-side" aria-labelledby="claims-heading">
            {m.suggestions ? <SuggestedClaims viewer={m.viewer} articleId={a.id} language={a.language} items={m.suggestions} /> : null}
            <h2 id="claims-heading" tabindex="-1">
              Claims ({m.claims.length})
            </h2>
            <FilterForm m={m} />
            <ol class="claim-list">
              {m.claims.map((c) => (
                <li id={`claim-${c.id}`} data-claim={String(c.id)} class="claim-item">
                  <div class="claim-line">
                    <StatusBadge status={c.status} /> <span class="kind">{KIND[c.kind]}</span>
                    {m.ratingOf.get(c.id) ? <RatingBadge rating={m.ratingOf.get(c.id)} /> : null}
                  </div>
                  <a href={`/claims/${c.id}`} class="claim-link">
                    {c.text}
                  </a>
                  <q lang={a.language}>{c.quote.length > 160 ? `${c.quote.slice(0, 157)}…` : c.quote}</q>
                  <a class="to-text" href={`#hl-${c.id}`}>
                    Show in text<span class="sr-only"> (claim {c.id})</span>
                  </a>
                  <div class={c.unattributed ? 'chain unattributed' : 'chain'}>{chainText(c)}</div>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      </Fragment>
    ),
  });
}

function suggestedChain(s: SuggestionDto): string {
  if (s.unattributed) return 'No named source (the article’s own voice)';
  return s.attributions.map((a) => `${a.anonymous ? `anonymous: ${a.name}` : a.sourceId ? a.name : `${a.name} (new source)`} (${a.verb})`).join(' → ');
}

/** "Suggested claims": what the tracker reads in the text, to accept, edit then accept, or reject. */
function SuggestedClaims({ viewer, articleId, language, items }: { viewer: Viewer; articleId: number; language: string; items: SuggestionDto[] }): Html {
  const base = `/articles/${articleId}/suggestions`;
  return (
    <section class="suggested" aria-labelledby="suggested-heading">
      <h2 id="suggested-heading">Suggested claims ({items.length})</h2>
      {items.length ? (
        <Fragment>
          <p class="hint">Dashed in the text. Accepting logs a draft claim with its chain (creating the new sources it names).</p>
          <form method="post" action={`${base}/accept`} class="inline-form">
            <CsrfField viewer={viewer} />
            <label for="min-score">Accept all with a score of at least</label>
            <input id="min-score" name="minScore" type="number" min="0" max="1" step="0.05" value="0.5" />
            <button type="submit">Accept all above</button>
          </form>
          <ol class="suggestion-list">
            {items.map((s) => (
              <li class="suggestion-item" data-suggestion={s.key}>
                <div class="claim-line">
                  <span class="kind">{KIND[s.kind as keyof typeof KIND] ?? s.kind}</span> <span class="score">score {s.score.toFixed(2)}</span>
                </div>
                <q lang={language}>{s.quote.length > 160 ? `${s.quote.slice(0, 157)}…` : s.quote}</q>
                <div class={s.unattributed ? 'chain unattributed' : 'chain'}>{suggestedChain(s)}</div>
                <div class="meta">{s.reason}</div>
                <div class="row-actions">
                  <form method="post" action={`${base}/accept`}>
                    <CsrfField viewer={viewer} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit" aria-label={`Accept: ${s.quote.slice(0, 60)}`}>Accept</button>
                  </form>
                  <a class="button secondary" href={`${base}/${s.key}/edit`}>
                    Edit, then accept
                  </a>
                  <form method="post" action={`${base}/reject`}>
                    <CsrfField viewer={viewer} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit" class="secondary" aria-label={`Reject: ${s.quote.slice(0, 60)}`}>
                      Reject
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        </Fragment>
      ) : (
        <p class="hint">No suggestions left: every one was accepted or rejected.</p>
      )}
    </section>
  );
}
