import type { ArticleDto, ArticleSummaryDto } from '../../articles/dto/article.dto';
import { CLAIM_KINDS, CLAIM_STATUSES, type ClaimStatus } from '../../claims/claim.entity';
import type { ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { FieldError } from '../../common/errors';
import type { SuggestionDto } from '../../suggestions/dto/suggestion.dto';
import { Fragment, h, Html, raw } from '../jsx';
import type { Viewer } from '../web.types';
import { formatDate, formatNumber, Lang, t, translator } from '../../i18n/i18n';
import { kindLabel, RATING, RatingBadge, STATUS, statusLabel, StatusBadge } from './labels';
import { CsrfField, Layout, Notice, Problems } from './layout';

const canEdit = (viewer: Viewer) => viewer.user.role === 'editor' || viewer.user.role === 'admin';

export function Pager({ base, current, lang }: { base: string; current: Page<unknown>; lang: Lang }): Html {
  const tr = translator(lang);
  const pages = Math.max(1, Math.ceil(current.total / current.pageSize));
  // A capped count (totalAtLeast): more pages may follow the last one counted.
  const more = current.totalAtLeast === true;
  if (pages <= 1 && !more) return <Fragment />;
  const sep = base.includes('?') ? '&' : '?';
  return (
    <nav class="pager" aria-label={tr('pager.label')}>
      {current.page > 1 ? <a href={`${base}${sep}page=${current.page - 1}`}>{tr('pager.previous')}</a> : null}
      <span>
        {tr('pager.position', { page: current.page, pages })}
        {more ? '+' : ''}
      </span>
      {current.page < pages || more ? <a href={`${base}${sep}page=${current.page + 1}`}>{tr('pager.next')}</a> : null}
    </nav>
  );
}

export function ArticleListPage({ viewer, articles, notice }: { viewer: Viewer; articles: Page<ArticleSummaryDto>; notice?: string }): string {
  const lang = viewer.lang;
  const tr = translator(lang);
  return Layout({
    title: tr('articles.title'),
    viewer,
    section: 'articles',
    children: (
      <Fragment>
        <div class="page-head">
          <h1>{tr('articles.title')}</h1>
          {canEdit(viewer) ? (
            <a class="button" href="/articles/new">
              {tr('articles.add')}
            </a>
          ) : null}
        </div>
        <Notice text={notice} />
        {articles.items.length === 0 ? (
          <p>{tr('articles.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="list">
              <caption class="sr-only">{tr('articles.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('articles.col.article')}</th>
                  <th scope="col">{tr('articles.col.claims')}</th>
                  <th scope="col">{tr('articles.col.byStatus')}</th>
                  <th scope="col">{tr('articles.col.unattributed')}</th>
                </tr>
              </thead>
              <tbody>
                {articles.items.map((a) => (
                  <tr>
                    <td data-label={tr('articles.col.article')}>
                      <a href={`/articles/${a.id}`} lang={a.language}>
                        {a.title}
                      </a>
                      <div class="meta">
                        {[a.outlet?.name, a.publishedDate ? formatDate(lang, a.publishedDate) : null, a.language].filter(Boolean).join(' · ')}
                      </div>
                    </td>
                    <td class="num" data-label={tr('articles.col.claims')}>
                      {formatNumber(lang, a.claimTotal)}
                    </td>
                    <td data-label={tr('articles.col.byStatus')}>
                      <ul class="counts">
                        {CLAIM_STATUSES.filter((s) => a.claimCounts[s]).map((s) => (
                          <li>
                            <StatusBadge status={s} lang={lang} /> {formatNumber(lang, a.claimCounts[s] ?? 0)}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td class="num" data-label={tr('articles.col.unattributed')}>
                      {a.claimTotal ? formatNumber(lang, a.unattributedCount / a.claimTotal, { style: 'percent' }) : '–'}
                      <span class="meta"> ({formatNumber(lang, a.unattributedCount)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager base="/articles" current={articles} lang={lang} />
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
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('articles.add'),
    viewer,
    section: 'articles',
    children: (
      <section class="narrow">
        <h1>{tr('articles.add')}</h1>
        <Problems message={message} errors={errors} />
        <form method="post" action="/articles" class="stack">
          <CsrfField viewer={viewer} />
          <label for="title">{tr('articles.form.title')}</label>
          <input id="title" name="title" required maxlength="500" value={values.title} />
          <label for="language">{tr('articles.form.language')}</label>
          <input id="language" name="language" required maxlength="35" value={values.language || 'fr'} />
          <label for="outlet">{tr('articles.form.outlet')}</label>
          <input id="outlet" name="outlet" value={values.outlet} data-typeahead="source" autocomplete="off" />
          <label for="url">{tr('articles.form.url')}</label>
          <input id="url" name="url" type="url" value={values.url} />
          <label for="publishedDate">{tr('articles.form.publishedDate')}</label>
          <input id="publishedDate" name="publishedDate" type="date" value={values.publishedDate} />
          <label for="body">{tr('articles.form.body')}</label>
          <textarea id="body" name="body" required rows="16">
            {values.body}
          </textarea>
          <p class="hint">{tr('articles.form.hint')}</p>
          <button type="submit">{tr('articles.form.submit')}</button>
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
  /** The Watch / Unwatch this article form (notifications). */
  watch?: Html;
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

export function chainText(claim: ClaimDto, lang: Lang): string {
  if (claim.unattributed) return t(lang, 'chain.unattributed');
  return claim.attributions
    .map((a) => `${a.source ? a.source.name : t(lang, 'chain.anonymous', { description: a.description ?? '' })} (${a.verb})`)
    .join(' → ');
}

function Legend({ colour, lang }: { colour: 'status' | 'rating'; lang: Lang }): Html {
  const entries =
    colour === 'status'
      ? CLAIM_STATUSES.map((s) => ({ cls: `st-${s}`, icon: STATUS[s].icon, label: statusLabel(lang, s) }))
      : [...Object.entries(RATING).map(([k, r]) => ({ cls: `rt-${k}`, icon: r.icon, label: t(lang, r.key) })), { cls: 'rt-none', icon: '·', label: t(lang, 'rating.none') }];
  return (
    <ul class="legend" aria-label={t(lang, colour === 'status' ? 'article.legend.status' : 'article.legend.rating')}>
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
        {t(lang, 'article.legend.overlap')}
      </li>
    </ul>
  );
}

function FilterForm({ m }: { m: ArticleViewModel }): Html {
  const f = m.filter;
  const tr = translator(m.viewer.lang);
  return (
    <form method="get" action={`/articles/${m.article.id}`} class="filters" aria-label={tr('article.filter.label')}>
      <div>
        <label for="f-status">{tr('article.filter.status')}</label>
        <select id="f-status" name="status">
          <option value="">{tr('article.filter.any')}</option>
          {CLAIM_STATUSES.map((s) => (
            <option value={s} selected={f.status === s}>
              {statusLabel(m.viewer.lang, s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-kind">{tr('article.filter.kind')}</label>
        <select id="f-kind" name="kind">
          <option value="">{tr('article.filter.any')}</option>
          {CLAIM_KINDS.map((k) => (
            <option value={k} selected={f.kind === k}>
              {kindLabel(m.viewer.lang, k)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-source">{tr('article.filter.source')}</label>
        <select id="f-source" name="sourceId">
          <option value="">{tr('article.filter.any')}</option>
          {m.sources.map((s) => (
            <option value={String(s.id)} selected={f.sourceId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-unattributed">{tr('article.filter.attribution')}</label>
        <select id="f-unattributed" name="unattributed">
          <option value="">{tr('article.filter.any')}</option>
          <option value="true" selected={f.unattributed === true}>
            {tr('article.filter.unattributed')}
          </option>
          <option value="false" selected={f.unattributed === false}>
            {tr('article.filter.attributed')}
          </option>
        </select>
      </div>
      <div>
        <label for="f-colour">{tr('article.filter.colour')}</label>
        <select id="f-colour" name="colour">
          <option value="status" selected={f.colour === 'status'}>
            {tr('article.filter.status')}
          </option>
          <option value="rating" selected={f.colour === 'rating'}>
            {tr('article.filter.rating')}
          </option>
        </select>
      </div>
      <button type="submit">{tr('article.filter.apply')}</button>
    </form>
  );
}

export function ArticleViewPage(m: ArticleViewModel): string {
  const a = m.article;
  const lang = m.viewer.lang;
  const tr = translator(lang);
  return Layout({
    title: a.title,
    viewer: m.viewer,
    section: 'articles',
    children: (
      <Fragment>
        <div class="page-head">
          <h1 lang={a.language}>{a.title}</h1>
          <nav class="head-links" aria-label={tr('article.links.label')}>
            {canEdit(m.viewer) ? <a href={`/articles/${a.id}/edit`}>{tr('article.links.edit')}</a> : null}
            <a href={`/articles/${a.id}/revisions`}>{tr('article.links.revisions')}</a>
          </nav>
        </div>
        <p class="meta">
          {[a.outlet?.name, a.publishedDate ? formatDate(lang, a.publishedDate) : null, a.language].filter(Boolean).join(' · ')}
          {a.url ? (
            <Fragment>
              {' · '}
              <a href={a.url} rel="noopener noreferrer">
                {tr('article.original')}
              </a>
            </Fragment>
          ) : null}
          {` · ${tr('article.counts', { total: a.claimTotal, unattributed: a.unattributedCount })}`}
        </p>
        <a class="jump-claims button secondary" href="#claims-heading">
          {tr('article.jump', { count: m.claims.length })}
        </a>
        {m.watch ?? null}
        <Notice text={m.notice} />
        {m.flagged ? (
          <p class="problems" role="status">
            {tr('article.flagged', { count: m.flagged })} <a href={`/articles/${a.id}/revisions#flags-heading`}>{tr('article.flagged.link', { count: m.flagged })}</a>.
          </p>
        ) : null}
        {m.exports.length ? (
          <nav class="exports" aria-label={tr('article.exports.label')}>
            <span>{tr('article.exports.report')}</span>
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
              {tr('article.skip', { count: m.claims.length })}
            </a>
            <h2 id="text-heading">{tr('article.text')}</h2>
            {canEdit(m.viewer) ? (
              <p class="hint" id="select-hint">
                {tr('article.selectHint')} <a href={`/articles/${a.id}/claims/new`}>{tr('article.selectHint.link')}</a>.
              </p>
            ) : null}
            <Legend colour={m.filter.colour} lang={lang} />
            {canEdit(m.viewer) ? (
              <a id="log-claim" class="button floating" hidden href={`/articles/${a.id}/claims/new`}>
                {tr('article.logClaim')}
              </a>
            ) : null}
            <div id="article-body" class="article-body" lang={a.language} data-article={String(a.id)} data-can-log={canEdit(m.viewer) ? 'true' : 'false'}>
              {raw(m.bodyHtml)}
            </div>
          </section>
          <aside class="claims-side" aria-labelledby="claims-heading">
            {m.suggestions ? <SuggestedClaims viewer={m.viewer} articleId={a.id} language={a.language} items={m.suggestions} /> : null}
            <h2 id="claims-heading" tabindex="-1">
              {tr('article.claims', { count: m.claims.length })}
            </h2>
            <FilterForm m={m} />
            <ol class="claim-list">
              {m.claims.map((c) => (
                <li id={`claim-${c.id}`} data-claim={String(c.id)} class="claim-item">
                  <div class="claim-line">
                    <StatusBadge status={c.status} lang={lang} /> <span class="kind">{kindLabel(lang, c.kind)}</span>
                    {m.ratingOf.get(c.id) ? <RatingBadge rating={m.ratingOf.get(c.id)} lang={lang} /> : null}
                  </div>
                  <a href={`/claims/${c.id}`} class="claim-link">
                    {c.text}
                  </a>
                  <q lang={a.language}>{c.quote.length > 160 ? `${c.quote.slice(0, 157)}…` : c.quote}</q>
                  <a class="to-text" href={`#hl-${c.id}`}>
                    {tr('article.showInText')}
                    <span class="sr-only"> {tr('article.showInText.claim', { id: String(c.id) })}</span>
                  </a>
                  <div class={c.unattributed ? 'chain unattributed' : 'chain'}>{chainText(c, lang)}</div>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      </Fragment>
    ),
  });
}

function suggestedChain(s: SuggestionDto, lang: Lang): string {
  if (s.unattributed) return t(lang, 'chain.unattributed');
  return s.attributions
    .map((a) => `${a.anonymous ? t(lang, 'chain.anonymous', { description: a.name }) : a.sourceId ? a.name : t(lang, 'chain.newSource', { name: a.name })} (${a.verb})`)
    .join(' → ');
}

/** "Suggested claims": what the tracker reads in the text, to accept, edit then accept, or reject. */
function SuggestedClaims({ viewer, articleId, language, items }: { viewer: Viewer; articleId: number; language: string; items: SuggestionDto[] }): Html {
  const base = `/articles/${articleId}/suggestions`;
  const lang = viewer.lang;
  const tr = translator(lang);
  return (
    <section class="suggested" aria-labelledby="suggested-heading">
      <h2 id="suggested-heading">{tr('suggested.heading', { count: items.length })}</h2>
      {items.length ? (
        <Fragment>
          <p class="hint">{tr('suggested.hint')}</p>
          <form method="post" action={`${base}/accept`} class="inline-form">
            <CsrfField viewer={viewer} />
            <label for="min-score">{tr('suggested.minScore')}</label>
            <input id="min-score" name="minScore" type="number" min="0" max="1" step="0.05" value="0.5" />
            <button type="submit">{tr('suggested.acceptAbove')}</button>
          </form>
          <ol class="suggestion-list">
            {items.map((s) => (
              <li class="suggestion-item" data-suggestion={s.key}>
                <div class="claim-line">
                  <span class="kind">{kindLabel(lang, s.kind)}</span>{' '}
                  <span class="score">{tr('suggested.score', { score: formatNumber(lang, s.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}</span>
                </div>
                <q lang={language}>{s.quote.length > 160 ? `${s.quote.slice(0, 157)}…` : s.quote}</q>
                <div class={s.unattributed ? 'chain unattributed' : 'chain'}>{suggestedChain(s, lang)}</div>
                <div class="meta">{s.reason}</div>
                <div class="row-actions">
                  <form method="post" action={`${base}/accept`}>
                    <CsrfField viewer={viewer} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit" aria-label={tr('suggested.accept.label', { quote: s.quote.slice(0, 60) })}>
                      {tr('suggested.accept')}
                    </button>
                  </form>
                  <a class="button secondary" href={`${base}/${s.key}/edit`}>
                    {tr('suggested.edit')}
                  </a>
                  <form method="post" action={`${base}/reject`}>
                    <CsrfField viewer={viewer} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit" class="secondary" aria-label={tr('suggested.reject.label', { quote: s.quote.slice(0, 60) })}>
                      {tr('suggested.reject')}
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        </Fragment>
      ) : (
        <p class="hint">{tr('suggested.none')}</p>
      )}
    </section>
  );
}
