import { embeddableJson } from '../../common/json';
import type { ClaimContext, ReportArticle, ReportClaim, ReportEvidence, ReportHead, ReportRenderer } from '../report.model';

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

/** The article as JSON shows it: metadata and hash, never the body. */
function article({ body: _body, ...rest }: ReportArticle): Omit<ReportArticle, 'body'> {
  return rest;
}

/**
 * The full structure, as described by report.schema.json. Written as one pretty-printed document,
 * claim by claim, so that two reports of the same data diff line by line.
 */
export function jsonRenderer(): ReportRenderer {
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    head(head: ReportHead): string {
      const top = {
        schemaVersion: head.schemaVersion,
        scope: head.scope,
        filters: head.filters,
        publishedOnly: head.publishedOnly,
        generatedAt: head.generatedAt,
        generatedBy: head.generatedBy,
        publisher: head.publisher,
        articles: head.articles.map(article),
        summary: head.summary,
      };
      const text = embeddableJson(top, 2);
      return `${text.slice(0, -2)},\n  "claims": [`;
    },
    claim(claim: ReportClaim, context: ClaimContext): string {
      return `${context.index > 0 ? ',' : ''}\n    ${indent(embeddableJson(claim, 2), '    ')}`;
    },
    listsReferences: true,
    // The same bytes as `"references": <the array, pretty-printed>`, one element at a time.
    referencesStart: (count: number) => `\n  ],\n  "references": ${count === 0 ? '[]' : '['}`,
    reference: (r: ReportEvidence, index: number) => `${index > 0 ? ',' : ''}\n    ${indent(embeddableJson(r, 2), '    ')}`,
    end: (count: number) => `${count === 0 ? '' : '\n  ]'}\n}\n`,
  };
}
