import { embeddableJson } from '../common/json';
import { linkName, RATING_LABELS } from '../reports/report.model';
import { instant } from '../reports/renderers/format';
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
}

/** The public pages' frame: no app navigation, Open Graph and Twitter card meta, JSON-LD as a data block. */
function PublicLayout({ meta, children }: { meta: Meta; children?: Child }): string {
  return renderDocument(
    <html lang="en">
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
            {meta.siteName}: fact checks
          </a>
        </header>
        <main id="main" class="public">
          {children}
        </main>
      </body>
    </html>,
  );
}

function verdictLine(v: NonNullable<PublicCheck['claim']['verdict']>): Child {
  return (
    <Fragment>
      <strong>{RATING_LABELS[v.rating]}</strong>
      {v.ratingValue !== null ? ` (${v.ratingValue} on a scale of 1 to 5)` : ''}
      {v.publishedAt ? `, published ${instant(v.publishedAt)}` : ''}
      {v.reviewer ? `, reviewed by ${v.reviewer}` : ''}
    </Fragment>
  );
}

export function PublicCheckPage({ check, siteName }: { check: PublicCheck; siteName: string }): string {
  const { claim, article, review } = check;
  const verdict = claim.verdict!;
  return PublicLayout({
    meta: {
      title: `${RATING_LABELS[verdict.rating]}: ${claim.text}`,
      description: `${siteName} rated this claim ${RATING_LABELS[verdict.rating].toLowerCase()}: “${claim.text}” (${claim.chainText}).`,
      url: check.url,
      siteName,
      jsonLd: review,
    },
    children: (
      <article class="check">
        <p class="meta">
          <a href={`/checks/articles/${article.id}`}>All checks of “{article.title}”</a>
        </p>
        <h1>{claim.text}</h1>
        <p class="rating">Our rating: {verdictLine(verdict)}</p>
        <section aria-labelledby="said-h">
          <h2 id="said-h">What was said</h2>
          <blockquote class="quote" lang={article.language}>
            {claim.quote}
          </blockquote>
          <p>
            In{' '}
            {article.url ? (
              <a href={article.url} rel="noopener noreferrer">
                {article.title}
              </a>
            ) : (
              article.title
            )}
            {article.outlet ? `, ${article.outlet.name}` : ''}
            {article.publishedDate ? `, ${article.publishedDate}` : ''}.
          </p>
          <p>Who said it: {claim.chainText}</p>
          {claim.chain.length ? (
            <ol class="chain">
              {claim.chain.map((l) => (
                <li>
                  {l.position === 0 ? 'Speaker' : 'Relay'}: {linkName(l)} — “{l.verb}”, {l.mode === 'direct' ? 'direct quote' : 'paraphrase'}
                  {l.saidWhen ? `, ${l.saidWhen}` : ''}
                  {l.saidWhere ? `, ${l.saidWhere}` : ''}
                </li>
              ))}
            </ol>
          ) : null}
        </section>
        <section aria-labelledby="why-h">
          <h2 id="why-h">Why</h2>
          <div class="rationale">{raw(renderRationale(verdict.rationale))}</div>
        </section>
        <section aria-labelledby="evidence-h">
          <h2 id="evidence-h">Evidence</h2>
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
                {e.publisher ? `, ${e.publisher}` : ''} ({e.stance}
                {e.accessedDate ? `; accessed ${e.accessedDate}` : ''})
                {check.archived.has(e.id) ? (
                  <Fragment>
                    {' '}
                    <a href={`/checks/${claim.id}/evidence/${e.id}/archive`}>archived copy</a> <span class="muted">({instant(check.archived.get(e.id)!)})</span>
                  </Fragment>
                ) : null}
                {e.archiveUrl && /^https?:\/\//i.test(e.archiveUrl) ? (
                  <Fragment>
                    {' '}
                    <a href={e.archiveUrl} rel="noopener noreferrer">
                      archived elsewhere
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
            <h2 id="corrections-h">Corrections</h2>
            <ul>
              {claim.corrections.map((c) => (
                <li>
                  {instant(c.at)}: reopened{c.by ? ` by ${c.by}` : ''}: {c.reason ?? 'no reason given'}
                </li>
              ))}
              {claim.earlierVerdicts.map((v) => (
                <li>Earlier rating: {verdictLine(v)}</li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    ),
  });
}

function Pager({ listing, base }: { listing: PublicListing; base: string }): Html {
  if (listing.pages <= 1) return <Fragment />;
  return (
    <nav class="pager" aria-label="Pages">
      {listing.page > 1 ? <a href={`${base}?page=${listing.page - 1}`} rel="prev">Newer</a> : null}
      <span>
        Page {listing.page} of {listing.pages}
      </span>
      {listing.page < listing.pages ? <a href={`${base}?page=${listing.page + 1}`} rel="next">Older</a> : null}
    </nav>
  );
}

export function PublicListingPage({ listing, siteName, url }: { listing: PublicListing; siteName: string; url: string }): string {
  const title = listing.article ? `Fact checks of “${listing.article.title}”` : 'Published fact checks';
  return PublicLayout({
    meta: { title, description: `${listing.total} claims checked by ${siteName}.`, url, siteName, jsonLd: listing.items.map((i) => i.review) },
    children: (
      <Fragment>
        <h1>{title}</h1>
        <p>
          {listing.total} {listing.total === 1 ? 'claim' : 'claims'} checked.
        </p>
        <ul class="checks">
          {listing.items.map((i) => (
            <li>
              <a href={`/checks/${i.claim.id}`}>{i.claim.text}</a> — <strong>{RATING_LABELS[i.claim.verdict!.rating]}</strong>
              {listing.article ? null : <span class="muted"> (in “{i.article.title}”)</span>}
            </li>
          ))}
        </ul>
        <Pager listing={listing} base={listing.article ? `/checks/articles/${listing.article.id}` : '/checks'} />
      </Fragment>
    ),
  });
}

export function PublicNotFoundPage({ siteName, url }: { siteName: string; url: string }): string {
  return PublicLayout({
    meta: { title: 'Not found', description: 'No published fact check here.', url, siteName },
    children: (
      <Fragment>
        <h1>Not found</h1>
        <p>
          There is no published fact check here. <a href="/checks">All published checks</a>
        </p>
      </Fragment>
    ),
  });
}

/** The readable text of an evidence link's archived copy, shown as text on our own page (never the captured markup). */
export function PublicArchivePage({ check, archive, siteName, url }: { check: PublicCheck; archive: EvidenceArchive; siteName: string; url: string }): string {
  const link = check.claim.evidence.find((e) => e.id === archive.evidenceLinkId)!;
  return PublicLayout({
    meta: { title: `Archived copy: ${link.title}`, description: `The copy of ${link.url} that ${siteName} archived as evidence.`, url, siteName },
    children: (
      <article class="archive">
        <p class="meta">
          <a href={`/checks/${check.claim.id}`}>← {check.claim.text}</a>
        </p>
        <h1>Archived copy: {link.title}</h1>
        <dl class="facts">
          <dt>Address</dt>
          <dd>{link.url}</dd>
          <dt>Retrieved from</dt>
          <dd>{archive.finalUrl ?? ''}</dd>
          <dt>Retrieved on</dt>
          <dd>{archive.retrievedAt ? instant(archive.retrievedAt.toISOString()) : ''}</dd>
          <dt>HTTP status</dt>
          <dd>{String(archive.httpStatus ?? '')}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code>{archive.sha256 ?? ''}</code>
          </dd>
        </dl>
        <h2>Text</h2>
        <div class="archived-text">{archive.readableText ?? 'No readable text (not an HTML or text page).'}</div>
      </article>
    ),
  });
}
