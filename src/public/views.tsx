import { embeddableJson } from '../common/json';
import { formatDate, formatNumber, Lang, translator } from '../i18n/i18n';
import { linkName } from '../reports/report.model';
import { instant, ratingWord } from '../reports/renderers/format';
import { renderRationale } from '../reports/renderers/html.renderer';
import { Child, Fragment, h, Html, raw, renderDocument } from '../web/jsx';
import type { EvidenceArchive } from '../archive/evidence-archive.entity';
import type { PublicCheck, PublicListing } from './public.service';

interface Meta {
  title: string;
  description: string;
  url: string;
  siteName: string;
  jsonLd?: object;
  /** The page's language: the reader's Accept-Language (readers are anonymous). */
  lang: Lang;
}

/** The public pages' frame: no app navigation, Open Graph and Twitter card meta, JSON-LD as a data block. */
function PublicLayout({ meta, children }: { meta: Meta; children?: Child }): string {
  return renderDocument(
    <html lang={meta.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {meta.title} · {meta.siteName}
        </title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={meta.url} />
        <link rel="icon" href="data:," />
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content={meta.siteName} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={meta.url} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        <link rel="stylesheet" href="/assets/app.css" />
        {/* Not a script that runs: a JSON data block, escaped so that no text can end the element (common/json.ts). */}
        {meta.jsonLd ? raw(`<script type="application/ld+json">${embeddableJson(meta.jsonLd)}</script>`) : null}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/checks">
            {translator(meta.lang)('public.brand', { site: meta.siteName })}
          </a>
        </header>
        <main id="main" class="public">
          {children}
        </main>
      </body>
    </html>,
  );
}

function verdictLine(v: NonNullable<PublicCheck['claim']['verdict']>, lang: Lang): Child {
  const tr = translator(lang);
  return (
    <Fragment>
      <strong>{ratingWord(lang, v.rating)}</strong>
      {v.ratingValue !== null ? ` ${tr('public.verdict.scale', { value: String(v.ratingValue) })}` : ''}
      {v.publishedAt ? `, ${tr('public.verdict.published', { at: instant(v.publishedAt, lang) })}` : ''}
      {v.reviewer ? `, ${tr('public.verdict.reviewer', { reviewer: v.reviewer })}` : ''}
    </Fragment>
  );
}

/** A calendar date as stored (`YYYY-MM-DD`) in English, in words in other languages. */
const day = (lang: Lang, value: string) => (lang === 'en' ? value : formatDate(lang, value));

export function PublicCheckPage({ check, siteName, lang }: { check: PublicCheck; siteName: string; lang: Lang }): string {
  const { claim, article, review } = check;
  const verdict = claim.verdict!;
  const tr = translator(lang);
  const rating = ratingWord(lang, verdict.rating);
  return PublicLayout({
    meta: {
      title: tr('public.check.title', { rating, text: claim.text }),
      description: tr('public.check.description', { site: siteName, rating: rating.toLocaleLowerCase(lang), text: claim.text, chain: claim.chainText }),
      lang,
      url: check.url,
      siteName,
      jsonLd: review,
    },
    children: (
      <article class="check">
        <p class="meta">
          <a href={`/checks/articles/${article.id}`}>{tr('public.check.allOfArticle', { title: article.title })}</a>
        </p>
        <h1>{claim.text}</h1>
        <p class="rating">
          {tr('public.check.ourRating')} {verdictLine(verdict, lang)}
        </p>
        <section aria-labelledby="said-h">
          <h2 id="said-h">{tr('public.check.said')}</h2>
          <blockquote class="quote" lang={article.language}>
            {claim.quote}
          </blockquote>
          <p>
            {tr('public.check.in')}{' '}
            {article.url ? (
              <a href={article.url} rel="noopener noreferrer">
                {article.title}
              </a>
            ) : (
              article.title
            )}
            {article.outlet ? `, ${article.outlet.name}` : ''}
            {article.publishedDate ? `, ${day(lang, article.publishedDate)}` : ''}.
          </p>
          <p>{tr('public.check.whoSaid', { chain: claim.chainText })}</p>
          {claim.chain.length ? (
            <ol class="chain">
              {claim.chain.map((l) => (
                <li>
                  {tr('public.chain.link', {
                    position: l.position === 0 ? 'speaker' : 'relay',
                    name: linkName(l),
                    verb: l.verb,
                    mode: l.mode === 'direct' ? 'direct' : 'paraphrase',
                  })}
                  {l.saidWhen ? `, ${l.saidWhen}` : ''}
                  {l.saidWhere ? `, ${l.saidWhere}` : ''}
                </li>
              ))}
            </ol>
          ) : null}
        </section>
        <section aria-labelledby="why-h">
          <h2 id="why-h">{tr('public.check.why')}</h2>
          <div class="rationale">{raw(renderRationale(verdict.rationale))}</div>
        </section>
        <section aria-labelledby="evidence-h">
          <h2 id="evidence-h">{tr('public.check.evidence')}</h2>
          <ol class="evidence">
            {claim.evidence.map((e) => (
              <li id={`evidence-${e.id}`}>
                {/^https?:\/\//i.test(e.url) ? (
                  <a href={e.url} rel="noopener noreferrer">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
                {e.publisher ? `, ${e.publisher}` : ''} ({tr('public.evidence.stance', { stance: e.stance })}
                {e.accessedDate ? `${tr('public.evidence.separator')}${tr('public.evidence.accessed', { date: day(lang, e.accessedDate) })}` : ''})
                {check.archived.has(e.id) ? (
                  <Fragment>
                    {' '}
                    <a href={`/checks/${claim.id}/evidence/${e.id}/archive`}>{tr('public.evidence.archived')}</a> <span class="muted">({instant(check.archived.get(e.id)!, lang)})</span>
                  </Fragment>
                ) : null}
                {e.archiveUrl && /^https?:\/\//i.test(e.archiveUrl) ? (
                  <Fragment>
                    {' '}
                    <a href={e.archiveUrl} rel="noopener noreferrer">
                      {tr('public.evidence.archivedElsewhere')}
                    </a>
                  </Fragment>
                ) : null}
                {e.excerpt ? <blockquote>{e.excerpt}</blockquote> : null}
              </li>
            ))}
          </ol>
        </section>
        {claim.corrections.length || claim.earlierVerdicts.length ? (
          <section aria-labelledby="corrections-h">
            <h2 id="corrections-h">{tr('public.check.corrections')}</h2>
            <ul>
              {claim.corrections.map((c) => (
                <li>
                  {c.by
                    ? tr('public.correction.reopenedBy', { at: instant(c.at, lang), by: c.by, reason: c.reason ?? tr('public.correction.noReason') })
                    : tr('public.correction.reopened', { at: instant(c.at, lang), reason: c.reason ?? tr('public.correction.noReason') })}
                </li>
              ))}
              {claim.earlierVerdicts.map((v) => (
                <li>
                  {tr('public.check.earlier')} {verdictLine(v, lang)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    ),
  });
}

function Pager({ listing, base, lang }: { listing: PublicListing; base: string; lang: Lang }): Html {
  if (listing.pages <= 1) return <Fragment />;
  const tr = translator(lang);
  return (
    <nav class="pager" aria-label={tr('pager.label')}>
      {listing.page > 1 ? (
        <a href={`${base}?page=${listing.page - 1}`} rel="prev">
          {tr('public.pager.newer')}
        </a>
      ) : null}
      <span>{tr('pager.position', { page: formatNumber(lang, listing.page), pages: formatNumber(lang, listing.pages) })}</span>
      {listing.page < listing.pages ? (
        <a href={`${base}?page=${listing.page + 1}`} rel="next">
          {tr('public.pager.older')}
        </a>
      ) : null}
    </nav>
  );
}

export function PublicListingPage({ listing, siteName, url, lang }: { listing: PublicListing; siteName: string; url: string; lang: Lang }): string {
  const tr = translator(lang);
  const title = listing.article ? tr('public.listing.titleOfArticle', { title: listing.article.title }) : tr('public.listing.title');
  return PublicLayout({
    meta: { title, description: tr('public.listing.description', { count: listing.total, site: siteName }), url, siteName, lang, jsonLd: listing.items.map((i) => i.review) },
    children: (
      <Fragment>
        <h1>{title}</h1>
        <p>{tr('public.listing.count', { count: listing.total })}</p>
        <ul class="checks">
          {listing.items.map((i) => (
            <li>
              <a href={`/checks/${i.claim.id}`}>{i.claim.text}</a> — <strong>{ratingWord(lang, i.claim.verdict!.rating)}</strong>
              {listing.article ? null : <span class="muted"> {tr('public.listing.inArticle', { title: i.article.title })}</span>}
            </li>
          ))}
        </ul>
        <Pager lang={lang} listing={listing} base={listing.article ? `/checks/articles/${listing.article.id}` : '/checks'} />
      </Fragment>
    ),
  });
}

export function PublicNotFoundPage({ siteName, url, lang }: { siteName: string; url: string; lang: Lang }): string {
  const tr = translator(lang);
  return PublicLayout({
    meta: { title: tr('public.notFound.title'), description: tr('public.notFound.description'), url, siteName, lang },
    children: (
      <Fragment>
        <h1>{tr('public.notFound.title')}</h1>
        <p>
          {tr('public.notFound.text')} <a href="/checks">{tr('public.notFound.all')}</a>
        </p>
      </Fragment>
    ),
  });
}

/** The readable text of an evidence link's archived copy, shown as text on our own page (never the captured markup). */
export function PublicArchivePage({
  check,
  archive,
  siteName,
  url,
  lang,
}: {
  check: PublicCheck;
  archive: EvidenceArchive;
  siteName: string;
  url: string;
  lang: Lang;
}): string {
  const link = check.claim.evidence.find((e) => e.id === archive.evidenceLinkId)!;
  const tr = translator(lang);
  return PublicLayout({
    meta: { title: tr('public.archive.title', { title: link.title }), description: tr('public.archive.description', { url: link.url, site: siteName }), url, siteName, lang },
    children: (
      <article class="archive">
        <p class="meta">
          <a href={`/checks/${check.claim.id}`}>← {check.claim.text}</a>
        </p>
        <h1>{tr('public.archive.title', { title: link.title })}</h1>
        <dl class="facts">
          <dt>{tr('public.archive.address')}</dt>
          <dd>{link.url}</dd>
          <dt>{tr('public.archive.retrievedFrom')}</dt>
          <dd>{archive.finalUrl ?? ''}</dd>
          <dt>{tr('public.archive.retrievedOn')}</dt>
          <dd>{archive.retrievedAt ? instant(archive.retrievedAt.toISOString(), lang) : ''}</dd>
          <dt>{tr('public.archive.httpStatus')}</dt>
          <dd>{String(archive.httpStatus ?? '')}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code>{archive.sha256 ?? ''}</code>
          </dd>
        </dl>
        <h2>{tr('public.archive.text')}</h2>
        <div class="archived-text">{archive.readableText ?? tr('public.archive.noText')}</div>
      </article>
    ),
  });
}
