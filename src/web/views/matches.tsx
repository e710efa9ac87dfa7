import type { ClaimDetailDto } from '../../claims/dto/claim.dto';
import type { ClusterDto, ExternalMatchDto, SimilarClaimDto } from '../../matching/dto/matching.dto';
import { translator } from '../../i18n/i18n';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { RatingBadge, StatusBadge } from './labels';
import { CsrfField, Problems } from './layout';
import type { FieldError } from '../../common/errors';

export interface MatchesModel {
  viewer: Viewer;
  claim: ClaimDetailDto;
  similar: SimilarClaimDto[];
  external: ExternalMatchDto[];
  cluster: ClusterDto | null;
  problem?: { section: string; message: string; errors: FieldError[] };
}

const canReuse = (viewer: Viewer, claim: ClaimDetailDto) =>
  (viewer.user.role === 'reviewer' || viewer.user.role === 'admin') && (claim.status === 'in_review' || claim.status === 'verdict_proposed');
const percent = (score: number) => `${Math.round(score * 100)} %`;

/**
 * The matching service writes its reasons in English (the API keeps them so); the page shows the
 * known patterns through the catalogue, and anything else as it is.
 */
const REASONS: { pattern: RegExp; key: 'matches.reason.sameNumbers' | 'matches.reason.sameNames' | 'matches.reason.sharedWords' }[] = [
  { pattern: /^same number(s?): (.*)$/s, key: 'matches.reason.sameNumbers' },
  { pattern: /^same name(s?): (.*)$/s, key: 'matches.reason.sameNames' },
  { pattern: /^shared word(s?): (.*)$/s, key: 'matches.reason.sharedWords' },
];
export function reasonText(tr: ReturnType<typeof translator>, reason: string): string {
  if (reason === 'different numbers') return tr('matches.reason.differentNumbers');
  if (reason === 'overlapping quotes: compared on their wording') return tr('matches.reason.overlapping');
  for (const { pattern, key } of REASONS) {
    const m = pattern.exec(reason);
    if (m) return tr(key, { many: m[1] ? 'yes' : 'no', list: m[2] });
  }
  return reason;
}

/**
 * The matching half of the claim panel (issue 11): likely duplicates in the same article, similar
 * claims elsewhere (link as the same claim, or dismiss), the cluster's appearances, and
 * fact-checks already published elsewhere. Matches never change a verdict by themselves.
 */
