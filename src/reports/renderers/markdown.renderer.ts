import type { Lang, Translate } from '../../i18n/i18n';
import { type ClaimContext, type ReportClaim, type ReportEvidence, type ReportHead, type ReportRenderer, type ReportVerdict } from '../report.model';
import { articleFacts, chainWords, factLabel, factValue, filterLines, instant, isLinkable, linkWords, percent, publishedCount, reportText, reportTitle, statusWord, ratingWord } from './format';

/**
 * Escapes text a user typed so that Markdown shows it literally: no emphasis, links, tables or
 * raw HTML come out of a claim's wording. Line breaks become spaces (callers that keep lines
 * split first).
 */
export function mdText(value: string): string {
  return value.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&#~]/g, (c) => `\\${c}`);
}

function mdLink(url: string | null, tr: Translate): string {
  if (url === null) return tr('report.notRecorded');
  return isLinkable(url) ? `<${url}>` : mdText(url);
}

/**
 * The rationale is Markdown by design and stays so, defused as in HTML: raw HTML is escaped
 * (every `<`), images become text (they would load from outside), and links that are not
 * http(s) lose their link syntax.
 */
export function mdRationale(rationale: string, indent: string): string {
  return rationale
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) =>
      line
        .replace(/</g, '\\<')
        .replace(/!\[/g, '!\\[')
        .replace(/\]\((?!\s*https?:\/\/)/gi, '\\](')
        // A link reference definition ("[a]: javascript:…") would turn "[x][a]" into a link.
        .replace(/^(\s{0,3})\[([^\]]*)\]:/, '$1\\[$2\\]:'),
    )
    .map((line) => `${indent}> ${line}`.trimEnd())
    .join('\n');
}

function verdictLine(v: ReportVerdict, published: boolean, tr: Translate, lang: Lang): string {
  const scale = v.ratingValue !== null ? ` (${v.ratingValue}/5)` : '';
  const by = tr('report.ratedBy', { reviewer: v.reviewer ? mdText(v.reviewer) : tr('report.unknown'), at: instant(v.createdAt, lang) });
  const pub = v.publishedAt
    ? v.publishedBy
      ? tr('report.publishedByOn', { by: mdText(v.publishedBy), at: instant(v.publishedAt, lang) })
      : tr('report.publishedOn', { at: instant(v.publishedAt, lang) })
    : tr('report.notPublished');
  const label = published || v.publishedAt ? '' : tr('report.proposed');
  return `**${ratingWord(lang, v.rating)}**${scale}${label}, ${by}${pub}`;
}

