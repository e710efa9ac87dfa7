import type { FieldError } from '../../common/errors';
import type { NotificationDto, PreferencesDto } from '../../notifications/dto/notification.dto';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';
import { formatInstant } from './labels';

/** The inbox: newest first, unread marked, each with a link to its claim and a "Mark read" button. */
export function NotificationsPage({
  viewer,
  items,
  total,
  page,
  pageSize,
  unreadOnly,
  notice,
}: {
  viewer: Viewer;
  items: NotificationDto[];
  total: number;
  page: number;
  pageSize: number;
  unreadOnly: boolean;
  notice?: string;
}): string {
  const unread = viewer.unread ?? 0;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const base = unreadOnly ? '/notifications?unread=1&' : '/notifications?';
  return Layout({
    title: 'Notifications',
    viewer,
    section: 'notifications',
    children: (
      <Fragment>
        <h1>Notifications</h1>
        <Notice text={notice} />
        <p class="meta">
          <span id="unread-summary">{unread === 0 ? 'Nothing unread.' : `${unread} unread.`}</span>{' '}
          {unreadOnly ? <a href="/notifications">Show all</a> : <a href="/notifications?unread=1">Show unread only</a>} ·{' '}
          <a href="/notifications/preferences">How you hear of each kind</a>
        </p>
        {unread > 0 ? (
          <form method="post" action="/notifications/read-all">
            <CsrfField viewer={viewer} />
            <button type="submit" class="secondary">
              Mark all read
            </button>
          </form>
        ) : null}
        {items.length === 0 ? (
          <p>No notifications{unreadOnly ? ' unread' : ''}.</p>
        ) : (
          <ol class="notifications">
            {items.map((n) => (
              <li class={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                {n.readAt ? null : <strong class="badge">New</strong>}{' '}
                {n.claimId ? <a href={`/claims/${n.claimId}`}>{n.summary}</a> : n.summary} <span class="meta">{formatInstant(n.createdAt)}</span>{' '}
                {n.excerpt ? <blockquote>{n.excerpt.length > 300 ? `${n.excerpt.slice(0, 299)}…` : n.excerpt}</blockquote> : null}
                {n.readAt ? null : (
                  <form method="post" action={`/notifications/${n.id}/read`} class="inline">
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="link">
                      Mark read
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        )}
        {last > 1 ? (
          <nav aria-label="Pages" class="pager">
            {page > 1 ? <a href={`${base}page=${page - 1}`}>Newer</a> : null} Page {page} of {last}{' '}
            {page < last ? <a href={`${base}page=${page + 1}`}>Older</a> : null}
          </nav>
        ) : null}
      </Fragment>
    ),
  });
}

/** Your e-mail address and, per kind of event, in-app only, e-mail right away, or the daily digest. */
export function PreferencesPage({ viewer, prefs, notice, message, errors }: { viewer: Viewer; prefs: PreferencesDto; notice?: string; message?: string; errors?: FieldError[] }): string {
  return Layout({
    title: 'Notification preferences',
    viewer,
    section: 'notifications',
    children: (
      <Fragment>
        <h1>Notification preferences</h1>
        <p>
          <a href="/notifications">Back to your notifications</a>
        </p>
        <Notice text={notice} />
        {prefs.emailEnabled ? null : <p class="meta">This desk sends no e-mail (no SMTP server is configured): everything stays in the app.</p>}
        <Problems message={message} errors={errors} />
        <form method="post" action="/notifications/preferences" class="stack narrow">
          <CsrfField viewer={viewer} />
          <label for="email">Your e-mail address</label>
          <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value={prefs.email ?? ''} />
          <table class="list">
            <caption>How you hear of each kind of event (the digest goes out daily from {String(prefs.digestHourUtc).padStart(2, '0')}:00 UTC)</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                {prefs.deliveries.map((d) => (
                  <th scope="col">{d.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prefs.kinds.map((k) => (
                <tr>
                  <th scope="row" id={`kind-${k.kind}`}>
                    {k.label}
                  </th>
                  {prefs.deliveries.map((d) => (
                    <td data-label={d.label}>
                      <input
                        type="radio"
                        name={`kind.${k.kind}`}
                        value={d.delivery}
                        checked={k.delivery === d.delivery}
                        aria-label={`${k.label}: ${d.label}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">Save</button>
        </form>
      </Fragment>
    ),
  });
}

/** Watch / Unwatch a claim or an article: one button posting the other state. */
export function WatchForm({ viewer, action, watching, what }: { viewer: Viewer; action: string; watching: boolean; what: string }): Html {
  return (
    <form method="post" action={action} class="watch">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="watching" value={watching ? 'no' : 'yes'} />
      <button type="submit" class="secondary" aria-pressed={watching ? 'true' : 'false'}>
        {watching ? `Unwatch this ${what}` : `Watch this ${what}`}
      </button>{' '}
      <span class="meta">{watching ? `You hear of comments on this ${what}.` : `Watch to hear of comments on this ${what}.`}</span>
    </form>
  );
}

/** Who a mention names. */
export function PersonPage({ viewer, person }: { viewer: Viewer; person: { username: string; displayName: string; role: string; active: boolean } }): string {
  return Layout({
    title: person.displayName,
    viewer,
    children: (
      <Fragment>
        <h1>{person.displayName}</h1>
        <p>
          @{person.username}, {person.role}
          {person.active ? '' : ' (deactivated)'}
        </p>
      </Fragment>
    ),
  });
}