export function MatchSections(m: MatchesModel): Html {
  const c = m.claim;
  const duplicates = m.similar.filter((s) => s.likelyDuplicate && !s.sameCluster);
  const tr = translator(m.viewer.lang);
  return (
    <Fragment>
      <section aria-labelledby="similar-h" id="similar">
        <h2 id="similar-h">{tr('matches.similar', { count: m.similar.length })}</h2>
        {m.problem?.section === 'matches' ? <Problems message={m.problem.message} errors={m.problem.errors} /> : null}
        {duplicates.length ? (
          <p class="problems" role="status" id="duplicates">
            <strong>{tr('matches.duplicates', { count: duplicates.length })}</strong>{' '}
            {duplicates.map((d, i) => (
              <Fragment>
                {i ? ', ' : ''}
                <a href={`/claims/${d.claim.id}`}>{tr('matches.claimLower', { id: String(d.claim.id) })}</a>
              </Fragment>
            ))}
          </p>
        ) : null}
        {m.similar.length ? (
          <ol class="evidence similar">
            {m.similar.map((s) => (
              <li>
                <a href={`/claims/${s.claim.id}`}>{tr('matches.claim', { id: String(s.claim.id) })}</a> <StatusBadge status={s.claim.status} lang={m.viewer.lang} /> {s.rating ? <RatingBadge rating={s.rating} lang={m.viewer.lang} /> : null}{' '}
                <span class="badge">{percent(s.score)}</span>
                {s.sameArticle ? <span class="meta"> · {tr('matches.sameArticle')}</span> : null}
                {s.sameCluster ? <span class="meta"> · {tr('matches.linked')}</span> : null}
                <p>{s.claim.text}</p>
                <blockquote class="quote">{s.claim.quote}</blockquote>
                <div class="meta">{s.reasons.map((r) => reasonText(tr, r)).join(' · ')}</div>
                {!s.sameCluster ? (
                  <form method="post" action={`/claims/${c.id}/matches`} class="inline">
                    <CsrfField viewer={m.viewer} />
                    <input type="hidden" name="otherClaimId" value={String(s.claim.id)} />
                    <button type="submit" name="action" value="link" aria-label={tr('matches.sameAria', { id: String(s.claim.id) })}>
                      {tr('matches.same')}
                    </button>{' '}
                    <button type="submit" name="action" value="dismiss" class="secondary" aria-label={tr('matches.notSameAria', { id: String(s.claim.id) })}>
                      {tr('matches.notSame')}
                    </button>
                  </form>
                ) : null}
                {s.sameCluster && s.verdictId && canReuse(m.viewer, c) ? (
                  <form method="post" action={`/claims/${c.id}/verdicts`} class="stack">
                    <CsrfField viewer={m.viewer} />
                    <input type="hidden" name="version" value={String(c.version)} />
                    <input type="hidden" name="rating" value={s.rating ?? ''} />
                    <input type="hidden" name="reusesVerdictId" value={String(s.verdictId)} />
                    <label for={`reuse-${s.claim.id}`}>{tr('matches.reuseLabel', { id: String(s.claim.id) })}</label>
                    <textarea id={`reuse-${s.claim.id}`} name="rationale" rows="2" required maxlength="10000">
                      {tr('matches.reuseText', { id: String(s.claim.id) })}
                    </textarea>
                    <button type="submit">{tr('matches.reuse')}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="meta">{tr('matches.noSimilar')}</p>
        )}
      </section>
      {m.cluster ? (
        <section aria-labelledby="cluster-h" id="cluster">
          <h2 id="cluster-h">{tr('matches.cluster', { count: m.cluster.appearances.length })}</h2>
          <p>
            <strong>{m.cluster.canonicalText}</strong>
          </p>
          <ol class="evidence">
            {m.cluster.appearances.map((a) => (
              <li>
                <a href={`/claims/${a.claimId}`}>{tr('matches.claim', { id: String(a.claimId) })}</a> {tr('matches.inArticle')} <a href={`/articles/${a.articleId}`}>{a.articleTitle}</a>
                {a.articlePublishedDate ? `, ${a.articlePublishedDate}` : ''} <StatusBadge status={a.status} lang={m.viewer.lang} /> {a.rating ? <RatingBadge rating={a.rating} lang={m.viewer.lang} /> : null}
                <blockquote class="quote">{a.quote}</blockquote>
                <div class="meta">{a.chain}</div>
              </li>
            ))}
          </ol>
          {m.cluster.sources.length ? (
            <p class="meta">
              {m.cluster.sources.map((s) => tr('matches.sourceCounts', { name: s.name, said: String(s.asSpeaker), relayed: String(s.asRelay) })).join(' · ')}
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="external-h" id="external">
        <h2 id="external-h">{tr('matches.external', { count: m.external.length })}</h2>
        {m.external.length ? (
          <ol class="evidence">
            {m.external.map((f) => (
              <li>
                <span class="badge">{f.rating ?? tr('matches.noRating')}</span>{' '}
                <a href={f.url} rel="noopener noreferrer">
                  {f.publisher ?? f.url}
                </a>
                {f.reviewDate ? `, ${f.reviewDate}` : ''} <span class="badge">{percent(f.score)}</span>
                <p>{f.claimReviewed}</p>
                <div class="meta">
                  {f.claimant ? `${tr('matches.claimedBy', { claimant: f.claimant })} · ` : ''}
                  {f.reasons.map((r) => reasonText(tr, r)).join(' · ')}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p class="meta">{tr('matches.noExternal')}</p>
        )}
        <p class="meta">{tr('matches.lead')}</p>
      </section>
    </Fragment>
  );
}
