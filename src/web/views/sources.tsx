import type { ClaimDto } from '../../claims/dto/claim.dto';
import type { Page } from '../../common/dto/pagination.dto';
import type { SourceDto } from '../../sources/dto/source.dto';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { chainText, Pager } from './articles';
import { KIND, RatingBadge, SOURCE_KIND, StatusBadge } from './labels';
import { Layout } from './layout';

/** Ledger figures for one source, once the review workflow provides them. */
export interface LedgerFigures {
  asSpeaker: number;
  asRelay: number;
  published: number;
  ratings: Record<string, number>;
}

export function SourceListPage({ viewer, sources, q, ledger }: { viewer: Viewer; sources: Page<SourceDto>; q: string; ledger: Map<number, LedgerFigures> }): string {
  return Layout({
    title: 'Sources',
    viewer,
    section: 'sources',
    children: (
      <Fragment>
        <h1>Sources</h1>
        <form method="get" action="/sources" class="filters" role="search">
          <div>
            <label for="q">Name or alias</label>
            <input id="q" name="q" value={q} />
          </div>
          <button type="submit">Search</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">Sources and their record</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col">Claims as speaker</th>
                <th scope="col">As relay</th>
                <th scope="col">Ratings</th>
              </tr>
            </thead>
            <tbody>
              {sources.items.map((s) => {
                const l = ledger.get(s.id);
                return (
                  <tr>
                    <td>
                      <a href={`/sources/${s.id}`}>{s.name}</a>
                      {s.aliases.length ? <div class="meta">{s.aliases.join(', ')}</div> : null}
                    </td>
                    <td>
                      {SOURCE_KIND[s.kind]}
                      {s.country ? ` · ${s.country}` : ''}
                    </td>
                    <td class="num">{l ? l.asSpeaker : '–'}</td>
                    <td class="num">{l ? l.asRelay : '–'}</td>
                    <td>
                      {l ? (
                        <ul class="counts">
                          {Object.entries(l.ratings).map(([rating, n]) => (
                            <li>
                              <RatingBadge rating={rating} /> {n}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Pager base={`/sources?q=${encodeURIComponent(q)}`} current={sources} />
      </Fragment>
    ),
  });
}

function ClaimRows({ claims, titles, ratingOf }: { claims: ClaimDto[]; titles: Map<number, { title: string; language: string }>; ratingOf: (c: ClaimDto) => string | null }): Html {
  if (claims.length === 0) return <p>None.</p>;
  return (
    <ol class="claim-list">
      {claims.map((c) => (
        <li class="claim-item">
          <div class="claim-line">
            <StatusBadge status={c.status} /> <RatingBadge rating={ratingOf(c)} /> <span class="kind">{KIND[c.kind]}</span>
          </div>
          <a class="claim-link" href={`/claims/${c.id}`}>
            {c.text}
          </a>
          <q lang={titles.get(c.articleId)?.language}>{c.quote}</q>
          <div class="chain">{chainText(c)}</div>
          <div class="meta">
            in <a href={`/articles/${c.articleId}`}>{titles.get(c.articleId)?.title ?? `article ${c.articleId}`}</a>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function SourcePage({
  viewer,
  source,
  asSpeaker,
  asRelay,
  titles,
  ratingOf,
}: {
  viewer: Viewer;
  source: SourceDto;
  asSpeaker: ClaimDto[];
  asRelay: ClaimDto[];
  titles: Map<number, { title: string; language: string }>;
  ratingOf: (c: ClaimDto) => string | null;
}): string {
  return Layout({
    title: source.name,
    viewer,
    section: 'sources',
    children: (
      <Fragment>
        <h1>{source.name}</h1>
        <dl>
          <dt>Kind</dt>
          <dd>
            {SOURCE_KIND[source.kind]}
            {source.country ? ` · ${source.country}` : ''}
          </dd>
          <dt>Also known as</dt>
          <dd>{source.aliases.length ? source.aliases.join(', ') : 'no aliases'}</dd>
          {source.parent ? (
            <Fragment>
              <dt>Part of</dt>
              <dd>
                <a href={`/sources/${source.parent.id}`}>{source.parent.name}</a>
              </dd>
            </Fragment>
          ) : null}
          {source.affiliationNote ? (
            <Fragment>
              <dt>Affiliation</dt>
              <dd>{source.affiliationNote}</dd>
            </Fragment>
          ) : null}
          {source.description ? (
            <Fragment>
              <dt>Description</dt>
              <dd>{source.description}</dd>
            </Fragment>
          ) : null}
          {source.homepage ? (
            <Fragment>
              <dt>Homepage</dt>
              <dd>
                <a href={source.homepage} rel="noopener noreferrer">
                  {source.homepage}
                </a>
              </dd>
            </Fragment>
          ) : null}
        </dl>
        <div class="panel-grid">
          <section aria-labelledby="speaker-heading">
            <h2 id="speaker-heading">As the original speaker ({asSpeaker.length})</h2>
            <ClaimRows claims={asSpeaker} titles={titles} ratingOf={ratingOf} />
          </section>
          <section aria-labelledby="relay-heading">
            <h2 id="relay-heading">As a relay ({asRelay.length})</h2>
            <ClaimRows claims={asRelay} titles={titles} ratingOf={ratingOf} />
          </section>
        </div>
      </Fragment>
    ),
  });
}