export const markdownRenderer: ReportRenderer = {
  contentType: 'text/markdown; charset=utf-8',
  extension: 'md',

  head(head: ReportHead): string {
    const s = head.summary;
    const tr = reportText(head);
    const lang = head.lang ?? 'en';
    const out: string[] = [`# ${mdText(reportTitle(head))}`, ''];
    out.push(tr('report.made', { at: instant(head.generatedAt, lang), by: mdText(head.generatedBy), publisher: mdText(head.publisher.name) }), '');
    if (head.scope === 'claims') {
      const filters = filterLines(head);
      out.push(tr('report.selectedBy', { filters: filters.length ? mdText(filters.join(tr('report.filter.separator'))) : tr('report.allClaims') }), '');
    } else if (head.publishedOnly) {
      out.push(tr('report.publishedOnly'), '');
    }
    out.push(`## ${tr('report.articleHeading', { count: head.articles.length })}`, '');
    for (const article of head.articles) {
      if (head.articles.length > 1) out.push(`### ${tr('articles.fallbackName', { id: String(article.id) })}`, '');
      for (const [label, value] of articleFacts(article)) {
        const shown = value === null ? tr('report.notRecorded') : label === 'URL' ? mdLink(value, tr) : label === 'Body SHA-256' ? `\`${value}\`` : mdText(factValue(lang, label, value));
        out.push(tr('report.fact', { label: factLabel(tr, label), value: shown }));
      }
      out.push('');
    }
    out.push(`## ${tr('report.summary')}`, '');
    out.push(`- ${tr('report.summary.claims', { claims: s.claims, published: publishedCount(s) })}`);
    out.push(`- ${tr('report.summary.unattributed', { unattributed: s.unattributed, claims: s.claims, share: percent(s.unattributedShare, lang) })}`);
    out.push(`- ${tr('report.summary.corrections', { count: s.corrections.length })}`, '');
    out.push(`| ${tr('report.col.status')} | ${tr('report.col.claims')} |`, '| --- | ---: |', ...s.byStatus.map((r) => `| ${statusWord(lang, r.status)} | ${r.count} |`), '');
    out.push(
      `| ${tr('report.col.rating')} | ${tr('report.col.claims')} |`,
      '| --- | ---: |',
      ...s.byRating.map((r) => `| ${r.rating === 'unrated' ? tr('report.noVerdictYet') : ratingWord(lang, r.rating)} | ${r.count} |`),
      '',
    );
    if (s.sources.length) {
      out.push(`| ${tr('report.col.source')} | ${tr('report.col.asSpeaker')} | ${tr('report.col.asRelay')} |`, '| --- | ---: | ---: |');
      out.push(...s.sources.map((r) => `| ${mdText(r.name)} | ${r.asSpeaker} | ${r.asRelay} |`), '');
    }
    if (s.corrections.length) {
      out.push(`### ${tr('report.corrections')}`, '');
      for (const c of s.corrections) {
        const claim = tr('claims.fallbackName', { id: String(c.claimId) });
        out.push(`- ${claim}, ${instant(c.at, lang)}${c.by ? tr('report.byName', { name: mdText(c.by) }) : ''}: ${c.reason ? mdText(c.reason) : tr('report.noReason')}`);
      }
      out.push('');
    }
    out.push(`## ${tr('report.claims')}`, '');
    if (s.claims === 0) out.push(tr('report.noClaims'), '');
    return out.join('\n') + '\n';
  },

  claim(claim: ReportClaim, context: ClaimContext): string {
    const out: string[] = [];
    const tr = reportText(context.head);
    const lang = context.head.lang ?? 'en';
    if (context.head.scope === 'claims' && context.firstOfArticle) {
      out.push(`### ${tr('report.articleTitled', { id: String(context.article.id), title: mdText(context.article.title) })}`, '');
    }
    const label = claim.published ? tr('report.published') : tr('report.unpublishedMd', { status: statusWord(lang, claim.status).toLowerCase() });
    // Under "## Claims", or under "### Article …" when claims from several articles are grouped.
    const level = context.head.scope === 'claims' ? '####' : '###';
    out.push(`${level} ${tr('claims.fallbackName', { id: String(claim.id) })} · ${label}`, '');
    const quote = claim.quote.replace(/\r\n?/g, '\n').split('\n').map((l) => `> ${mdText(l)}`.trimEnd());
    out.push(...quote, '');
    out.push(`- ${tr('report.quoteAt', { start: String(claim.start), end: String(claim.end), language: mdText(context.article.language) })}`);
    out.push(`- ${tr('report.field', { label: tr('report.wording'), value: mdText(claim.text) })}`);
    out.push(`- ${tr('report.field', { label: tr('report.kind'), value: tr('report.kindValue', { kind: claim.kind }) })}`);
    out.push(`- ${tr('report.field', { label: tr('report.attribution'), value: mdText(lang === 'en' ? claim.chainText : chainWords(lang, claim.chain)) })}`);
    for (const link of claim.chain) {
      const details = [`"${mdText(link.verb)}"`, tr(link.mode === 'direct' ? 'report.directQuote' : 'report.paraphrase')];
      if (link.saidWhen) details.push(mdText(link.saidWhen));
      if (link.saidWhere) details.push(mdText(link.saidWhere));
      out.push(`  - ${tr(link.position === 0 ? 'report.speaker' : 'report.relay')} ${tr('report.field', { label: mdText(linkWords(lang, link)), value: details.join(', ') })}`);
    }
    out.push(`- ${tr('report.field', { label: tr('report.col.status'), value: statusWord(lang, claim.status) })}`);
    if (claim.verdict) {
      out.push(`- ${tr('report.field', { label: tr('report.verdict'), value: verdictLine(claim.verdict, claim.published, tr, lang) })}`, '', mdRationale(claim.verdict.rationale, '  '), '');
    } else {
      out.push(`- ${tr('report.field', { label: tr('report.verdict'), value: tr('report.noneYet') })}`);
    }
    for (const v of claim.earlierVerdicts) {
      out.push(`- ${tr('report.field', { label: tr('report.earlierVerdict'), value: verdictLine(v, true, tr, lang) })}`, '', mdRationale(v.rationale, '  '), '');
    }
    for (const c of claim.corrections) {
      const on = tr('report.correctionOn', { at: instant(c.at, lang) }) + (c.by ? tr('report.byNameBare', { name: mdText(c.by) }) : '');
      out.push(`- ${tr('report.field', { label: on, value: c.reason ? mdText(c.reason) : tr('report.noReason') })}`);
    }
    const evidence = claim.evidence.length ? claim.evidence.map((e) => `[${e.ref}] ${tr('report.stanceValue', { stance: e.stance })}`).join(', ') : tr('report.none');
    out.push(`- ${tr('report.field', { label: tr('report.evidence'), value: evidence })}`, '');
    return out.join('\n') + '\n';
  },

  listsReferences: true,

  referencesStart(count: number, head: ReportHead): string {
    const tr = reportText(head);
    return count === 0 ? `## ${tr('report.references')}\n\n${tr('report.noReferences')}\n` : `## ${tr('report.references')}\n\n`;
  },

  reference(r: ReportEvidence, _index: number, head: ReportHead): string {
    const tr = reportText(head);
    const lang = head.lang ?? 'en';
    const parts = [`${r.ref}. ${mdText(r.title)}`];
    if (r.publisher) parts.push(mdText(r.publisher));
    parts.push(mdLink(r.url, tr));
    const accessed = r.accessedDate ?? tr('report.dateNotRecorded');
    let line = `${parts.join(' — ')} (${tr('report.referenceOf', { stance: tr('report.stanceValue', { stance: r.stance }), claim: tr('report.claimLower', { id: String(r.claimId) }), accessed })})`;
    if (r.archiveUrl) line += tr('report.archivedAt', { url: mdLink(r.archiveUrl, tr) });
    if (r.archivedCopy)
      line += tr('report.archivedCopy', { at: instant(r.archivedCopy.retrievedAt, lang), url: mdLink(r.archivedCopy.finalUrl, tr), sha: `\`${r.archivedCopy.sha256}\`` });
    return r.excerpt ? `${line}\n   > ${mdText(r.excerpt)}\n` : `${line}\n`;
  },

  end: () => '',
};
