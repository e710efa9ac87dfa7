import type { Page } from '../../common/dto/pagination.dto';
import type { FieldError } from '../../common/errors';
import { formatDateTime, formatList, type Lang, t } from '../../i18n/i18n';
import type { WebhookDeliveryDto, WebhookDto } from '../../webhooks/dto/webhook.dto';
import { WEBHOOK_EVENTS } from '../../webhooks/events';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { Pager } from './articles';
import { CsrfField, Layout, Notice, Problems } from './layout';

export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
}

/** Endpoints disabled after repeated failures: shown to admins until turned back on. */
function DisabledNotices({ disabled, lang }: { disabled: WebhookDto[]; lang: Lang }): Html {
  if (!disabled.length) return <Fragment />;
  return (
    <div class="problems" role="alert">
      <p>{disabled.length === 1 ? t(lang, 'webhooks.disabled.one') : t(lang, 'webhooks.disabled.many', { count: disabled.length })}</p>
      <ul>
        {disabled.map((w) => (
          <li>
            <a href={`/webhooks/${w.id}`}>{w.url}</a> {t(lang, 'webhooks.disabled.item', { when: formatDateTime(lang, w.disabledAt!), reason: w.disabledReason ?? '' })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EventChoices({ prefix, chosen, lang }: { prefix: string; chosen: string[]; lang: Lang }): Html {
  return (
    <fieldset>
      <legend>{t(lang, 'webhooks.events.legend')}</legend>
      {WEBHOOK_EVENTS.map((e) => (
        <div class="check">
          <input type="checkbox" id={`${prefix}-${e}`} name="events" value={e} checked={chosen.includes(e)} />
          <label for={`${prefix}-${e}`}>{e}</label>
        </div>
      ))}
    </fieldset>
  );
}

function state(w: WebhookDto, lang: Lang): string {
  if (!w.active) return t(lang, 'webhooks.state.disabled');
  return w.consecutiveFailures ? t(lang, 'webhooks.state.failing', { count: w.consecutiveFailures }) : t(lang, 'webhooks.state.active');
}

export function WebhooksPage(m: {
  viewer: Viewer;
  endpoints: Page<WebhookDto>;
  disabled: WebhookDto[];
  values: WebhookFormValues;
  /** The endpoint just registered and its secret: shown once, here. */
  created?: { id: number; url: string; secret: string };
  notice?: string;
  message?: string;
  errors?: FieldError[];
}): string {
  const lang = m.viewer.lang;
  return Layout({
    title: t(lang, 'webhooks.title'),
    viewer: m.viewer,
    section: 'webhooks',
    children: (
      <Fragment>
        <h1>{t(lang, 'webhooks.title')}</h1>
        <DisabledNotices disabled={m.disabled} lang={lang} />
        <Notice text={m.notice} />
        {m.created ? (
          <section class="notice" role="status" aria-labelledby="secret-h">
            <h2 id="secret-h">{t(lang, 'webhooks.created.heading')}</h2>
            <p>
              {t(lang, 'webhooks.created.before')} <a href={`/webhooks/${m.created.id}`}>{m.created.url}</a> {t(lang, 'webhooks.created.after')}
            </p>
            <p>
              <code id="webhook-secret">{m.created.secret}</code>
            </p>
          </section>
        ) : null}
        <p>
          {t(lang, 'webhooks.intro.before', { signature: 'X-Claimtrail-Signature', timestamp: 'X-Claimtrail-Timestamp' })} <a href="/api/webhooks/schema.json">{t(lang, 'webhooks.intro.schema')}</a>.
        </p>
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">{t(lang, 'webhooks.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'webhooks.list.endpoint')}</th>
                <th scope="col">{t(lang, 'webhooks.list.events')}</th>
                <th scope="col">{t(lang, 'webhooks.list.state')}</th>
              </tr>
            </thead>
            <tbody>
              {m.endpoints.items.map((w) => (
                <tr id={`webhook-${w.id}`}>
                  <td data-label={t(lang, 'webhooks.list.endpoint')}>
                    <a href={`/webhooks/${w.id}`}>{w.url}</a>
                    {w.description ? <div class="meta">{w.description}</div> : null}
                  </td>
                  <td data-label={t(lang, 'webhooks.list.events')}>{formatList(lang, w.events)}</td>
                  <td data-label={t(lang, 'webhooks.list.state')}>{state(w, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.endpoints.items.length === 0 ? <p>{t(lang, 'webhooks.list.empty')}</p> : null}
        <Pager base="/webhooks" current={m.endpoints} lang={lang} />
        <section class="narrow" aria-labelledby="new-webhook-h">
          <h2 id="new-webhook-h">{t(lang, 'webhooks.new.heading')}</h2>
          <Problems message={m.message} errors={m.errors} />
          <form method="post" action="/webhooks" class="stack">
            <CsrfField viewer={m.viewer} />
            <label for="new-url">{t(lang, 'webhooks.new.url')}</label>
            <input id="new-url" name="url" type="url" required value={m.values.url} />
            <label for="new-description">{t(lang, 'webhooks.new.description')}</label>
            <input id="new-description" name="description" value={m.values.description} />
            <EventChoices prefix="new-event" chosen={m.values.events} lang={lang} />
            <label for="new-secret">{t(lang, 'webhooks.new.secret')}</label>
            <input id="new-secret" name="secret" type="password" autocomplete="off" minlength="16" />
            <button type="submit">{t(lang, 'webhooks.new.submit')}</button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

const OUTCOME_KEYS = { delivered: 'webhooks.outcome.delivered', failed: 'webhooks.outcome.failed', refused: 'webhooks.outcome.refused' } as const;

export function WebhookPage(m: {
  viewer: Viewer;
  endpoint: WebhookDto;
  deliveries: Page<WebhookDeliveryDto>;
  values: WebhookFormValues;
  notice?: string;
  message?: string;
  errors?: FieldError[];
}): string {
  const w = m.endpoint;
  const lang = m.viewer.lang;
  return Layout({
    title: t(lang, 'webhooks.detail.title', { url: w.url }),
    viewer: m.viewer,
    section: 'webhooks',
    children: (
      <Fragment>
        <p>
          <a href="/webhooks">{t(lang, 'webhooks.back')}</a>
        </p>
        <h1>{t(lang, 'webhooks.detail.heading')}</h1>
        <p>
          <code>{w.url}</code> · {state(w, lang)}
        </p>
        {!w.active && w.disabledReason ? (
          <div class="problems" role="alert">
            <p>
              {w.disabledAt
                ? t(lang, 'webhooks.detail.disabledOn', { when: formatDateTime(lang, w.disabledAt), reason: w.disabledReason })
                : t(lang, 'webhooks.detail.disabled', { reason: w.disabledReason })}
            </p>
          </div>
        ) : null}
        <Notice text={m.notice} />
        <form method="post" action={`/webhooks/${w.id}/test`}>
          <CsrfField viewer={m.viewer} />
          <button type="submit" class="secondary">
            {t(lang, 'webhooks.test.submit')}
          </button>
        </form>
        <section class="narrow" aria-labelledby="edit-webhook-h">
          <h2 id="edit-webhook-h">{t(lang, 'webhooks.settings.heading')}</h2>
          <Problems message={m.message} errors={m.errors} />
          <form method="post" action={`/webhooks/${w.id}`} class="stack">
            <CsrfField viewer={m.viewer} />
            <input type="hidden" name="version" value={String(w.version)} />
            <label for="edit-url">{t(lang, 'webhooks.settings.url')}</label>
            <input id="edit-url" name="url" type="url" required value={m.values.url} />
            <label for="edit-description">{t(lang, 'webhooks.settings.description')}</label>
            <input id="edit-description" name="description" value={m.values.description} />
            <EventChoices prefix="edit-event" chosen={m.values.events} lang={lang} />
            <div class="check">
              <input type="checkbox" id="edit-active" name="active" value="true" checked={w.active} />
              <label for="edit-active">{t(lang, 'webhooks.settings.active')}</label>
            </div>
            <label for="edit-secret">{t(lang, 'webhooks.settings.secret')}</label>
            <input id="edit-secret" name="secret" type="password" autocomplete="off" minlength="16" />
            <button type="submit">{t(lang, 'webhooks.settings.submit')}</button>
          </form>
        </section>
        <h2 id="deliveries-h">{t(lang, 'webhooks.log.heading')}</h2>
        <div class="table-wrap">
          <table class="list" aria-labelledby="deliveries-h">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'webhooks.log.when')}</th>
                <th scope="col">{t(lang, 'webhooks.log.event')}</th>
                <th scope="col">{t(lang, 'webhooks.log.try')}</th>
                <th scope="col">{t(lang, 'webhooks.log.outcome')}</th>
                <th scope="col">{t(lang, 'webhooks.log.latency')}</th>
                <th scope="col">{t(lang, 'webhooks.log.response')}</th>
              </tr>
            </thead>
            <tbody>
              {m.deliveries.items.map((d) => (
                <tr>
                  <td data-label={t(lang, 'webhooks.log.when')}>{formatDateTime(lang, d.at)}</td>
                  <td data-label={t(lang, 'webhooks.log.event')}>{d.event}</td>
                  <td data-label={t(lang, 'webhooks.log.try')}>{t(lang, 'webhooks.log.tryValue', { delivery: String(d.messageId), attempt: String(d.attempt) })}</td>
                  <td data-label={t(lang, 'webhooks.log.outcome')}>
                    {t(lang, OUTCOME_KEYS[d.outcome])}
                    {d.httpStatus !== null ? ` (${d.httpStatus})` : ''}
                  </td>
                  <td data-label={t(lang, 'webhooks.log.latency')}>{d.latencyMs !== null ? t(lang, 'webhooks.log.latencyValue', { ms: d.latencyMs }) : '–'}</td>
                  <td data-label={t(lang, 'webhooks.log.response')}>{d.error ?? d.responseExcerpt ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.deliveries.items.length === 0 ? <p>{t(lang, 'webhooks.log.empty')}</p> : null}
        <Pager base={`/webhooks/${w.id}`} current={m.deliveries} lang={lang} />
      </Fragment>
    ),
  });
}
