import type { Page } from '../../common/dto/pagination.dto';
import type { FieldError } from '../../common/errors';
import type { WebhookDeliveryDto, WebhookDto } from '../../webhooks/dto/webhook.dto';
import { WEBHOOK_EVENTS } from '../../webhooks/events';
import { Fragment, h, Html } from '../jsx';
import type { Viewer } from '../web.types';
import { Pager } from './articles';
import { formatInstant } from './labels';
import { CsrfField, Layout, Notice, Problems } from './layout';

export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
}

/** Endpoints disabled after repeated failures: shown to admins until turned back on. */
function DisabledNotices({ disabled }: { disabled: WebhookDto[] }): Html {
  if (!disabled.length) return <Fragment />;
  return (
    <div class="problems" role="alert">
      <p>
        {disabled.length === 1 ? 'A webhook endpoint was disabled because its deliveries kept failing:' : `${disabled.length} webhook endpoints were disabled because their deliveries kept failing:`}
      </p>
      <ul>
        {disabled.map((w) => (
          <li>
            <a href={`/webhooks/${w.id}`}>{w.url}</a> on {formatInstant(w.disabledAt!)}: {w.disabledReason ?? ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EventChoices({ prefix, chosen }: { prefix: string; chosen: string[] }): Html {
  return (
    <fieldset>
      <legend>Events to deliver</legend>
      {WEBHOOK_EVENTS.map((e) => (
        <div class="check">
          <input type="checkbox" id={`${prefix}-${e}`} name="events" value={e} checked={chosen.includes(e)} />
          <label for={`${prefix}-${e}`}>{e}</label>
        </div>
      ))}
    </fieldset>
  );
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
  return Layout({
    title: 'Webhooks',
    viewer: m.viewer,
    section: 'webhooks',
    children: (
      <Fragment>
        <h1>Webhooks</h1>
        <DisabledNotices disabled={m.disabled} />
        <Notice text={m.notice} />
        {m.created ? (
          <section class="notice" role="status" aria-labelledby="secret-h">
            <h2 id="secret-h">Endpoint registered: copy its secret now</h2>
            <p>
              Deliveries to <a href={`/webhooks/${m.created.id}`}>{m.created.url}</a> are signed with this secret. It is not shown again.
            </p>
            <p>
              <code id="webhook-secret">{m.created.secret}</code>
            </p>
          </section>
        ) : null}
        <p>
          Every event is POSTed as JSON, signed with HMAC-SHA256 (headers <code>X-Claimtrail-Signature</code> and <code>X-Claimtrail-Timestamp</code>); the payload is described by{' '}
          <a href="/api/webhooks/schema.json">its JSON Schema</a>.
        </p>
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">Registered webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {m.endpoints.items.map((w) => (
                <tr id={`webhook-${w.id}`}>
                  <td data-label="Endpoint">
                    <a href={`/webhooks/${w.id}`}>{w.url}</a>
                    {w.description ? <div class="meta">{w.description}</div> : null}
                  </td>
                  <td data-label="Events">{w.events.join(', ')}</td>
                  <td data-label="State">{w.active ? (w.consecutiveFailures ? `active, ${w.consecutiveFailures} failed in a row` : 'active') : 'disabled'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.endpoints.items.length === 0 ? <p>No endpoint yet.</p> : null}
        <Pager base="/webhooks" current={m.endpoints} />
        <section class="narrow" aria-labelledby="new-webhook-h">
          <h2 id="new-webhook-h">Register an endpoint</h2>
          <Problems message={m.message} errors={m.errors} />
          <form method="post" action="/webhooks" class="stack">
            <CsrfField viewer={m.viewer} />
            <label for="new-url">URL (http or https, a public address)</label>
            <input id="new-url" name="url" type="url" required value={m.values.url} />
            <label for="new-description">Description (optional)</label>
            <input id="new-description" name="description" value={m.values.description} />
            <EventChoices prefix="new-event" chosen={m.values.events} />
            <label for="new-secret">Secret (optional, 16+ characters; left empty, one is generated)</label>
            <input id="new-secret" name="secret" type="password" autocomplete="off" minlength="16" />
            <button type="submit">Register endpoint</button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

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
  return Layout({
    title: `Webhook ${w.url}`,
    viewer: m.viewer,
    section: 'webhooks',
    children: (
      <Fragment>
        <p>
          <a href="/webhooks">← Webhooks</a>
        </p>
        <h1>Webhook endpoint</h1>
        <p>
          <code>{w.url}</code> · {w.active ? 'active' : 'disabled'}
          {w.consecutiveFailures ? ` · ${w.consecutiveFailures} failed in a row` : ''}
        </p>
        {!w.active && w.disabledReason ? (
          <div class="problems" role="alert">
            <p>
              Disabled{w.disabledAt ? ` on ${formatInstant(w.disabledAt)}` : ''}: {w.disabledReason}
            </p>
          </div>
        ) : null}
        <Notice text={m.notice} />
        <form method="post" action={`/webhooks/${w.id}/test`}>
          <CsrfField viewer={m.viewer} />
          <button type="submit" class="secondary">
            Send test event
          </button>
        </form>
        <section class="narrow" aria-labelledby="edit-webhook-h">
          <h2 id="edit-webhook-h">Settings</h2>
          <Problems message={m.message} errors={m.errors} />
          <form method="post" action={`/webhooks/${w.id}`} class="stack">
            <CsrfField viewer={m.viewer} />
            <input type="hidden" name="version" value={String(w.version)} />
            <label for="edit-url">URL</label>
            <input id="edit-url" name="url" type="url" required value={m.values.url} />
            <label for="edit-description">Description</label>
            <input id="edit-description" name="description" value={m.values.description} />
            <EventChoices prefix="edit-event" chosen={m.values.events} />
            <div class="check">
              <input type="checkbox" id="edit-active" name="active" value="true" checked={w.active} />
              <label for="edit-active">Active (turning a disabled endpoint back on clears its failure count)</label>
            </div>
            <label for="edit-secret">New secret (optional, 16+ characters)</label>
            <input id="edit-secret" name="secret" type="password" autocomplete="off" minlength="16" />
            <button type="submit">Save endpoint</button>
          </form>
        </section>
        <h2 id="deliveries-h">Delivery log</h2>
        <div class="table-wrap">
          <table class="list" aria-labelledby="deliveries-h">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Delivery, try</th>
                <th scope="col">Outcome</th>
                <th scope="col">Latency</th>
                <th scope="col">Response or error</th>
              </tr>
            </thead>
            <tbody>
              {m.deliveries.items.map((d) => (
                <tr>
                  <td data-label="When">{formatInstant(d.at)}</td>
                  <td data-label="Event">{d.event}</td>
                  <td data-label="Delivery, try">
                    {String(d.messageId)}, try {String(d.attempt)}
                  </td>
                  <td data-label="Outcome">
                    {d.outcome}
                    {d.httpStatus !== null ? ` (${d.httpStatus})` : ''}
                  </td>
                  <td data-label="Latency">{d.latencyMs !== null ? `${d.latencyMs} ms` : '–'}</td>
                  <td data-label="Response or error">{d.error ?? d.responseExcerpt ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.deliveries.items.length === 0 ? <p>No delivery yet.</p> : null}
        <Pager base={`/webhooks/${w.id}`} current={m.deliveries} />
      </Fragment>
    ),
  });
}
