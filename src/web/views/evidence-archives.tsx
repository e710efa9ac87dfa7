import type { EvidenceArchive } from '../../archive/evidence-archive.entity';
import { instant } from '../../reports/renderers/format';
import { h, Html } from '../jsx';

/** Each evidence link's archived copy (archive/), as the claim panel shows it. */
export function EvidenceArchives({ links, archives, publicClaimId }: { links: { id: number; title: string }[]; archives: Map<number, EvidenceArchive>; publicClaimId: number | null }): Html {
  return (
    <section aria-labelledby="archives-h">
      <h2 id="archives-h">Archived copies</h2>
      <ul class="archives">
        {links.map((l) => {
          const a = archives.get(l.id);
          return (
            <li>
              {l.title}:{' '}
              {!a ? (
                'queued for archiving'
              ) : a.status === 'archived' ? (
                <details>
                  <summary>
                    archived copy, {a.retrievedAt ? instant(a.retrievedAt.toISOString()) : ''} (HTTP {String(a.httpStatus ?? '')}, SHA-256 <code>{(a.sha256 ?? '').slice(0, 12)}…</code>)
                  </summary>
                  <p>Retrieved from {a.finalUrl ?? ''}</p>
                  {publicClaimId !== null ? (
                    <p>
                      <a href={`/checks/${publicClaimId}/evidence/${l.id}/archive`}>Public page of this copy</a>
                    </p>
                  ) : null}
                  <div class="archived-text">{a.readableText ?? 'No readable text.'}</div>
                </details>
              ) : a.status === 'pending' ? (
                `archiving: try ${a.attempts} failed (${a.lastError ?? ''}), next ${a.nextAttemptAt ? instant(a.nextAttemptAt.toISOString()) : 'soon'}`
              ) : (
                `not archived: ${a.lastError ?? 'failed'}`
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
