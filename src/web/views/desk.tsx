import { CLAIM_KINDS, CLAIM_STATUSES } from '../../claims/claim.entity';
import type { ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { BulkResultDto, LanePageDto, LaneSummaryDto } from '../../desk/dto/desk.dto';
import { LANE_INFO, waitedFor } from '../../desk/lanes';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { chainText, Pager } from './articles';
import { formatNumber, MessageKey, translator } from '../../i18n/i18n';
import type { Lane } from '../../desk/lanes';
import { formatInstant, kindLabel, statusLabel, StatusBadge } from './labels';
import { CsrfField, Layout, Problems } from './layout';

/** Each lane's heading, description and "moved by" column, by message key. */
const LANE_TEXT: Record<Lane, { label: MessageKey; description: MessageKey; movedBy: MessageKey }> = {
  waiting: { label: 'lane.waiting', description: 'lane.waiting.description', movedBy: 'lane.waiting.movedBy' },
  assigned: { label: 'lane.assigned', description: 'lane.assigned.description', movedBy: 'lane.assigned.movedBy' },
  publish: { label: 'lane.publish', description: 'lane.publish.description', movedBy: 'lane.publish.movedBy' },
  returned: { label: 'lane.returned', description: 'lane.returned.description', movedBy: 'lane.returned.movedBy' },
  published: { label: 'lane.published', description: 'lane.published.description', movedBy: 'lane.published.movedBy' },
};

/** The review queue: one tab per lane with its true total, and the chosen lane as a table. */
export function LanesPage({
  viewer,
  lanes,
  current,
  order,
  now,
}: {
  viewer: Viewer;
  lanes: LaneSummaryDto[];
  current: LanePageDto;
  /** The order asked for, if any (kept by the pager). */
  order?: 'asc' | 'desc';
  now: Date;
}): string {
  const info = LANE_INFO[current.lane];
  const base = (extra: string) => `/review?lane=${current.lane}${extra}`;
  const shown = order ?? info.defaultOrder;
  const lang = viewer.lang;
  const tr = translator(lang);
  const text = LANE_TEXT[current.lane];
  const movedBy = tr(text.movedBy);
  return Layout({
    title: tr('lanes.title'),
    viewer,
    section: 'review',
    children: (
      <Fragment>
        <h1>{tr('lanes.title')}</h1>
        <nav class="lanes" aria-label={tr('lanes.label')}>
          <ul>
            {lanes.map((l) => (
              <li>
                <a href={`/review?lane=${l.lane}`} aria-current={l.lane === current.lane ? 'page' : undefined}>
                  {tr(LANE_TEXT[l.lane].label)} <span class="count">({formatNumber(lang, l.total)})</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="lane-h">
          <h2 id="lane-h">
            {tr(text.label)} ({formatNumber(lang, current.total)})
          </h2>
          <p class="meta">
            {tr(text.description)} {tr('lanes.sort')}{' '}
            <a href={base('&order=asc')} aria-current={shown === 'asc' ? 'true' : undefined}>
              {tr('lanes.sort.longest')}
            </a>{' '}
            ·{' '}
            <a href={base('&order=desc')} aria-current={shown === 'desc' ? 'true' : undefined}>
              {tr('lanes.sort.recent')}
            </a>
          </p>
          {current.items.length ? (
            <div class="table-wrap">
              <table class="list lane">
                <caption class="sr-only">{tr(text.label)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('lanes.col.claim')}</th>
                    <th scope="col">{tr('lanes.col.article')}</th>
                    <th scope="col">{tr('lanes.col.status')}</th>
                    <th scope="col">{movedBy[0].toUpperCase() + movedBy.slice(1)}</th>
                    <th scope="col">{tr('lanes.col.waiting')}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.items.map((i) => (
                    <tr>
                      <td data-label={tr('lanes.col.claim')}>
                        <a href={`/claims/${i.claim.id}`}>{i.claim.text}</a>
                        <div class="chain">{chainText(i.claim, lang)}</div>
                      </td>
                      <td data-label={tr('lanes.col.article')}>
                        <a href={`/articles/${i.article.id}#claim-${i.claim.id}`}>{i.article.title}</a>
                      </td>
                      <td data-label={tr('lanes.col.status')}>
                        <StatusBadge status={i.claim.status} lang={lang} />
                      </td>
                      <td data-label={movedBy}>{i.movedBy?.username ?? tr('history.system')}</td>
                      <td data-label={tr('lanes.col.waiting')}>
                        <span title={formatInstant(i.since, lang)}>{waitedFor(i.since, now, tr('lanes.dayUnit'))}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{tr('lanes.empty')}</p>
          )}
          <Pager base={base(order ? `&order=${order}` : '')} current={current} lang={lang} />
        </section>
      </Fragment>
    ),
  });
}

export interface ClaimsFilter {
  q: string;
  status: string;
  kind: string;
  unattributed: string;
  mine: boolean;
}

/** The filter as a query string (for the pager and for coming back after a bulk action). */
export function filterQuery(f: ClaimsFilter): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.status) params.set('status', f.status);
  if (f.kind) params.set('kind', f.kind);
  if (f.unattributed) params.set('unattributed', f.unattributed);
  if (f.mine) params.set('mine', '1');
  return params.toString();
}

/** Every claim across articles: search, filters, "my claims", and bulk actions on the ones ticked. */
export function ClaimsIndexPage({
  viewer,
  claims,
  titles,
  filter,
  assignees,
  results,
  named,
  problem,
}: {
  viewer: Viewer;
  /** The wording of the claims a bulk result names. */
  named?: Map<number, string>;
  claims: Page<ClaimDto>;
  titles: Map<number, string>;
  filter: ClaimsFilter;
  assignees: { id: number; username: string }[];
  results?: BulkResultDto;
  problem?: { message: string; errors: { field: string; reason: string }[] };
}): string {
  const role = viewer.user.role;
  const lang = viewer.lang;
  const tr = translator(lang);
  const actions: [string, string][] = [
    ...(role !== 'editor' ? [['take', tr('bulk.take')] as [string, string]] : []),
    ...(role !== 'reviewer' ? [['submit', tr('bulk.submit')] as [string, string], ['kind', tr('bulk.kind')] as [string, string]] : []),
    ...(role === 'admin' ? [['assign', tr('bulk.assign')] as [string, string]] : []),
  ];
  const query = filterQuery(filter);
  const textOf = named ?? new Map<number, string>();
  return Layout({
    title: tr('claims.title'),
    viewer,
    section: 'claims',
    children: (
      <Fragment>
        <h1>{tr('claims.title')}</h1>
        <form method="get" action="/claims" class="filters" role="search" aria-label={tr('claims.find.label')}>
          <div class="wide">
            <label for="f-q">{tr('claims.find.q')}</label>
            <input id="f-q" name="q" type="search" value={filter.q} maxlength="200" />
          </div>
          <div>
            <label for="f-status">{tr('article.filter.status')}</label>
            <select id="f-status" name="status">
              <option value="">{tr('article.filter.any')}</option>
              {CLAIM_STATUSES.map((s) => (
                <option value={s} selected={filter.status === s}>
                  {statusLabel(lang, s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-kind">{tr('article.filter.kind')}</label>
            <select id="f-kind" name="kind">
              <option value="">{tr('article.filter.any')}</option>
              {CLAIM_KINDS.map((k) => (
                <option value={k} selected={filter.kind === k}>
                  {kindLabel(lang, k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-unattributed">{tr('article.filter.attribution')}</label>
            <select id="f-unattributed" name="unattributed">
              <option value="">{tr('article.filter.any')}</option>
              <option value="true" selected={filter.unattributed === 'true'}>
                {tr('article.filter.unattributed')}
              </option>
              <option value="false" selected={filter.unattributed === 'false'}>
                {tr('article.filter.attributed')}
              </option>
            </select>
          </div>
          <div class="check">
            <input type="checkbox" id="f-mine" name="mine" value="1" checked={filter.mine} />
            <label for="f-mine">{tr(role === 'reviewer' ? 'claims.find.mineAssigned' : 'claims.find.mineLogged')}</label>
          </div>
          <button type="submit">{tr('claims.find.submit')}</button>
        </form>
        {results ? (
          <section aria-labelledby="results-h" class="bulk-results" id="bulk-results">
            <h2 id="results-h">
              {tr('bulk.results', { done: results.done, refused: results.refused })}
            </h2>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{tr('lanes.col.claim')}</th>
                  <th scope="col">{tr('bulk.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {results.results.map((r) => (
                  <tr class={r.ok ? 'ok' : 'refused'}>
                    <td data-label={tr('lanes.col.claim')}>
                      <a href={`/claims/${r.id}`}>{textOf.get(r.id) ?? tr('claims.fallbackName', { id: String(r.id) })}</a>
                    </td>
                    <td data-label={tr('bulk.col.result')}>{r.ok ? tr('bulk.done') : tr('bulk.refused', { message: r.message ?? '' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <Problems message={problem?.message} errors={problem?.errors} />
        <form method="post" action="/claims/bulk" class="bulk">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="back" value={query} />
          <p class="meta" id="claims-count">
            {claims.totalAtLeast ? tr('claims.countAtLeast', { count: claims.total }) : tr('claims.count', { count: claims.total })}
          </p>
          {claims.items.length ? (
            <div class="table-wrap">
              <table class="list">
                <caption class="sr-only">{tr('claims.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('claims.col.select')}</th>
                    <th scope="col">{tr('lanes.col.claim')}</th>
                    <th scope="col">{tr('lanes.col.article')}</th>
                    <th scope="col">{tr('lanes.col.status')}</th>
                    <th scope="col">{tr('article.filter.kind')}</th>
                    <th scope="col">{tr('claims.col.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {claims.items.map((c) => (
                    <tr>
                      <td data-label={tr('claims.col.select')}>
                        {/* The version seen goes with the id: each item is checked against it. */}
                        <input type="checkbox" name="item" value={`${c.id}:${c.version}`} id={`pick-${c.id}`} aria-label={tr('claims.select.label', { text: c.text })} />
                      </td>
                      <td data-label={tr('lanes.col.claim')}>
                        <a href={`/claims/${c.id}`}>{c.text}</a>
                        <q>{c.quote}</q>
                        <div class="chain">{chainText(c, lang)}</div>
                      </td>
                      <td data-label={tr('lanes.col.article')}>
                        <a href={`/articles/${c.articleId}#claim-${c.id}`}>{titles.get(c.articleId) ?? tr('articles.fallbackName', { id: String(c.articleId) })}</a>
                      </td>
                      <td data-label={tr('lanes.col.status')}>
                        <StatusBadge status={c.status} lang={lang} />
                        {c.assignee ? <div class="meta">{c.assignee.username}</div> : null}
                      </td>
                      <td data-label={tr('article.filter.kind')}>{kindLabel(lang, c.kind)}</td>
                      <td data-label={tr('claims.col.updated')}>{formatInstant(c.updatedAt, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{tr('claims.none')}</p>
          )}
          {claims.items.length && actions.length ? (
            <fieldset class="bulk-actions">
              <legend>{tr('bulk.legend')}</legend>
              <label for="bulk-action">{tr('bulk.action')}</label>
              <select id="bulk-action" name="action" required>
                <option value="">{tr('bulk.choose')}</option>
                {actions.map(([value, label]) => (
                  <option value={value}>{label}</option>
                ))}
              </select>
              {actions.some(([a]) => a === 'kind') ? (
                <Fragment>
                  <label for="bulk-kind">{tr('bulk.newKind')}</label>
                  <select id="bulk-kind" name="kind">
                    <option value="">—</option>
                    {CLAIM_KINDS.map((k) => (
                      <option value={k}>{kindLabel(lang, k)}</option>
                    ))}
                  </select>
                </Fragment>
              ) : null}
              {role === 'admin' ? (
                <Fragment>
                  <label for="bulk-assignee">{tr('bulk.reviewer')}</label>
                  <select id="bulk-assignee" name="assigneeId">
                    <option value="">{tr('assign.nobody')}</option>
                    {assignees.map((u) => (
                      <option value={String(u.id)}>{u.username}</option>
                    ))}
                  </select>
                </Fragment>
              ) : null}
              <button type="submit">{tr('bulk.apply')}</button>
            </fieldset>
          ) : null}
        </form>
        <Pager base={`/claims${query ? `?${query}` : ''}`} current={claims} lang={lang} />
      </Fragment>
    ),
  });
}
