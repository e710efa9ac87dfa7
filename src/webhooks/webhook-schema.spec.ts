import { webhookSchemaComponents, WEBHOOK_EVENT_SCHEMA } from './webhook-schema';
import { TEST_EVENT, WEBHOOK_EVENTS } from './events';

describe('the webhook payload schema as OpenAPI components', () => {
  const components = webhookSchemaComponents();

  it('names the event and each definition, and every reference points at one of them', () => {
    expect(Object.keys(components).sort()).toEqual(['WebhookClaim', 'WebhookComment', 'WebhookEndpoint', 'WebhookEvent', 'WebhookTransition', 'WebhookUser', 'WebhookVerdict']);
    const refs = JSON.stringify(components).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(components).map((k) => `"$ref":"#/components/schemas/${k}"`)).toContain(ref);
    expect(JSON.stringify(components)).not.toContain('definitions');
  });

  it('lists exactly the events endpoints can subscribe to, plus the test event', () => {
    expect(WEBHOOK_EVENT_SCHEMA.properties.type.enum).toEqual([...WEBHOOK_EVENTS, TEST_EVENT]);
  });
});
