import { CLAIM_KINDS, CLAIM_STATUSES } from '../../claims/claim.entity';
import type { ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { BulkResultDto, LanePageDto, LaneSummaryDto } from '../../desk/dto/desk.dto';
import { LANE_INFO, waitedFor } from '../../desk/lanes';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { chainText, Pager } from './articles';
import { formatInstant, KIND, STATUS, StatusBadge } from './labels';
import { CsrfField, Layout, Problems } from './layout';

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
  return Layout({
    title: 'Review queue',
    viewer,
    section: 'review',
    children: (
      <Fragment>
        <h1>Review queue</h1>
        <nav class="lanes" aria-label="Lanes">
          <ul>
            {lanes.map((l) => (
              <li>
                <a href={`/review?lane=${l.lane}`} aria-current={l.lane === current.lane ? 'page' : undefined}>
                  {l.label} <span class="count">({l.total})</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="lane-h">
          <h2 id="lane-h">
            {info.label} ({current.total})
          </h2>
          <p class="meta">
            {info.description} Sort:{' '}
            <a href={base('&order=asc')} aria-current={shown === 'asc' ? 'true' : undefined}>
              longest wait first
            </a>{' '}
            ·{' '}
            <a href={base('&order=desc')} aria-current={shown === 'desc' ? 'true' : undefined}>
              most recent first
            </a>
          </p>
          {current.items.length ? (
            <div class="table-wrap">
              <table class="list lane">
                <caption class="sr-only">{info.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Claim</th>
                    <th scope="col">Article</th>
                    <th scope="col">Status</th>
                    <th scope="col">{info.movedByLabel[0].toUpperCase() + info.movedByLabel.slice(1)}</th>
                    <th scope="col">Waiting</th>
                  </tr>
                </thead>
                <tbody>
                  {current.items.map((i) => (
                    <tr>
                      <td data-label="Claim">
                        <a href={`/claims/${i.claim.id}`}>{i.claim.text}</a>
                        <div class="chain">{chainText(i.claim)}</div>
                      </td>
                      <td data-label="Article">
                        <a href={`/articles/${i.article.id}#claim-${i.claim.id}`}>{i.article.title}</a>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={i.claim.status} />
                      </td>
                      <td data-label={info.movedByLabel}>{i.movedBy?.username ?? 'the system'}</td>
                      <td data-label="Waiting">
                        <span title={formatInstant(i.since)}>{waitedFor(i.since, now)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Nothing here.</p>
          )}
          <Pager base={base(order ? `&order=${order}` : '')} current={current} />
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
  const actions: [string, string][] = [
    ...(role !== 'editor' ? [['take', 'Take for review'] as [string, string]] : []),
    ...(role !== 'reviewer' ? [['submit', 'Submit for review'] as [string, string], ['kind', 'Change the kind'] as [string, string]] : []),
    ...(role === 'admin' ? [['assign', 'Assign'] as [string, string]] : []),
  ];
  const query = filterQuery(filter);
  const textOf = named ?? new Map<number, string>();
  return Layout({
    title: 'Claims',
    viewer,
    section: 'claims',
    children: (
      <Fragment>
        <h1>Claims</h1>
        <form method="get" action="/claims" class="filters" role="search" aria-label="Find claims">
          <div class="wide">
            <label for="f-q">Search wording, quote or source</label>
            <input id="f-q" name="q" type="search" value={filter.q} maxlength="200" />
          </div>
          <div>
            <label for="f-status">Status</label>
            <select id="f-status" name="status">
              <option value="">Any</option>
              {CLAIM_STATUSES.map((s) => (
                <option value={s} selected={filter.status === s}>
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
                <option value={k} selected={filter.kind === k}>
                  {KIND[k]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-unattributed">Attribution</label>
            <select id="f-unattributed" name="unattributed">
              <option value="">Any</option>
              <option value="true" selected={filter.unattributed === 'true'}>
                No named source
              </option>
              <option value="false" selected={filter.unattributed === 'false'}>
                Attributed
              </option>
            </select>
          </div>
          <div class="check">
            <input type="checkbox" id="f-mine" name="mine" value="1" checked={filter.mine} />
            <label for="f-mine">{role === 'reviewer' ? 'Only claims assigned to me' : 'Only claims I logged'}</label>
          </div>
          <button type="submit">Find</button>
        </form>
        {results ? (
          <section aria-labelledby="results-h" class="bulk-results" id="bulk-results">
            <h2 id="results-h">
              Done for {results.done}, refused for {results.refused}
            </h2>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">Claim</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {results.results.map((r) => (
                  <tr class={r.ok ? 'ok' : 'refused'}>
                    <td data-label="Claim">
                      <a href={`/claims/${r.id}`}>{textOf.get(r.id) ?? `Claim ${r.id}`}</a>
                    </td>
                    <td data-label="Result">{r.ok ? 'Done.' : `Refused: ${r.message}`}</td>
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
            {claims.total}
            {claims.totalAtLeast ? '+' : ''} claim{claims.total === 1 && !claims.totalAtLeast ? '' : 's'}
          </p>
          {claims.items.length ? (
            <div class="table-wrap">
              <table class="list">
                <caption class="sr-only">Claims found</caption>
                <thead>
                  <tr>
                    <th scope="col">Select</th>
                    <th scope="col">Claim</th>
                    <th scope="col">Article</th>
                    <th scope="col">Status</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {claims.items.map((c) => (
                    <tr>
                      <td data-label="Select">
                        {/* The version seen goes with the id: each item is checked against it. */}
                        <input type="checkbox" name="item" value={`${c.id}:${c.version}`} id={`pick-${c.id}`} aria-label={`Select: ${c.text}`} />
                      </td>
                      <td data-label="Claim">
                        <a href={`/claims/${c.id}`}>{c.text}</a>
                        <q>{c.quote}</q>
                        <div class="chain">{chainText(c)}</div>
                      </td>
                      <td data-label="Article">
                        <a href={`/articles/${c.articleId}#claim-${c.id}`}>{titles.get(c.articleId) ?? `Article ${c.articleId}`}</a>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={c.status} />
                        {c.assignee ? <div class="meta">{c.assignee.username}</div> : null}
                      </td>
                      <td data-label="Kind">{KIND[c.kind]}</td>
                      <td data-label="Updated">{formatInstant(c.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No claim matches.</p>
          )}
          {claims.items.length && actions.length ? (
            <fieldset class="bulk-actions">
              <legend>With the selected claims</legend>
              <label for="bulk-action">Action</label>
              <select id="bulk-action" name="action" required>
                <option value="">Choose…</option>
                {actions.map(([value, label]) => (
                  <option value={value}>{label}</option>
                ))}
              </select>
              {actions.some(([a]) => a === 'kind') ? (
                <Fragment>
                  <label for="bulk-kind">New kind (for “Change the kind”)</label>
                  <select id="bulk-kind" name="kind">
                    <option value="">—</option>
                    {CLAIM_KINDS.map((k) => (
                      <option value={k}>{KIND[k]}</option>
                    ))}
                  </select>
                </Fragment>
              ) : null}
              {role === 'admin' ? (
                <Fragment>
                  <label for="bulk-assignee">Reviewer (for “Assign”)</label>
                  <select id="bulk-assignee" name="assigneeId">
                    <option value="">Nobody (back to the queue)</option>
                    {assignees.map((u) => (
                      <option value={String(u.id)}>{u.username}</option>
                    ))}
                  </select>
                </Fragment>
              ) : null}
              <button type="submit">Apply to the selected claims</button>
            </fieldset>
          ) : null}
        </form>
        <Pager base={`/claims${query ? `?${query}` : ''}`} current={claims} />
      </Fragment>
    ),
  });
}
