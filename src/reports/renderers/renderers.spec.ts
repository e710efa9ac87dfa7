import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'node-html-parser';
import schema from '../report.schema.json';
import { chainText, renderReport, type ReportClaim, type ReportHead, type ReportModel } from '../report.model';
import { claimReview } from './claimreview.renderer';
import { csvCell, neutralise } from './csv.renderer';
import { esc, highlightedBody, renderRationale } from './html.renderer';
import { rendererFor } from './index';
import { mdRationale, mdText } from './markdown.renderer';
import { REPORT_FORMATS } from '../report.model';

const head = (overrides: Partial<ReportHead> = {}): ReportHead => ({
  schemaVersion: '1.1.0',
  scope: 'article',
  filters: { articleId: 1 },
  publishedOnly: false,
  generatedAt: '2016-04-10T12:00:00.000Z',
  generatedBy: 'desk',
  publisher: { name: 'Desk', url: null, reviewBaseUrl: 'https://example.org/checks' },
  articles: [{ id: 1, title: 'Titre', outlet: null, url: null, language: 'fr', publishedDate: null, bodySha256: 'a'.repeat(64), body: 'Un deux trois.' }],
  highlights: [],
  summary: { claims: 0, byStatus: [], byRating: [], sources: [], unattributed: 0, unattributedShare: 0, corrections: [] },
  ...overrides,
});

const claim = (overrides: Partial<ReportClaim> = {}): ReportClaim => ({
  id: 7,
  articleId: 1,
  start: 0,
  end: 2,
  quote: 'Un',
  text: 'One.',
  kind: 'event',
  status: 'published',
  published: true,
  unattributed: true,
  chain: [],
  chainText: chainText([]),
  verdict: {
    id: 1,
    rating: 'misleading',
    ratingLabel: 'Misleading',
    ratingValue: null,
    rationale: 'Because.',
    reviewer: 'rita',
    createdAt: '2016-04-05T09:00:00.000Z',
    publishedAt: '2016-04-06T09:00:00.000Z',
    publishedBy: 'victor',
  },
  earlierVerdicts: [],
  corrections: [],
  evidence: [],
  ...overrides,
});

