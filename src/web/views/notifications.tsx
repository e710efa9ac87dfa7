import type { FieldError } from '../../common/errors';
import { MessageKey, translator } from '../../i18n/i18n';
import type { NotificationDto, PreferencesDto } from '../../notifications/dto/notification.dto';
import type { Delivery, NotificationKind } from '../../notifications/kinds';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems, roleKey } from './layout';
import { formatInstant } from './labels';

const KIND_KEYS: Record<NotificationKind, MessageKey> = {
  assigned: 'notifications.kind.assigned',
  verdict_proposed: 'notifications.kind.verdict_proposed',
  returned: 'notifications.kind.returned',
  dismissed: 'notifications.kind.dismissed',
  published: 'notifications.kind.published',
  corrected: 'notifications.kind.corrected',
  comment: 'notifications.kind.comment',
  mention: 'notifications.kind.mention',
  webhook_disabled: 'notify2.kind.webhook_disabled',
};

const DELIVERY_KEYS: Record<Delivery, MessageKey> = {
  in_app: 'notifications.delivery.in_app',
  email: 'notifications.delivery.email',
  digest: 'notifications.delivery.digest',
};

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
  const tr = translator(viewer.lang);
  const unread = viewer.unread ?? 0;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const base = unreadOnly ? '/notifications?unread=1&' : '/notifications?';
  return Layout({
    title: tr('notifications.title'),
    viewer,
    section: 'notifications',
    children: (
      <Fragment>
        <h1>{tr('notifications.title')}</h1>
        <Notice text={notice} />
        <p class="meta">
          <span id="unread-summary">{unread === 0 ? tr('notifications.unread.none') : tr('notifications.unread.count', { count: unread })}</span>{' '}
          {unreadOnly ? <a href="/notifications">{tr('notifications.showAll')}</a> : <a href="/notifications?unread=1">{tr('notifications.showUnread')}</a>} ·{' '}
          <a href="/notifications/preferences">{tr('notifications.preferencesLink')}</a>
        </p>
        {unread > 0 ? (
          <form method="post" action="/notifications/read-all">
            <CsrfField viewer={viewer} />
            <button type="submit" class="secondary">
              {tr('notifications.markAllRead')}
            </button>
          </form>
        ) : null}
        {items.length === 0 ? (
          <p>{unreadOnly ? tr('notifications.emptyUnread') : tr('notifications.empty')}</p>
        ) : (
          <ol class="notifications">
            {items.map((n) => (
              <li class={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                {n.readAt ? null : <strong class="badge">{tr('notifications.new')}</strong>}{' '}
                {n.link ? <a href={n.link}>{n.summary}</a> : n.summary} <span class="meta">{formatInstant(n.createdAt, viewer.lang)}</span>{' '}
                {n.excerpt ? <blockquote>{n.excerpt.length > 300 ? `${n.excerpt.slice(0, 299)}…` : n.excerpt}</blockquote> : null}
                {n.readAt ? null : (
                  <form method="post" action={`/notifications/${n.id}/read`} class="inline">
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="link">
                      {tr('notifications.markRead')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        )}
        {last > 1 ? (
          <nav aria-label={tr('notifications.pages')} class="pager">
            {page > 1 ? <a href={`${base}page=${page - 1}`}>{tr('notifications.newer')}</a> : null} {tr('notifications.pageOf', { page, last })}{' '}
            {page < last ? <a href={`${base}page=${page + 1}`}>{tr('notifications.older')}</a> : null}
          </nav>
        ) : null}
      </Fragment>
    ),
  });
}

/** Your e-mail address and, per kind of event, in-app only, e-mail right away, or the daily digest. */
export function PreferencesPage({ viewer, prefs, notice, message, errors }: { viewer: Viewer; prefs: PreferencesDto; notice?: string; message?: string; errors?: FieldError[] }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('notifications.prefs.title'),
    viewer,
    section: 'notifications',
    children: (
      <Fragment>
        <h1>{tr('notifications.prefs.title')}</h1>
        <p>
          <a href="/notifications">{tr('notifications.prefs.back')}</a>
        </p>
        <Notice text={notice} />
        {prefs.emailEnabled ? null : <p class="meta">{tr('notifications.prefs.noEmail')}</p>}
        <Problems message={message} errors={errors} />
        <form method="post" action="/notifications/preferences" class="stack narrow">
          <CsrfField viewer={viewer} />
          <label for="email">{tr('notifications.prefs.email')}</label>
          <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value={prefs.email ?? ''} />
          <table class="list">
            <caption>{tr('notifications.prefs.caption', { hour: String(prefs.digestHourUtc).padStart(2, '0') })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('notifications.prefs.event')}</th>
                {prefs.deliveries.map((d) => (
                  <th scope="col">{tr(DELIVERY_KEYS[d.delivery])}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prefs.kinds.map((k) => (
                <tr>
                  <th scope="row">{tr(KIND_KEYS[k.kind])}</th>
                  {prefs.deliveries.map((d) => (
                    <td data-label={tr(DELIVERY_KEYS[d.delivery])}>
                      <input
                        type="radio"
                        name={`kind.${k.kind}`}
                        value={d.delivery}
                        checked={k.delivery === d.delivery}
                        aria-label={`${tr(KIND_KEYS[k.kind])}: ${tr(DELIVERY_KEYS[d.delivery])}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{tr('notifications.prefs.save')}</button>
        </form>
      </Fragment>
    ),
  });
}

/** Watch / Unwatch a claim or an article: one button posting the other state. */
export function WatchForm({ viewer, action, watching, what }: { viewer: Viewer; action: string; watching: boolean; what: 'claim' | 'article' }): Html {
  const tr = translator(viewer.lang);
  const keys =
    what === 'claim'
      ? { on: 'notifications.unwatch.claim', off: 'notifications.watch.claim', yes: 'notifications.watching.claim', no: 'notifications.notWatching.claim' }
      : { on: 'notifications.unwatch.article', off: 'notifications.watch.article', yes: 'notifications.watching.article', no: 'notifications.notWatching.article' };
  return (
    <form method="post" action={action} class="watch">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="watching" value={watching ? 'no' : 'yes'} />
      <button type="submit" class="secondary" aria-pressed={watching ? 'true' : 'false'}>
        {tr((watching ? keys.on : keys.off) as MessageKey)}
      </button>{' '}
      <span class="meta">{tr((watching ? keys.yes : keys.no) as MessageKey)}</span>
    </form>
  );
}

/** Who a mention names. */
export function PersonPage({ viewer, person }: { viewer: Viewer; person: { username: string; displayName: string; role: string; active: boolean } }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: person.displayName,
    viewer,
    children: (
      <Fragment>
        <h1>{person.displayName}</h1>
        <p>
          @{person.username}, {tr(roleKey(person.role))}
          {person.active ? '' : ` ${tr('notifications.person.deactivated')}`}
        </p>
      </Fragment>
    ),
  });
}
