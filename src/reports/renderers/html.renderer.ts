import type { Lang, Translate } from '../../i18n/i18n';
import {
  type ClaimContext,
  type ReportArticle,
  type ReportClaim,
  type ReportHead,
  type ReportHighlight,
  type ReportRenderer,
  type ReportEvidence,
  type ReportVerdict,
} from '../report.model';
import { articleFacts, chainWords, factLabel, factValue, filterLines, instant, isLinkable, linkWords, percent, publishedCount, ratingWord, reportText, reportTitle, statusWord } from './format';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything a user typed goes through this: `<script>` in a claim stays text. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Markdown = InstanceType<typeof import('markdown-it')>;
let markdown: Markdown | undefined;

/**
 * Rationales are Markdown. Raw HTML is off (it comes out escaped), images are off (they would
 * load from outside the file), and only http(s) links are kept; anything else stays text. Made
 * on first use: a CSV or JSON export, or a server start, need not load it.
 */
function markdownIt(): Markdown {
  if (!markdown) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as typeof import('markdown-it');
    markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('image');
    markdown.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());
  }
  return markdown;
}

export function renderRationale(rationale: string): string {
  return markdownIt().render(rationale);
}

function link(url: string | null, text?: string): string {
  if (url === null) return 'not recorded';
  if (!isLinkable(url)) return esc(text ?? url);
  // A link that shows its own address needs no printed copy of it.
  return `<a href="${esc(url)}"${text === undefined ? ' class="bare"' : ''} rel="noopener noreferrer">${esc(text ?? url)}</a>`;
}

/** The article text, cut at every claim boundary; covered stretches are marked, each claim's end gets its number. */
export function highlightedBody(body: string, highlights: ReportHighlight[]): string {
  const cuts = [...new Set([0, body.length, ...highlights.flatMap((h) => [h.start, h.end])])]
    .filter((p) => p >= 0 && p <= body.length)
    .sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = highlights.filter((h) => h.start <= from && h.end >= to);
    const text = esc(body.slice(from, to));
    out += covering.length ? `<mark title="Claim ${covering.map((h) => h.claimId).join(', ')}">${text}</mark>` : text;
    for (const h of highlights.filter((x) => x.end === to && x.start < to)) {
      out += `<sup class="claim-ref"><a href="#claim-${h.claimId}">${h.claimId}</a></sup>`;
    }
  }
  return out;
}