describe('report renderers', () => {
  describe('CSV', () => {
    it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('neutralises a cell that begins like a formula: %j', (value) => {
      expect(neutralise(value)).toBe(`'${value}`);
    });

    it('leaves ordinary text and numbers alone, and quotes only what RFC 4180 requires', () => {
      expect(neutralise('1230 mines')).toBe('1230 mines');
      expect(csvCell(-3)).toBe('-3');
      expect(csvCell(null)).toBe('');
      expect(csvCell('a,b')).toBe('"a,b"');
      expect(csvCell('say "hi"')).toBe('"say ""hi"""');
      expect(csvCell('=1,2')).toBe(`"'=1,2"`);
      expect(csvCell('two\nlines')).toBe('"two\nlines"');
    });
  });

  describe('HTML', () => {
    it('escapes markup and quotes', () => {
      expect(esc(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    });

    it('renders rationale Markdown without raw HTML, images or non-http links', () => {
      const html = renderRationale('**yes** <b>raw</b> [ok](https://example.org) [bad](javascript:alert(1)) [file](file:///etc/passwd) ![i](https://x.example/i.png)');
      expect(html).toContain('<strong>yes</strong>');
      expect(html).toContain('&lt;b&gt;raw&lt;/b&gt;');
      expect(html).toContain('<a href="https://example.org">ok</a>');
      expect(html).not.toMatch(/href="(javascript|file):/);
      expect(html).not.toContain('<img');
    });

    it('highlights overlapping claims and numbers each at its end', () => {
      const out = highlightedBody('abcdef', [
        { claimId: 1, start: 0, end: 4 },
        { claimId: 2, start: 2, end: 6 },
      ]);
      expect(out).toBe(
        '<mark title="Claim 1">ab</mark><mark title="Claim 1, 2">cd</mark><sup class="claim-ref"><a href="#claim-1">1</a></sup>' +
          '<mark title="Claim 2">ef</mark><sup class="claim-ref"><a href="#claim-2">2</a></sup>',
      );
    });

    it('escapes the article text around highlights', () => {
      expect(highlightedBody('<b>x</b>', [{ claimId: 3, start: 3, end: 4 }])).toBe('&lt;b&gt;<mark title="Claim 3">x</mark><sup class="claim-ref"><a href="#claim-3">3</a></sup>&lt;/b&gt;');
    });
  });

  describe('Markdown', () => {
    it('shows user text literally', () => {
      expect(mdText('*a* [l](u) <b> | `c`\nnext')).toBe('\\*a\\* \\[l\\](u) \\<b\\> \\| \\`c\\` next');
    });

    it('keeps rationale formatting but defuses HTML, images and non-http links', () => {
      expect(mdRationale('**ok** [s](https://e.org) <i>x</i> [j](javascript:x) ![p](https://t.example/p.png)', '')).toBe(
        '> **ok** [s](https://e.org) \\<i>x\\</i> [j\\](javascript:x) !\\[p](https://t.example/p.png)',
      );
    });

    it('defuses link reference definitions, so "[x][a]" cannot point at a javascript: URL', () => {
      expect(mdRationale('See [x][a].\n[a]: javascript:alert(1)\n   [b]: https://e.org', '')).toBe(
        '> See [x][a].\n> \\[a\\]: javascript:alert(1)\n>    \\[b\\]: https://e.org',
      );
    });
  });

  describe('chain text', () => {
    it('writes the chain out with roles, skipping a role that only restates the name', () => {
      const link = (position: number, name: string, description: string | null) => ({
        position,
        source: { id: position + 1, name, kind: 'person' as const, description },
        verb: 'a dit',
        mode: 'paraphrase' as const,
        saidWhen: null,
        saidWhere: null,
      });
      expect(chainText([link(0, 'Sergueï Roudskoï', 'chef du département'), link(1, 'Sputnik', "l'agence de presse russe Sputnik")])).toBe(
        'Sergueï Roudskoï (chef du département) → Sputnik → this article',
      );
    });
  });

  describe('ClaimReview', () => {
    it('gives a rating off the 1..5 scale only its alternateName, and no author when the claim has neither speaker nor outlet', () => {
      const review = claimReview(claim(), head().articles[0], head())!;
      expect(review.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Misleading' });
      expect(review.itemReviewed.author).toBeUndefined();
      expect(review.url).toBe('https://example.org/checks/7');
      expect(review.author).toEqual({ '@type': 'Organization', name: 'Desk' });
    });

    it('describes nothing that is not published', () => {
      expect(claimReview(claim({ status: 'verdict_proposed', published: false }), head().articles[0], head())).toBeNull();
      expect(claimReview(claim({ verdict: null }), head().articles[0], head())).toBeNull();
    });
  });

  describe('every format', () => {
    const empty: ReportModel = { head: head(), claims: [] };
    const one: ReportModel = { head: head(), claims: [claim({ evidence: [{ ref: 1, id: 1, claimId: 7, url: 'https://e.org', title: 'T', publisher: null, stance: 'supports', excerpt: null, accessedDate: null, archiveUrl: null, archivedCopy: { retrievedAt: '2016-04-07T10:00:00.000Z', finalUrl: 'https://e.org/', sha256: 'a'.repeat(64) } }] })] };

    it.each(REPORT_FORMATS)('is deterministic for the same data (%s)', (format) => {
      expect(renderReport(rendererFor(format), one)).toBe(renderReport(rendererFor(format), one));
    });

    it('writes valid JSON that follows the published schema, with and without claims', () => {
      const validate = new Ajv2020({ allErrors: true }).compile(schema);
      for (const model of [empty, one]) {
        const parsed = JSON.parse(renderReport(rendererFor('json'), model));
        expect(validate(parsed) ? [] : validate.errors).toEqual([]);
      }
    });

    it.each(['claimreview', 'json'] as const)('writes %s that an HTML page can embed whole, even with hostile text', (format) => {
      const hostile = 'Il a dit </script><script>alert(1)</script> \u2028 & <!-- fin';
      const model: ReportModel = { head: head(), claims: [claim({ text: hostile, quote: hostile })] };
      const out = renderReport(rendererFor(format), model);
      const page = `<!DOCTYPE html><html><head><script type="application/ld+json">${out}</script></head><body><main>page</main></body></html>`;
      const root = parse(page, { blockTextElements: { script: true } });
      expect(root.querySelectorAll('script')).toHaveLength(1);
      const parsed = JSON.parse(root.querySelector('script')!.rawText);
      expect(format === 'claimreview' ? parsed[0].claimReviewed : parsed.claims[0].text).toBe(hostile);
      expect(root.querySelector('body')!.text).toBe('page');
    });

    it('names the archived copy of an evidence link, with when it was retrieved and its SHA-256, in HTML and Markdown', () => {
      for (const format of ['html', 'md'] as const) {
        const out = renderReport(rendererFor(format), one);
        expect(out).toContain('archived copy retrieved 2016-04-07 10:00 UTC');
        expect(out).toContain('a'.repeat(64));
      }
    });

    it('writes the JSON reference list one reference at a time with the bytes of the whole array, pretty-printed', () => {
      const ref = (n: number) => ({ ...one.claims[0].evidence[0], ref: n, id: n, excerpt: n === 2 ? 'Un <b>extrait</b>' : null });
      for (const evidence of [[], [ref(1)], [ref(1), ref(2), ref(3)]]) {
        const out = renderReport(rendererFor('json'), { head: head(), claims: [claim({ evidence })] });
        const whole = JSON.stringify(evidence, null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\n/g, '\n  ');
        expect(out.endsWith(`\n  ],\n  "references": ${whole}\n}\n`)).toBe(true);
        expect(JSON.parse(out).references).toEqual(evidence);
      }
    });

    it('writes a valid JSON-LD array, empty when nothing is published', () => {
      expect(JSON.parse(renderReport(rendererFor('claimreview'), empty))).toEqual([]);
      expect(JSON.parse(renderReport(rendererFor('claimreview'), one))).toHaveLength(1);
    });
  });
});
