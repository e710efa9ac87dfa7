import schema from './webhook-event.schema.json';

/** The payload's JSON Schema (webhook-event.schema.json), as served at GET /api/webhooks/schema.json. */
export const WEBHOOK_EVENT_SCHEMA = schema;

/**
 * The same schema as OpenAPI components (`WebhookEvent`, `WebhookClaim`, …): references to
 * `#/definitions/X` become `#/components/schemas/WebhookX`. One source for the README, the
 * served document and the spec that validates real deliveries.
 */
export function webhookSchemaComponents(): Record<string, object> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/Webhook') : rewrite(v)]),
    );
  };
  const { $schema: _s, $id: _i, title: _t, definitions, ...event } = schema;
  const components: Record<string, object> = { WebhookEvent: rewrite(event) as object };
  for (const [name, definition] of Object.entries(definitions)) components[`Webhook${name}`] = rewrite(definition) as object;
  return components;
}
