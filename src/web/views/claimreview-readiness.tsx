import type { ReadinessIssue } from '../../public/readiness';
import { h, Html } from '../jsx';

/** Before publishing: what Google's fact-check markup would miss in this claim's ClaimReview (public/readiness.ts). */
export function ClaimReviewReadiness({ issues, claimId, published }: { issues: ReadinessIssue[]; claimId: number; published: boolean }): Html {
  return (
    <section aria-labelledby="readiness-h">
      <h2 id="readiness-h">ClaimReview readiness</h2>
      {issues.length === 0 ? (
        <p class="readiness-ok">Ready: every field Google's fact-check markup requires or recommends is there.</p>
      ) : (
        <ul class="readiness">
          {issues.map((i) => (
            <li>
              <strong>{i.level === 'required' ? 'Required' : 'Recommended'}</strong> <code>{i.field}</code>: {i.problem}
            </li>
          ))}
        </ul>
      )}
      {published ? (
        <p>
          Public page: <a href={`/checks/${claimId}`}>/checks/{claimId}</a>
        </p>
      ) : null}
    </section>
  );
}
