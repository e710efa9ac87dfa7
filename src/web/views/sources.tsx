import type { Page } from '../../common/dto/pagination.dto';
import type { LedgerEntryDto, LedgerRole, SourceLedgerDto } from '../../ledger/dto/ledger.dto';
import type { SourceDto } from '../../sources/dto/source.dto';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { Pager } from './articles';
import { type Lang, type MessageKey, translator } from '../../i18n/i18n';
import { RatingBadge, sourceKindLabel, StatusBadge } from './labels';
import { Layout, Notice } from './layout';
import { EditSourceLink } from './source-edit';

/** Ledger figures for one source, once the review workflow provides them. */
export interface LedgerFigures {
  asSpeaker: number;
  asRelay: number;
  published: number;
  ratings: Record<string, number>;
}

export function SourceListPage({ viewer, sources, q, ledger }: { viewer: Viewer; sources: Page<SourceDto>; q: string; ledger: Map<number, LedgerFigures> }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('layout.nav.sources'),
    viewer,
    section: 'sources',
    children: (
      <Fragment>
        <h1>{tr('layout.nav.sources')}</h1>
        <form method="get" action="/sources" class="filters" role="search">
          <div>
            <label for="q">{tr('sources.q')}</label>
            <input id="q" name="q" value={q} />
          </div>
          <button type="submit">{tr('sources.search')}</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">{tr('sources.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('report.col.source')}</th>
                <th scope="col">{tr('article.filter.kind')}</th>
                <th scope="col">{tr('sources.col.asSpeaker')}</th>
                <th scope="col">{tr('report.col.asRelay')}</th>
                <th scope="col">{tr('sources.col.ratings')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.items.map((s) => {
                const l = ledger.get(s.id);
                return (
                  <tr>
                    <td data-label={tr('report.col.source')}>
                      <a href={`/sources/${s.id}`}>{s.name}</a>
                      {s.aliases.length ? <div class="meta">{s.aliases.join(', ')}</div> : null}
                    </td>
                    <td data-label={tr('article.filter.kind')}>
                      {sourceKindLabel(viewer.lang, s.kind)}
                      {s.country ? ` · ${s.country}` : ''}
                    </td>
                    <td class="num" data-label={tr('sources.col.asSpeaker')}>{l ? l.asSpeaker : '–'}</td>
                    <td class="num" data-label={tr('report.col.asRelay')}>{l ? l.asRelay : '–'}</td>
                    <td data-label={tr('sources.col.ratings')}>
                      {l ? (
                        <ul class="counts">
                          {Object.entries(l.ratings).map(([rating, n]) => (
                            <li>
                              <RatingBadge rating={rating} lang={viewer.lang} /> {n}
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
        <Pager base={`/sources?q=${encodeURIComponent(q)}`} current={sources} lang={viewer.lang} />
      </Fragment>
    ),
  });
}

const ROLE_LABEL: Record<LedgerRole, MessageKey> = { speaker: 'source.page.asSpeaker', relay: 'source.page.asRelay' };

function LedgerRows({ entries, titles, lang }: { entries: LedgerEntryDto[]; titles: Map<number, { title: string; language: string }>; lang: Lang }): Html {
  const tr = translator(lang);
  if (entries.length === 0) return <p>{tr('source.page.none')}</p>;
  return (
    <ol class="claim-list">
      {entries.map((c) => (
        <li class="claim-item">
          <div class="claim-line">
            <StatusBadge status={c.status} lang={lang} /> <RatingBadge rating={c.latestVerdict?.rating ?? null} lang={lang} /> <span class="kind">{tr(ROLE_LABEL[c.role])}</span>
          </div>
          <a class="claim-link" href={`/claims/${c.claimId}`}>
            {c.text}
          </a>
          <div class="meta">
            {tr('source.page.in')}{' '}
            <a href={`/articles/${c.articleId}`} lang={titles.get(c.articleId)?.language}>
              {titles.get(c.articleId)?.title ?? tr('source.page.article', { id: String(c.articleId) })}
            </a>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function SourcePage({
  viewer,
  source,
  ledger,
  titles,
  role,
  notice,
}: {
  viewer: Viewer;
  source: SourceDto;
  notice?: string;
  /** One page of the source's claims (in article order) with the totals of both roles. */
  ledger: SourceLedgerDto;
  titles: Map<number, { title: string; language: string }>;
  /** Only the claims in this role, or both. */
  role?: LedgerRole;
}): string {
  const base = `/sources/${source.id}`;
  const speaker = ledger.totals.speaker.claims;
  const relay = ledger.totals.relay.claims;
  const tr = translator(viewer.lang);
  const tabs: { href: string; label: string; current: boolean }[] = [
    { href: base, label: tr('source.page.tab.all', { count: speaker + relay }), current: !role },
    { href: `${base}?role=speaker`, label: tr('source.page.tab.speaker', { count: speaker }), current: role === 'speaker' },
    { href: `${base}?role=relay`, label: tr('source.page.tab.relay', { count: relay }), current: role === 'relay' },
  ];
  return Layout({
    title: source.name,
    viewer,
    section: 'sources',
    children: (
      <Fragment>
        <h1>{source.name}</h1>
        <Notice text={notice} />
        <dl>
          <dt>{tr('source.page.kind')}</dt>
          <dd>
            {sourceKindLabel(viewer.lang, source.kind)}
            {source.country ? ` · ${source.country}` : ''}
          </dd>
          <dt>{tr('source.page.aliases')}</dt>
          <dd>{source.aliases.length ? source.aliases.join(', ') : tr('source.page.noAliases')}</dd>
          {source.parent ? (
            <Fragment>
              <dt>{tr('source.page.partOf')}</dt>
              <dd>
                <a href={`/sources/${source.parent.id}`}>{source.parent.name}</a>
              </dd>
            </Fragment>
          ) : null}
          {source.affiliationNote ? (
            <Fragment>
              <dt>{tr('source.page.affiliation')}</dt>
              <dd>{source.affiliationNote}</dd>
            </Fragment>
          ) : null}
          {source.description ? (
            <Fragment>
              <dt>{tr('source.page.description')}</dt>
              <dd>{source.description}</dd>
            </Fragment>
          ) : null}
          {source.homepage ? (
            <Fragment>
              <dt>{tr('source.page.homepage')}</dt>
              <dd>
                <a href={source.homepage} rel="noopener noreferrer">
                  {source.homepage}
                </a>
              </dd>
            </Fragment>
          ) : null}
        </dl>
        <EditSourceLink viewer={viewer} source={source} />
        <section aria-labelledby="claims-heading">
          <h2 id="claims-heading">{tr('source.page.claims', { name: source.name })}</h2>
          <nav class="filters" aria-label={tr('source.page.role')}>
            {tabs.map((tab) => (tab.current ? <strong aria-current="page">{tab.label}</strong> : <a href={tab.href}>{tab.label}</a>))}
          </nav>
          <LedgerRows lang={viewer.lang} entries={ledger.claims} titles={titles} />
          <Pager base={role ? `${base}?role=${role}` : base} current={{ items: ledger.claims, total: ledger.total, page: ledger.page, pageSize: ledger.pageSize }} lang={viewer.lang} />
        </section>
      </Fragment>
    ),
  });
}
