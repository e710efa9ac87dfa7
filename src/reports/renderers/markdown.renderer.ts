import { linkName, RATING_LABELS, STATUS_LABELS, type ClaimContext, type ReportClaim, type ReportHead, type ReportEvidence, type ReportRenderer, type ReportVerdict } from '../report.model';
import { articleFacts, filterLines, instant, isLinkable, percent, publishedCount, reportTitle } from './format';

/**
 * Escapes text a user typed so that Markdown shows it literally: no emphasis, links, tables or
 * raw HTML come out of a claim's wording. Line breaks become spaces (callers that keep lines
 * split first).
 */
export function mdText(value: string): string {
  return value.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&#~]/g, (c) => `\\${c}`);
}

function mdLink(url: string | null): string {
  if (url === null) return 'not recorded';
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

function verdictLine(v: ReportVerdict, published: boolean): string {
  const scale = v.ratingValue !== null ? ` (${v.ratingValue}/5)` : '';
  const by = `rated by ${v.reviewer ? mdText(v.reviewer) : 'unknown'} on ${instant(v.createdAt)}`;
  const pub = v.publishedAt
    ? `; published${v.publishedBy ? ` by ${mdText(v.publishedBy)}` : ''} on ${instant(v.publishedAt)}`
    : '; not published';
  const label = published || v.publishedAt ? '' : ' (proposed)';
  return `**${v.ratingLabel}**${scale}${label}, ${by}${pub}`;
}

export const markdownRenderer: ReportRenderer = {
  contentType: 'text/markdown; charset=utf-8',
  extension: 'md',

  head(head: ReportHead): string {
    const s = head.summary;
    const out: string[] = [`# ${mdText(reportTitle(head))}`, ''];
    out.push(`Made on ${instant(head.generatedAt)} by ${mdText(head.generatedBy)} for ${mdText(head.publisher.name)}.`, '');
    if (head.scope === 'claims') {
      const filters = filterLines(head);
      out.push(`Claims selected by: ${filters.length ? mdText(filters.join('; ')) : 'all claims'}.`, '');
    } else if (head.publishedOnly) {
      out.push('Published claims only.', '');
    }
    out.push(head.articles.length === 1 ? '## Article' : '## Articles', '');
    for (const article of head.articles) {
      if (head.articles.length > 1) out.push(`### Article ${article.id}`, '');
      for (const [label, value] of articleFacts(article)) {
        const shown = value === null ? 'not recorded' : label === 'URL' ? mdLink(value) : label === 'Body SHA-256' ? `\`${value}\`` : mdText(value);
        out.push(`- ${label}: ${shown}`);
      }
      out.push('');
    }
    out.push('## Summary', '');
    out.push(`- Claims: ${s.claims}, of which ${publishedCount(s)} published`);
    out.push(`- Stated with no named source: ${s.unattributed} of ${s.claims} (${percent(s.unattributedShare)})`);
    out.push(`- Corrections: ${s.corrections.length}`, '');
    out.push('| Status | Claims |', '| --- | ---: |', ...s.byStatus.map((r) => `| ${STATUS_LABELS[r.status]} | ${r.count} |`), '');
    out.push(
      '| Rating | Claims |',
      '| --- | ---: |',
      ...s.byRating.map((r) => `| ${r.rating === 'unrated' ? 'No verdict yet' : RATING_LABELS[r.rating]} | ${r.count} |`),
      '',
    );
    if (s.sources.length) {
      out.push('| Source | As speaker | As relay |', '| --- | ---: | ---: |');
      out.push(...s.sources.map((r) => `| ${mdText(r.name)} | ${r.asSpeaker} | ${r.asRelay} |`), '');
    }
    if (s.corrections.length) {
      out.push('### Corrections', '');
      for (const c of s.corrections) {
        out.push(`- Claim ${c.claimId}, ${instant(c.at)}${c.by ? `, by ${mdText(c.by)}` : ''}: ${c.reason ? mdText(c.reason) : 'no reason given'}`);
      }
      out.push('');
    }
    out.push('## Claims', '');
    if (s.claims === 0) out.push('No claims match.', '');
    return out.join('\n') + '\n';
  },

  claim(claim: ReportClaim, context: ClaimContext): string {
    const out: string[] = [];
    if (context.head.scope === 'claims' && context.firstOfArticle) {
      out.push(`### Article ${context.article.id}: ${mdText(context.article.title)}`, '');
    }
    const label = claim.published ? 'Published' : `UNPUBLISHED (${STATUS_LABELS[claim.status].toLowerCase()})`;
    // Under "## Claims", or under "### Article …" when claims from several articles are grouped.
    const level = context.head.scope === 'claims' ? '####' : '###';
    out.push(`${level} Claim ${claim.id} · ${label}`, '');
    const quote = claim.quote.replace(/\r\n?/g, '\n').split('\n').map((l) => `> ${mdText(l)}`.trimEnd());
    out.push(...quote, '');
    out.push(`- Quote: characters ${claim.start}–${claim.end} of the article (${mdText(context.article.language)})`);
    out.push(`- Wording: ${mdText(claim.text)}`);
    out.push(`- Kind: ${claim.kind}`);
    out.push(`- Attribution: ${mdText(claim.chainText)}`);
    for (const link of claim.chain) {
      const details = [`"${mdText(link.verb)}"`, link.mode === 'direct' ? 'direct quote' : 'paraphrase'];
      if (link.saidWhen) details.push(mdText(link.saidWhen));
      if (link.saidWhere) details.push(mdText(link.saidWhere));
      out.push(`  - ${link.position === 0 ? 'speaker' : 'relay'} ${mdText(linkName(link))}: ${details.join(', ')}`);
    }
    out.push(`- Status: ${STATUS_LABELS[claim.status]}`);
    if (claim.verdict) {
      out.push(`- Verdict: ${verdictLine(claim.verdict, claim.published)}`, '', mdRationale(claim.verdict.rationale, '  '), '');
    } else {
      out.push('- Verdict: none yet');
    }
    for (const v of claim.earlierVerdicts) {
      out.push(`- Earlier verdict (superseded): ${verdictLine(v, true)}`, '', mdRationale(v.rationale, '  '), '');
    }
    for (const c of claim.corrections) {
      out.push(`- Correction on ${instant(c.at)}${c.by ? ` by ${mdText(c.by)}` : ''}: ${c.reason ? mdText(c.reason) : 'no reason given'}`);
    }
    out.push(`- Evidence: ${claim.evidence.length ? claim.evidence.map((e) => `[${e.ref}] ${e.stance}`).join(', ') : 'none'}`, '');
    return out.join('\n') + '\n';
  },

  listsReferences: true,

  referencesStart(count: number): string {
    return count === 0 ? '## References\n\nNo evidence links.\n' : '## References\n\n';
  },

  reference(r: ReportEvidence): string {
    const parts = [`${r.ref}. ${mdText(r.title)}`];
    if (r.publisher) parts.push(mdText(r.publisher));
    parts.push(mdLink(r.url));
    let line = `${parts.join(' — ')} (${r.stance}, claim ${r.claimId}; accessed ${r.accessedDate ?? 'date not recorded'})`;
    if (r.archiveUrl) line += `; archived at ${mdLink(r.archiveUrl)}`;
    if (r.archivedCopy) line += `; archived copy retrieved ${instant(r.archivedCopy.retrievedAt)} from ${mdLink(r.archivedCopy.finalUrl)} (SHA-256 \`${r.archivedCopy.sha256}\`)`;
    return r.excerpt ? `${line}\n   > ${mdText(r.excerpt)}\n` : `${line}\n`;
  },

  end: () => '',
};