const STYLE = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#ccc;--mark:#fff2a8;--warn:#8a1c1c}
*{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:1rem;font:16px/1.5 Georgia,"Times New Roman",serif;color:var(--ink);overflow-wrap:anywhere}
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left}td.n{text-align:right}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
code{font-size:.85em;word-break:break-all}
.article-text{white-space:pre-wrap;border-left:3px solid var(--line);padding-left:1rem}
mark{background:var(--mark)}sup.claim-ref{font-size:.7em}
.claim{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
.claim.unpublished{border-style:dashed}
.badge{display:inline-block;font:bold .75rem system-ui,sans-serif;padding:.1rem .4rem;border-radius:3px;background:#e8e8e8;vertical-align:middle}
.unpublished .badge{background:var(--warn);color:#fff}
blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid var(--line)}
.rationale{border-left:3px solid var(--line);padding-left:1rem;color:var(--ink)}
.muted{color:var(--muted)}
ol.references li{margin-bottom:.5rem}
@media print{
  body{max-width:none;font-size:11pt}
  a{color:inherit}
  a[href^="http"]::after{content:" <" attr(href) ">";font-size:.85em;word-break:break-all}
  a.bare::after{content:""}
  .claim{break-inside:avoid}
  h2,h3,h4{break-after:avoid}
  #article-text,#claims,#references{break-before:page}
}`;

function verdictBlock(v: ReportVerdict, heading: string, published: boolean, tr: Translate, lang: Lang): string {
  const scale = v.ratingValue !== null ? ` (${v.ratingValue}/5)` : '';
  const proposed = published || v.publishedAt ? '' : tr('report.proposedNotPublished');
  const who =
    tr('report.ratedBy', { reviewer: v.reviewer ? esc(v.reviewer) : tr('report.unknown'), at: instant(v.createdAt, lang) }) +
    (v.publishedAt
      ? v.publishedBy
        ? tr('report.publishedByOn', { by: esc(v.publishedBy), at: instant(v.publishedAt, lang) })
        : tr('report.publishedOn', { at: instant(v.publishedAt, lang) })
      : tr('report.notPublished'));
  return (
    `<p><strong>${tr('report.labelColon', { label: heading })}</strong> <strong>${esc(ratingWord(lang, v.rating))}</strong>${scale}${proposed}, <span class="muted">${who}</span></p>\n` +
    `<div class="rationale">${renderRationale(v.rationale)}</div>\n`
  );
}

function facts(article: ReportArticle, tr: Translate, lang: Lang): string {
  const rows = articleFacts(article).map(([label, value]) => {
    const shown = value === null ? `<span class="muted">${tr('report.notRecorded')}</span>` : label === 'URL' ? link(value) : label === 'Body SHA-256' ? `<code>${esc(value)}</code>` : esc(factValue(lang, label, value));
    return `<dt>${factLabel(tr, label)}</dt><dd>${shown}</dd>`;
  });
  return `<dl class="facts">${rows.join('')}</dl>\n`;
}

export const htmlRenderer: ReportRenderer = {
  contentType: 'text/html; charset=utf-8',
  extension: 'html',

  head(head: ReportHead): string {
    const s = head.summary;
    const tr = reportText(head);
    const lang = head.lang ?? 'en';
    const title = esc(reportTitle(head));
    let out =
      `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      // Defence in depth: even if something slipped through escaping, the file can neither run nor load anything.
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
      `<meta name="referrer" content="no-referrer">\n` +
      `<title>${title}</title>\n<style>${STYLE}\n</style>\n</head>\n<body>\n<header>\n<h1>${title}</h1>\n` +
      `<p class="muted">${tr('report.made', { at: instant(head.generatedAt, lang), by: esc(head.generatedBy), publisher: esc(head.publisher.name) })}</p>\n`;
    const filters = filterLines(head);
    if (head.scope === 'claims') out += `<p>${tr('report.selectedBy', { filters: filters.length ? esc(filters.join(tr('report.filter.separator'))) : tr('report.allClaims') })}</p>\n`;
    else if (head.publishedOnly) out += `<p>${tr('report.publishedOnly')}</p>\n`;
    out += `</header>\n<main>\n<section id="article">\n<h2>${tr('report.articleHeading', { count: head.articles.length })}</h2>\n`;
    for (const article of head.articles) {
      if (head.articles.length > 1) out += `<h3>${tr('articles.fallbackName', { id: String(article.id) })}</h3>\n`;
      out += facts(article, tr, lang);
    }
    out += `</section>\n<section id="summary">\n<h2>${tr('report.summary')}</h2>\n<ul>\n`;
    out += `<li>${tr('report.summary.claims', { claims: s.claims, published: publishedCount(s) })}</li>\n`;
    out += `<li>${tr('report.summary.unattributed', { unattributed: s.unattributed, claims: s.claims, share: percent(s.unattributedShare, lang) })}</li>\n`;
    out += `<li>${tr('report.summary.corrections', { count: s.corrections.length })}</li>\n</ul>\n`;
    out += `<table><thead><tr><th>${tr('report.col.status')}</th><th>${tr('report.col.claims')}</th></tr></thead><tbody>\n`;
    out += s.byStatus.map((r) => `<tr><td>${statusWord(lang, r.status)}</td><td class="n">${r.count}</td></tr>\n`).join('');
    out += `</tbody></table>\n<table><thead><tr><th>${tr('report.col.rating')}</th><th>${tr('report.col.claims')}</th></tr></thead><tbody>\n`;
    out += s.byRating
      .map((r) => `<tr><td>${r.rating === 'unrated' ? tr('report.noVerdictYet') : ratingWord(lang, r.rating)}</td><td class="n">${r.count}</td></tr>\n`)
      .join('');
    out += '</tbody></table>\n';
    if (s.sources.length) {
      out += `<table><thead><tr><th>${tr('report.col.source')}</th><th>${tr('report.col.asSpeaker')}</th><th>${tr('report.col.asRelay')}</th></tr></thead><tbody>\n`;
      out += s.sources.map((r) => `<tr><td>${esc(r.name)}</td><td class="n">${r.asSpeaker}</td><td class="n">${r.asRelay}</td></tr>\n`).join('');
      out += '</tbody></table>\n';
    }
    if (s.corrections.length) {
      out += `<h3>${tr('report.corrections')}</h3>\n<ul>\n`;
      out += s.corrections
        .map(
          (c) =>
            `<li>${tr('report.field', {
              label: `<a href="#claim-${c.claimId}">${tr('claims.fallbackName', { id: String(c.claimId) })}</a>, ${instant(c.at, lang)}${c.by ? tr('report.byName', { name: esc(c.by) }) : ''}`,
              value: c.reason ? esc(c.reason) : tr('report.noReason'),
            })}</li>\n`,
        )
        .join('');
      out += '</ul>\n';
    }
    out += '</section>\n';
    const article = head.articles[0];
    if (head.scope === 'article' && article?.body !== undefined) {
      out +=
        `<section id="article-text">\n<h2>${tr('report.highlighted')}</h2>\n` +
        `<div class="article-text" lang="${esc(article.language)}">${highlightedBody(article.body, head.highlights)}</div>\n</section>\n`;
    }
    out += `<section id="claims">\n<h2>${tr('report.claims')}</h2>\n`;
    if (s.claims === 0) out += `<p>${tr('report.noClaims')}</p>\n`;
    return out;
  },

  claim(claim: ReportClaim, context: ClaimContext): string {
    let out = '';
    const tr = reportText(context.head);
    const lang = context.head.lang ?? 'en';
    if (context.head.scope === 'claims' && context.firstOfArticle) {
      out += `<h3>${tr('report.articleTitled', { id: String(context.article.id), title: esc(context.article.title) })}</h3>\n`;
    }
    const label = claim.published ? tr('report.published') : tr('report.unpublishedHtml', { status: statusWord(lang, claim.status).toLowerCase() });
    out += `<article class="claim${claim.published ? '' : ' unpublished'}" id="claim-${claim.id}">\n`;
    // Under <h2>Claims</h2>, or under <h3>Article …</h3> when claims from several articles are grouped.
    const level = context.head.scope === 'claims' ? 'h4' : 'h3';
    out += `<${level}>${tr('claims.fallbackName', { id: String(claim.id) })} <span class="badge">${esc(label)}</span></${level}>\n`;
    out += `<blockquote lang="${esc(context.article.language)}">${esc(claim.quote)}</blockquote>\n`;
    out += `<p class="muted">${tr('report.characters', { start: String(claim.start), end: String(claim.end) })}</p>\n<dl class="facts">`;
    out += `<dt>${tr('report.wording')}</dt><dd>${esc(claim.text)}</dd>`;
    out += `<dt>${tr('report.kind')}</dt><dd>${tr('report.kindValue', { kind: claim.kind })}</dd>`;
    out += `<dt>${tr('report.attribution')}</dt><dd>${esc(lang === 'en' ? claim.chainText : chainWords(lang, claim.chain))}`;
    if (claim.chain.length) {
      out += '<ul>';
      for (const l of claim.chain) {
        const details = [tr('report.quotedVerb', { verb: esc(l.verb) }), tr(l.mode === 'direct' ? 'report.directQuote' : 'report.paraphrase')];
        if (l.saidWhen) details.push(esc(l.saidWhen));
        if (l.saidWhere) details.push(esc(l.saidWhere));
        out += `<li>${tr(l.position === 0 ? 'report.speaker' : 'report.relay')} ${tr('report.field', { label: esc(linkWords(lang, l)), value: details.join(', ') })}</li>`;
      }
      out += '</ul>';
    }
    out += `</dd><dt>${tr('report.col.status')}</dt><dd>${statusWord(lang, claim.status)}</dd></dl>\n`;
    out += claim.verdict
      ? verdictBlock(claim.verdict, tr('report.verdict'), claim.published, tr, lang)
      : `<p><strong>${tr('report.labelColon', { label: tr('report.verdict') })}</strong> ${tr('report.noneYet')}</p>\n`;
    for (const v of claim.earlierVerdicts) out += verdictBlock(v, tr('report.earlierVerdict'), true, tr, lang);
    for (const c of claim.corrections) {
      const on = tr('report.correctionOnHtml', { at: instant(c.at, lang) }) + (c.by ? tr('report.byNameBare', { name: esc(c.by) }) : '');
      out += `<p>${tr('report.field', { label: on, value: c.reason ? esc(c.reason) : tr('report.noReason') })}</p>\n`;
    }
    const evidence = claim.evidence.length ? claim.evidence.map((e) => `<a href="#ref-${e.ref}">[${e.ref}]</a> ${tr('report.stanceValue', { stance: e.stance })}`).join(', ') : tr('report.none');
    out += `<p><strong>${tr('report.labelColon', { label: tr('report.evidence') })}</strong> ${evidence}</p>\n</article>\n`;
    return out;
  },

  listsReferences: true,

  referencesStart(count: number, head: ReportHead): string {
    const tr = reportText(head);
    const open = `</section>\n<section id="references">\n<h2>${tr('report.references')}</h2>\n`;
    return open + (count === 0 ? `<p>${tr('report.noReferences')}</p>\n` : '<ol class="references">\n');
  },

  reference(r: ReportEvidence, _index: number, head: ReportHead): string {
    const tr = reportText(head);
    const lang = head.lang ?? 'en';
    let out = `<li id="ref-${r.ref}">${link(r.url, r.title)}${r.publisher ? `, ${esc(r.publisher)}` : ''}`;
    const claim = `<a href="#claim-${r.claimId}">${tr('report.claimLower', { id: String(r.claimId) })}</a>`;
    out += ` <span class="muted">(${tr('report.referenceOf', { stance: tr('report.stanceValue', { stance: r.stance }), claim, accessed: r.accessedDate ?? tr('report.dateNotRecorded') })})</span>`;
    if (r.archiveUrl) out += tr('report.archivedColon', { url: link(r.archiveUrl) });
    if (r.archivedCopy)
      out += tr('report.archivedCopy', { at: instant(r.archivedCopy.retrievedAt, lang), url: link(r.archivedCopy.finalUrl), sha: `<code>${esc(r.archivedCopy.sha256)}</code>` });
    if (r.excerpt) out += `<blockquote>${esc(r.excerpt)}</blockquote>`;
    return out + '</li>\n';
  },

  end(count: number): string {
    return (count === 0 ? '' : '</ol>\n') + '</section>\n</main>\n</body>\n</html>\n';
  },
};
